"""Un programa en otra página lee los datos públicos con fetch() en Chromium (CORS), y no puede
leer las páginas ni los formularios del sitio."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from datos_abiertos.models import ConjuntoDatos
from tests.datos_abiertos.conftest import cargar_datos_abiertos

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("contenido")]

CONJUNTO = "solicitudes-refugio"

LEER = """async ([url, cabeceras]) => {
  try {
    const respuesta = await fetch(url, {headers: cabeceras});
    return {
      estado: respuesta.status,
      tipo: respuesta.headers.get("Content-Type"),
      etag: respuesta.headers.get("ETag"),
      inicio: (await respuesta.text()).slice(0, 80),
    };
  } catch (error) {
    return {error: String(error)};
  }
}"""


class _PaginaDeOtroSitio(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - nombre que pide http.server
        cuerpo = b"<!doctype html><html lang=es><title>Otro sitio</title><p>Otro sitio</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(cuerpo)))
        self.end_headers()
        self.wfile.write(cuerpo)

    def log_message(self, *args):
        pass


@pytest.fixture
def otro_sitio():
    """Una página en 127.0.0.1 y otro puerto: otro origen que el servidor vivo (localhost)."""
    servidor = ThreadingHTTPServer(("127.0.0.1", 0), _PaginaDeOtroSitio)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{servidor.server_address[1]}/"
    servidor.shutdown()
    servidor.server_close()


@pytest.fixture(autouse=True)
def datos(contenido):
    if not ConjuntoDatos.objects.filter(slug=CONJUNTO, filas__gt=0).exists():
        cargar_datos_abiertos([CONJUNTO])


def test_otro_sitio_lee_los_datos_publicos_con_fetch(pagina, live_server, otro_sitio):
    pagina.goto(otro_sitio)
    assert pagina.evaluate("location.origin") != live_server.url
    recursos = {
        f"/datos/{CONJUNTO}.csv": "periodo,",
        f"/datos/{CONJUNTO}.json": '{"conjunto": "solicitudes-refugio"',
        "/datos/datapackage.json": "{",
        "/datos/catalogo.jsonld": "{",
        "/datos/cambios.atom": "<?xml",
        "/ventanillas.csv": "slug,",
        "/api/v1/": '{"nombre"',
        "/api/v1/tramites/permiso-para-trabajar/": '{"slug": "permiso-para-trabajar"',
        f"/api/v1/conjuntos/{CONJUNTO}/observaciones/?por_pagina=5": '{"conjunto"',
    }
    for ruta, inicio in recursos.items():
        leido = pagina.evaluate(LEER, [live_server.url + ruta, {}])
        assert leido.get("estado") == 200, (ruta, leido)
        assert leido["inicio"].startswith(inicio), (ruta, leido)


def test_la_consulta_previa_deja_mandar_cabeceras_y_leer_el_etag(pagina, live_server, otro_sitio):
    pagina.goto(otro_sitio)
    url = live_server.url + "/api/v1/tramites/"
    primera = pagina.evaluate(LEER, [url, {}])
    assert primera["etag"], primera
    # If-None-Match no es una cabecera «simple»: el navegador pregunta antes (OPTIONS).
    segunda = pagina.evaluate(LEER, [url, {"If-None-Match": primera["etag"], "X-Programa": "1"}])
    assert segunda.get("estado") in (200, 304), segunda


def test_los_errores_de_la_api_tambien_se_leen(pagina, live_server, otro_sitio):
    pagina.goto(otro_sitio)
    leido = pagina.evaluate(LEER, [live_server.url + "/api/v1/tramites/no-existe/?idioma=en", {}])
    assert leido["estado"] == 404
    assert leido["tipo"] == "application/json"


@pytest.mark.parametrize(
    "ruta",
    ["/participa/", "/tramites/permiso-para-trabajar/solicitud/", "/admin/login/", "/datos/"],
)
def test_otro_sitio_no_puede_leer_paginas_ni_formularios(pagina, live_server, otro_sitio, ruta):
    pagina.goto(otro_sitio)
    leido = pagina.evaluate(LEER, [live_server.url + ruta, {}])
    assert "TypeError" in leido.get("error", ""), (ruta, leido)
