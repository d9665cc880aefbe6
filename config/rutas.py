"""Qué vista atiende una dirección, para los middleware que deciden por las marcas de la vista.

Los middleware corren antes de que Django resuelva la ruta; esto la resuelve una sola vez por
petición (la guarda en la petición) y en el idioma del prefijo de la dirección: /en/datos/…
solo coincide con las rutas en inglés.
"""

from django.urls import Resolver404, resolve
from django.utils import translation


def vista(request) -> tuple[object | None, str]:
    """(la función de la vista o None si ninguna ruta coincide, el idioma de la dirección)."""
    resuelta = getattr(request, "_vista_resuelta", None)
    if resuelta is None:
        idioma = translation.get_language_from_path(request.path_info) or translation.get_language()
        with translation.override(idioma):
            try:
                funcion = resolve(request.path_info).func
            except Resolver404:
                funcion = None
        resuelta = request._vista_resuelta = (funcion, idioma)
    return resuelta
