"""El trabajo pesado tiene cupo: con el cupo lleno, 503 amable; las páginas no esperan."""

from http import HTTPStatus

import pytest
from django.http import StreamingHttpResponse
from django.test import RequestFactory

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
