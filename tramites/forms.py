import re
from datetime import date

import phonenumbers
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from config import entidades
from tramites.busqueda import LARGO_MAXIMO

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


class CalculadoraForm(forms.Form):
    escenario = forms.ChoiceField(
        label=_("Trámite y modalidad"),
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

    def __init__(self, *args, escenarios, **kwargs):
        super().__init__(*args, **kwargs)
        self.escenarios = {e.clave: e for e in escenarios}
        grupos: dict[str, list] = {}
        for escenario in escenarios:
            grupos.setdefault(escenario.tramite.nombre, []).append(
                (escenario.clave, escenario.etiqueta)
            )
        self.fields["escenario"].choices = [("", _("Elija un trámite"))] + list(grupos.items())

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

    def __init__(self, data=None, *, escenarios, agregar: bool = False, **kwargs):
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
        grupos: dict[str, list] = {}
        for escenario in escenarios:
            grupos.setdefault(escenario.tramite.nombre, []).append(
                (escenario.clave, escenario.etiqueta)
            )
        for fila in range(1, self.numero + 1):
            vacia = _("Elija un trámite") if fila == 1 else _("Nadie más")
            self.fields[f"persona{fila}"] = forms.ChoiceField(
                label=_("Persona %(numero)s: trámite, modalidad y duración") % {"numero": fila},
                required=fila == 1,
                choices=[("", vacia), *grupos.items()],
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


def _pais(etiqueta, *, ayuda="", requerido=True):
    return forms.ChoiceField(
        label=etiqueta,
        help_text=ayuda,
        required=requerido,
        choices=_paises,
        error_messages={
            "required": _("Elija un país de la lista."),
            "invalid_choice": _("Elija un país de la lista."),
        },
    )


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
        """Cada campo como texto para el PDF (nombres de país y opciones, fechas dd/mm/aaaa)."""
        resultado = {}
        for nombre, campo in self.fields.items():
            valor = self.cleaned_data.get(nombre)
            if valor in (None, ""):
                resultado[nombre] = ""
            elif isinstance(valor, date):
                resultado[nombre] = valor.strftime("%d/%m/%Y")
            elif isinstance(campo, forms.ChoiceField):
                resultado[nombre] = str(dict(campo.choices).get(valor, valor))
            else:
                resultado[nombre] = str(valor)
        return resultado


class DomicilioMixin(forms.Form):
    calle_numero = _texto(_("Calle y número"), largo=120, autocomplete="address-line1")
    colonia = _texto(_("Colonia"), largo=80, autocomplete="address-line2")
    municipio = _texto(_("Municipio o alcaldía"), largo=80, autocomplete="address-level2")
    entidad = _opciones(_("Estado"), entidades.opciones())
    codigo_postal = _texto(
        _("Código postal"),
        largo=5,
        ayuda=_("Cinco números."),
        inputmode="numeric",
        autocomplete="postal-code",
    )

    def clean_codigo_postal(self):
        codigo = self.cleaned_data["codigo_postal"].strip()
        if not CODIGO_POSTAL.match(codigo):
            raise forms.ValidationError(
                _("Escriba el código postal con cinco números, por ejemplo 11510.")
            )
        return codigo


class SolicitudForm(DomicilioMixin, DocumentoForm):
    nombre = _texto(
        _("Nombre o nombres"),
        largo=60,
        autocomplete="given-name",
        mensaje=_("Escriba su nombre como aparece en su pasaporte."),
    )
    primer_apellido = _texto(
        _("Primer apellido"),
        largo=60,
        autocomplete="family-name",
        mensaje=_("Escriba su primer apellido como aparece en su pasaporte."),
    )
    segundo_apellido = _texto(_("Segundo apellido"), largo=60, requerido=False)
    sexo = _opciones(_("Sexo"), SEXOS, radios=True)
    fecha_nacimiento = _fecha(_("Fecha de nacimiento"), ayuda=_("Por ejemplo 25/12/1990."))
    pais_nacimiento = _pais(_("País de nacimiento"))
    lugar_nacimiento = _texto(_("Ciudad o lugar de nacimiento"), largo=80, requerido=False)
    nacionalidad = _pais(_("Nacionalidad"))
    tipo_documento = _opciones(_("Documento de identidad"), TIPOS_DOCUMENTO)
    numero_documento = _texto(
        _("Número del documento"),
        largo=30,
        ayuda=_("Como aparece en el documento, sin espacios ni guiones."),
        mensaje=_("Escriba el número de su documento."),
        autocomplete="off",
    )
    curp = _texto(
        _("CURP"),
        largo=18,
        requerido=False,
        ayuda=_("Solo si ya tiene una: 18 letras y números."),
        autocomplete="off",
    )
    telefono = _texto(
        _("Teléfono"),
        largo=25,
        ayuda=_("Con lada, por ejemplo 55 1234 5678."),
        inputmode="tel",
        autocomplete="tel",
    )
    correo = forms.EmailField(
        label=_("Correo electrónico"),
        required=False,
        max_length=120,
        error_messages={"invalid": _("Escriba un correo como nombre@ejemplo.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    situacion = _opciones(_("Situación migratoria actual"), SITUACIONES)
    modalidad = forms.ChoiceField(
        label=_("Modalidad del trámite"),
        error_messages={
            "required": _("Elija la modalidad del trámite."),
            "invalid_choice": _("Elija una modalidad de la lista."),
        },
    )
    oficina = _texto(
        _("Oficina del INM donde la presentará"),
        largo=120,
        requerido=False,
        ayuda=_("Por ejemplo: Oficina de Representación en Chiapas, Tapachula."),
    )

    def __init__(self, *args, tramite, **kwargs):
        super().__init__(*args, **kwargs)
        modalidades = [(m.slug, m.nombre) for m in tramite.modalidades.all()]
        if modalidades:
            self.fields["modalidad"].choices = [("", _("Elija una modalidad"))] + modalidades
        else:
            del self.fields["modalidad"]

    def clean_fecha_nacimiento(self):
        fecha = self.cleaned_data["fecha_nacimiento"]
        if fecha > timezone.localdate():
            raise forms.ValidationError(_("La fecha de nacimiento no puede ser posterior a hoy."))
        if fecha < FECHA_MINIMA:
            raise forms.ValidationError(
                _("Revise el año de nacimiento: debe ser de 1900 en adelante.")
            )
        return fecha

    def clean_numero_documento(self):
        numero = re.sub(r"[\s-]", "", self.cleaned_data["numero_documento"]).upper()
        if not DOCUMENTO.match(numero):
            raise forms.ValidationError(
                _("Escriba el número con 5 a 20 letras y números, sin espacios ni signos.")
            )
        return numero

    def clean_curp(self):
        curp = self.cleaned_data["curp"].strip().upper()
        if curp and not CURP.match(curp):
            raise forms.ValidationError(
                _(
                    "La CURP tiene 18 letras y números, por ejemplo GOMA900101MNELRN09. Revísela o déjela en blanco."
                )
            )
        return curp

    def clean_telefono(self):
        texto = self.cleaned_data["telefono"]
        try:
            numero = phonenumbers.parse(texto, "MX")
        except phonenumbers.NumberParseException:
            numero = None
        if numero is None or not phonenumbers.is_valid_number(numero):
            raise forms.ValidationError(
                _(
                    "Escriba un teléfono completo con lada, por ejemplo 55 1234 5678 o +1 202 555 0100."
                )
            )
        return phonenumbers.format_number(numero, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    def clean(self):
        datos = super().clean()
        curp, nacimiento = datos.get("curp"), datos.get("fecha_nacimiento")
        if curp and nacimiento:
            coincide = CURP.match(curp)
            if coincide and (coincide["aa"], coincide["mm"], coincide["dd"]) != (
                nacimiento.strftime("%y"),
                nacimiento.strftime("%m"),
                nacimiento.strftime("%d"),
            ):
                self.add_error(
                    "curp", _("La fecha de la CURP no coincide con su fecha de nacimiento.")
                )
        return datos


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
