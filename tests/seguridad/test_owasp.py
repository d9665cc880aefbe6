"""La revisión de lo básico de OWASP (tests/seguridad/owasp.py) pasa contra el sitio en marcha:
gunicorn con DEBUG apagado, como se publica, sobre una base SQLite propia con el contenido."""

import pytest
from django.conf import settings

from tests.seguridad.owasp import revisar
from tests.servidor import entorno, gunicorn, manage

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def sitio(tmp_path_factory, _estaticos):
    carpeta = tmp_path_factory.mktemp("owasp")
    env = entorno(
        SQLITE_PATH=str(carpeta / "sitio.sqlite3"),
        STATIC_ROOT=str(_estaticos),
        ALLOWED_HOSTS="127.0.0.1",
    )
    env.pop("DATABASE_URL", None)
    manage("migrate", "--noinput", env=env)
    manage("cargar_tramites", env=env)
    manage("cargar_ventanillas", env=env)
    with gunicorn(env, trabajadores=1, hilos=4) as url:
        yield url


def test_la_revision_owasp_no_encuentra_nada(sitio):
    informe = revisar(sitio, limite=120, intentos_admin=settings.ADMIN_INTENTOS)
    assert informe.hallazgos == []
    # La revisión de verdad recorrió el sitio y probó sus formularios.
    assert informe.paginas >= 60
    assert {
        "/participa/opinion/",
        "/participa/reportar/",
        "/seguimiento/",
        "/tramites/permiso-para-trabajar/solicitud/",
    } <= informe.formularios


def test_la_revision_detecta_lo_que_busca(sitio, monkeypatch):
    """Guardia: con una ruta que sí da 500 y una cabecera que no existe, hay hallazgos."""
    from tests.seguridad import owasp

    monkeypatch.setattr(owasp, "HOSTILES", ["/salud/?x=1"])
    monkeypatch.setitem(owasp.CABECERAS, "x-cabecera-inexistente", "valor")
    informe = owasp.Informe()
    sitio_ = owasp.Sitio(sitio)
    owasp.recorrer(sitio_, informe, limite=2)
    assert any("x-cabecera-inexistente" in h for h in informe.hallazgos)


@pytest.mark.usefixtures("contenido")
def test_el_servidor_de_pruebas_no_sirve_archivos_del_proyecto(live_server):
    """Sin MEDIA_ROOT, el servidor de pruebas de Django servía el directorio de trabajo."""
    from tests.seguridad.owasp import Sitio

    respuesta = Sitio(live_server.url).pedir("GET", "/static/../config/settings.py")
    assert respuesta.estado == 404
    assert "SECRET_KEY" not in respuesta.cuerpo
