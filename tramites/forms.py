import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_countries import countries

from config.widgets import FastSelect
from tramites.busqueda import LARGO_MAXIMO
from tramites.gentilicios import opciones_nacionalidad

PERSONAS_MAXIMO = 50


class BusquedaForm(forms.Form):
    q = forms.CharField(
        label=_("¿Qué trámite busca?"),
        help_text=_("Por ejemplo: renovación, permiso para trabajar, cambio de domicilio."),
        max_length=LARGO_MAXIMO,
        error_messages={
            "required": _("Escriba qué trámite busca, por ejemplo «renovación»."),
            "max_length": _("Escriba como máximo %(limit_value)d caracteres."),
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


def opciones_escenarios(escenarios) -> list[tuple[str, list[tuple[str, str]]]]:
    """Las opciones de las calculadoras, agrupadas por trámite, en el idioma activo.

    Solo dependen del contenido y del idioma: la página de cuotas las guarda por versión."""
    grupos: dict[str, list] = {}
    for escenario in escenarios:
        grupos.setdefault(escenario.tramite.nombre, []).append(
            (escenario.clave, str(escenario.etiqueta))
        )
    return list(grupos.items())


class CalculadoraForm(forms.Form):
    escenario = forms.ChoiceField(
        label=_("Trámite y modalidad"),
        widget=FastSelect,
        error_messages={
            "required": _("Elija el trámite y la modalidad."),
            "invalid_choice": _("Elija un trámite y una modalidad de la lista."),
        },
    )
    personas = forms.IntegerField(
        label=_("Número de personas"),
        help_text=_("Cada persona presenta su propia solicitud y hace su propio pago."),
        min_value=1,
        max_value=PERSONAS_MAXIMO,
        initial=1,
        error_messages={
            "required": _("Escriba cuántas personas harán el trámite."),
            "invalid": _("Escriba el número de personas con cifras, por ejemplo 2."),
            "min_value": _("Escriba un número de personas entre 1 y 50."),
            "max_value": _("Escriba un número de personas entre 1 y 50."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, escenarios, opciones=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.escenarios = {e.clave: e for e in escenarios}
        if opciones is None:
            opciones = opciones_escenarios(escenarios)
        self.fields["escenario"].choices = [("", _("Elija un trámite")), *opciones]

    def clean_escenario(self):
        return self.escenarios[self.cleaned_data["escenario"]]


FILAS_FAMILIA = 3
FILAS_FAMILIA_MAXIMO = 12


class FamiliaForm(forms.Form):
    """Calculadora para una familia: una fila por persona, cada una con su trámite, modalidad y
    duración. Sin JavaScript: hay filas fijas y «Agregar una persona» vuelve con una más,
    conservando lo elegido (sin validar todavía)."""

    filas = forms.IntegerField(
        min_value=1, max_value=FILAS_FAMILIA_MAXIMO, required=False, widget=forms.HiddenInput
    )

    def __init__(self, data=None, *, escenarios, opciones=None, agregar: bool = False, **kwargs):
        kwargs.setdefault("auto_id", "familia-%s")
        numero = self.filas_pedidas(data or {}) + (1 if agregar else 0)
        self.numero = min(numero, FILAS_FAMILIA_MAXIMO)
        if agregar:
            # Agregar una fila no es enviar: se muestra lo elegido, sin errores.
            kwargs["initial"] = {k: v for k, v in (data or {}).items() if k.startswith("persona")}
            data = None
        super().__init__(data, **kwargs)
        self.fields["filas"].initial = self.numero
        self.escenarios = {e.clave: e for e in escenarios}
        if opciones is None:
            opciones = opciones_escenarios(escenarios)
        for fila in range(1, self.numero + 1):
            vacia = _("Elija un trámite") if fila == 1 else _("Nadie más")
            self.fields[f"persona{fila}"] = forms.ChoiceField(
                label=_("Persona %(numero)s: trámite, modalidad y duración") % {"numero": fila},
                required=fila == 1,
                choices=[("", vacia), *opciones],
                widget=FastSelect,
                error_messages={
                    "required": _("Elija el trámite de la primera persona."),
                    "invalid_choice": _("Elija un trámite y una modalidad de la lista."),
                },
            )

    @staticmethod
    def filas_pedidas(datos) -> int:
        """Las filas de la dirección, y al menos hasta la última que trae respuesta."""
        try:
            filas = int(datos.get("filas") or FILAS_FAMILIA)
        except (TypeError, ValueError):
            filas = FILAS_FAMILIA
        usadas = [
            int(clave.removeprefix("persona"))
            for clave in datos
            if re.fullmatch(r"persona([1-9]|1[0-2])", clave)
        ]
        return max(1, min(FILAS_FAMILIA_MAXIMO, max([filas, *usadas])))

    def personas(self):
        return [self[f"persona{fila}"] for fila in range(1, self.numero + 1)]

    def clean_filas(self):
        return self.numero

    def clean(self):
        datos = super().clean()
        datos["elegidos"] = [
            self.escenarios[datos[f"persona{fila}"]]
            for fila in range(1, self.numero + 1)
            if datos.get(f"persona{fila}")
        ]
        return datos


# ---------------------------------------------------------------------------------------------
# Documentos: solicitud, escrito libre, hoja de pago y lista de documentos.
# Nada de lo que se escribe aquí se guarda: los formularios solo validan y entregan el PDF.

CURP = re.compile(
    r"^[A-Z][AEIOUX][A-Z]{2}(?P<aa>\d{2})(?P<mm>0[1-9]|1[0-2])(?P<dd>0[1-9]|[12]\d|3[01])[HMX]"
    r"(AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ"
    r"|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$"
)
DOCUMENTO = re.compile(r"^[A-Z0-9]{5,20}$")
CODIGO_POSTAL = re.compile(r"^\d{5}$")
FECHA_MINIMA = date(1900, 1, 1)


def _texto(etiqueta, *, largo=100, requerido=True, ayuda="", mensaje="", **atributos):
    return forms.CharField(
        label=etiqueta,
        max_length=largo,
        required=requerido,
        help_text=ayuda,
        error_messages={
            "required": mensaje or _("Escriba este dato."),
            "max_length": _("Escriba como máximo %(limit_value)d caracteres."),
        },
        widget=forms.TextInput(attrs=atributos),
    )


def _fecha(etiqueta, *, ayuda="", requerido=True):
    return forms.DateField(
        label=etiqueta,
        help_text=ayuda,
        required=requerido,
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        error_messages={
            "required": _("Escriba la fecha."),
            "invalid": _("Escriba la fecha como día/mes/año, por ejemplo 25/12/1990."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _paises():
    # Se evalúa en cada formulario: los nombres salen en el idioma de la página.
    return [("", _("Elija un país"))] + [(c.code, c.name) for c in countries]


def _nacionalidades():
    return [("", _("Elija un país"))] + opciones_nacionalidad()


class CampoPais(forms.ChoiceField):
    """Un país de la lista; en el PDF va su nombre en español (Haití, no Haiti)."""


def _pais(etiqueta, *, ayuda="", requerido=True, nacionalidad=False, mensaje=""):
    return CampoPais(
        label=etiqueta,
        help_text=ayuda,
        required=requerido,
        choices=_nacionalidades if nacionalidad else _paises,
        error_messages={
            "required": mensaje or _("Elija un país de la lista."),
            "invalid_choice": _("Elija un país de la lista."),
        },
    )


class FechaTresCajas(forms.MultiWidget):
    """Día, mes y año en tres cajas (patrón «Date input» de GOV.UK): sin calendario que abrir."""

    use_fieldset = True

    def __init__(self, attrs=None):
        numero = {"inputmode": "numeric", "autocomplete": "off"}
        super().__init__(
            {
                "dia": forms.TextInput({**numero, "maxlength": 2}),
                "mes": forms.TextInput({**numero, "maxlength": 2}),
                "anio": forms.TextInput({**numero, "maxlength": 4}),
            },
            attrs,
        )

    def decompress(self, value):
        if value:
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]

    def id_for_label(self, id_):
        # El resumen de errores lleva a la primera caja.
        return f"{id_}_dia" if id_ else ""


class CajaFecha:
    def __init__(self, etiqueta, nombre, ident, valor, clase):
        self.etiqueta, self.nombre, self.id, self.valor, self.clase = (
            etiqueta,
            nombre,
            ident,
            valor,
            clase,
        )


class CampoFechaEnCajasBound(forms.BoundField):
    @property
    def cajas(self) -> list[CajaFecha]:
        valor = self.value()
        if not isinstance(valor, (list, tuple)):
            valor = self.field.widget.decompress(valor)
        etiquetas = (_("Día"), _("Mes"), _("Año"))
        clases = ("ms-control--2", "ms-control--2", "ms-control--4")
        return [
            CajaFecha(etiqueta, f"{self.html_name}{sufijo}", f"{self.auto_id}{sufijo}", v, clase)
            for etiqueta, sufijo, v, clase in zip(
                etiquetas, ("_dia", "_mes", "_anio"), valor, clases, strict=True
            )
        ]


class CampoFechaEnCajas(forms.Field):
    """Fecha escrita en tres cajas; lo escrito vuelve tal cual si hay un error."""

    widget = FechaTresCajas
    default_error_messages = {
        "incompleta": _("Escriba el día, el mes y el año, por ejemplo 25 12 1990."),
        "invalid": _("Revise la fecha: el día, el mes y el año deben formar una fecha real."),
    }

    def get_bound_field(self, form, field_name):
        return CampoFechaEnCajasBound(form, self, field_name)

    def to_python(self, value):
        partes = [str(v or "").strip() for v in (value or ["", "", ""])]
        if not any(partes):
            return None
        if not all(partes):
            raise forms.ValidationError(self.error_messages["incompleta"], code="incompleta")
        if not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in partes):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            dia, mes, anio = (int(p) for p in partes)
            return date(anio, mes, dia)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def _fecha_nacimiento(etiqueta, *, ayuda="", mensaje=""):
    return CampoFechaEnCajas(
        label=etiqueta,
        help_text=ayuda or _("Día, mes y año con números, por ejemplo 25 12 1990."),
        error_messages={"required": mensaje or _("Escriba la fecha de nacimiento.")},
    )


def validar_nacimiento(fecha):
    if fecha > timezone.localdate():
        raise forms.ValidationError(_("La fecha de nacimiento no puede ser posterior a hoy."))
    if fecha < FECHA_MINIMA:
        raise forms.ValidationError(_("Revise el año de nacimiento: debe ser de 1900 en adelante."))
    return fecha


def _opciones(etiqueta, opciones, *, ayuda="", requerido=True, radios=False):
    return forms.ChoiceField(
        label=etiqueta,
        help_text=ayuda,
        required=requerido,
        choices=([] if radios else [("", _("Elija una opción"))]) + list(opciones),
        widget=forms.RadioSelect if radios else forms.Select,
        error_messages={
            "required": _("Elija una opción."),
            "invalid_choice": _("Elija una opción de la lista."),
        },
    )


SEXOS = (("mujer", _("Mujer")), ("hombre", _("Hombre")), ("otro", _("Prefiero no indicarlo")))
SITUACIONES = (
    ("visitante", _("Visitante")),
    ("residente-temporal", _("Residente temporal")),
    ("residente-temporal-estudiante", _("Residente temporal estudiante")),
    ("residente-permanente", _("Residente permanente")),
    ("sin-documento", _("Sin documento migratorio vigente")),
    ("fuera", _("Fuera de México")),
)
TIPOS_DOCUMENTO = (
    ("pasaporte", _("Pasaporte")),
    ("identidad-viaje", _("Documento de identidad y viaje")),
    ("tarjeta", _("Tarjeta de residente o de visitante")),
    ("otro", _("Otro documento oficial")),
)


class DocumentoForm(forms.Form):
    """Base de los formularios que llenan un PDF: da los valores listos para imprimir."""

    def valores(self) -> dict[str, str]:
        """Cada campo como texto para el PDF, en español aunque la página esté en otro idioma
        (lo que se entrega al INM va en español): nombres de país y opciones, fechas dd/mm/aaaa."""
        resultado = {}
        with override("es-mx"):
            for nombre, campo in self.fields.items():
                valor = self.cleaned_data.get(nombre)
                if valor in (None, ""):
                    resultado[nombre] = ""
                elif isinstance(valor, date):
                    resultado[nombre] = valor.strftime("%d/%m/%Y")
                elif isinstance(valor, (list, tuple)):
                    opciones = dict(campo.choices)
                    resultado[nombre] = "; ".join(str(opciones.get(v, v)) for v in valor)
                elif isinstance(campo, CampoPais):
                    resultado[nombre] = str(countries.name(valor))
                elif isinstance(campo, forms.ChoiceField):
                    resultado[nombre] = str(dict(campo.choices).get(valor, valor))
                else:
                    resultado[nombre] = str(valor)
        return resultado


class ModalidadForm(forms.Form):
    """Elegir la modalidad (lista de documentos)."""

    modalidad = forms.ChoiceField(
        label=_("Modalidad del trámite"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Elija la modalidad del trámite."),
            "invalid_choice": _("Elija una modalidad de la lista."),
        },
    )

    def __init__(self, *args, tramite, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["modalidad"].choices = [(m.slug, m.nombre) for m in tramite.modalidades.all()]


class PagoForm(forms.Form):
    escenario = forms.ChoiceField(
        label=_("¿Qué va a pagar?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Elija qué va a pagar."),
            "invalid_choice": _("Elija una opción de la lista."),
        },
    )

    def __init__(self, *args, escenarios, **kwargs):
        super().__init__(*args, **kwargs)
        self.escenarios = {e.clave: e for e in escenarios}
        self.fields["escenario"].choices = [(e.clave, e.etiqueta) for e in escenarios]

    def clean_escenario(self):
        return self.escenarios[self.cleaned_data["escenario"]]
