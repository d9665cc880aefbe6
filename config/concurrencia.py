"""Trabajo pesado con cupo: generar PDF y transmitir descargas grandes no acapara el servidor.

Cada proceso de gunicorn atiende con varios hilos. Si todos se ocuparan generando PDF o
enviando un CSV de millones de filas, las fichas y las búsquedas esperarían detrás. Con este
cupo, en cada proceso solo `CUPO_TRABAJO_PESADO` hilos hacen trabajo pesado a la vez; los demás
quedan libres para las páginas. Quien llega con el cupo lleno espera su turno unos segundos y,
si no se libera, recibe un 503 amable con `Retry-After` en lugar de tumbar el sitio.

Una descarga en streaming conserva su lugar mientras se envía: se libera cuando termina (o
cuando la persona la corta), no cuando la vista devuelve la respuesta.
"""

import functools
import logging
import threading
from http import HTTPStatus

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

_cupos: dict[str, threading.BoundedSemaphore] = {}
_candado = threading.Lock()


def _cupo(clase: str) -> threading.BoundedSemaphore:
    with _candado:
        if clase not in _cupos:
            _cupos[clase] = threading.BoundedSemaphore(settings.CUPO_TRABAJO_PESADO)
        return _cupos[clase]


def _ocupado() -> HttpResponse:
    respuesta = HttpResponse(
        _(
            "En este momento muchas personas están generando documentos o descargando datos. "
            "Intente de nuevo en unos segundos; lo que escribió sigue en la página anterior."
        ),
        status=HTTPStatus.SERVICE_UNAVAILABLE,
        content_type="text/plain; charset=utf-8",
    )
    respuesta["Retry-After"] = "5"
    respuesta["Cache-Control"] = "no-store"
    return respuesta


class ContenidoConCupo:
    """Contenido de una descarga que conserva su lugar en el cupo hasta que se cierra.

    Django cierra el iterador de un `StreamingHttpResponse` cuando el servidor WSGI cierra la
    respuesta (PEP 3333: siempre, termine la descarga o la corte la persona). El lugar se
    libera una sola vez: al agotarse el contenido o al cerrarse, lo que ocurra primero.
    """

    def __init__(self, contenido, cupo: threading.BoundedSemaphore):
        self.contenido = iter(contenido)
        self.cupo = cupo
        self.candado = threading.Lock()
        self.liberado = False

    def __iter__(self):
        return self

    def __next__(self):
        try:
            return next(self.contenido)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        with self.candado:
            if self.liberado:
                return
            self.liberado = True
        try:
            cerrar = getattr(self.contenido, "close", None)
            if cerrar is not None:
                cerrar()
        finally:
            self.cupo.release()


def con_cupo(clase: str, pesada=None):
    """Decorador de vista: limita cuántas peticiones de `clase` corren a la vez por proceso.

    Con `pesada` (función de la petición), solo esperan turno las peticiones que hacen el
    trabajo pesado; un GET que muestra un formulario pasa sin esperar.
    """

    def decorador(vista):
        @functools.wraps(vista)
        def envuelta(request, *args, **kwargs):
            if pesada is not None and not pesada(request):
                return vista(request, *args, **kwargs)
            cupo = _cupo(clase)
            if not cupo.acquire(timeout=settings.ESPERA_TRABAJO_PESADO):
                logger.warning("Cupo de trabajo pesado lleno: %s", clase)
                return _ocupado()
            try:
                respuesta = vista(request, *args, **kwargs)
            except BaseException:
                cupo.release()
                raise
            if isinstance(respuesta, StreamingHttpResponse):
                respuesta.streaming_content = ContenidoConCupo(respuesta.streaming_content, cupo)
                return respuesta
            cupo.release()
            return respuesta

        return envuelta

    return decorador
