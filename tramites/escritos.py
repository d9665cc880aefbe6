"""Escritos libres que piden algunos trámites, con los datos que la ley exige a todo escrito.

Cada tipo de escrito dice qué datos pide (además de los comunes: nombre, nacionalidad, domicilio
para oír y recibir notificaciones, oficina a la que se dirige, lugar y fecha) y cómo se redacta
el cuerpo con ellos. Lo que piden los requisitos de cada trámite está en la referencia: carta bajo
protesta con el dato anterior y el nuevo (avisos), escrito bajo protesta con la ocupación y el
lugar (trabajo por cuenta propia), carta responsiva que asume los gastos (visa humanitaria),
carta de oferta de empleo (visa por oferta de empleo) y escrito firmado por ambos cónyuges con
el domicilio conyugal (residencia permanente por vínculo familiar).

El texto del escrito va siempre en español: es lo que se entrega en la oficina.
"""

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from config import entidades
from tramites.forms import DocumentoForm, _fecha, _opciones, _pais, _texto


class EscritoForm(DocumentoForm):
    """Datos comunes a todo escrito dirigido al INM."""

    nombre_completo = _texto(
        _("Nombre completo"),
        largo=150,
        autocomplete="name",
        mensaje=_("Escriba su nombre completo como aparece en su documento."),
    )
    nacionalidad = _pais(_("Nacionalidad"))
    domicilio = _texto(
        _("Domicilio para oír y recibir notificaciones"),
        largo=250,
        ayuda=_("Calle, número, colonia, municipio, estado y código postal."),
        mensaje=_("Escriba el domicilio donde el INM puede notificarle."),
    )
    oficina = _opciones(
        _("Oficina de Representación del INM a la que se dirige"),
        entidades.opciones(),
        ayuda=_("El estado donde presentará el escrito."),
    )
    lugar = _texto(_("Lugar donde firma"), largo=80, ayuda=_("Ciudad y estado."))
    fecha = _fecha(_("Fecha del escrito"), ayuda=_("Normalmente, el día en que lo entrega."))

    def clean_fecha(self):
        fecha = self.cleaned_data["fecha"]
        hoy = timezone.localdate()
        if not hoy - timedelta(days=90) <= fecha <= hoy + timedelta(days=30):
            raise forms.ValidationError(
                _("Escriba una fecha cercana a hoy: a más tardar en 30 días y no antes de 90.")
            )
        return fecha


class AvisoCambioForm(EscritoForm):
    dato_anterior = _texto(_("Dato anterior"), largo=250)
    dato_nuevo = _texto(_("Dato nuevo"), largo=250)
    fecha_cambio = _fecha(_("Fecha del cambio"))
    numero_tarjeta = _texto(_("Número de su tarjeta de residente"), largo=30, requerido=False)

    def clean_fecha_cambio(self):
        fecha = self.cleaned_data["fecha_cambio"]
        if fecha > timezone.localdate():
            raise forms.ValidationError(_("La fecha del cambio no puede ser posterior a hoy."))
        return fecha


class AvisoNacionalidadForm(AvisoCambioForm):
    nacionalidad_registro = _pais(
        _("Nacionalidad con la que pide ser registrado"),
        ayuda=_("Si tiene doble nacionalidad, la que se considerará para su estancia en México."),
        requerido=False,
    )


class ActividadesIndependientesForm(EscritoForm):
    ocupacion = _texto(_("Ocupación o actividad"), largo=150)
    lugar_actividad = _texto(_("Lugar donde la realizará"), largo=250)


class CartaResponsivaForm(EscritoForm):
    nombre_extranjero = _texto(_("Nombre completo de la persona extranjera"), largo=150)
    nacionalidad_extranjero = _pais(_("Nacionalidad de la persona extranjera"))
    vinculo = _texto(
        _("Su relación con esa persona"), largo=100, ayuda=_("Por ejemplo: es mi hermana.")
    )
    motivo = forms.CharField(
        label=_("Motivo humanitario del viaje"),
        max_length=800,
        help_text=_("Qué ocurre y por qué la persona necesita venir. Hasta 800 caracteres."),
        error_messages={
            "required": _("Explique el motivo humanitario."),
            "max_length": _("Escriba como máximo %(limit_value)d caracteres."),
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class OfertaEmpleoForm(EscritoForm):
    empresa = _texto(_("Nombre o razón social del empleador"), largo=150)
    constancia = _texto(_("Número de constancia de inscripción de empleador"), largo=40)
    puesto = _texto(_("Puesto y actividades"), largo=250)
    lugar_trabajo = _texto(_("Lugar de trabajo"), largo=250)
    duracion = _texto(_("Duración del empleo"), largo=100, ayuda=_("Por ejemplo: 12 meses."))
    remuneracion = _texto(
        _("Remuneración"), largo=100, ayuda=_("Monto y periodo, por ejemplo: $25,000 al mes.")
    )
    nombre_extranjero = _texto(_("Nombre completo de la persona extranjera"), largo=150)
    nacionalidad_extranjero = _pais(_("Nacionalidad de la persona extranjera"))


class VinculoConyugalForm(EscritoForm):
    nombre_conyuge = _texto(_("Nombre completo de su cónyuge o concubino"), largo=150)
    tipo_vinculo = _opciones(
        _("Tipo de vínculo"), (("matrimonio", _("Matrimonio")), ("concubinato", _("Concubinato")))
    )


def _comunes(v: dict) -> str:
    return (
        f"{v['nombre_completo']}, de nacionalidad {v['nacionalidad']}, señalando como domicilio "
        f"para oír y recibir notificaciones el ubicado en {v['domicilio']}, ante usted "
        "respetuosamente comparezco para exponer:"
    )


def _aviso(cambio: str):
    def cuerpo(v: dict) -> str:
        tarjeta = f" (tarjeta número {v['numero_tarjeta']})" if v.get("numero_tarjeta") else ""
        texto = (
            f"{_comunes(v)}\n\nBajo protesta de decir verdad, en mi calidad de persona "
            f"residente{tarjeta} informo a ese Instituto el cambio de {cambio}: el dato anterior "
            f"era «{v['dato_anterior']}» y el nuevo es «{v['dato_nuevo']}», desde el "
            f"{v['fecha_cambio']}."
        )
        if v.get("nacionalidad_registro"):
            texto += (
                f" Solicito que para mi registro y estancia en México se considere la "
                f"nacionalidad {v['nacionalidad_registro']}."
            )
        return texto + (
            "\n\nPor lo anterior, solicito se tome nota del cambio y se actualice mi registro, "
            "conforme al artículo 63 de la Ley de Migración."
        )

    return cuerpo


def _actividades(v: dict) -> str:
    return (
        f"{_comunes(v)}\n\nBajo protesta de decir verdad manifiesto que realizaré por cuenta "
        f"propia la actividad de {v['ocupacion']}, en {v['lugar_actividad']}.\n\nPor lo "
        "anterior, solicito el permiso para trabajar en actividades independientes."
    )


def _responsiva(v: dict) -> str:
    return (
        f"{_comunes(v)}\n\nPor medio de la presente asumo los gastos de viaje y de estancia en "
        f"México de {v['nombre_extranjero']}, de nacionalidad {v['nacionalidad_extranjero']}, "
        f"con quien tengo la siguiente relación: {v['vinculo']}. El motivo humanitario del "
        f"viaje es el siguiente: {v['motivo']}"
    )


def _oferta(v: dict) -> str:
    return (
        f"{v['empresa']}, con constancia de inscripción de empleador número {v['constancia']}, "
        f"por conducto de su representante {v['nombre_completo']}, con domicilio para oír y "
        f"recibir notificaciones en {v['domicilio']}, ofrece empleo a {v['nombre_extranjero']}, "
        f"de nacionalidad {v['nacionalidad_extranjero']}, en los siguientes términos:\n\n"
        f"Puesto y actividades: {v['puesto']}.\nLugar de trabajo: {v['lugar_trabajo']}.\n"
        f"Duración: {v['duracion']}.\nRemuneración: {v['remuneracion']}."
    )


def _conyugal(v: dict) -> str:
    return (
        f"{_comunes(v)}\n\nBajo protesta de decir verdad, {v['nombre_completo']} y "
        f"{v['nombre_conyuge']} manifestamos que nuestro domicilio conyugal es el señalado "
        f"arriba y que nuestro vínculo de {v['tipo_vinculo'].lower()} ha subsistido durante los "
        "dos años previos a esta solicitud."
    )


@dataclass(frozen=True)
class TipoEscrito:
    titulo: str
    asunto: str
    formulario: type[EscritoForm]
    redactar: object  # función valores → cuerpo del escrito
    indicaciones: str = ""
    segunda_firma: bool = False


def _tipo_aviso(cambio: str, formulario=AvisoCambioForm) -> TipoEscrito:
    return TipoEscrito(
        titulo=_("Carta de aviso de cambio"),
        asunto=f"Aviso de cambio de {cambio}",
        formulario=formulario,
        redactar=_aviso(cambio),
    )


ESCRITOS: dict[str, TipoEscrito] = {
    "notificacion-cambio-domicilio": _tipo_aviso("domicilio"),
    "notificacion-cambio-lugar-trabajo": _tipo_aviso("lugar de trabajo"),
    "notificacion-cambio-estado-civil": _tipo_aviso("estado civil"),
    "notificacion-cambio-nacionalidad": _tipo_aviso("nacionalidad", AvisoNacionalidadForm),
    "permiso-para-trabajar": TipoEscrito(
        titulo=_("Escrito bajo protesta de actividades independientes"),
        asunto="Permiso para trabajar en actividades independientes",
        formulario=ActividadesIndependientesForm,
        redactar=_actividades,
        indicaciones=_("Se pide en la modalidad de trabajo por cuenta propia."),
    ),
    "visa-razones-humanitarias": TipoEscrito(
        titulo=_("Carta responsiva"),
        asunto="Carta responsiva para visa por razones humanitarias",
        formulario=CartaResponsivaForm,
        redactar=_responsiva,
    ),
    "visa-oferta-de-empleo": TipoEscrito(
        titulo=_("Carta de oferta de empleo"),
        asunto="Carta de oferta de empleo",
        formulario=OfertaEmpleoForm,
        redactar=_oferta,
        indicaciones=_(
            "La firma la persona representante registrada del empleador. Imprímala en papel "
            "membretado de la empresa."
        ),
    ),
    "cambio-residente-permanente-vinculo-familiar": TipoEscrito(
        titulo=_("Escrito bajo protesta del vínculo conyugal"),
        asunto="Manifestación bajo protesta del vínculo conyugal",
        formulario=VinculoConyugalForm,
        redactar=_conyugal,
        indicaciones=_("Para cónyuges o concubinos: lo firman las dos personas."),
        segunda_firma=True,
    ),
}


def valores_escrito(tipo: TipoEscrito, formulario: EscritoForm) -> dict[str, str]:
    """Los campos que se escriben en el PDF del escrito (siempre en español)."""
    with override("es-mx"):
        valores = formulario.valores()
        fecha = formulario.cleaned_data["fecha"]
        return {
            "destinatario": (
                "Instituto Nacional de Migración, Oficina de Representación en "
                f"{entidades.POR_CLAVE[formulario.cleaned_data['oficina']].nombre}"
            ),
            "cuerpo": tipo.redactar(valores),
            "lugar_fecha": f"{valores['lugar']}, a {date_format(fecha, 'DATE_FORMAT').lower()}",
            "firmante": valores["nombre_completo"],
            "firmante2": valores.get("nombre_conyuge", ""),
        }
