"""«¿Qué trámite necesito?»: un árbol de preguntas sencillas, una por página.

Cada respuesta viaja en la dirección (?donde=mexico&situacion=...), así que funciona sin
JavaScript y cada paso se puede compartir. Las hojas del árbol recomiendan trámites (por su
slug y, si aplica, su modalidad) con la razón en palabras llanas.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Recomendacion:
    tramite: str
    razon: str
    modalidad: str | None = None


@dataclass(frozen=True)
class Opcion:
    valor: str
    texto: str
    siguiente: "Pregunta | None" = None
    resultado: tuple[Recomendacion, ...] = ()
    # Cuando ningún trámite corresponde: qué hacer en su lugar.
    mensaje: str = ""
    # Lleva a la protección internacional (refugio ante la COMAR), que no es un trámite del INM.
    proteccion: bool = False


@dataclass(frozen=True)
class Pregunta:
    clave: str
    texto: str
    opciones: tuple[Opcion, ...]
    ayuda: str = ""
    # Respuesta que se supone si la pregunta falta pero la dirección ya trae las siguientes
    # (enlaces hechos antes de que existiera la pregunta). No se muestra como respondida.
    por_omision: str = ""

    def opcion(self, valor: str) -> Opcion | None:
        return next((o for o in self.opciones if o.valor == valor), None)


NINGUNO = _(
    "Ninguno de los 14 trámites de este sitio corresponde a su caso. Llame gratis al INM o acuda "
    "a una ventanilla informativa para que le orienten."
)


def _otro() -> Opcion:
    return Opcion("otro", _("Otra cosa"), mensaje=NINGUNO)


def _r(tramite: str, razon: str, modalidad: str | None = None) -> tuple[Recomendacion, ...]:
    return (Recomendacion(tramite, razon, modalidad),)


AVISO = Pregunta(
    "cambio",
    _("¿Qué cambió?"),
    (
        Opcion(
            "domicilio",
            _("Mi domicilio"),
            resultado=_r(
                "notificacion-cambio-domicilio",
                _("Las personas residentes deben avisar al INM cuando cambian de domicilio."),
            ),
        ),
        Opcion(
            "trabajo",
            _("Mi empleador o lugar de trabajo"),
            resultado=_r(
                "notificacion-cambio-lugar-trabajo",
                _(
                    "Las personas residentes deben avisar al INM cuando cambian de lugar de trabajo."
                ),
            ),
        ),
        Opcion(
            "estado-civil",
            _("Mi estado civil (me casé, me divorcié o enviudé)"),
            resultado=_r(
                "notificacion-cambio-estado-civil",
                _("Las personas residentes deben avisar al INM cuando cambia su estado civil."),
            ),
        ),
        Opcion(
            "nacionalidad",
            _("Mi nacionalidad"),
            resultado=_r(
                "notificacion-cambio-nacionalidad",
                _(
                    "Las personas residentes deben avisar al INM cuando adquieren otra nacionalidad."
                ),
            ),
        ),
    ),
    ayuda=_("El aviso se presenta dentro de los 90 días siguientes al cambio."),
)

TRABAJO = Pregunta(
    "modo",
    _("¿Cómo va a trabajar?"),
    (
        Opcion(
            "empleador",
            _("Con un empleador que me ofrece trabajo"),
            resultado=_r(
                "permiso-para-trabajar",
                _(
                    "Es el trámite con el que una persona residente temporal pide permiso para trabajar."
                ),
                "con-empleador",
            ),
        ),
        Opcion(
            "cuenta-propia",
            _("Por mi cuenta (actividad independiente)"),
            resultado=_r(
                "permiso-para-trabajar",
                _(
                    "Es el trámite con el que una persona residente temporal pide permiso para trabajar."
                ),
                "cuenta-propia",
            ),
        ),
    ),
)

VIA_PERMANENTE = Pregunta(
    "via",
    _("¿Por qué vía quiere ser residente permanente?"),
    (
        Opcion(
            "cuatro-anos",
            _("Llevo cuatro años seguidos como residente temporal"),
            resultado=_r(
                "cambio-residente-temporal-a-permanente",
                _(
                    "Cuatro años consecutivos como residente temporal es una de las vías de este cambio."
                ),
                "cuatro-anos",
            ),
        ),
        Opcion(
            "pension",
            _("Soy pensionado o jubilado"),
            resultado=_r(
                "cambio-residente-temporal-a-permanente",
                _(
                    "Las personas pensionadas o jubiladas pueden pedir este cambio si acreditan sus ingresos."
                ),
                "pensionado-jubilado",
            ),
        ),
        Opcion(
            "puntos",
            _("Por el sistema de puntos"),
            resultado=_r(
                "cambio-residente-temporal-a-permanente",
                _("El sistema de puntos es una de las vías de este cambio."),
                "sistema-de-puntos",
            ),
        ),
        Opcion(
            "familia",
            _("Tengo vínculo familiar con una persona mexicana o residente permanente"),
            resultado=_r(
                "cambio-residente-permanente-vinculo-familiar",
                _(
                    "El vínculo familiar con una persona mexicana o residente permanente permite este cambio."
                ),
            ),
        ),
    ),
)

RENOVAR = Opcion(
    "renovar",
    _("Renovar mi tarjeta porque está por vencer"),
    resultado=_r(
        "expedicion-documento-renovacion-reposicion",
        _("La renovación da un documento nuevo antes de que venza el actual."),
        "renovacion",
    ),
)
REPONER = Opcion(
    "reponer",
    _("Reponer mi tarjeta: la perdí, me la robaron o se dañó"),
    resultado=_r(
        "expedicion-documento-renovacion-reposicion",
        _("La reposición da un documento igual al que se perdió, le robaron o se dañó."),
        "reposicion",
    ),
)
AVISAR = Opcion(
    "avisar",
    _("Avisar al INM un cambio de domicilio, trabajo, estado civil o nacionalidad"),
    siguiente=AVISO,
)
TRABAJAR = Opcion("trabajar", _("Trabajar"), siguiente=TRABAJO)
SALIR = Opcion(
    "salir",
    _("Salir de México y volver mientras espero un trámite"),
    resultado=_r(
        "permiso-salida-y-regreso",
        _("Este permiso evita que el trámite en curso se dé por abandonado al salir del país."),
    ),
)
FAMILIAR = Opcion(
    "familiar",
    _("Traer a un familiar que está en el extranjero"),
    resultado=_r(
        "visa-union-familiar",
        _("Usted pide en México la autorización; su familiar recoge la visa en un consulado."),
    ),
)
CONTRATAR = Opcion(
    "contratar",
    _("Contratar a una persona que está en el extranjero"),
    resultado=_r(
        "visa-oferta-de-empleo",
        _("Quien ofrece el empleo pide en México la autorización de la visa."),
    ),
)


def _objetivo(*opciones: Opcion) -> Pregunta:
    return Pregunta("objetivo", _("¿Qué necesita hacer?"), (*opciones, _otro()))


DURACION = Pregunta(
    "duracion",
    _("¿Cuánto durará el empleo?"),
    (
        Opcion(
            "corto",
            _("Hasta 180 días"),
            resultado=_r(
                "visa-oferta-de-empleo",
                _(
                    "Para empleos de hasta 180 días la modalidad es la visa de visitante con permiso "
                    "para actividades remuneradas. Quien ofrece el empleo la pide en México."
                ),
                "visitante-actividades-remuneradas",
            ),
        ),
        Opcion(
            "largo",
            _("Más de 180 días"),
            resultado=_r(
                "visa-oferta-de-empleo",
                _(
                    "Para empleos de más de 180 días la modalidad es la visa de residente temporal. "
                    "Quien ofrece el empleo la pide en México."
                ),
                "residente-temporal",
            ),
        ),
    ),
)

FRONTERA = Pregunta(
    "frontera",
    _(
        "¿La persona es de Guatemala o de Belice y el trabajo es en Campeche, Chiapas, Quintana Roo "
        "o Tabasco?"
    ),
    (
        Opcion(
            "si",
            _("Sí"),
            resultado=(
                Recomendacion(
                    "tarjeta-visitante-trabajador-fronterizo",
                    _(
                        "Es el documento para que personas de Guatemala y Belice trabajen en esos estados."
                    ),
                ),
                Recomendacion(
                    "visa-oferta-de-empleo",
                    _("Es la otra vía para trabajar con una oferta de empleo."),
                ),
            ),
        ),
        Opcion("no", _("No"), siguiente=DURACION),
    ),
)

FUERA = Pregunta(
    "objetivo",
    _("¿Para qué viene a México?"),
    (
        Opcion(
            "empleo",
            _("Para trabajar con una oferta de empleo de alguien en México"),
            siguiente=FRONTERA,
        ),
        Opcion(
            "familia",
            _("Para vivir con su familiar mexicano o residente en México"),
            resultado=_r(
                "visa-union-familiar",
                _(
                    "Su familiar en México pide la autorización al INM; la visa se recoge en un consulado."
                ),
            ),
        ),
        Opcion(
            "humanitaria",
            _(
                "Por una razón humanitaria: un familiar en peligro o gravemente "
                "enfermo, o un desastre"
            ),
            resultado=_r(
                "visa-razones-humanitarias",
                _("Alguien en México pide la autorización de esta visa a favor de la persona."),
            ),
        ),
        Opcion(
            "otro",
            _("Por otro motivo (turismo, estudios, negocios…)"),
            mensaje=_(
                "Ninguno de los 14 trámites de este sitio corresponde a su caso. Consulte al consulado "
                "de México más cercano o llame gratis al INM."
            ),
        ),
    ),
    ayuda=_("Si usted pide el trámite para otra persona, responda por esa persona."),
)

PROTECCION = _(
    "Usted puede pedir protección internacional (la condición de refugiado) en México. No es un "
    "trámite del INM: se pide ante la COMAR (Comisión Mexicana de Ayuda a Refugiados). En la "
    "página siguiente le explicamos quién puede pedirla, el plazo, el costo y dónde, con la "
    "fuente de cada dato."
)

SITUACION = Pregunta(
    "situacion",
    _("¿Qué documento migratorio tiene hoy?"),
    (
        Opcion(
            "residente-temporal",
            _("Tarjeta de residente temporal"),
            siguiente=_objetivo(
                TRABAJAR,
                RENOVAR,
                REPONER,
                AVISAR,
                Opcion("permanente", _("Pasar a residente permanente"), siguiente=VIA_PERMANENTE),
                SALIR,
                FAMILIAR,
                CONTRATAR,
            ),
        ),
        Opcion(
            "residente-temporal-estudiante",
            _("Tarjeta de residente temporal estudiante"),
            siguiente=_objetivo(TRABAJAR, RENOVAR, REPONER, AVISAR, SALIR, FAMILIAR),
        ),
        Opcion(
            "residente-permanente",
            _("Tarjeta de residente permanente"),
            siguiente=_objetivo(REPONER, AVISAR, FAMILIAR, CONTRATAR),
        ),
        Opcion(
            "visitante",
            _("Tarjeta de visitante (por ejemplo, por razones humanitarias)"),
            siguiente=_objetivo(
                RENOVAR,
                REPONER,
                Opcion(
                    "permanente",
                    _("Pasar a residente permanente por vínculo familiar"),
                    resultado=_r(
                        "cambio-residente-permanente-vinculo-familiar",
                        _(
                            "Las personas visitantes con vínculo familiar con una persona mexicana o "
                            "residente permanente pueden pedir este cambio."
                        ),
                    ),
                ),
            ),
        ),
        Opcion(
            "en-tramite",
            _("Tengo un trámite en curso ante el INM"),
            siguiente=Pregunta(
                "objetivo",
                _("¿Qué necesita hacer?"),
                (
                    SALIR,
                    Opcion(
                        "seguimiento",
                        _("Saber cómo va mi trámite"),
                        mensaje=_(
                            "No es un trámite aparte: consulte el estado de su solicitud en el portal del "
                            "INM con el número y la contraseña que obtuvo al capturarla."
                        ),
                    ),
                    _otro(),
                ),
            ),
        ),
        Opcion(
            "sin-documento",
            _("No tengo un documento migratorio vigente"),
            siguiente=Pregunta(
                "motivo",
                _("¿Cuál es su situación?"),
                (
                    Opcion(
                        "familia",
                        _("Tengo vínculo familiar con una persona mexicana o residente"),
                        resultado=_r(
                            "regularizacion-razones-humanitarias-vinculo-familiar",
                            _(
                                "El vínculo familiar permite regularizar su situación sin salir de México."
                            ),
                            "vinculo-familiar",
                        ),
                    ),
                    Opcion(
                        "humanitaria",
                        _(
                            "Fui víctima o testigo de un delito, o estoy en una "
                            "situación de vulnerabilidad"
                        ),
                        resultado=_r(
                            "regularizacion-razones-humanitarias-vinculo-familiar",
                            _(
                                "Las razones humanitarias permiten regularizar su situación sin salir de "
                                "México."
                            ),
                            "razones-humanitarias",
                        ),
                    ),
                    Opcion(
                        "miedo",
                        _("Tengo miedo de volver a mi país"),
                        proteccion=True,
                        mensaje=PROTECCION,
                    ),
                    _otro(),
                ),
                ayuda=_(
                    "Una ventanilla informativa puede orientarle gratis antes de acudir al INM."
                ),
            ),
        ),
    ),
)

# Se pregunta antes que los papeles: quien teme volver no necesita un trámite del INM.
TEMOR = Pregunta(
    "temor",
    _(
        "¿Tiene miedo de volver a su país porque allá corre peligro su vida, su seguridad o su libertad?"
    ),
    (
        Opcion("si", _("Sí, tengo miedo de volver"), proteccion=True, mensaje=PROTECCION),
        Opcion("no", _("No"), siguiente=SITUACION),
    ),
    ayuda=_("Si pregunta por otra persona, responda por ella."),
    por_omision="no",
)

RAIZ = Pregunta(
    "donde",
    _("¿Dónde está la persona extranjera?"),
    (
        Opcion("mexico", _("En México"), siguiente=TEMOR),
        Opcion("fuera", _("Fuera de México"), siguiente=FUERA),
    ),
    ayuda=_(
        "Si usted pide el trámite para otra persona (un familiar o alguien a quien quiere "
        "contratar), piense en esa persona."
    ),
)


@dataclass
class Paso:
    """Dónde quedó la persona al recorrer el árbol con sus respuestas."""

    respuestas: list[tuple[Pregunta, Opcion]] = field(default_factory=list)
    pregunta: Pregunta | None = None
    error: bool = False
    final: Opcion | None = None


def recorrer(parametros) -> Paso:
    """Sigue las respuestas de la dirección hasta la primera pregunta sin contestar o la hoja.

    Un valor que no es opción de su pregunta (dirección alterada) detiene el recorrido en esa
    pregunta con `error`; los parámetros de otras ramas se ignoran.
    """
    paso = Paso()
    pregunta = RAIZ
    while pregunta is not None:
        valor = parametros.get(pregunta.clave, "")
        supuesta = pregunta.opcion(pregunta.por_omision) if not valor else None
        if supuesta and supuesta.siguiente and parametros.get(supuesta.siguiente.clave):
            pregunta = supuesta.siguiente
            continue
        if not valor:
            paso.pregunta = pregunta
            return paso
        opcion = pregunta.opcion(valor)
        if opcion is None:
            paso.pregunta, paso.error = pregunta, True
            return paso
        paso.respuestas.append((pregunta, opcion))
        if opcion.siguiente is None:
            paso.final = opcion
            return paso
        pregunta = opcion.siguiente
    return paso


def caminos(pregunta: Pregunta = RAIZ, previo: tuple = ()) -> Iterator[tuple[dict, Opcion]]:
    """Todos los caminos de la raíz a una hoja: (respuestas, opción final)."""
    for opcion in pregunta.opciones:
        respuestas = (*previo, (pregunta.clave, opcion.valor))
        if opcion.siguiente is None:
            yield dict(respuestas), opcion
        else:
            yield from caminos(opcion.siguiente, respuestas)


@dataclass
class Resultado:
    """Lo que la persona necesita para actuar, en una pantalla: el trámite, cuánto cuesta (con
    qué tan seguro es), cuándo pedirlo, la lista de documentos y la solicitud."""

    recomendacion: Recomendacion
    tramite: object  # tramites.models.Tramite, con sus cuotas precargadas
    modalidad: object | None
    costo: object  # tramites.cuotas.ResumenCuotas
    lista_url: str
    solicitud_url: str


def resultados(final: Opcion, tramites: dict, modalidades: dict) -> list[Resultado]:
    """Las recomendaciones de una hoja con lo que se muestra de cada trámite."""
    from django.urls import reverse

    from tramites import cuotas

    lista = []
    for recomendacion in final.resultado:
        tramite = tramites.get(recomendacion.tramite)
        if tramite is None:
            continue
        modalidad = modalidades.get((recomendacion.tramite, recomendacion.modalidad))
        # Solo las cuotas que aplican a la modalidad recomendada (o a todas).
        aplicables = [
            c
            for c in tramite.cuotas.all()
            if c.modalidad_id is None or (modalidad and c.modalidad_id == modalidad.pk)
        ]
        lista_url = reverse("tramites:lista_documentos", args=[tramite.slug])
        if modalidad:
            lista_url += f"?modalidad={modalidad.slug}"
        solicitud_url = (
            reverse("tramites:solicitud", args=[tramite.slug])
            if tramite.usa_formato_solicitud
            else ""
        )
        lista.append(
            Resultado(
                recomendacion,
                tramite,
                modalidad,
                cuotas.resumir(aplicables),
                lista_url,
                solicitud_url,
            )
        )
    return lista
