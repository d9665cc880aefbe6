"""Recorrido de una investigadora en Chromium: abrir un conjunto, filtrar, ver la gráfica y la tabla
cambiar, descargar el CSV y el JSON de exactamente esas filas y abrir el diccionario."""

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.db.models import Sum
from playwright.sync_api import expect

from datos_abiertos.models import Observacion
from tests.datos_abiertos.conftest import cargar_datos_abiertos

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("contenido")]


@pytest.fixture(autouse=True)
def datos(contenido):
    """La base se vacía entre pruebas de navegador: se carga solo el conjunto del recorrido."""
    if not Observacion.objects.exists():
        cargar_datos_abiertos(["personas-presentadas"])


def _filtradas():
    return Observacion.objects.filter(
        conjunto__slug="personas-presentadas",
        entidad="07",
        sexo="mujer",
        periodo__gte=date(2023, 1, 1),
        periodo__lte=date(2023, 12, 1),
    )


def test_filtrar_ver_la_grafica_descargar_y_abrir_el_diccionario(pagina, live_server):
    pagina.goto(live_server.url + "/datos/")
    expect(pagina.get_by_role("region", name="Datos de muestra")).to_be_visible()
    pagina.get_by_role(
        "link",
        name="Personas extranjeras presentadas y canalizadas ante la autoridad migratoria",
        exact=True,
    ).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text(
        "Personas extranjeras presentadas y canalizadas ante la autoridad migratoria"
    )
    total_antes = pagina.locator(".ms-datos-total").inner_text()
    serie_antes = pagina.locator("#grafica-serie-desc").text_content()

    pagina.get_by_label("Desde (mes)").fill("2023-01")
    pagina.get_by_label("Hasta (mes)").fill("2023-12")
    pagina.get_by_role("combobox", name="Entidad federativa").select_option("07")
    pagina.get_by_role("combobox", name="Sexo").select_option("mujer")
    pagina.get_by_role("button", name="Filtrar").click()

    # Los filtros quedan en la dirección y la página cambia: total, gráfica y filas.
    expect(pagina).to_have_url(re.compile(r"\?desde=2023-01&hasta=2023-12&entidad=07&.*sexo=mujer"))
    total = _filtradas().aggregate(t=Sum("valor"))["t"]
    expect(pagina.locator(".ms-datos-total")).to_contain_text(f"{total:,} eventos en total")
    assert pagina.locator(".ms-datos-total").inner_text() != total_antes
    descripcion = pagina.locator("#grafica-serie-desc").text_content()
    assert descripcion != serie_antes and "enero de 2023 a diciembre de 2023" in descripcion
    expect(
        pagina.locator("#tabla-serie-titulo").locator("xpath=..").locator("tbody tr")
    ).to_have_count(1)
    primera = pagina.locator("#tabla-filas-titulo").locator("xpath=..").locator("tbody tr").first
    expect(primera).to_contain_text("Chiapas")
    expect(primera).to_contain_text("Mujer")

    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="CSV (UTF-8)").click()
    # El nombre del archivo dice qué filtros lleva.
    assert descarga.value.suggested_filename == (
        "personas-presentadas_desde-2023-01_hasta-2023-12_entidad-07_sexo-mujer.csv"
    )
    filas = list(
        csv.DictReader(io.StringIO(Path(descarga.value.path()).read_text(encoding="utf-8")))
    )
    esperadas = list(_filtradas().order_by("periodo", "nacionalidad", "grupo_edad"))
    assert len(filas) == len(esperadas) > 0
    assert {f["entidad"] for f in filas} == {"07"} and {f["sexo"] for f in filas} == {"mujer"}
    assert sum(int(f["valor"]) for f in filas) == total
    assert {f["origen"] for f in filas} == {"Datos de muestra"}

    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="JSON", exact=True).click()
    datos = json.loads(Path(descarga.value.path()).read_text(encoding="utf-8"))
    assert datos["filtros"] == {
        "desde": "2023-01",
        "hasta": "2023-12",
        "entidad": "07",
        "sexo": "mujer",
    }
    assert datos["total_filas"] == len(esperadas)
    assert [f["valor"] for f in datos["filas"]] == [int(f["valor"]) for f in filas]

    pagina.get_by_role(
        "link", name="Diccionario de datos (qué significa cada columna y cada código)"
    ).click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Diccionario de datos")
    expect(pagina.get_by_role("heading", name="entidad — Entidad federativa")).to_be_visible()
    # Las listas largas de códigos vienen plegadas: se abren con su resumen.
    pagina.get_by_text("32 valores permitidos").click()
    expect(pagina.get_by_role("cell", name="Chiapas")).to_be_visible()


def test_filtrar_sin_javascript_y_corregir_un_error(pagina_sin_js, live_server):
    pagina = pagina_sin_js
    pagina.goto(live_server.url + "/datos/personas-presentadas/")
    pagina.get_by_label("Desde (mes)").fill("2024-05")
    pagina.get_by_label("Hasta (mes)").fill("2023-01")
    pagina.get_by_role("button", name="Filtrar").click()
    expect(pagina.get_by_role("alert")).to_contain_text("es anterior al inicial")
    expect(pagina.get_by_label("Desde (mes)")).to_have_value("2024-05")
    pagina.get_by_label("Hasta (mes)").fill("2024-08")
    pagina.get_by_role("button", name="Filtrar").click()
    total = Observacion.objects.filter(
        conjunto__slug="personas-presentadas",
        periodo__gte=date(2024, 5, 1),
        periodo__lte=date(2024, 8, 1),
    ).aggregate(t=Sum("valor"))["t"]
    # Mayo a agosto de 2024 (referencia datos.md, sección 2.1): 125,302 + 121,349 + 115,937 + 96,184.
    assert total == 458_772
    expect(pagina.locator(".ms-datos-total")).to_contain_text("458,772 eventos en total")
    expect(pagina.locator("figure.ms-grafica svg").first).to_be_visible()


@pytest.mark.parametrize(
    "ruta",
    [
        "/datos/",
        "/datos/personas-presentadas/?desglose=nacionalidad",
        "/datos/personas-presentadas/diccionario/",
    ],
)
def test_a_360_px_sin_desplazamiento_horizontal(pagina_movil_sin_js, live_server, ruta):
    pagina = pagina_movil_sin_js
    pagina.goto(live_server.url + ruta)
    expect(pagina.get_by_role("heading", level=1)).to_be_visible()
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 360
