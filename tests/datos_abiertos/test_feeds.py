"""Canal Atom de las actualizaciones de los conjuntos (datos_abiertos/feeds.py): una entrada por
versión, con las fechas que guarda la carga, y el aviso de muestra donde lo hay."""

import xml.etree.ElementTree as ET
from datetime import datetime
from http import HTTPStatus

import pytest

from datos_abiertos.models import ConjuntoDatos
from tests.html import sopa

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
URL = "/datos/cambios.atom"


def _entradas(client) -> dict[str, ET.Element]:
    respuesta = client.get(URL)
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"].startswith("application/atom+xml")
    raiz = ET.fromstring(respuesta.content)  # noqa: S314 - el canal es nuestro
    assert raiz.tag == f"{ATOM}feed"
    assert raiz.find(f"{ATOM}title").text == "Actualizaciones de los datos abiertos"
    assert raiz.find(f"{ATOM}author/{ATOM}name").text
    entradas = {}
    for entrada in raiz.findall(f"{ATOM}entry"):
        enlace = entrada.find(f"{ATOM}link").get("href")
        entradas[enlace.removeprefix("http://testserver/datos/").strip("/")] = entrada
    return entradas


def test_una_entrada_por_conjunto_publicado_con_su_fecha_de_actualizacion(client):
    entradas = _entradas(client)
    conjuntos = ConjuntoDatos.objects.publicados().filter(actualizado__isnull=False)
    assert set(entradas) == {c.slug for c in conjuntos}
    for conjunto in conjuntos:
        entrada = entradas[conjunto.slug]
        assert datetime.fromisoformat(entrada.find(f"{ATOM}updated").text) == conjunto.actualizado
        assert entrada.find(f"{ATOM}title").text == (
            f"{conjunto.titulo}: versión {conjunto.version}"
        )


def test_una_version_nueva_es_una_entrada_nueva(client, conjunto):
    antes = _entradas(client)[conjunto.slug].find(f"{ATOM}id").text
    ConjuntoDatos.objects.filter(pk=conjunto.pk).update(version=conjunto.version + 1)
    despues = _entradas(client)[conjunto.slug].find(f"{ATOM}id").text
    assert despues != antes
    assert despues.endswith(f"version-{conjunto.version + 1}")


def test_los_datos_de_muestra_lo_dicen_en_la_entrada(client, conjunto):
    assert conjunto.es_muestra
    resumen = _entradas(client)[conjunto.slug].find(f"{ATOM}summary").text
    assert "Datos de muestra: estas cifras se generaron para probar el sitio" in resumen


def test_un_conjunto_sin_publicar_no_sale(client, conjunto):
    ConjuntoDatos.objects.filter(pk=conjunto.pk).update(publicado=False)
    assert conjunto.slug not in _entradas(client)


def test_el_catalogo_anuncia_el_canal_y_la_api(client):
    html = sopa(client.get("/datos/"))
    anunciado = html.select_one("head link[rel='alternate'][type='application/atom+xml']")
    assert anunciado["href"] == URL
    assert html.select_one(f"main a[href='{URL}']") is not None
    assert html.select_one("main a[href='/api/v1/']") is not None
