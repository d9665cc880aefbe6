"""Recorridos básicos en Chromium real: inicio, menú sin JavaScript, 360 px e idioma."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECCIONES = [
    ("Trámites", "/tramites/"),
    ("Datos abiertos", "/datos/"),
    ("Ventanillas y oficinas", "/ventanillas/"),
    ("Participa", "/participa/"),
]


def test_la_pagina_de_inicio_carga_con_su_estilo_y_tipografia(pagina, live_server):
    respuesta = pagina.goto(live_server.url + "/")
    assert respuesta.status == 200
    expect(pagina).to_have_title(re.compile("Trámites Migratorios"))
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Trámites migratorios en México")
    # La hoja de estilos (servida por WhiteNoise) se aplicó: el encabezado es guinda.
    fondo = pagina.locator("header.ms-encabezado").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert fondo == "rgb(105, 28, 50)"
    pagina.evaluate("document.fonts.ready")
    assert pagina.evaluate("document.fonts.check('16px \"Noto Sans\"')")


def test_el_menu_funciona_sin_javascript(pagina_sin_js, live_server):
    pagina = pagina_sin_js
    pagina.goto(live_server.url + "/")
    menu = pagina.get_by_role("navigation", name="Menú principal")
    for texto, ruta in SECCIONES:
        menu.get_by_role("link", name=texto, exact=True).click()
        expect(pagina).to_have_url(live_server.url + ruta)
        expect(pagina.get_by_role("heading", level=1)).to_have_text(texto)
        expect(menu.get_by_role("link", name=texto, exact=True)).to_have_attribute(
            "aria-current", "page"
        )


def test_el_buscador_del_inicio_funciona_sin_javascript(pagina_sin_js, live_server):
    pagina = pagina_sin_js
    pagina.goto(live_server.url + "/")
    pagina.get_by_label("¿Qué trámite busca?").fill("renovación")
    pagina.get_by_role("button", name="Buscar").click()
    expect(pagina).to_have_url(re.compile(r"/tramites/buscar/\?q=renovaci%C3%B3n$"))


@pytest.mark.parametrize(
    "ruta",
    [
        "/",
        "/tramites/",
        "/datos/",
        "/ventanillas/",
        "/participa/",
        "/aviso-de-privacidad/",
        "/en/",
        "/no-existe/",
    ],
)
def test_sin_desplazamiento_horizontal_a_360_px(pagina_movil_sin_js, live_server, ruta):
    pagina = pagina_movil_sin_js
    pagina.goto(live_server.url + ruta)
    ancho = pagina.evaluate("document.documentElement.scrollWidth")
    assert ancho <= 360, f"{ruta} mide {ancho} px de ancho en un teléfono de 360 px"


def test_el_selector_de_idioma_conserva_la_pagina(pagina_sin_js, live_server):
    pagina = pagina_sin_js
    pagina.goto(live_server.url + "/ventanillas/")
    pagina.get_by_role("link", name="English").click()
    expect(pagina).to_have_url(live_server.url + "/en/ventanillas/")
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Information desks and offices")
    expect(pagina.locator("html")).to_have_attribute("lang", "en")
    pagina.get_by_role("link", name="Español").click()
    expect(pagina).to_have_url(live_server.url + "/ventanillas/")
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Ventanillas y oficinas")


def test_el_enlace_para_saltar_es_lo_primero_con_el_teclado(pagina, live_server):
    pagina.goto(live_server.url + "/tramites/")
    pagina.keyboard.press("Tab")
    salto = pagina.get_by_role("link", name="Saltar al contenido principal")
    expect(salto).to_be_focused()
    expect(salto).to_be_visible()
    pagina.keyboard.press("Enter")
    expect(pagina.locator("main")).to_be_focused()
