"""El sitio aguanta fallas: sin base de datos responde 503 amable, y frena a quien prueba
contraseñas en el admin.

- `BaseCaidaMiddleware`: si una vista no puede hablar con la base de datos, en vez de un 500
  con traza responde 503 con una página en español y `Retry-After`. Las páginas públicas que ya
  están en la caché de páginas se siguen sirviendo sin tocar la base (config/cache_paginas.py).
  Django reabre la conexión sola en la siguiente petición (CONN_HEALTH_CHECKS), así que el
  sitio se recupera en cuanto la base vuelve, sin reiniciar nada.
- `LimiteAccesoAdminMiddleware`: cada intento de entrar al admin aparta un lugar en el límite
  por conexión (config/limites.py, ACCESO_ADMIN) y lo devuelve si entró; al pasarse, responde
  429 hasta que termine la ventana.
- `CabecerasMiddleware`: Permissions-Policy (el sitio no usa cámara, micrófono, pagos…; solo la
  ubicación, y solo si la persona la ofrece en «cercanas»). Quién puede leer cada respuesta desde
  otro origen (CORS, Cross-Origin-Resource-Policy) lo decide config/cors.py.
"""

import contextlib
import logging
from http import HTTPStatus

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from config import limites

logger = logging.getLogger(__name__)

REINTENTAR_EN = 30  # segundos que se sugieren al navegador antes de reintentar


def pagina_503(request=None) -> HttpResponse:
    try:
        contenido = render_to_string("503.html", {"reintentar": REINTENTAR_EN})
    except Exception:  # noqa: BLE001 - la página de falla no puede fallar
        contenido = "Servicio no disponible por un momento. Intente de nuevo en unos minutos."
    respuesta = HttpResponse(contenido, status=HTTPStatus.SERVICE_UNAVAILABLE)
    respuesta["Retry-After"] = str(REINTENTAR_EN)
    respuesta["Cache-Control"] = "no-store"
    return respuesta


class BaseCaidaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            # Fallas fuera de la vista (middleware, sesión del admin…).
            return self._falla(request, error)

    def process_exception(self, request, exception):
        if isinstance(exception, limites.AlmacenNoDisponible):
            return pagina_503(request)  # config/limites.py ya dijo en el registro qué falta
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connect" in str(exception).lower()
        ):
            return self._falla(request, exception)
        return None

    def _falla(self, request, error):
        logger.error("Base de datos no disponible: %s", type(error).__name__)
        return pagina_503(request)


class LimiteAccesoAdminMiddleware:
    """Después de ADMIN_INTENTOS fallos por IP en la ventana, el login del admin responde 429."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        es_login = request.method == "POST" and request.path_info.rstrip("/").endswith(
            "/admin/login"
        )
        if not es_login:
            return self.get_response(request)
        contador = limites.ACCESO_ADMIN.contador(limites.ip_cliente(request))
        try:
            reserva = limites.reservar(contadores=[contador])
        except limites.AlmacenNoDisponible:
            return pagina_503(request)
        if isinstance(reserva, limites.Bloqueo):
            respuesta = HttpResponse(
                _(
                    "Demasiados intentos fallidos desde su conexión. Espere unos minutos e "
                    "inténtelo de nuevo."
                ),
                status=HTTPStatus.TOO_MANY_REQUESTS,
                content_type="text/plain; charset=utf-8",
            )
            respuesta["Retry-After"] = str(reserva.segundos)
            return respuesta
        respuesta = self.get_response(request)
        # El admin vuelve a mostrar el formulario (200) cuando la contraseña no sirvió; con
        # cualquier otra respuesta (entró, o la ficha CSRF faltaba) el intento no cuenta.
        # Si el almacén falla aquí, el intento queda contado de más hasta que acabe la ventana.
        if respuesta.status_code != HTTPStatus.OK:
            with contextlib.suppress(limites.AlmacenNoDisponible):
                limites.devolver(reserva)
        return respuesta


PERMISOS = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(self), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)


class CabecerasMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        respuesta = self.get_response(request)
        respuesta.setdefault("Permissions-Policy", PERMISOS)
        return respuesta
