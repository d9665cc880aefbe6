"""Series anuales de cifras reales: cada valor con su fuente y su postura, nunca de muestra."""

import csv
import io

import pytest

from datos_abiertos import series
from datos_abiertos.models import SeriePublicada, ValorPublicado
from referencia.carpeta import directorio_referencia
from tests.html import sopa, texto

pytestmark = pytest.mark.django_db


def test_al_menos_cinco_series_anuales_con_fuente_y_postura_en_cada_valor():
    publicadas = list(SeriePublicada.objects.all())
    assert len(publicadas) >= 5
    for serie in publicadas:
        filas = series.filas(serie)
        assert len(filas) >= 2, serie.slug
        assert [f.anio for f in filas] == sorted({f.anio for f in filas})
        for fila in filas:
            assert fila.fuente.url.startswith("https://")
            assert fila.respaldo.postura in ("oficial", "secundaria"), (serie.slug, fila.anio)


def test_cada_cifra_y_su_fuente_estan_en_la_referencia():
    """Ninguna cifra inventada: cada valor y su dirección aparecen en datos.md o cifras_publicadas.md."""
    carpeta = directorio_referencia()
    if not (carpeta / "datos.md").exists():
        pytest.skip("Sin ../shared/reference en esta máquina")
    referencia = "\n".join(
        (carpeta / nombre).read_text(encoding="utf-8")
        for nombre in ("datos.md", "cifras_publicadas.md")
    )
    for valor in ValorPublicado.objects.select_related("fuente", "serie"):
        assert f"{valor.valor:,}" in referencia, (valor.serie.slug, valor.anio, valor.valor)
        assert valor.fuente.url in referencia, valor.fuente.url


def test_la_pagina_de_una_serie_grafica_y_muestra_fuente_y_postura(client):
    respuesta = client.get("/datos/cifras/solicitudes-refugio-comar/")
    assert respuesta.status_code == 200
    html = sopa(respuesta)
    assert html.select_one("main figure svg") is not None
    filas = html.select("main table tbody tr")
    assert len(filas) == 12
    primera = filas[0]
    assert texto(primera.select_one("th")) == "2013"
    assert "1,296" in texto(primera)
    assert (
        primera.select_one("a")["href"]
        == "https://lja.mx/2023/03/crece-la-solicitud-de-asilo-convicciones"
    )
    assert "Fuente no oficial" in texto(primera)
    # Cifras reales: la página no lleva el aviso de muestra.
    assert "Datos de muestra" not in respuesta.content.decode()
    assert "postura" in texto(html.select_one("#diccionario-serie").parent)


def test_el_csv_de_una_serie_trae_fuente_y_postura_por_fila(client):
    respuesta = client.get("/datos/cifras/personas-extranjeras-devueltas.csv")
    assert respuesta["Access-Control-Allow-Origin"] == "*"
    filas = list(csv.DictReader(io.StringIO(respuesta.content.decode())))
    assert len(filas) == 12
    assert {f["postura"] for f in filas} == {"secundaria"}
    assert all(f["fuente_url"].startswith("https://") for f in filas)
    assert filas[0] == {
        "anio": "2013",
        "valor": "80902",
        "unidad": "devoluciones",
        "postura": "secundaria",
        "fuente_url": "https://www.eleconomista.com.mx/politica/Expulsion-de-extranjeros-en-Mexico-crece-49-con-EPN-20161222-0081.html",
        "fuente": filas[0]["fuente"],
        "nota": "",
    }


def test_el_catalogo_lista_las_series_aparte_de_los_conjuntos_de_muestra(client):
    html = sopa(client.get("/datos/"))
    seccion = html.select_one("#cifras-publicadas").parent
    enlaces = [a["href"] for a in seccion.select("h3 a")]
    assert "/datos/cifras/eventos-presentadas-canalizadas/" in enlaces
    assert len(enlaces) == SeriePublicada.objects.count()
    assert "Datos de muestra" not in texto(seccion)
