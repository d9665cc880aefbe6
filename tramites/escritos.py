"""Escritos libres que piden algunos trámites, con los datos que la ley exige a todo escrito.

Cada tipo de escrito dice qué datos pide (además de los comunes: nombre, nacionalidad, domicilio
para oír y recibir notificaciones, oficina a la que se dirige, lugar y fecha) y cómo se redacta
el cuerpo con ellos. Lo que piden los requisitos de cada trámite está en la referencia: carta bajo
protesta con el dato anterior y el nuevo (avisos), escrito bajo protesta con la ocupación y el
lugar (trabajo por cuenta propia), carta responsiva que asume los gastos (visa humanitaria),
carta de oferta de empleo (visa por oferta de empleo) y escrito firmado por ambos cónyuges con
el domicilio conyugal (residencia permanente por vínculo familiar).

Todo escrito lleva: a quién se dirige (la Oficina de Representación del estado), quién promueve
y su nacionalidad en español («de nacionalidad colombiana»; «ciudadano hondureño» cuando el
adjetivo describe a la persona, ver tramites/gentilicios.py), lo que expone, el fundamento del
trámite, lo que pide en concreto, los documentos que anexa, «bajo protesta de decir verdad» si
los requisitos lo piden así, lugar, fecha y la firma de quien corresponde: la persona promovente,
la representante legal del empleador o, solo si la persona es menor de edad, quien ejerce la
patria potestad o la tutela.

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
from tramites import gentilicios
from tramites.forms import SEXOS, DocumentoForm, _fecha, _opciones, _pais, _texto


class EscritoForm(DocumentoForm):
    """Datos comunes a todo escrito dirigido al INM."""

    nombre_completo = _texto(
        _("Nombre completo"),
        largo=150,
        autocomplete="name",
        mensaje=_("Escriba su nombre completo como aparece en su documento."),
    )
    sexo = _opciones(
        _("Sexo"),
        SEXOS,
        radios=True,
        ayuda=_(
            "Para escribir su nacionalidad en español como corresponde: colombiana o colombiano."
        ),
    )
    nacionalidad = _pais(
        _("Nacionalidad"),
        nacionalidad=True,
        mensaje=_("Elija en la lista el país de su nacionalidad."),
    )
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
    lugar = _texto(
        _("Lugar donde firma"),
        largo=80,
        ayuda=_("Ciudad y estado."),
        mensaje=_(
            "Escriba la ciudad y el estado donde firma, por ejemplo Tijuana, Baja California."
        ),
    )
    fecha = _fecha(_("Fecha del escrito"), ayuda=_("Normalmente, el día en que lo entrega."))

    def __init__(self, *args, tramite=None, requisitos=(), **kwargs):
        super().__init__(*args, **kwargs)
        if requisitos:
            # Lo que la persona anexa: los requisitos publicados del trámite, con su nombre en
            # el idioma de la página; en el escrito van en español.
            self.requisitos = {str(r.pk): r for r in requisitos}
            self.fields["anexos"] = forms.MultipleChoiceField(
                label=_("Documentos que anexa"),
                help_text=_("Marque lo que entregará junto con el escrito; se enlista al final."),
                required=False,
                choices=[(str(r.pk), r.texto) for r in requisitos],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": _("Marque solo documentos de la lista.")},
            )

    def clean_fecha(self):
        fecha = self.cleaned_data["fecha"]
        hoy = timezone.localdate()
        if not hoy - timedelta(days=90) <= fecha <= hoy + timedelta(days=30):
            raise forms.ValidationError(
                _("Escriba una fecha cercana a hoy: a más tardar en 30 días y no antes de 90.")
            )
        return fecha


class MenorMixin(forms.Form):
    """Si la persona es menor de edad, firma quien ejerce la patria potestad o la tutela."""

    menor = forms.BooleanField(
        label=_("La persona interesada es menor de 18 años"),
        required=False,
        help_text=_("Entonces el escrito lo firma su madre, su padre o quien tenga su tutela."),
    )
    nombre_tutor = _texto(
        _("Nombre de quien ejerce la patria potestad o la tutela"),
        largo=150,
        requerido=False,
        ayuda=_("Solo si la persona es menor de 18 años."),
    )

    def clean(self):
        datos = super().clean()
        if datos.get("menor") and not datos.get("nombre_tutor"):
            self.add_error(
                "nombre_tutor",
                _("Escriba el nombre de la madre, el padre o la persona tutora que firmará."),
            )
        return datos


class AvisoCambioForm(MenorMixin, EscritoForm):
    dato_anterior = _texto(
        _("Dato anterior"),
        largo=250,
        mensaje=_("Escriba el dato como estaba registrado antes del cambio."),
    )
    dato_nuevo = _texto(
        _("Dato nuevo"), largo=250, mensaje=_("Escriba el dato como quedó después del cambio.")
    )
    fecha_cambio = _fecha(_("Fecha del cambio"))
    numero_tarjeta = _texto(
        _("Número de su tarjeta de residente"),
        largo=30,
        requerido=False,
        ayuda=_("Está al frente de la tarjeta."),
    )

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
        nacionalidad=True,
    )


class ActividadesIndependientesForm(MenorMixin, EscritoForm):
    ocupacion = _texto(
        _("Ocupación o actividad"),
        largo=150,
        mensaje=_("Escriba la actividad que hará por su cuenta, por ejemplo «venta de comida»."),
    )
    lugar_actividad = _texto(
        _("Lugar donde la realizará"),
        largo=250,
        mensaje=_("Escriba dónde hará la actividad: domicilio, mercado o ciudad."),
    )


class CartaResponsivaForm(EscritoForm):
    nombre_extranjero = _texto(
        _("Nombre completo de la persona extranjera"),
        largo=150,
        mensaje=_("Escriba el nombre de la persona como aparece en su pasaporte."),
    )
    sexo_extranjero = _opciones(_("Sexo de la persona extranjera"), SEXOS, radios=True)
    nacionalidad_extranjero = _pais(
        _("Nacionalidad de la persona extranjera"),
        nacionalidad=True,
        mensaje=_("Elija en la lista el país de la nacionalidad de la persona."),
    )
    vinculo = _texto(
        _("Su relación con esa persona"),
        largo=100,
        ayuda=_("Por ejemplo: es mi hermana."),
        mensaje=_("Escriba qué relación tiene con la persona, por ejemplo «es mi hermana»."),
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
    # Quien firma es la persona representante del empleador: su nacionalidad no se pide.
    sexo = None
    nacionalidad = None
    empresa = _texto(
        _("Nombre o razón social del empleador"),
        largo=150,
        mensaje=_("Escriba el nombre o la razón social como aparece en la constancia."),
    )
    constancia = _texto(
        _("Número de constancia de inscripción de empleador"),
        largo=40,
        mensaje=_("Escriba el número que aparece en la constancia de inscripción de empleador."),
    )
    puesto = _texto(
        _("Puesto y actividades"),
        largo=250,
        mensaje=_("Escriba el puesto y lo que hará la persona."),
    )
    lugar_trabajo = _texto(
        _("Lugar de trabajo"), largo=250, mensaje=_("Escriba el domicilio donde trabajará.")
    )
    duracion = _texto(
        _("Duración del empleo"),
        largo=100,
        ayuda=_("Por ejemplo: 12 meses."),
        mensaje=_("Escriba cuánto durará el empleo, por ejemplo «12 meses»."),
    )
    remuneracion = _texto(
        _("Remuneración"),
        largo=100,
        ayuda=_("Monto y periodo, por ejemplo: $25,000 al mes."),
        mensaje=_("Escriba el sueldo y cada cuándo se paga, por ejemplo «$25,000 al mes»."),
    )
    nombre_extranjero = _texto(
        _("Nombre completo de la persona extranjera"),
        largo=150,
        mensaje=_("Escriba el nombre de la persona como aparece en su pasaporte."),
    )
    sexo_extranjero = _opciones(_("Sexo de la persona extranjera"), SEXOS, radios=True)
    nacionalidad_extranjero = _pais(
        _("Nacionalidad de la persona extranjera"),
        nacionalidad=True,
        mensaje=_("Elija en la lista el país de la nacionalidad de la persona."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nombre_completo"].label = _("Nombre completo del representante legal")
        self.fields["nombre_completo"].help_text = _(
            "La persona registrada en la constancia de inscripción de empleador; ella firma."
        )


class VinculoConyugalForm(EscritoForm):
    nombre_conyuge = _texto(
        _("Nombre completo de su cónyuge o concubino"),
        largo=150,
        mensaje=_("Escriba el nombre completo de su cónyuge o concubino."),
    )
    tipo_vinculo = _opciones(
        _("Tipo de vínculo"), (("matrimonio", _("Matrimonio")), ("concubinato", _("Concubinato")))
    )


def _comunes(v: dict) -> str:
    return (
        f"{v['nombre_completo']}, {v['nacionalidad_texto']}, por mi propio derecho, "
        "señalando como domicilio para oír y recibir notificaciones el ubicado en "
        f"{v['domicilio']}, ante usted respetuosamente comparezco para exponer:"
    )


def _aviso(cambio: str):
    def cuerpo(v: dict) -> str:
        tarjeta = f" (tarjeta número {v['numero_tarjeta']})" if v.get("numero_tarjeta") else ""
        texto = (
            f"{_comunes(v)}\n\nBajo protesta de decir verdad, en mi calidad de "
            f"{v['ciudadania']} residente en México{tarjeta}, informo a ese Instituto el "
            f"cambio de {cambio}: el dato anterior era «{v['dato_anterior']}» y el nuevo es "
            f"«{v['dato_nuevo']}», desde el {v['fecha_cambio']}."
        )
        if v.get("nacionalidad_registro"):
            texto += (
                f" Solicito que para mi registro y estancia en México se considere la "
                f"nacionalidad {v['nacionalidad_registro']}."
            )
        return texto + " Doy este aviso conforme al artículo 63 de la Ley de Migración."

    return cuerpo


def _actividades(v: dict) -> str:
    return (
        f"{_comunes(v)}\n\nBajo protesta de decir verdad, en mi calidad de {v['ciudadania']} "
        "residente en México, manifiesto que realizaré por cuenta propia la actividad de "
        f"{v['ocupacion']}, en {v['lugar_actividad']}."
    )


def _responsiva(v: dict) -> str:
    return (
        f"{_comunes(v)}\n\nPor medio de la presente asumo los gastos de viaje y de estancia en "
        f"México de {v['nombre_extranjero']}, {v['ciudadania_extranjero']}, "
        f"con quien tengo la siguiente relación: {v['vinculo']}. El motivo humanitario del "
        f"viaje es el siguiente: {v['motivo']}"
    )


def _oferta(v: dict) -> str:
    return (
        f"{v['empresa']}, con constancia de inscripción de empleador número {v['constancia']}, "
        f"por conducto de su representante legal {v['nombre_completo']}, con domicilio para oír "
        f"y recibir notificaciones en {v['domicilio']}, ofrece empleo a {v['nombre_extranjero']}, "
        f"{v['ciudadania_extranjero']}, en los siguientes términos:\n\n"
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
    peticion: object  # función valores → lo que se pide, en concreto
    indicaciones: str = ""
    segunda_firma: bool = False
    # Si el escrito se hace «bajo protesta de decir verdad» (lo piden los requisitos del trámite).
    bajo_protesta: bool = False
    # Quien firma si no es la persona promovente.
    firmante: str = ""
    modalidad: str = ""  # la modalidad del trámite cuyos requisitos se anexan


def _tipo_aviso(cambio: str, formulario=AvisoCambioForm) -> TipoEscrito:
    return TipoEscrito(
        titulo=_("Carta de aviso de cambio"),
        asunto=f"Aviso de cambio de {cambio}",
        formulario=formulario,
        redactar=_aviso(cambio),
        peticion=lambda v: (
            f"Tener por presentado en tiempo el aviso de cambio de {cambio} y actualizar con el "
            "dato nuevo mi registro en el Instituto."
        ),
        bajo_protesta=True,
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
        peticion=lambda v: (
            f"Otorgarme permiso para trabajar por cuenta propia en la actividad de "
            f"{v['ocupacion']}."
        ),
        indicaciones=_("Se pide en la modalidad de trabajo por cuenta propia."),
        bajo_protesta=True,
        modalidad="cuenta-propia",
    ),
    "visa-razones-humanitarias": TipoEscrito(
        titulo=_("Carta responsiva"),
        asunto="Carta responsiva para visa por razones humanitarias",
        formulario=CartaResponsivaForm,
        redactar=_responsiva,
        peticion=lambda v: (
            f"Tomar en cuenta esta carta responsiva en la solicitud de visa por razones "
            f"humanitarias a favor de {v['nombre_extranjero']}."
        ),
    ),
    "visa-oferta-de-empleo": TipoEscrito(
        titulo=_("Carta de oferta de empleo"),
        asunto="Carta de oferta de empleo",
        formulario=OfertaEmpleoForm,
        redactar=_oferta,
        peticion=lambda v: (
            f"Tomar en cuenta esta oferta de empleo en la solicitud de autorización de visa a "
            f"favor de {v['nombre_extranjero']}."
        ),
        indicaciones=_(
            "La firma la persona representante registrada del empleador. Imprímala en papel "
            "membretado de la empresa."
        ),
        firmante="representante",
    ),
    "cambio-residente-permanente-vinculo-familiar": TipoEscrito(
        titulo=_("Escrito bajo protesta del vínculo conyugal"),
        asunto="Manifestación bajo protesta del vínculo conyugal",
        formulario=VinculoConyugalForm,
        redactar=_conyugal,
        peticion=lambda v: (
            "Tener por acreditado el vínculo conyugal en nuestra solicitud de cambio a "
            "residente permanente."
        ),
        indicaciones=_("Para cónyuges o concubinos: lo firman las dos personas."),
        segunda_firma=True,
        bajo_protesta=True,
    ),
}


def requisitos_anexables(tramite, tipo: TipoEscrito) -> list:
    """Los requisitos del trámite (y de la modalidad del escrito) que se pueden anexar."""
    return [
        r
        for r in tramite.requisitos.all()
        if r.modalidad_id is None or (r.modalidad and r.modalidad.slug == tipo.modalidad)
    ]


def _firma(tipo: TipoEscrito, datos: dict, valores: dict) -> tuple[str, str]:
    """Nombre de quien firma y en qué calidad."""
    if tipo.firmante == "representante":
        return valores["nombre_completo"], f"Representante legal de {valores['empresa']}"
    if datos.get("menor"):
        return (
            valores["nombre_tutor"],
            f"Quien ejerce la patria potestad o la tutela de {valores['nombre_completo']}",
        )
    return valores["nombre_completo"], "Promovente"


def valores_escrito(tipo: TipoEscrito, formulario: EscritoForm) -> dict[str, str]:
    """Los campos que se escriben en el PDF del escrito (siempre en español)."""
    with override("es-mx"):
        datos = formulario.cleaned_data
        valores = formulario.valores()
        if "nacionalidad" in datos:
            valores["nacionalidad_texto"] = gentilicios.de_nacionalidad(datos["nacionalidad"])
            valores["ciudadania"] = gentilicios.ciudadania(datos["nacionalidad"], datos["sexo"])
        if "nacionalidad_extranjero" in datos:
            valores["ciudadania_extranjero"] = gentilicios.ciudadania(
                datos["nacionalidad_extranjero"], datos["sexo_extranjero"]
            )
        if datos.get("nacionalidad_registro"):
            valores["nacionalidad_registro"] = gentilicios.de_nacionalidad(
                datos["nacionalidad_registro"]
            ).removeprefix("de nacionalidad ")
        anexos = [formulario.requisitos[pk].texto for pk in datos.get("anexos") or ()]
        firmante, calidad = _firma(tipo, datos, valores)
        fecha = datos["fecha"]
        return {
            "destinatario": (
                "Instituto Nacional de Migración, Oficina de Representación en "
                f"{entidades.POR_CLAVE[datos['oficina']].nombre}"
            ),
            "cuerpo": tipo.redactar(valores),
            "peticion": f"Único. {tipo.peticion(valores)}",
            "anexos": "\n".join(f"{n}. {texto}" for n, texto in enumerate(anexos, 1)) or "Ninguno.",
            "lugar_fecha": f"{valores['lugar']}, a {date_format(fecha, 'DATE_FORMAT').lower()}",
            "firmante": firmante,
            "calidad_firmante": calidad,
            "firmante2": valores.get("nombre_conyuge", ""),
        }
