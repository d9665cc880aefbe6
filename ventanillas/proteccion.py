"""Lo que muestran las páginas de protección internacional y de otras instituciones.

Los textos de la referencia se traducen como contenido (fixtures/traducciones/
contenido_proteccion.<idioma>.json); lo que falta por traducir se ve en español, marcado y con
aviso. Los títulos y el resumen son de la interfaz y se traducen con los .po. El resumen toma sus
cifras (días hábiles) y su postura de los hechos cargados, nunca de aquí.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from fuentes.models import Fuente
from fuentes.postura import Postura, Respaldo
from ventanillas.models import HechoProteccion, Institucion, OficinaComar

TITULOS = {
    "descripcion": _("Quién decide: la COMAR, no el INM"),
    "quien-puede-solicitar": _("Quién puede pedir refugio"),
    "plazo-para-solicitar": _("Plazo para pedirlo"),
    "gratuito": _("Es gratuito"),
    "sin-importar-situacion-migratoria": _("No importa su situación migratoria"),
    "donde-presentar": _("Dónde se pide"),
    "constancia": _("Mientras se decide: la constancia de trámite"),
    "no-devolucion": _("Mientras se decide: nadie puede devolverle a su país"),
    "tvrh": _("Mientras se decide: la tarjeta de visitante por razones humanitarias"),
    "curp-temporal": _("Mientras se decide: la CURP temporal"),
    "firmas-periodicas": _("Mientras se decide: presentarse a firmar"),
    "permanecer-en-entidad": _("Mientras se decide: quedarse en el mismo estado"),
    "plazo-resolucion": _("Cuánto tarda la respuesta"),
    "recurso-revision": _("Si la respuesta es negativa"),
    "reconocimiento-y-residencia-permanente": _("Si le reconocen como refugiado"),
    "proteccion-complementaria": _("Protección complementaria"),
    "asilo-politico": _("Asilo político: otra vía, ante la SRE"),
}

# Anclas que otras páginas (la búsqueda) enlazan: siempre existen, con datos o sin ellos.
INSTITUCIONES = {
    "consulados": _("Pasaporte perdido, robado o vencido: su consulado"),
    "curp": _("CURP para personas extranjeras"),
    "cndh": _("Quejas por violaciones de derechos humanos (CNDH)"),
    "acnur": _("ACNUR, la Agencia de la ONU para los Refugiados"),
    "oim": _("OIM, la Organización Internacional para las Migraciones"),
    "proteccion-infancia": _("Niñas, niños y adolescentes que viajan solos"),
    "victimas": _("Víctimas o testigos de un delito"),
    "seguimiento-inm": _("Saber cómo va un trámite ante el INM"),
}


@dataclass(frozen=True)
class Punto:
    """Una línea del resumen: una frase de la interfaz con la postura del hecho que la respalda."""

    texto: str
    respaldo: Respaldo
    ancla: str


def _hechos():
    return HechoProteccion.objects.prefetch_related(
        Prefetch("fuentes", Fuente.objects.order_by("url"))
    )


def hechos() -> list[HechoProteccion]:
    lista = list(_hechos())
    for hecho in lista:
        hecho.titulo_mostrado = TITULOS.get(hecho.clave, hecho.titulo)
    return lista


def resumen(por_clave: dict[str, HechoProteccion]) -> list[Punto]:
    """Lo esencial en cinco frases; un hecho que no se cargó dice «no localizado»."""
    sin_dato = Respaldo(Postura.NO_LOCALIZADO)

    def respaldo(clave):
        hecho = por_clave.get(clave)
        return hecho.respaldo if hecho else sin_dato

    plazo = por_clave.get("plazo-para-solicitar")
    if plazo and plazo.dias_habiles:
        texto_plazo = _(
            "Plazo: %(dias)s días hábiles desde el día siguiente a su entrada a México. Si se "
            "pasó, todavía puede pedirlo explicando por qué no pudo antes."
        ) % {"dias": plazo.dias_habiles}
    else:
        texto_plazo = _("Plazo para pedirlo: no localizado; pregunte en la COMAR.")
    return [
        Punto(
            _(
                "La condición de refugiado la decide la COMAR (Comisión Mexicana de Ayuda a "
                "Refugiados), no el INM. No es un trámite del INM."
            ),
            respaldo("descripcion"),
            "descripcion",
        ),
        Punto(
            _("Es gratuito: nadie puede cobrarle por pedirlo."), respaldo("gratuito"), "gratuito"
        ),
        Punto(texto_plazo, respaldo("plazo-para-solicitar"), "plazo-para-solicitar"),
        Punto(
            _(
                "Puede pedirlo aunque no tenga papeles migratorios, aunque tenga un procedimiento "
                "con el INM o esté en una estación migratoria."
            ),
            respaldo("sin-importar-situacion-migratoria"),
            "sin-importar-situacion-migratoria",
        ),
        Punto(
            _("Mientras se decide, nadie puede devolverle a su país."),
            respaldo("no-devolucion"),
            "no-devolucion",
        ),
    ]


def oficinas() -> list[OficinaComar]:
    return list(
        OficinaComar.objects.select_related("estado").prefetch_related(
            "fuentes_ubicacion", "fuentes_datos"
        )
    )


@dataclass
class EntradaInstitucion:
    ancla: str
    titulo: str
    institucion: Institucion | None


def instituciones() -> list[EntradaInstitucion]:
    """Todas las anclas conocidas, en orden; una sin datos queda con `institucion` None."""
    cargadas = {i.ancla: i for i in Institucion.objects.prefetch_related("fuentes")}
    entradas = [EntradaInstitucion(a, t, cargadas.pop(a, None)) for a, t in INSTITUCIONES.items()]
    entradas += [EntradaInstitucion(i.ancla, i.necesidad, i) for i in cargadas.values()]
    return entradas
