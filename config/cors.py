"""Datos que otros sitios y programas pueden leer: CORS y Cross-Origin-Resource-Policy.

Una vista se declara dato público con `@datos_publicos`, junto a su ruta (como
`pagina_cacheable`). Sus respuestas a GET y HEAD —también los errores, los 304 y lo que sirve la
caché de páginas, que pasa por aquí— llevan `Access-Control-Allow-Origin: *` y
`Cross-Origin-Resource-Policy: cross-origin`; la consulta previa de un navegador (OPTIONS) se
contesta aquí mismo. Todo lo demás (páginas, formularios, admin, estáticos) queda `same-origin`:
otro origen no puede leerlo. Con «*» el navegador nunca manda cookies: nada personal viaja.
"""

import re
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.http import HttpResponse

from config import rutas

METODOS = ("GET", "HEAD", "OPTIONS")
# Las que un programa en otro origen puede leer además de las básicas (Content-Type,
# Last-Modified, Cache-Control, Content-Language…): el ETag para preguntar si algo cambió y las
# que explican una descarga.
EXPUESTAS = "ETag, Content-Disposition, Link, Retry-After, X-Datos-Filtros, X-Datos-De-Muestra"
# Un día: el navegador no repite la consulta previa en cada petición.
PREVIA_SEGUNDOS = 86400
_NOMBRES_CABECERA = re.compile(r"^[A-Za-z0-9-]+(\s*,\s*[A-Za-z0-9-]+)*$")


def datos_publicos(vista):
    """Marca una vista (función o `View.as_view()`) como dato que cualquier origen puede leer."""

    @wraps(vista)
    def envoltura(*args, **kwargs):
        return vista(*args, **kwargs)

    envoltura.datos_publicos = True
    return envoltura


def _es_publica(request) -> bool:
    if request.path_info.startswith(settings.STATIC_URL):
        return False
    funcion, _idioma = rutas.vista(request)
    return getattr(funcion, "datos_publicos", False)


def _consulta_previa(request) -> HttpResponse:
    # Antes de responder, el mismo Host que exigiría la vista (400 si no está permitido).
    request.get_host()
    respuesta = HttpResponse(status=HTTPStatus.NO_CONTENT)
    del respuesta["Content-Type"]
    respuesta["Allow"] = ", ".join(METODOS)
    respuesta["Access-Control-Allow-Methods"] = ", ".join(METODOS)
    pedidas = request.headers.get("Access-Control-Request-Headers", "").strip()
    # Cualquier cabecera de lectura se admite (no hay credenciales que proteger); solo se
    # devuelve si es una lista de nombres bien formada.
    if pedidas and _NOMBRES_CABECERA.match(pedidas):
        respuesta["Access-Control-Allow-Headers"] = pedidas
    respuesta["Access-Control-Max-Age"] = str(PREVIA_SEGUNDOS)
    return respuesta


class CorsMiddleware:
    """Va antes de WhiteNoise y de la caché de páginas: toda respuesta pasa por aquí."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        publica = _es_publica(request)
        if publica and request.method == "OPTIONS":
            respuesta = _consulta_previa(request)
        else:
            respuesta = self.get_response(request)
        if publica and request.method in METODOS:
            respuesta["Access-Control-Allow-Origin"] = "*"
            respuesta["Access-Control-Expose-Headers"] = EXPUESTAS
            respuesta["Cross-Origin-Resource-Policy"] = "cross-origin"
        else:
            respuesta.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return respuesta
