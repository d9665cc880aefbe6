"""Envíos al azar a los generadores de documentos: nunca un 500, nunca una petición afuera."""

from http import HTTPStatus

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tramites.test_documentos import datos_escrito, datos_solicitud
from tramites import pdf

pytestmark = pytest.mark.django_db

INYECCIONES = st.sampled_from(
    [
        '<img src="http://127.0.0.1:9/x.png">',
        "<script>alert(1)</script>",
        "\" onload=\"fetch('http://ejemplo.invalid')",
        "url(http://ejemplo.invalid/a.css)",
        "{{ valores }}{% debug %}",
        "\x00\x01\x02",
        "‮invertido",
    ]
)
TEXTOS = st.one_of(st.text(max_size=300), INYECCIONES, st.text(min_size=5000, max_size=6000))


@pytest.fixture
def urls_pedidas(monkeypatch):
    pedidas = []
    original = pdf.RecursosDelSitio.fetch

    def espia(self, url, headers=None):
        pedidas.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.RecursosDelSitio, "fetch", espia)
    return pedidas


def _revisar(respuesta, pedidas):
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"] in ("application/pdf", "text/html; charset=utf-8")
    prefijo = pdf.BASE_URL + "static/"
    assert all(url.startswith(prefijo) for url in pedidas), pedidas


CAMPOS_SOLICITUD = list(datos_solicitud())


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(
    cambios=st.dictionaries(st.sampled_from(CAMPOS_SOLICITUD), TEXTOS, max_size=6),
    faltan=st.sets(st.sampled_from(CAMPOS_SOLICITUD), max_size=4),
)
def test_solicitud_con_datos_al_azar(client, urls_pedidas, cambios, faltan):
    datos = datos_solicitud(**cambios)
    for campo in faltan:
        datos.pop(campo)
    respuesta = client.post("/tramites/permiso-para-trabajar/solicitud/", datos)
    _revisar(respuesta, urls_pedidas)


CAMPOS_ESCRITO = list(datos_escrito())


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(cambios=st.dictionaries(st.sampled_from(CAMPOS_ESCRITO), TEXTOS, max_size=5))
def test_escrito_con_datos_al_azar(client, urls_pedidas, cambios):
    respuesta = client.post(
        "/tramites/notificacion-cambio-domicilio/escrito-libre/", datos_escrito(**cambios)
    )
    _revisar(respuesta, urls_pedidas)
