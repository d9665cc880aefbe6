"""Qué vista atiende una dirección, para los middleware que deciden por las marcas de la vista.

Los middleware corren antes de que Django resuelva la ruta; esto la resuelve una sola vez por
petición (la guarda en la petición) y en el idioma del prefijo de la dirección: /en/datos/…
solo coincide con las rutas en inglés.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation

# Direcciones distintas que recuerda cada proceso: las rutas no cambian mientras corre, y cada
# petición pasaba por tres resoluciones (aquí, la de Django y la de config/cache_http.py).
RUTAS_GUARDADAS = 2048


def vista(request) -> tuple[object | None, str]:
    """(la función de la vista o None si ninguna ruta coincide, el idioma de la dirección)."""
    resuelta = getattr(request, "_vista_resuelta", None)
    if resuelta is None:
        idioma = translation.get_language_from_path(request.path_info) or translation.get_language()
        funcion = _funcion(urlconf(), request.path_info, idioma)
        resuelta = request._vista_resuelta = (funcion, idioma)
    return resuelta


def urlconf():
    """Las rutas con que se resuelve esta petición (las pruebas pueden cambiarlas)."""
    return get_urlconf() or settings.ROOT_URLCONF


@lru_cache(maxsize=RUTAS_GUARDADAS)
def _funcion(rutas, direccion: str, idioma: str | None):
    with translation.override(idioma):
        try:
            return resolve(direccion, rutas).func
        except Resolver404:
            return None
