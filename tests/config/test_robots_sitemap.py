"""robots.txt, sitemap.xml con cada página en sus cuatro idiomas, y /favicon.ico."""

import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest

from tramites.models import Tramite

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_robots_apunta_al_sitemap_y_aparta_lo_personal(client):
    respuesta = client.get("/robots.txt")
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"].startswith("text/plain")
    texto = respuesta.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in texto
    for ruta in ("/admin/", "/seguimiento/", "/participa/folio/"):
        assert f"Disallow: {ruta}\n" in texto
    assert "Disallow: /\n" not in texto


def _sitemap(client) -> dict[str, dict[str, str]]:
    respuesta = client.get("/sitemap.xml")
    assert respuesta.status_code == HTTPStatus.OK
    raiz = ET.fromstring(respuesta.content)  # noqa: S314 - XML del propio sitio
    return {
        url.find("s:loc", NS).text: {
            enlace.get("hreflang"): enlace.get("href") for enlace in url.findall("x:link", NS)
        }
        for url in raiz.findall("s:url", NS)
    }


def test_cada_ficha_esta_en_sus_cuatro_idiomas_con_alternas(client):
    urls = _sitemap(client)
    tramite = Tramite.objects.publicados().first()
    ruta = f"/tramites/{tramite.slug}/"
    base = "http://testserver"
    versiones = {
        "es-mx": base + ruta,
        "en": f"{base}/en{ruta}",
        "fr": f"{base}/fr{ruta}",
        "ht": f"{base}/ht{ruta}",
    }
    for direccion in versiones.values():
        assert urls[direccion] == {**versiones, "x-default": base + ruta}


def test_el_sitemap_lista_las_secciones_y_cada_direccion_responde(client):
    urls = _sitemap(client)
    for ruta in ("/", "/tramites/", "/ventanillas/", "/datos/", "/participa/", "/en/tramites/"):
        assert f"http://testserver{ruta}" in urls
    # Una muestra de cada tipo: ninguna dirección del sitemap da error.
    por_tipo = {}
    for direccion in urls:
        ruta = direccion.removeprefix("http://testserver")
        por_tipo.setdefault(ruta.strip("/").split("/")[0:2][-1] if ruta != "/" else "", ruta)
    for ruta in list(por_tipo.values())[:25]:
        assert client.get(ruta).status_code == HTTPStatus.OK, ruta


def test_favicon_ico_lleva_al_icono(client):
    respuesta = client.get("/favicon.ico")
    assert respuesta.status_code == HTTPStatus.MOVED_PERMANENTLY
    icono = client.get(respuesta["Location"])
    assert icono.status_code == HTTPStatus.OK
    assert b"<svg" in b"".join(icono.streaming_content)
