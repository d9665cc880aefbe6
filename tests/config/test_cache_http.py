"""Caché HTTP y compresión: lo que ve un navegador, una CDN o Varnish delante del sitio."""

import gzip
from http import HTTPStatus

import brotli
import pytest

from tramites.models import Tramite

pytestmark = pytest.mark.django_db
FICHA = "/tramites/permiso-para-trabajar/"


def _control(respuesta) -> set[str]:
    return {parte.strip() for parte in respuesta.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize("url", [FICHA, "/en" + FICHA, "/tramites/", "/ht/ventanillas/"])
def test_una_pagina_publica_la_pueden_guardar_los_proxies(client, url):
    respuesta = client.get(url)
    control = _control(respuesta)
    assert "public" in control
    assert "s-maxage=3600" in control
    assert "stale-while-revalidate=60" in control
    assert respuesta.has_header("Last-Modified")
    # El idioma sale de la dirección: Accept-Language no cambia la respuesta.
    assert "accept-language" not in respuesta.get("Vary", "").lower()


def test_sin_prefijo_la_pagina_es_espanol_con_cualquier_accept_language(client):
    espanol = client.get(FICHA)
    con_ingles = client.get(FICHA, HTTP_ACCEPT_LANGUAGE="en")
    assert con_ingles.content == espanol.content


@pytest.mark.parametrize("url", [FICHA, "/tramites/", "/datos/"])
def test_una_pregunta_condicional_recibe_304(client, url):
    primera = client.get(url)
    etag = primera["ETag"]
    segunda = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert segunda.status_code == HTTPStatus.NOT_MODIFIED
    assert segunda.content == b""
    assert "accept-encoding" in segunda["Vary"].lower()
    # Con el cuerpo comprimido, el mismo ETag vale (débil): la CDN puede revalidar cualquiera.
    comprimida = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert comprimida["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT_ENCODING="gzip").status_code == (
        HTTPStatus.NOT_MODIFIED
    )


def test_if_modified_since_recibe_304_y_un_cambio_lo_invalida(client):
    primera = client.get(FICHA)
    fecha = primera["Last-Modified"]
    assert client.get(FICHA, HTTP_IF_MODIFIED_SINCE=fecha).status_code == HTTPStatus.NOT_MODIFIED
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    tramite.nombre_es_mx = tramite.nombre + " (cambio)"
    tramite.save()
    despues = client.get(FICHA, HTTP_IF_NONE_MATCH=primera["ETag"])
    assert despues.status_code == HTTPStatus.OK
    assert "(cambio)" in despues.content.decode()


def test_un_formulario_con_token_csrf_no_se_guarda_ni_se_comprime(client):
    respuesta = client.get("/seguimiento/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert "csrfmiddlewaretoken" in respuesta.content.decode()
    control = _control(respuesta)
    assert {"private", "no-store"} <= control
    assert "public" not in control
    # BREACH: un cuerpo con un secreto nunca va comprimido.
    assert not respuesta.has_header("Content-Encoding")


def test_con_avisos_pendientes_la_respuesta_es_privada(client):
    client.cookies["messages"] = "algo"
    respuesta = client.get(FICHA, HTTP_ACCEPT_ENCODING="gzip")
    assert {"private", "no-store"} <= _control(respuesta)
    assert not respuesta.has_header("Content-Encoding")


def test_la_cookie_csrf_sola_no_vuelve_privada_una_pagina_publica(client):
    client.cookies["csrftoken"] = "x" * 32
    respuesta = client.get("/tramites/", HTTP_ACCEPT_ENCODING="gzip")
    assert "public" in _control(respuesta)
    assert respuesta["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("url", [FICHA, "/tramites/", "/datos/", "/datos/datapackage.json"])
def test_html_y_json_publicos_van_comprimidos(client, url):
    plano = client.get(url)
    con_gzip = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert con_gzip["Content-Encoding"] == "gzip"
    assert "accept-encoding" in con_gzip["Vary"].lower()
    assert gzip.decompress(con_gzip.content) == plano.content
    assert len(con_gzip.content) < len(plano.content)
    con_br = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert con_br["Content-Encoding"] == "br"
    assert brotli.decompress(con_br.content) == plano.content


def test_sin_accept_encoding_o_con_q_cero_no_se_comprime(client):
    assert not client.get(FICHA).has_header("Content-Encoding")
    respuesta = client.get(FICHA, HTTP_ACCEPT_ENCODING="gzip;q=0, identity")
    assert not respuesta.has_header("Content-Encoding")
