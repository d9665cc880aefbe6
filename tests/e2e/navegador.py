"""Fixtures de navegador: Chromium de Debian manejado con Playwright (nunca se descarga otro)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Sin estas banderas Chromium intenta hablar con servicios de Google y la red cerrada lo frena.
BANDERAS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MOVIL = {"width": 360, "height": 740}
ESCRITORIO = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def navegador():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No está Chromium en {CHROMIUM}: instálelo con `make sistema` "
            "(apt-get install chromium) o indique CHROMIUM_PATH."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BANDERAS)
        yield browser
        browser.close()


def vigilar_csp(pagina) -> list[str]:
    """Lista (que se va llenando) de lo que la Content-Security-Policy bloqueó en la página."""
    bloqueos: list[str] = []
    pagina.on(
        "console",
        lambda mensaje: (
            bloqueos.append(mensaje.text) if "Content Security Policy" in mensaje.text else None
        ),
    )
    return bloqueos


def _pagina(navegador, *, javascript: bool, viewport: dict):
    contexto = navegador.new_context(
        java_script_enabled=javascript, viewport=viewport, locale="es-MX"
    )
    pagina = contexto.new_page()
    pagina.set_default_timeout(10_000)
    pagina.bloqueos_csp = vigilar_csp(pagina)
    return contexto, pagina


def _cerrar(contexto, pagina):
    bloqueos = pagina.bloqueos_csp
    contexto.close()
    # Todo recorrido comprueba de paso que la política no rompe nada de la página.
    assert bloqueos == [], bloqueos


@pytest.fixture
def pagina(navegador, live_server):
    """Página de escritorio con JavaScript."""
    contexto, pagina = _pagina(navegador, javascript=True, viewport=ESCRITORIO)
    yield pagina
    _cerrar(contexto, pagina)


@pytest.fixture
def pagina_sin_js(navegador, live_server):
    """Página de escritorio con JavaScript desactivado."""
    contexto, pagina = _pagina(navegador, javascript=False, viewport=ESCRITORIO)
    yield pagina
    _cerrar(contexto, pagina)


@pytest.fixture
def pagina_movil_sin_js(navegador, live_server):
    """Teléfono de 360 px sin JavaScript: el caso más exigente del sitio."""
    contexto, pagina = _pagina(navegador, javascript=False, viewport=MOVIL)
    yield pagina
    _cerrar(contexto, pagina)
