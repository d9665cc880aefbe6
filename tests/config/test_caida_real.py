"""PostgreSQL de verdad se cae y vuelve, con el sitio servido por gunicorn.

Entre gunicorn y PostgreSQL hay un proxy TCP que la prueba apaga (cierra el puerto y corta las
conexiones abiertas, como un servidor detenido) y vuelve a encender en el mismo puerto. Así se
prueba lo que pasa de verdad: la conexión persistente rota, el reintento rechazado, la página
de la caché servida sin base, el 503 amable y la recuperación sin reiniciar nada.
"""

import contextlib
import socket
import threading
from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import connection

from tests.servidor import entorno, gunicorn, pedir, puerto_libre

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="la caída real se prueba con PostgreSQL (DATABASE_URL=postgres://…)",
    ),
]


class ProxyTCP:
    """Reenvía un puerto local a PostgreSQL; `apagar()` lo deja como un servidor caído."""

    def __init__(self, destino: tuple[str, int]):
        self.destino = destino
        self.puerto = puerto_libre()
        self._conexiones: list[socket.socket] = []
        self._escucha: socket.socket | None = None

    def encender(self):
        escucha = socket.socket()
        escucha.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        escucha.bind(("127.0.0.1", self.puerto))
        escucha.listen(32)
        self._escucha = escucha
        threading.Thread(target=self._aceptar, args=(escucha,), daemon=True).start()

    def apagar(self):
        # shutdown antes de close: en Linux es lo que despierta al accept() que espera en el
        # otro hilo; con close solo, el puerto seguiría aceptando conexiones.
        with contextlib.suppress(OSError):
            self._escucha.shutdown(socket.SHUT_RDWR)
        self._escucha.close()
        for conexion in self._conexiones:
            with contextlib.suppress(OSError):
                conexion.shutdown(socket.SHUT_RDWR)
            conexion.close()
        self._conexiones.clear()

    def _aceptar(self, escucha):
        while True:
            try:
                cliente, _direccion = escucha.accept()
            except OSError:
                return  # apagado
            servidor = socket.create_connection(self.destino)
            self._conexiones += [cliente, servidor]
            for origen, destino in ((cliente, servidor), (servidor, cliente)):
                threading.Thread(target=_copiar, args=(origen, destino), daemon=True).start()


def _copiar(origen, destino):
    try:
        while datos := origen.recv(65536):
            destino.sendall(datos)
    except OSError:
        pass
    finally:
        for extremo in (origen, destino):
            with contextlib.suppress(OSError):
                extremo.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def sitio_con_proxy(_estaticos):
    datos = connection.settings_dict
    proxy = ProxyTCP((datos["HOST"] or "127.0.0.1", int(datos["PORT"] or 5432)))
    proxy.encender()
    clave = f":{datos['PASSWORD']}" if datos["PASSWORD"] else ""
    env = entorno(
        DATABASE_URL=(
            f"postgres://{datos['USER']}{clave}@127.0.0.1:{proxy.puerto}/{datos['NAME']}"
        ),
        STATIC_ROOT=str(_estaticos),
        DB_CONNECT_TIMEOUT="2",
    )
    try:
        # Un solo proceso: su memoria es la caché de páginas que debe seguir sirviendo.
        with gunicorn(env, trabajadores=1) as url:
            yield url, proxy
    finally:
        proxy.apagar()


def test_con_postgresql_caido_las_fichas_siguen_y_el_sitio_se_recupera_solo(sitio_con_proxy):
    url, proxy = sitio_con_proxy
    ficha = url + "/tramites/permiso-para-trabajar/"
    ventanillas = url + "/ventanillas/"
    busqueda = url + "/tramites/buscar/?q=visa"
    # Visitas previas: la ficha y la lista de ventanillas quedan en la caché de páginas.
    assert pedir(ficha)[0] == HTTPStatus.OK
    assert pedir(ventanillas)[0] == HTTPStatus.OK

    proxy.apagar()
    estado, pagina = pedir(ficha)
    assert estado == HTTPStatus.OK
    assert "Permiso para trabajar" in pagina
    assert pedir(ventanillas)[0] == HTTPStatus.OK
    estado, pagina = pedir(busqueda)
    assert estado == HTTPStatus.SERVICE_UNAVAILABLE
    assert "no está disponible por un momento" in pagina
    assert "Traceback" not in pagina
    assert pedir(url + "/salud/")[0] == HTTPStatus.SERVICE_UNAVAILABLE

    proxy.encender()
    # Sin reiniciar gunicorn: la siguiente petición abre una conexión nueva.
    estado, pagina = pedir(busqueda)
    assert estado == HTTPStatus.OK
    assert pedir(url + "/salud/")[0] == HTTPStatus.OK
