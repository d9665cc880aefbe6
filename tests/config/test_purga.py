"""Al cambiar el contenido, Django pide a los proxies (Varnish) purgar sus copias, una vez."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tramites.models import Categoria

pytestmark = pytest.mark.django_db


@pytest.fixture
def proxy(settings):
    recibidas = []

    class Proxy(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - nombre del método HTTP
            recibidas.append((self.path, self.headers.get("X-Purgar-Todo")))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    servidor = HTTPServer(("127.0.0.1", 0), Proxy)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    settings.PURGA_PROXIES = [f"http://127.0.0.1:{servidor.server_port}"]
    yield recibidas
    servidor.shutdown()


def test_un_cambio_purga_los_proxies_al_confirmarse(proxy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for categoria in Categoria.objects.all()[:3]:
            categoria.nombre_es_mx = categoria.nombre + " ·"
            categoria.save()
        # Antes de confirmar, nada: el proxy pediría la página con los datos de antes.
        assert proxy == []
    assert proxy == [("/", "1")]


def test_sin_proxy_que_responda_el_cambio_se_guarda_igual(
    settings, django_capture_on_commit_callbacks
):
    settings.PURGA_PROXIES = ["http://127.0.0.1:9"]
    categoria = Categoria.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        categoria.nombre_es_mx = "Otra"
        categoria.save()
    categoria.refresh_from_db()
    assert categoria.nombre_es_mx == "Otra"
