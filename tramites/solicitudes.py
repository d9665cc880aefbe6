"""La solicitud de cada trámite, declarada como datos: qué secciones y campos tiene y a qué
formato oficial del INM corresponde.

Los trámites de estancia se piden con el «Formato para solicitar trámite migratorio de
estancia»; las tres visas que se tramitan en México, con el formato de autorización de visa
(internación), que llena quien la promueve aquí para una persona que está en el exterior. El
enlace de cada formato no se escribe aquí: sale de los formatos del trámite (fixtures).

Cada campo lleva una ayuda para la persona, en el idioma de la página; lo que se imprime va en
español (`DocumentoForm.valores`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

from config import entidades
from tramites.forms import (
    CODIGO_POSTAL,
    CURP,
    DOCUMENTO,
    SEXOS,
    SITUACIONES,
    TIPOS_DOCUMENTO,
    DocumentoForm,
    _fecha_nacimiento,
    _opciones,
    _pais,
    _texto,
    validar_nacimiento,
)

# RFC: 3 letras (persona moral) o 4 (persona física), fecha aammdd y homoclave de 3.
RFC = re.compile(r"^[A-ZÑ&]{3,4}\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[A-Z\d]{2}[A\d]$")
CONSTANCIA = re.compile(r"^[A-Z0-9][A-Z0-9/.-]{2,39}$")

TIPOS_IDENTIFICACION = (
    ("credencial-votar", _("Credencial para votar")),
    ("pasaporte", _("Pasaporte")),
    ("tarjeta", _("Tarjeta de residente")),
    ("otro", _("Otra identificación oficial")),
)


def _persona(prefijo: str) -> dict[str, Callable[[], forms.Field]]:
    """Nombre, sexo, fecha de nacimiento y nacionalidad de una persona (campos con prefijo)."""
    return {
        f"{prefijo}nombre": lambda: _texto(
            _("Nombre o nombres"),
            largo=60,
            autocomplete="off" if prefijo else "given-name",
            ayuda=_("Como aparece en el pasaporte o la identificación."),
            mensaje=_("Escriba el nombre como aparece en el pasaporte o la identificación."),
        ),
        f"{prefijo}primer_apellido": lambda: _texto(
            _("Primer apellido"),
            largo=60,
            autocomplete="off" if prefijo else "family-name",
            mensaje=_("Escriba el primer apellido como aparece en el pasaporte."),
        ),
        f"{prefijo}segundo_apellido": lambda: _texto(
            _("Segundo apellido"),
            largo=60,
            requerido=False,
            ayuda=_("Déjelo en blanco si no tiene."),
        ),
        f"{prefijo}sexo": lambda: _opciones(
            _("Sexo"), SEXOS, radios=True, ayuda=_("Como aparece en el pasaporte.")
        ),
        f"{prefijo}fecha_nacimiento": lambda: _fecha_nacimiento(
            _("Fecha de nacimiento"),
            mensaje=_("Escriba el día, el mes y el año de nacimiento, por ejemplo 25 12 1990."),
        ),
        f"{prefijo}nacionalidad": lambda: _pais(
            _("Nacionalidad"),
            nacionalidad=True,
            ayuda=_("El país que expidió el pasaporte."),
            mensaje=_("Elija en la lista el país de la nacionalidad."),
        ),
    }


CAMPOS: dict[str, Callable[[], forms.Field]] = {
    # Persona extranjera que hace un trámite de estancia.
    **_persona(""),
    "pais_nacimiento": lambda: _pais(
        _("País de nacimiento"), mensaje=_("Elija en la lista el país donde nació.")
    ),
    "lugar_nacimiento": lambda: _texto(
        _("Ciudad o lugar de nacimiento"),
        largo=80,
        requerido=False,
        ayuda=_("Como aparece en el pasaporte."),
    ),
    "tipo_documento": lambda: _opciones(
        _("Documento de identidad"),
        TIPOS_DOCUMENTO,
        ayuda=_("El documento con el que se identifica ante el INM."),
    ),
    "numero_documento": lambda: _texto(
        _("Número del documento"),
        largo=30,
        ayuda=_("Como aparece en el documento, sin espacios ni guiones."),
        mensaje=_("Escriba el número que aparece en su documento de identidad."),
        autocomplete="off",
    ),
    "curp": lambda: _texto(
        _("CURP"),
        largo=18,
        requerido=False,
        ayuda=_("Solo si ya tiene una: 18 letras y números; está en su tarjeta de residente."),
        autocomplete="off",
    ),
    "situacion": lambda: _opciones(
        _("Situación migratoria actual"),
        SITUACIONES,
        ayuda=_("La que dice su tarjeta o su documento migratorio hoy."),
    ),
    # Domicilio en México (de la persona, del promovente o del empleador).
    "calle_numero": lambda: _texto(
        _("Calle y número"),
        largo=120,
        autocomplete="address-line1",
        mensaje=_("Escriba la calle y el número exterior (y el interior, si hay)."),
    ),
    "colonia": lambda: _texto(
        _("Colonia"),
        largo=80,
        autocomplete="address-line2",
        mensaje=_("Escriba la colonia, como aparece en un recibo de luz o de agua."),
    ),
    "municipio": lambda: _texto(
        _("Municipio o alcaldía"),
        largo=80,
        autocomplete="address-level2",
        mensaje=_("Escriba el municipio o, en la Ciudad de México, la alcaldía."),
    ),
    "entidad": lambda: _opciones(
        _("Estado"), entidades.opciones(), ayuda=_("El estado donde está el domicilio.")
    ),
    "codigo_postal": lambda: _texto(
        _("Código postal"),
        largo=5,
        ayuda=_("Cinco números."),
        mensaje=_("Escriba el código postal de cinco números, por ejemplo 11510."),
        inputmode="numeric",
        autocomplete="postal-code",
    ),
    "telefono": lambda: _texto(
        _("Teléfono"),
        largo=25,
        ayuda=_("Con lada, por ejemplo 55 1234 5678."),
        mensaje=_("Escriba un teléfono donde el INM pueda llamarle, con lada."),
        inputmode="tel",
        autocomplete="tel",
    ),
    "correo": lambda: forms.EmailField(
        label=_("Correo electrónico"),
        required=False,
        max_length=120,
        help_text=_("Opcional: para que usted guarde el mismo dato que dará en el formato."),
        error_messages={"invalid": _("Escriba un correo como nombre@ejemplo.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    ),
    # Empleador (visa por oferta de empleo).
    "razon_social": lambda: _texto(
        _("Nombre o razón social del empleador"),
        largo=150,
        ayuda=_("Como aparece en la constancia de inscripción de empleador."),
        mensaje=_("Escriba el nombre de la persona o la razón social de la empresa que contrata."),
        autocomplete="organization",
    ),
    "rfc": lambda: _texto(
        _("RFC del empleador"),
        largo=20,  # se aceptan espacios y guiones, que se quitan al validar
        ayuda=_(
            "12 caracteres si es empresa, 13 si es persona física; está en su constancia fiscal."
        ),
        mensaje=_(
            "Escriba el RFC del empleador como aparece en su constancia de situación fiscal."
        ),
        autocomplete="off",
    ),
    "constancia_empleador": lambda: _texto(
        _("Número de constancia de inscripción de empleador"),
        largo=40,
        ayuda=_("El número de la constancia que el INM dio al empleador; debe estar vigente."),
        mensaje=_("Escriba el número que aparece en la constancia de inscripción de empleador."),
        autocomplete="off",
    ),
    "representante_legal": lambda: _texto(
        _("Representante legal"),
        largo=150,
        ayuda=_("La persona registrada en la constancia que firmará la solicitud."),
        mensaje=_("Escriba el nombre completo de quien representa al empleador y firmará."),
    ),
    # Promovente en México (visas por unidad familiar y por razones humanitarias).
    "tipo_identificacion": lambda: _opciones(
        _("Identificación oficial"),
        TIPOS_IDENTIFICACION,
        ayuda=_("Si es persona extranjera, su tarjeta de residente."),
    ),
    "numero_identificacion": lambda: _texto(
        _("Número de la identificación"),
        largo=30,
        ayuda=_("Como aparece en la identificación, sin espacios ni guiones."),
        mensaje=_("Escriba el número que aparece en su identificación oficial."),
        autocomplete="off",
    ),
    # Persona extranjera en el exterior (visas).
    **_persona("extranjero_"),
    "extranjero_pasaporte": lambda: _texto(
        _("Número de pasaporte"),
        largo=20,
        ayuda=_("El del pasaporte vigente de la persona, sin espacios."),
        mensaje=_("Escriba el número del pasaporte vigente de la persona extranjera."),
        autocomplete="off",
    ),
    "vinculo": lambda: _texto(
        _("Relación con la persona extranjera"),
        largo=100,
        ayuda=_("Por ejemplo: es mi hijo, es mi cónyuge."),
        mensaje=_("Escriba qué relación tiene con la persona, por ejemplo «es mi hija»."),
    ),
    "consulado": lambda: _texto(
        _("Consulado de México donde pedirá la visa"),
        largo=120,
        ayuda=_("Ciudad y país del consulado, por ejemplo: Consulado de México en Bogotá."),
        mensaje=_("Escriba el consulado de México donde la persona pedirá la visa."),
    ),
    # El trámite.
    "modalidad": lambda: forms.ChoiceField(
        label=_("Modalidad del trámite"),
        help_text=_("La que corresponde a su caso: de ella dependen los documentos que anexa."),
        error_messages={
            "required": _("Elija la modalidad del trámite."),
            "invalid_choice": _("Elija una modalidad de la lista."),
        },
    ),
    "oficina": lambda: _texto(
        _("Oficina del INM donde la presentará"),
        largo=120,
        requerido=False,
        ayuda=_("Por ejemplo: Oficina de Representación en Chiapas, Tapachula."),
    ),
}

# Clase del control en la página (ancho a la medida del dato).
CLASES = {"codigo_postal": "ms-control--corto", "rfc": "ms-control--mediano"}


@dataclass(frozen=True)
class Seccion:
    clave: str
    titulo: str
    campos: tuple[str, ...]


@dataclass(frozen=True)
class Solicitud:
    formato: str  # "estancia" o "internacion": qué formato oficial del INM se llena
    secciones: tuple[Seccion, ...]
    firma: str  # quién firma el formato

    @property
    def campos(self) -> list[str]:
        return [campo for seccion in self.secciones for campo in seccion.campos]


DOMICILIO = ("calle_numero", "colonia", "municipio", "entidad", "codigo_postal")
CONTACTO = ("telefono", "correo")
TRAMITE = Seccion("tramite", _("Su trámite"), ("modalidad", "oficina"))
EXTRANJERO_FUERA = (
    "extranjero_nombre",
    "extranjero_primer_apellido",
    "extranjero_segundo_apellido",
    "extranjero_sexo",
    "extranjero_fecha_nacimiento",
    "extranjero_nacionalidad",
    "extranjero_pasaporte",
)
PROMOVENTE = (
    "nombre",
    "primer_apellido",
    "segundo_apellido",
    "nacionalidad",
    "tipo_identificacion",
    "numero_identificacion",
)

ESTANCIA = Solicitud(
    formato="estancia",
    secciones=(
        Seccion(
            "solicitante",
            _("Datos de la persona extranjera"),
            (
                "nombre",
                "primer_apellido",
                "segundo_apellido",
                "sexo",
                "fecha_nacimiento",
                "pais_nacimiento",
                "lugar_nacimiento",
                "nacionalidad",
                "tipo_documento",
                "numero_documento",
                "curp",
                "situacion",
            ),
        ),
        Seccion("domicilio", _("Domicilio en México"), DOMICILIO),
        Seccion("contacto", _("Contacto"), CONTACTO),
        TRAMITE,
    ),
    firma=_(
        "Firma de la persona solicitante (si es menor de 18 años, firma quien ejerce la "
        "patria potestad o la tutela)"
    ),
)

OFERTA_EMPLEO = Solicitud(
    formato="internacion",
    secciones=(
        Seccion(
            "empleador",
            _("Empleador que ofrece el trabajo"),
            ("razon_social", "rfc", "constancia_empleador", "representante_legal"),
        ),
        Seccion("domicilio", _("Domicilio del empleador en México"), DOMICILIO),
        Seccion("contacto", _("Contacto del empleador"), CONTACTO),
        Seccion(
            "extranjero",
            _("Persona extranjera a quien se ofrece el empleo (en el exterior)"),
            (*EXTRANJERO_FUERA, "consulado"),
        ),
        TRAMITE,
    ),
    firma=_("Nombre y firma del representante legal del empleador"),
)


def _visa_familiar(titulo_beneficiario) -> Solicitud:
    return Solicitud(
        formato="internacion",
        secciones=(
            Seccion("promovente", _("Promovente en México (quien pide la visa)"), PROMOVENTE),
            Seccion("domicilio", _("Domicilio del promovente en México"), DOMICILIO),
            Seccion("contacto", _("Contacto del promovente"), CONTACTO),
            Seccion(
                "beneficiario", titulo_beneficiario, (*EXTRANJERO_FUERA, "vinculo", "consulado")
            ),
            TRAMITE,
        ),
        firma=_("Nombre y firma del promovente"),
    )


# Por trámite; (trámite, modalidad) si una modalidad tuviera otro formulario.
SOLICITUDES: dict[str | tuple[str, str], Solicitud] = {
    "visa-oferta-de-empleo": OFERTA_EMPLEO,
    "visa-union-familiar": _visa_familiar(_("Familiar que recibirá la visa (en el exterior)")),
    "visa-razones-humanitarias": _visa_familiar(
        _("Persona extranjera que recibirá la visa (en el exterior)")
    ),
}


def solicitud_de(tramite_slug: str, modalidad_slug: str | None = None) -> Solicitud:
    return SOLICITUDES.get(
        (tramite_slug, modalidad_slug or ""), SOLICITUDES.get(tramite_slug, ESTANCIA)
    )


class SolicitudForm(DocumentoForm):
    """El formulario de la solicitud de un trámite, armado con su declaración."""

    def __init__(self, *args, tramite, **kwargs):
        super().__init__(*args, **kwargs)
        datos = self.data if self.is_bound else self.initial
        self.declaracion = solicitud_de(tramite.slug, datos.get("modalidad"))
        modalidades = [(m.slug, m.nombre) for m in tramite.modalidades.all()]
        for nombre in self.declaracion.campos:
            if nombre == "modalidad" and not modalidades:
                continue
            self.fields[nombre] = CAMPOS[nombre]()
        if modalidades:
            self.fields["modalidad"].choices = [("", _("Elija una modalidad"))] + modalidades

    def secciones(self) -> list[tuple[Seccion, list[tuple[forms.BoundField, str]]]]:
        """Cada sección con sus campos (y la clase de su control), en el orden de la página."""
        return [
            (s, [(self[n], CLASES.get(n, "")) for n in s.campos if n in self.fields])
            for s in self.declaracion.secciones
        ]

    def clean_fecha_nacimiento(self):
        return validar_nacimiento(self.cleaned_data["fecha_nacimiento"])

    def clean_extranjero_fecha_nacimiento(self):
        return validar_nacimiento(self.cleaned_data["extranjero_fecha_nacimiento"])

    def _documento(self, nombre):
        numero = re.sub(r"[\s-]", "", self.cleaned_data[nombre]).upper()
        if not DOCUMENTO.match(numero):
            raise forms.ValidationError(
                _("Escriba el número con 5 a 20 letras y números, sin espacios ni signos.")
            )
        return numero

    def clean_numero_documento(self):
        return self._documento("numero_documento")

    def clean_numero_identificacion(self):
        return self._documento("numero_identificacion")

    def clean_extranjero_pasaporte(self):
        return self._documento("extranjero_pasaporte")

    def clean_rfc(self):
        rfc = re.sub(r"[\s-]", "", self.cleaned_data["rfc"]).upper()
        if not RFC.match(rfc):
            raise forms.ValidationError(
                _(
                    "Revise el RFC: 12 letras y números si es empresa (por ejemplo ABC680524P76) "
                    "o 13 si es persona física, sin espacios ni guiones."
                )
            )
        return rfc

    def clean_constancia_empleador(self):
        numero = self.cleaned_data["constancia_empleador"].strip().upper()
        if not CONSTANCIA.match(numero):
            raise forms.ValidationError(
                _("Escriba el número de la constancia con letras, números, guiones o diagonales.")
            )
        return numero

    def clean_codigo_postal(self):
        codigo = self.cleaned_data["codigo_postal"].strip()
        if not CODIGO_POSTAL.match(codigo):
            raise forms.ValidationError(
                _("Escriba el código postal con cinco números, por ejemplo 11510.")
            )
        return codigo

    def clean_curp(self):
        curp = self.cleaned_data["curp"].strip().upper()
        if curp and not CURP.match(curp):
            raise forms.ValidationError(
                _(
                    "La CURP tiene 18 letras y números, por ejemplo GOMA900101MNELRN09. "
                    "Revísela o déjela en blanco."
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
                    "Escriba un teléfono completo con lada, por ejemplo 55 1234 5678 o "
                    "+1 202 555 0100."
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
                    "curp",
                    _(
                        "La fecha de la CURP no coincide con su fecha de nacimiento: revise las "
                        "dos o deje la CURP en blanco."
                    ),
                )
        return datos
