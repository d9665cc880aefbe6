"""Recorrido en Chromium, sin JavaScript y a 360 px: quien no tiene papeles o teme volver a su
país llega del orientador a la página de protección internacional, en los cuatro idiomas, y
cada página del camino pasa axe (WCAG 2.2 AA)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accesibilidad import violaciones

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("contenido")]

IDIOMAS = ["", "/en", "/fr", "/ht"]


def _responder(pagina, valor: str) -> None:
    # Por valor: la etiqueta cambia con el idioma, el valor no.
    pagina.locator(f"main input[type=radio][value='{valor}']").check()
    pagina.locator("main form button[type=submit]").click()


def _sin_violaciones(pagina, donde: str, encontradas: dict) -> None:
    problemas = violaciones(pagina)
    if problemas:
        encontradas[donde] = problemas


@pytest.mark.parametrize("prefijo", IDIOMAS, ids=["es", "en", "fr", "ht"])
def test_del_miedo_a_volver_a_la_proteccion(pagina_movil_sin_js, live_server, prefijo):
    pagina = pagina_movil_sin_js
    encontradas: dict = {}
    pagina.goto(f"{live_server.url}{prefijo}/tramites/orientador/")
    _sin_violaciones(pagina, "primera pregunta", encontradas)
    _responder(pagina, "mexico")
    # Lo segundo que se pregunta es el miedo a volver, antes que los papeles.
    expect(pagina.locator("main input[type=radio]")).to_have_count(2)
    _sin_violaciones(pagina, "pregunta del miedo", encontradas)
    _responder(pagina, "si")
    _sin_violaciones(pagina, "resultado", encontradas)
    expect(pagina.locator("main")).to_contain_text("COMAR")
    pagina.locator("main a.ms-boton").first.click()
    expect(pagina).to_have_url(f"{live_server.url}{prefijo}/proteccion/")
    expect(pagina.locator("main")).to_contain_text("COMAR")
    expect(pagina.locator("#oficinas")).to_be_visible()
    _sin_violaciones(pagina, "protección", encontradas)
    pagina.locator(f"main a[href='{prefijo}/proteccion/instituciones/']").first.click()
    expect(pagina.locator("#cndh")).to_be_visible()
    _sin_violaciones(pagina, "instituciones", encontradas)
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 360
    assert encontradas == {}


@pytest.mark.parametrize("prefijo", IDIOMAS, ids=["es", "en", "fr", "ht"])
def test_sin_documentos_y_con_miedo_tambien_llega(pagina_movil_sin_js, live_server, prefijo):
    pagina = pagina_movil_sin_js
    encontradas: dict = {}
    pagina.goto(f"{live_server.url}{prefijo}/tramites/orientador/")
    for valor in ("mexico", "no", "sin-documento"):
        _responder(pagina, valor)
        _sin_violaciones(pagina, valor, encontradas)
    _responder(pagina, "miedo")
    _sin_violaciones(pagina, "resultado", encontradas)
    pagina.locator("main a.ms-boton").first.click()
    expect(pagina).to_have_url(f"{live_server.url}{prefijo}/proteccion/")
    assert encontradas == {}
