"""El trabajo pesado tiene cupo: con el cupo lleno, 503 amable; las páginas no esperan."""

import socket
import threading
from http import HTTPStatus
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.http import StreamingHttpResponse
from django.test import RequestFactory
from django.urls import path

from config import concurrencia
from tests.tramites.test_documentos import datos_solicitud

pytestmark = pytest.mark.django_db


@pytest.fixture
def cupo_de_uno(settings):
    settings.CUPO_TRABAJO_PESADO = 1
    settings.ESPERA_TRABAJO_PESADO = 0.05
    concurrencia._cupos.clear()
    yield
    concurrencia._cupos.clear()


def test_con_el_cupo_lleno_el_pdf_espera_y_da_503_amable(client, cupo_de_uno):
    url = "/tramites/permiso-para-trabajar/solicitud/"
    assert client.post(url, datos_solicitud())["Content-Type"] == "application/pdf"

    ocupado = concurrencia._cupo("pdf")
    assert ocupado.acquire(blocking=False)  # otro hilo está generando un PDF
    try:
        respuesta = client.post(url, datos_solicitud())
        assert respuesta.status_code == HTTPStatus.SERVICE_UNAVAILABLE
        assert respuesta["Retry-After"] == "5"
        assert "Intente de nuevo en unos segundos" in respuesta.content.decode()
        # Ver el formulario, o cualquier ficha, no es trabajo pesado: no espera turno.
        assert client.get(url).status_code == HTTPStatus.OK
        assert client.get("/tramites/permiso-para-trabajar/").status_code == HTTPStatus.OK
    finally:
        ocupado.release()
    assert client.post(url, datos_solicitud())["Content-Type"] == "application/pdf"


def _vista_que_transmite(request):
    return StreamingHttpResponse(iter([b"a,b\n", b"1,2\n"]), content_type="text/csv")


@pytest.mark.parametrize("la_lee_entera", [True, False])
def test_una_descarga_conserva_su_lugar_hasta_que_termina(cupo_de_uno, la_lee_entera):
    vista = concurrencia.con_cupo("descarga")(_vista_que_transmite)
    peticion = RequestFactory().get("/datos/x.csv")
    respuesta = vista(peticion)
    cupo = concurrencia._cupo("descarga")
    assert not cupo.acquire(blocking=False)  # mientras se envía, el lugar está tomado
    assert vista(peticion).status_code == HTTPStatus.SERVICE_UNAVAILABLE
    if la_lee_entera:
        assert b"".join(respuesta.streaming_content) == b"a,b\n1,2\n"
    respuesta.close()  # el servidor cierra la respuesta (también si la persona se fue)
    assert cupo.acquire(blocking=False)
    cupo.release()


def _descarga_sin_fin(request):
    def filas():
        while True:
            yield b"1,2,3\n" * 10_000

    return StreamingHttpResponse(filas(), content_type="text/csv")


urlpatterns = [path("descarga/", concurrencia.con_cupo("descarga")(_descarga_sin_fin))]


class _SinBitacora(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def servidor_wsgi(settings):
    """Django detrás de un servidor WSGI real (wsgiref) en un hilo, con estas rutas de prueba."""
    settings.ROOT_URLCONF = __name__
    settings.MIDDLEWARE = []
    servidor = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=_SinBitacora)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    yield servidor.server_port
    servidor.shutdown()
    servidor.server_close()


def test_quien_corta_la_descarga_a_medias_libera_su_lugar(cupo_de_uno, servidor_wsgi):
    cupo = concurrencia._cupo("descarga")
    with socket.create_connection(("127.0.0.1", servidor_wsgi), timeout=5) as conexion:
        conexion.sendall(b"GET /descarga/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        assert conexion.recv(4096).startswith(b"HTTP/1.0 200")
        assert not cupo.acquire(blocking=False)  # mientras se envía, el lugar está tomado
    # La persona cerró la conexión: el servidor falla al escribir, cierra la respuesta y el
    # lugar vuelve al cupo.
    assert cupo.acquire(timeout=5)
    cupo.release()
