"""Opciones de las listas desplegables (estados, municipios de un estado, servicios), leídas de
la base una vez por versión del contenido e idioma y no en cada visita.

Un `ModelChoiceField` consulta la base y crea un objeto por opción cada vez que se dibuja (los
124 municipios de Chiapas, los 32 estados): aquí se guardan los pares (valor, texto) en la caché
de trozos del proceso; el campo sigue validando contra la base.
"""

from django.core.cache import caches
from django.utils.translation import get_language

from ventanillas.models import Estado, Municipio, Servicio


def _guardadas(clave: str, leer) -> list[tuple[str, str]]:
    opciones = caches["fragmentos"].get(clave)
    if opciones is None:
        opciones = leer()
        caches["fragmentos"].set(clave, opciones, None)
    return opciones


def estados(*, version: str) -> list[tuple[str, str]]:
    """(slug, nombre) de cada estado, en el orden del modelo."""
    return _guardadas(
        f"ventanillas:opciones:{version}:estados",
        lambda: [(e.slug, str(e)) for e in Estado.objects.all()],
    )


def municipios(estado_pk: int, *, version: str) -> list[tuple[str, str]]:
    """(clave, nombre) de los municipios de un estado, por nombre."""
    return _guardadas(
        f"ventanillas:opciones:{version}:municipios:{estado_pk}",
        lambda: list(
            Municipio.objects.filter(estado=estado_pk)
            .order_by("nombre")
            .values_list("clave", "nombre")
        ),
    )


def servicios(*, version: str) -> list[tuple[str, str]]:
    """(slug, nombre) de cada servicio, con el nombre en el idioma de la página."""
    return _guardadas(
        f"ventanillas:opciones:{version}:servicios:{get_language()}",
        lambda: [(s.slug, str(s)) for s in Servicio.objects.all()],
    )
