"""Configuración común de las pruebas."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import translation

# Playwright (API síncrona) corre un bucle de eventos en el hilo principal; Django lo toma por
# contexto asíncrono y bloquea el ORM. Las pruebas de navegador no comparten ese bucle.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.e2e.navegador"]


@pytest.fixture(scope="session", autouse=True)
def _estaticos(tmp_path_factory):
    """Estáticos recolectados como en producción (nombres con huella, WhiteNoise)."""
    destino = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=destino):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield destino


@pytest.fixture(autouse=True)
def _estado_limpio():
    """Cada prueba empieza con la caché vacía y en español (el idioma queda en el hilo)."""
    cache.clear()
    caches["fragmentos"].clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    caches["fragmentos"].clear()


def _sin_manejador_de_estaticos(aplicacion):
    return aplicacion


@pytest.fixture(scope="session")
def live_server(_estaticos):
    """El servidor vivo de pytest-django, pero con los estáticos servidos por WhiteNoise.

    pytest-django los sirve desde los buscadores de Django, que no conocen los nombres con
    huella; así el navegador recibe lo mismo que en producción.
    """
    from pytest_django.live_server_helper import LiveServer

    servidor = LiveServer(
        os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"), start=False
    )
    servidor.thread.static_handler = _sin_manejador_de_estaticos
    servidor.start()
    yield servidor
    servidor.stop()


def pytest_report_header(config):
    from django.conf import settings

    base = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return f"base de datos: {base} · caché: {cache_backend}"


def cargar_contenido():
    """El contenido que trae un sitio nuevo (el mismo que carga `make run`)."""
    from tramites import carga, referencia

    carga.cargar(referencia.leer_fixture(), motivo="Carga de prueba")
    from ventanillas import carga as carga_ventanillas
    from ventanillas import referencia as referencia_ventanillas

    carga_ventanillas.cargar(referencia_ventanillas.leer_fixture())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Una sola carga por sesión: cada prueba corre en una transacción que se deshace.
    with django_db_blocker.unblock():
        cargar_contenido()


@pytest.fixture
def contenido(transactional_db):
    """Para pruebas transaccionales (navegador): la base se vacía entre pruebas."""
    from tramites.models import Tramite

    if not Tramite.objects.exists():
        cargar_contenido()
