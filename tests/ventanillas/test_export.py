"""Descargas: CSV, GeoJSON con «tipo», postura de cada dato y posición aproximada declarada, y
vCard por lugar."""

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
    assert len(filas) == Lugar.objects.publicados().count() == 62
    central = next(f for f in filas if f["slug"] == "inm-oficinas-centrales")
    assert central["tipo"] == "oficina"
    assert central["tipo_nombre"] == "Oficina del INM"
    assert central["telefono"] == "55 5387 2400"
    # Cada dato con la misma postura que muestra la ficha.
    assert central["direccion_postura"] == "oficial"
    assert central["telefono_postura"] == "oficial"
    assert central["horario_postura"] == "secundaria"
    assert central["servicios_postura"] == "secundaria"
    tapachula = next(f for f in filas if f["slug"] == "ventanilla-tapachula")
    assert tapachula["direccion_postura"] == tapachula["telefono_postura"] == "no_localizado"
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
    assert len(datos["features"]) == 62
    tipos = {f["properties"]["tipo"] for f in datos["features"]}
    assert tipos == {"ventanilla", "oficina", "otro-lugar"}
    assert "no es una ventanilla de la red de la oim" in (
        datos["tipos"]["otro-lugar"]["descripcion"].lower()
    )
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


def test_las_descargas_nunca_cuentan_un_otro_lugar_como_ventanilla(client, ref_candidatas):
    candidatos = {" ".join(c["nombre"].split()) for c in ref_candidatas["candidatos"]}
    respuesta = client.get("/ventanillas.csv")
    filas = list(csv.DictReader(io.StringIO(b"".join(respuesta.streaming_content).decode())))
    otros = [f for f in filas if f["nombre"] in candidatos]
    assert len(otros) == 6
    assert {(f["tipo"], f["tipo_nombre"]) for f in otros} == {
        ("otro-lugar", "Otro lugar que ayuda a personas migrantes")
    }
    ventanillas = [f for f in filas if f["tipo"] == "ventanilla"]
    assert len(ventanillas) == 10 and not {f["nombre"] for f in ventanillas} & candidatos
    assert {f["tipo_nombre"] for f in ventanillas} == {"Ventanilla informativa (red de la OIM)"}
    geojson = json.loads(client.get("/ventanillas.json").content)
    assert {
        f["properties"]["tipo"]
        for f in geojson["features"]
        if f["properties"]["nombre"] in candidatos
    } == {"otro-lugar"}


def test_las_descargas_van_en_espanol_aunque_se_generen_en_otro_idioma():
    from django.utils import translation

    from ventanillas import export

    lugares = Lugar.objects.publicados().con_respaldos().filter(slug="ayuda-tijuana")
    with translation.override("en"):
        assert str(Lugar.objects.get(slug="ayuda-tijuana").get_tipo_display()) != (
            "Otro lugar que ayuda a personas migrantes"
        )
        _nombre, _tipo, lineas = export.exportar_csv(lugares=lugares, url_de=lambda lugar: "")
        # Las líneas se generan al leerlas: se leen con el inglés activo.
        texto_csv = "".join(lineas)
        _nombre, _tipo, geojson = export.exportar_geojson(lugares=lugares, url_de=lambda lugar: "")
    fila = next(csv.DictReader(io.StringIO(texto_csv)))
    assert fila["tipo_nombre"] == "Otro lugar que ayuda a personas migrantes"
    assert json.loads(geojson)["tipos"]["otro-lugar"]["nombre"] == fila["tipo_nombre"]


def test_la_vcard_de_un_otro_lugar_no_lo_atribuye_al_inm(client):
    texto = client.get("/ventanillas/ayuda-monterrey.vcf").content.decode()
    assert "ORG:Gobierno Municipal de Monterrey" in texto
    assert "Instituto Nacional de Migración" not in texto
