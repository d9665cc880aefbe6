"""Las fuentes como datos de la API: la misma forma en trámites, lugares y conjuntos de datos."""

from collections.abc import Iterable

from fuentes import postura


def fuente_a_dict(fuente) -> dict:
    return {
        "url": fuente.url,
        "fecha_consulta": fuente.fecha_consulta.isoformat(),
        "oficial": fuente.oficial,
        "tipo": fuente.tipo,
    }


def fuentes_a_lista(fuentes: Iterable) -> list[dict]:
    """Las oficiales primero, como las lee una persona."""
    return [fuente_a_dict(f) for f in postura.ordenar(fuentes)]
