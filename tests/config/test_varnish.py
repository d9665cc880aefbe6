"""Varnish de Debian con deploy/varnish/default.vcl delante de gunicorn: sirve la ficha de su
caché y, tras un cambio en el admin, la versión nueva en menos de un segundo (purga)."""

import http.cookiejar
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pytest

from tests.servidor import RAIZ, entorno, gunicorn, manage, programa, puerto_libre

pytestmark = [pytest.mark.e2e, pytest.mark.servidores]
SLUG = "permiso-para-trabajar"
CLAVE = "clave-de-prueba-varnish-2026"  # noqa: S105 - cuenta de una base temporal
RESUMEN = "Resumen nuevo, escrito en el admin para la prueba de Varnish"


class Formulario(HTMLParser):
    """Los campos del formulario de cambio del admin, con sus valores actuales."""

    def __init__(self):
        super().__init__()
        self.campos: list[tuple[str, str]] = []
        self._texto = self._select = None
        self._opcion_elegida = False

    def handle_starttag(self, etiqueta, atributos):
        a = dict(atributos)
        if etiqueta == "input" and a.get("name"):
            if a.get("type") in ("submit", "button", "file", "image"):
                return
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.campos.append(
                (a["name"], a.get("value") or ("on" if a.get("type") == "checkbox" else ""))
            )
        elif etiqueta == "textarea" and a.get("name"):
            self._texto = [a["name"], ""]
        elif etiqueta == "select" and a.get("name"):
            self._select = a["name"]
        elif etiqueta == "option" and self._select and "selected" in a:
            self.campos.append((self._select, a.get("value", "")))

    def handle_data(self, datos):
        if self._texto is not None:
            self._texto[1] += datos

    def handle_endtag(self, etiqueta):
        if etiqueta == "textarea" and self._texto is not None:
            self.campos.append((self._texto[0], self._texto[1].removeprefix("\n")))
            self._texto = None
        elif etiqueta == "select":
            self._select = None


@pytest.fixture(scope="module")
def sitio_con_varnish(tmp_path_factory, _estaticos):
    varnishd = programa("varnishd")
    carpeta = tmp_path_factory.mktemp("varnish")
    puerto_varnish = puerto_libre()
    env = entorno(
        SQLITE_PATH=str(carpeta / "sitio.sqlite3"),
        STATIC_ROOT=str(_estaticos),
        ALLOWED_HOSTS="127.0.0.1",
        PURGA_PROXIES=f"http://127.0.0.1:{puerto_varnish}",
        DJANGO_SUPERUSER_PASSWORD=CLAVE,
    )
    env.pop("DATABASE_URL", None)
    manage("migrate", "--noinput", env=env)
    manage("cargar_tramites", env=env)
    manage(
        "createsuperuser", "--noinput", "--username", "editora", "--email", "e@example.org", env=env
    )
    tramite = subprocess.run(
        [
            os.sys.executable,
            "manage.py",
            "shell",
            "-c",
            f"from tramites.models import Tramite; print(Tramite.objects.get(slug='{SLUG}').pk)",
        ],
        cwd=RAIZ,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    with gunicorn(env, trabajadores=1, hilos=4) as url:
        puerto_web = urllib.parse.urlsplit(url).port
        vcl = carpeta / "default.vcl"
        texto = (RAIZ / "deploy/varnish/default.vcl").read_text()
        texto = texto.replace('.host = "web";', '.host = "127.0.0.1";')
        texto = texto.replace('.port = "8000";', f'.port = "{puerto_web}";')
        vcl.write_text(texto)
        proceso = subprocess.Popen(
            [varnishd, "-F", "-j", "none", "-n", str(carpeta / "instancia"), "-f", str(vcl)]
            + ["-a", f"127.0.0.1:{puerto_varnish}", "-s", "malloc,32m"]
            + ["-p", "ban_lurker_sleep=0.05"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        varnish = f"http://127.0.0.1:{puerto_varnish}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(varnish + "/salud/", timeout=2)  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError("varnishd no arrancó: " + proceso.stderr.read().decode()[-2000:])
            yield url, varnish, tramite
        finally:
            os.killpg(proceso.pid, signal.SIGTERM)
            proceso.wait(timeout=30)


def _pagina(varnish: str, ruta: str) -> tuple[str, str]:
    with urllib.request.urlopen(f"{varnish}{ruta}", timeout=10) as respuesta:  # noqa: S310
        return respuesta.headers["X-Cache"], respuesta.read().decode()


def _ficha(varnish: str) -> tuple[str, str]:
    return _pagina(varnish, f"/tramites/{SLUG}/")


class SinSeguirRedirecciones(urllib.request.HTTPRedirectHandler):
    """La respuesta del guardado es la redirección misma, no la lista del admin que la sigue."""

    def redirect_request(self, *args, **kwargs):
        return None


def _admin(url: str):
    """Sesión del admin en gunicorn: entra con la cuenta de la base temporal."""
    frasco = http.cookiejar.CookieJar()
    abridor = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(frasco), SinSeguirRedirecciones
    )
    with abridor.open(f"{url}/admin/login/") as respuesta:
        pagina = respuesta.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina)[1]
    datos = {
        "csrfmiddlewaretoken": token,
        "username": "editora",
        "password": CLAVE,
        "next": "/admin/",
    }
    with pytest.raises(urllib.error.HTTPError) as entrada:
        abridor.open(f"{url}/admin/login/", urllib.parse.urlencode(datos).encode())
    entrada.value.close()
    assert entrada.value.code == 302, "el admin no dejó entrar"
    return abridor


def test_varnish_sirve_la_ficha_y_tras_un_cambio_en_el_admin_la_nueva_en_un_segundo(
    sitio_con_varnish, record_property
):
    url, varnish, tramite = sitio_con_varnish
    _ficha(varnish)
    estado, antes = _ficha(varnish)
    assert estado == "HIT"
    assert RESUMEN not in antes
    # La lista de trámites muestra el mismo resumen: también sale de Varnish.
    _pagina(varnish, "/tramites/")
    assert _pagina(varnish, "/tramites/")[0] == "HIT"

    # El formulario de cambio del trámite, tal como lo envía el personal: con todos sus campos
    # y filas en línea, el resumen nuevo y el motivo que pide para el historial.
    abridor = _admin(url)
    cambio = f"{url}/admin/tramites/tramite/{tramite}/change/"
    formulario = Formulario()
    with abridor.open(cambio) as pagina:
        formulario.feed(pagina.read().decode())
    nuevos = {"resumen_es_mx": RESUMEN, "motivo_cambio": "Prueba de la purga de Varnish"}
    campos = [(nombre, nuevos.get(nombre, valor)) for nombre, valor in formulario.campos]
    assert {nombre for nombre, _ in campos} >= nuevos.keys()
    with pytest.raises(urllib.error.HTTPError) as guardado:
        abridor.open(cambio, urllib.parse.urlencode([*campos, ("_save", "Guardar")]).encode())
    guardado.value.close()
    # Solo al guardar redirige a la lista del admin (con errores, vuelve el formulario con 200).
    assert guardado.value.code == 302, "el admin no guardó"
    respondio = time.monotonic()

    # La purga va al confirmar el cambio, antes de que el admin responda: la primera petición
    # después ya trae la ficha nueva, calculada por Django en ese momento.
    estado, despues = _ficha(varnish)
    segundos = time.monotonic() - respondio
    record_property("segundos_hasta_la_ficha_nueva", round(segundos, 3))
    assert RESUMEN in despues, "Varnish siguió sirviendo la ficha vieja"
    assert estado == "MISS"
    assert segundos < 1, f"la ficha nueva tardó {segundos:.2f} s"
    # La nueva se guarda: la siguiente sale de Varnish. La lista también se purgó.
    estado, otra_vez = _ficha(varnish)
    assert (estado, RESUMEN in otra_vez) == ("HIT", True)
    estado, lista = _pagina(varnish, "/tramites/")
    assert (estado, RESUMEN in lista) == ("MISS", True)
