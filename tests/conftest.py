"""Configuración común de las pruebas."""

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
import yaml
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import translation

# Playwright (API síncrona) corre un bucle de eventos en el hilo principal; Django lo toma por
# contexto asíncrono y bloquea el ORM. Las pruebas de navegador no comparten ese bucle.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.e2e.navegador"]

_VIAJE = pytest.StashKey[time_machine.travel]()


def pytest_addoption(parser):
    parser.addoption(
        "--reloj-adelantado",
        type=int,
        default=0,
        metavar="DIAS",
        help=(
            "Corre toda la batería con el reloj DIAS días adelante (time-machine, el reloj sigue "
            "andando): una prueba que solo pasa el día en que se escribió falla."
        ),
    )


def pytest_configure(config):
    dias = config.getoption("--reloj-adelantado")
    if dias:
        viaje = time_machine.travel(datetime.now(UTC) + timedelta(days=dias), tick=True)
        viaje.start()
        config.stash[_VIAJE] = viaje


def pytest_unconfigure(config):
    viaje = config.stash.get(_VIAJE, None)
    if viaje is not None:
        viaje.stop()


@pytest.fixture(scope="session", autouse=True)
def _estaticos(tmp_path_factory):
    """Estáticos recolectados como en producción (nombres con huella, WhiteNoise)."""
    destino = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=destino):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield destino


def _vaciar_caches() -> None:
    for nombre in ("default", "fragmentos", "cuerpos_datos"):
        caches[nombre].clear()


@pytest.fixture(autouse=True)
def _estado_limpio(request):
    """Cada prueba empieza con la caché vacía y en español (el idioma queda en el hilo)."""
    _vaciar_caches()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    _vaciar_caches()
    # Con servidor vivo, el navegador puede estar terminando una descarga en su hilo.
    if "live_server" not in request.fixturenames:
        _cupos_libres()


def _cupos_libres():
    """Una descarga que la prueba no leyó ni cerró guarda su lugar en el cupo del proceso: las
    pruebas siguientes esperarían y recibirían 503. Falla la prueba que lo dejó ocupado."""
    from config import concurrencia

    for clase, cupo in list(concurrencia._cupos.items()):
        tomados = 0
        while tomados < settings.CUPO_TRABAJO_PESADO and cupo.acquire(blocking=False):
            tomados += 1
        for _ in range(tomados):
            cupo.release()
        if tomados < settings.CUPO_TRABAJO_PESADO:
            # Se libera para no arrastrar la falla a las pruebas siguientes.
            concurrencia._cupos.pop(clase)
            pytest.fail(f"La prueba dejó ocupado el cupo de trabajo pesado «{clase}»")


@pytest.fixture(autouse=True)
def _limites_limpios(request, django_db_blocker):
    """Los contadores de límites no pasan de una prueba a otra.

    Sin Redis viven en una tabla de la base, que las pruebas con transacción deshacen y `flush`
    vacía al terminar una transaccional. Pero una prueba de navegador con servidor de toda la
    sesión (la revisión de accesibilidad envía formularios con errores) deja contadores antes de
    que nadie vacíe nada: se borran también antes. Con Redis, `cache.clear()` de arriba vacía
    toda su base, contadores incluidos.
    """
    en_tabla = "transactional_db" in request.fixturenames and not settings.LIMITES_REDIS_URL
    if en_tabla:
        from config.models import ContadorIntentos

        with django_db_blocker.unblock():
            ContadorIntentos.objects.all().delete()


# El día en que se consultaron las fuentes del contenido de los fixtures (cuotas 2026, muestra
# de datos hasta septiembre de 2026). Las pruebas que comprueban ese contenido «vigente» fijan
# el reloj en él; las demás corren con el reloj de verdad (o adelantado, en CI).
DIA_DE_LA_REFERENCIA = datetime(2026, 11, 23, 12, tzinfo=ZoneInfo("America/Mexico_City"))


@pytest.fixture
def dia_de_la_referencia(time_machine):
    """El reloj (andando) en el día del contenido de los fixtures."""
    time_machine.move_to(DIA_DE_LA_REFERENCIA)
    return DIA_DE_LA_REFERENCIA.date()


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
    reloj = (
        f" · reloj adelantado a {datetime.now(UTC):%Y-%m-%d}"
        if config.stash.get(_VIAJE, None)
        else ""
    )
    return f"base de datos: {base} · caché: {cache_backend}{reloj}"


def cargar_contenido():
    """El contenido que trae un sitio nuevo (el mismo que carga `make run`)."""
    from tramites import carga
    from ventanillas import carga as carga_ventanillas
    from ventanillas import carga_proteccion

    carga.cargar(carga.leer_fixture(), motivo="Carga de prueba")
    carga_ventanillas.cargar(carga_ventanillas.leer_fixture())
    carga_proteccion.cargar(carga_proteccion.leer_fixture())


def leer_referencia(nombre: str):
    """Un archivo de ../shared/reference; en CI (REFERENCIA_OBLIGATORIA=1) debe existir."""
    from referencia.carpeta import directorio_referencia

    ruta = directorio_referencia() / nombre
    if not ruta.exists():
        if os.environ.get("REFERENCIA_OBLIGATORIA") == "1":
            pytest.fail(f"Falta la referencia {ruta}")
        pytest.skip(f"Sin la referencia {ruta} (se compara en CI)")
    if ruta.suffix != ".yaml":
        return ruta.read_text(encoding="utf-8")
    with ruta.open(encoding="utf-8") as archivo:
        return yaml.safe_load(archivo)


@pytest.fixture(scope="session")
def referencia():
    """../shared/reference/tramites.yaml."""
    return leer_referencia("tramites.yaml")


@pytest.fixture(scope="session")
def ref_ventanillas():
    return leer_referencia("ventanillas.yaml")


@pytest.fixture(scope="session")
def ref_oficinas():
    return leer_referencia("oficinas.yaml")


@pytest.fixture(scope="session")
def ref_correcciones():
    return leer_referencia("oficinas_correcciones.yaml")


@pytest.fixture(scope="session")
def ref_candidatas():
    return leer_referencia("ventanillas_candidatas.yaml")


@pytest.fixture(scope="session")
def ref_leyes():
    """../shared/reference/leyes_vigentes.yaml (cuotas de la LFD y plazos de la ley)."""
    return leer_referencia("leyes_vigentes.yaml")


@pytest.fixture(scope="session")
def ref_requisitos_oficiales():
    """../shared/reference/requisitos_oficiales.yaml (Lineamientos y visas)."""
    return leer_referencia("requisitos_oficiales.yaml")


@pytest.fixture(scope="session")
def referencia_datos() -> str:
    """El texto de ../shared/reference/datos.md."""
    return leer_referencia("datos.md")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Una sola carga por sesión: cada prueba corre en una transacción que se deshace.
    with django_db_blocker.unblock():
        cargar_contenido()
        foto = _fotografiar()
    yield
    if foto is not None:
        foto.close()


# Copia en memoria de la base de SQLite recién cargada (API de respaldo de sqlite3): las pruebas
# transaccionales la vacían al terminar y volver a cargar el contenido cuesta ~5 s de procesador
# por prueba de navegador; copiarla de vuelta, milisegundos.
_FOTO: list[sqlite3.Connection] = []


def _fotografiar() -> sqlite3.Connection | None:
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    connection.ensure_connection()
    foto = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(foto)
    _FOTO[:] = [foto]
    return foto


@pytest.fixture
def contenido(transactional_db):
    """Para pruebas transaccionales (navegador): la base se vacía entre pruebas."""
    from django.db import connection

    from tramites.models import Tramite

    if Tramite.objects.exists():
        return
    if _FOTO and connection.vendor == "sqlite" and not connection.in_atomic_block:
        # La base entera vuelve a como quedó tras la carga de la sesión (también la tabla de
        # los límites de intentos, vacía).
        _FOTO[0].backup(connection.connection)
    else:
        cargar_contenido()


@pytest.fixture
def personal(client):
    """Un cliente con la sesión de una persona del personal (superusuaria) en el admin."""
    from django.contrib.auth.models import User

    usuario = User.objects.create_superuser("personal", "personal@example.org", "clave-larga-123")
    client.force_login(usuario)
    return client
