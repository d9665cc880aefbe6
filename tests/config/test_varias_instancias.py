"""Tres gunicorn en puertos distintos con un solo PostgreSQL y un solo Redis, como varios
contenedores web detrás de un balanceador (compose.yaml): los límites de intentos, la caché de
páginas (y su invalidación) y las sesiones valen en todos."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack

import pytest

from tests.servidor import RAIZ, entorno, gunicorn, manage

pytestmark = [pytest.mark.e2e, pytest.mark.servidores]
PG = os.environ.get("INSTANCIAS_POSTGRES", "postgres://postgres:postgres@127.0.0.1:5432")
REDIS = os.environ.get("INSTANCIAS_REDIS", "redis://127.0.0.1:6379/13")
CLAVE = "clave-de-prueba-instancias-2026"  # noqa: S105 - cuenta de una base temporal


def _responde(host: str, puerto: int) -> bool:
    try:
        with socket.create_connection((host, puerto), timeout=2):
            return True
    except OSError:
        return False


def _servicios() -> None:
    faltan = [
        nombre
        for nombre, url in (("PostgreSQL", PG), ("Redis", REDIS))
        if not _responde(urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port)
    ]
    if not faltan:
        return
    if os.environ.get("SERVIDORES_OBLIGATORIOS") == "1":
        pytest.fail(f"No responde: {', '.join(faltan)} (.ci/run los arranca)")
    pytest.skip(f"No responde: {', '.join(faltan)} en 127.0.0.1")


def _psql(orden: str) -> None:
    partes = urllib.parse.urlsplit(PG)
    subprocess.run(
        ["psql", "-h", partes.hostname, "-p", str(partes.port), "-U", partes.username]
        + ["-d", "postgres", "-q", "-c", orden],
        env={**os.environ, "PGPASSWORD": partes.password or ""},
        check=False,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def instancias(_estaticos):
    _servicios()
    base = f"tm_instancias_{os.getpid()}"
    _psql(f"DROP DATABASE IF EXISTS {base}")
    _psql(f"CREATE DATABASE {base}")
    env = entorno(
        DATABASE_URL=f"{PG}/{base}",
        CACHE_URL=REDIS,
        CACHE_KEY_PREFIX=base,
        STATIC_ROOT=str(_estaticos),
        ALLOWED_HOSTS="127.0.0.1",
        SEGUIMIENTO_INTENTOS_POR_NUT="3",
        DJANGO_SUPERUSER_PASSWORD=CLAVE,
    )
    try:
        manage("migrate", "--noinput", env=env)
        manage("cargar_tramites", env=env)
        manage(
            "createsuperuser",
            "--noinput",
            "--username",
            "editora",
            "--email",
            "e@example.org",
            env=env,
        )
        with ExitStack() as pila:
            urls = [pila.enter_context(gunicorn(env, trabajadores=1, hilos=2)) for _ in range(3)]
            yield urls, env
    finally:
        _psql(f"DROP DATABASE IF EXISTS {base} WITH (FORCE)")


def _abridor():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _token(abridor, url: str) -> str:
    return re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', abridor.open(url).read().decode()
    )[1]


def test_el_limite_de_intentos_cuenta_en_las_tres(instancias):
    urls, _env = instancias
    abridor = _abridor()
    token = _token(abridor, f"{urls[0]}/seguimiento/")
    codigos = []
    for intento in range(5):
        datos = {"csrfmiddlewaretoken": token, "nut": "INST-0001", "contrasena": f"MALA-{intento}"}
        try:
            # Cada intento a otra instancia, con la cookie CSRF de la primera.
            respuesta = abridor.open(
                f"{urls[intento % 3]}/seguimiento/", urllib.parse.urlencode(datos).encode()
            )
            codigos.append(respuesta.status)
        except urllib.error.HTTPError as error:
            codigos.append(error.code)
    # SEGUIMIENTO_INTENTOS_POR_NUT=3: los tres primeros se comparan, luego 429 en cualquiera.
    assert codigos == [200, 200, 200, 429, 429]


def _pagina(url: str) -> str:
    # Detrás de un balanceador todas las réplicas reciben el mismo Host (entra en la clave).
    peticion = urllib.request.Request(  # noqa: S310 - local
        f"{url}/tramites/", headers={"Host": "127.0.0.1"}
    )
    with urllib.request.urlopen(peticion) as respuesta:  # noqa: S310 - local
        return respuesta.read().decode()


def _paginas_guardadas(env) -> int:
    import redis

    cliente = redis.Redis.from_url(REDIS)
    return len(cliente.keys(f"{env['CACHE_KEY_PREFIX']}:*:paginas:2*"))


def test_la_cache_de_paginas_y_su_invalidacion_valen_en_las_tres(instancias):
    urls, env = instancias
    primera = _pagina(urls[0])
    guardadas = _paginas_guardadas(env)
    assert guardadas >= 1
    # Las otras dos la sirven de Redis: no calculan ni guardan otra copia.
    assert _pagina(urls[1]) == primera
    assert _pagina(urls[2]) == primera
    assert _paginas_guardadas(env) == guardadas
    assert "Categoría renombrada" not in primera
    # Un cambio hecho en otro proceso (como el admin en otra instancia): las tres lo ven.
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c"]
        + [
            "from tramites.models import Categoria; c = Categoria.objects.order_by('pk').first(); "
            "c.nombre_es_mx = 'Categoría renombrada'; c.save()"
        ],
        cwd=RAIZ,
        env=env,
        check=True,
        capture_output=True,
    )
    for url in urls:
        assert "Categoría renombrada" in _pagina(url)


def test_la_sesion_abierta_en_una_vale_en_las_otras(instancias):
    urls, _env = instancias
    abridor = _abridor()
    token = _token(abridor, f"{urls[0]}/admin/login/")
    datos = {
        "csrfmiddlewaretoken": token,
        "username": "editora",
        "password": CLAVE,
        "next": "/admin/",
    }
    abridor.open(f"{urls[0]}/admin/login/", urllib.parse.urlencode(datos).encode())
    for url in urls[1:]:
        respuesta = abridor.open(f"{url}/admin/")
        assert respuesta.url == f"{url}/admin/", "la otra instancia pidió entrar de nuevo"
        assert "editora" in respuesta.read().decode()
