"""Descargas: CSV, GeoJSON con «tipo» y posición aproximada declarada, y vCard por lugar."""

import csv
import io
import json
from http import HTTPStatus

import pytest

from ventanillas.export import COLUMNAS, _plegar
from ventanillas.models import Lugar

pytestmark = pytest.mark.django_db


def test_csv_con_encabezados_y_una_fila_por_lugar(client):
    respuesta = client.get("/ventanillas.csv")
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ventanillas.csv"' in respuesta["Content-Disposition"]
    filas = list(csv.DictReader(io.StringIO(b"".join(respuesta.streaming_content).decode())))
    assert list(filas[0]) == COLUMNAS
    assert len(filas) == Lugar.objects.publicados().count() == 50
    central = next(f for f in filas if f["slug"] == "inm-oficinas-centrales")
    assert central["telefono"] == "55 5387 2400"
    assert central["codigo_postal"] == "11510"
    assert central["latitud"] == ""  # ninguna fuente la da
    assert central["posicion"] == "centro-del-municipio"
    assert central["municipio_clave"] == "09016"
    assert central["url"] == "http://testserver/ventanillas/inm-oficinas-centrales/"


def test_geojson_con_tipo_y_posicion_aproximada(client):
    respuesta = client.get("/ventanillas.json")
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"] == "application/geo+json"
    datos = json.loads(respuesta.content)
    assert datos["type"] == "FeatureCollection"
    assert len(datos["features"]) == 50
    tipos = {f["properties"]["tipo"] for f in datos["features"]}
    assert tipos == {"ventanilla", "oficina"}
    for elemento in datos["features"]:
        lon, lat = elemento["geometry"]["coordinates"]
        assert 14 < lat < 33
        assert -118 < lon < -86
        assert elemento["properties"]["posicion_aproximada"] is True
    cdmx = next(f for f in datos["features"] if f["id"] == "ventanilla-ciudad-de-mexico")
    assert cdmx["properties"]["posicion"] == "centro-del-estado"
    assert "no se conoce el municipio" in cdmx["properties"]["nota_posicion"]


def test_vcard_del_lugar(client):
    respuesta = client.get("/ventanillas/inm-oficinas-centrales.vcf")
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"] == "text/vcard; charset=utf-8"
    texto = respuesta.content.decode()
    assert texto.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:Oficinas centrales del Instituto Nacional de Migración\r\n" in texto
    assert "TEL;TYPE=WORK,VOICE:+525553872400\r\n" in texto
    desplegado = texto.replace("\r\n ", "")
    assert "Homero 1832\\, Col. Los Morales Polanco" in desplegado
    assert ";11510;México" in desplegado
    assert texto.endswith("END:VCARD\r\n")


def test_vcard_sin_telefono_no_inventa_uno(client):
    texto = client.get("/ventanillas/ventanilla-tapachula.vcf").content.decode()
    assert "TEL" not in texto
    assert "EMAIL" not in texto


def test_las_lineas_largas_se_pliegan_a_75_octetos():
    linea = "NOTE:" + "á" * 100
    plegada = _plegar(linea)
    assert all(len(parte.encode()) <= 75 for parte in plegada.split("\r\n"))
    assert plegada.replace("\r\n ", "") == linea
