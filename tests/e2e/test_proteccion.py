"""Recorrido en Chromium, sin JavaScript y a 360 px: quien no tiene papeles o teme volver a su
país llega del orientador a la página de protección internacional, en los cuatro idiomas, y
cada página del camino pasa axe (WCAG 2.2 AA)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accesibilidad import violaciones
from tests.e2e.navegador import MOVIL

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("contenido")]

IDIOMAS = ["", "/en", "/fr", "/ht"]


# La primera página de la sesión puede tardar con la máquina cargada (plantillas en frío).
PRIMERA_CARGA_MS = 30_000


def _responder(pagina, valor: str) -> None:
    # Por valor: la etiqueta cambia con el idioma, el valor no.
    formulario = pagina.locator("form[action$='/tramites/orientador/']")
    formulario.locator(f"input[type=radio][value='{valor}']").check()
    formulario.locator("button[type=submit]").click()


def _revisar_con_axe(navegador, direcciones: list[str]) -> dict:
    """axe necesita JavaScript: revisa las mismas direcciones en otra pestaña que sí lo tiene."""
    contexto = navegador.new_context(viewport=MOVIL, locale="es-MX")
    try:
        pagina = contexto.new_page()
        encontradas = {}
        for direccion in direcciones:
            pagina.goto(direccion)
            problemas = violaciones(pagina)
            if problemas:
                encontradas[direccion] = problemas
        return encontradas
    finally:
        contexto.close()


@pytest.mark.parametrize("prefijo", IDIOMAS, ids=["es", "en", "fr", "ht"])
def test_del_miedo_a_volver_a_la_proteccion(pagina_movil_sin_js, navegador, live_server, prefijo):
    pagina = pagina_movil_sin_js
    pagina.goto(f"{live_server.url}{prefijo}/tramites/orientador/", timeout=PRIMERA_CARGA_MS)
    recorridas = [pagina.url]
    _responder(pagina, "mexico")
    # Lo segundo que se pregunta es el miedo a volver, antes que los papeles.
    expect(pagina.locator("main input[type=radio]")).to_have_count(2)
    recorridas.append(pagina.url)
    _responder(pagina, "si")
    expect(pagina.locator("main")).to_contain_text("COMAR")
    recorridas.append(pagina.url)
    pagina.locator("main a.ms-boton").first.click()
    expect(pagina).to_have_url(f"{live_server.url}{prefijo}/proteccion/")
    expect(pagina.locator("#oficinas")).to_be_visible()
    # En otro idioma los textos vienen traducidos y marcados como traducción no oficial.
    expect(pagina.locator(".ms-traduccion-no-oficial")).to_have_count(1 if prefijo else 0)
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 360
    recorridas.append(pagina.url)
    pagina.locator(f"main a[href='{prefijo}/proteccion/instituciones/']").first.click()
    expect(pagina.locator("#cndh")).to_be_visible()
    recorridas.append(pagina.url)
    assert _revisar_con_axe(navegador, recorridas) == {}


@pytest.mark.parametrize("prefijo", IDIOMAS, ids=["es", "en", "fr", "ht"])
def test_sin_documentos_y_con_miedo_tambien_llega(
    pagina_movil_sin_js, navegador, live_server, prefijo
):
    pagina = pagina_movil_sin_js
    pagina.goto(f"{live_server.url}{prefijo}/tramites/orientador/", timeout=PRIMERA_CARGA_MS)
    recorridas = []
    for valor in ("mexico", "no", "sin-documento", "miedo"):
        _responder(pagina, valor)
        recorridas.append(pagina.url)
    pagina.locator("main a.ms-boton").first.click()
    expect(pagina).to_have_url(f"{live_server.url}{prefijo}/proteccion/")
    assert _revisar_con_axe(navegador, recorridas) == {}
