from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participa import abuso
from participa.models import ALFABETO_FOLIO, LARGO_FOLIO, TipoIrregularidad
from tramites.models import Tramite
from ventanillas.models import Lugar


class AntiAbusoForm(forms.Form):
    """Campo trampa y sello de tiempo. `es_robot` se revisa antes de `is_valid`."""

    # Las personas no lo ven (CSS y aria-hidden); si llega lleno, lo envió un programa.
    sitio_web = forms.CharField(required=False, label=_("No llene este campo"))
    sello = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["sello"] = abuso.sello()
        self.fields["sitio_web"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off", "class": "ms-trampa__control"}
        )

    def es_robot(self) -> bool:
        if self.data.get("sitio_web"):
            return True
        segundos = abuso.segundos_desde(self.data.get("sello", ""))
        return segundos is not None and segundos < abuso.TIEMPO_MINIMO

    def renovar_sello(self) -> None:
        self.data = self.data.copy()
        self.data["sello"] = abuso.sello()

    def caducado(self) -> bool:
        return abuso.segundos_desde(self.data.get("sello", "")) is None

    def campos_visibles(self):
        return [campo for campo in self if campo.name not in ("sitio_web", "sello")]


class OpinionForm(forms.Form):
    util = forms.TypedChoiceField(
        label=_("¿Le fue útil esta página?"),
        choices=(("si", _("Sí")), ("no", _("No"))),
        coerce=lambda valor: valor == "si",
        widget=forms.RadioSelect,
        error_messages={"required": _("Elija sí o no."), "invalid_choice": _("Elija sí o no.")},
    )
    comentario = forms.CharField(
        label=_("¿Qué le faltó o qué podemos mejorar?"),
        required=False,
        max_length=500,
        help_text=_("Opcional, hasta 500 caracteres. No escriba datos personales."),
        error_messages={
            "max_length": _("Escriba como máximo 500 caracteres (lleva %(show_value)d).")
        },
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )
    pagina = forms.CharField(max_length=300, widget=forms.HiddenInput)


class ContactoMixin(forms.Form):
    contacto_nombre = forms.CharField(label=_("Su nombre"), max_length=120, required=False)
    contacto_correo = forms.EmailField(
        label=_("Su correo electrónico"),
        max_length=120,
        required=False,
        error_messages={"invalid": _("Escriba un correo como nombre@ejemplo.com.")},
    )
    contacto_telefono = forms.CharField(label=_("Su teléfono"), max_length=30, required=False)


class OficinaField(forms.ModelChoiceField):
    """Oficinas del INM ordenadas por estado, con el estado delante para hallarlas en la lista."""

    def label_from_instance(self, obj):
        return f"{obj.estado.nombre} — {obj.nombre}"


class ReporteForm(ContactoMixin, AntiAbusoForm):
    tipo = forms.ChoiceField(
        label=_("¿Qué pasó?"),
        choices=TipoIrregularidad.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Elija qué pasó."),
            "invalid_choice": _("Elija una opción de la lista."),
        },
    )
    tramite = forms.ModelChoiceField(
        label=_("Trámite"),
        queryset=Tramite.objects.publicados(),
        to_field_name="slug",
        required=False,
        empty_label=_("No sé o no aplica"),
        error_messages={"invalid_choice": _("Elija un trámite de la lista.")},
    )
    lugar = OficinaField(
        label=_("Oficina del INM"),
        queryset=Lugar.objects.publicados()
        .oficinas()
        .select_related("estado")
        .order_by("estado__nombre", "nombre"),
        to_field_name="slug",
        required=False,
        empty_label=_("No sé o no está en la lista"),
        error_messages={"invalid_choice": _("Elija una oficina de la lista.")},
    )
    oficina = forms.CharField(
        label=_("Si la oficina no está en la lista"),
        max_length=200,
        required=False,
        help_text=_(
            "Ciudad y oficina donde ocurrió, por ejemplo «Tapachula, oficina de trámites»."
        ),
    )
    fecha_hechos = forms.DateField(
        label=_("Fecha en que ocurrió"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Escriba la fecha como día/mes/año, por ejemplo 25/10/2026.")},
    )
    descripcion = forms.CharField(
        label=_("Cuéntenos qué ocurrió"),
        max_length=2000,
        help_text=_("Hasta 2,000 caracteres."),
        error_messages={
            "required": _("Cuéntenos qué ocurrió."),
            "max_length": _("Escriba como máximo 2,000 caracteres (lleva %(show_value)d)."),
        },
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
    )

    @classmethod
    def preseleccion(cls, parametros) -> dict:
        """El trámite y la oficina que trae la dirección (?tramite=<slug>&lugar=<slug>).

        Los revisan los mismos campos del formulario; un valor que no existe o no se publica
        se ignora sin mensaje (el enlace pudo quedar viejo): la persona elige en la lista.
        """
        inicial = {}
        for nombre in ("tramite", "lugar"):
            try:
                valor = cls.base_fields[nombre].clean(parametros.get(nombre, ""))
            except forms.ValidationError:
                continue
            if valor is not None:
                inicial[nombre] = valor
        return inicial

    def clean_fecha_hechos(self):
        fecha = self.cleaned_data["fecha_hechos"]
        if fecha and fecha > timezone.localdate():
            raise forms.ValidationError(_("La fecha no puede ser posterior a hoy."))
        return fecha


class SolicitudDatosForm(ContactoMixin, AntiAbusoForm):
    titulo = forms.CharField(
        label=_("¿Qué datos o información necesita?"),
        max_length=200,
        error_messages={
            "required": _("Escriba qué necesita."),
            "max_length": _("Escriba como máximo 200 caracteres."),
        },
    )
    descripcion = forms.CharField(
        label=_("¿Para qué lo necesita?"),
        max_length=2000,
        help_text=_("Nos ayuda a decidir qué publicar primero. Hasta 2,000 caracteres."),
        error_messages={
            "required": _("Cuéntenos para qué lo necesita."),
            "max_length": _("Escriba como máximo 2,000 caracteres (lleva %(show_value)d)."),
        },
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
    )


class FolioForm(forms.Form):
    folio = forms.CharField(
        label=_("Folio"),
        max_length=40,
        help_text=_("Los 12 caracteres que recibió al enviar su reporte o solicitud."),
        error_messages={"required": _("Escriba su folio.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_folio(self):
        folio = "".join(self.cleaned_data["folio"].split()).upper().replace("-", "")
        if len(folio) != LARGO_FOLIO or any(c not in ALFABETO_FOLIO for c in folio):
            raise forms.ValidationError(
                _("El folio tiene 12 letras y números, por ejemplo 7KQ2M9TXH4PA. Revíselo.")
            )
        return folio
