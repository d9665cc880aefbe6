"""Un gunicorn de verdad para las pruebas que revisan el sitio como se publica."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

RAIZ = Path(settings.BASE_DIR)


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pedir(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=15) as respuesta:  # noqa: S310 - local
            return respuesta.status, respuesta.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def entorno(**extra: str) -> dict[str, str]:
    """El entorno de las pruebas (DEBUG=0, HTTP local) sin la caché ni la base de la sesión."""
    base = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_URL", "DEBUG"}}
    base.update(
        DEBUG="0", HTTPS="0", GUNICORN_ACCESSLOG="", LOG_LEVEL="CRITICAL", CACHE_URL="locmem://"
    )
    base.update(extra)
    return base


def manage(*argumentos: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *argumentos],
        cwd=RAIZ,
        env=env,
        check=True,
        capture_output=True,
    )


@contextmanager
def gunicorn(env: dict[str, str], *, trabajadores: int = 1, hilos: int = 2):
    puerto = puerto_libre()
    proceso = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=RAIZ,
        env={
            **env,
            "BIND": f"127.0.0.1:{puerto}",
            "GUNICORN_WORKERS": str(trabajadores),
            "GUNICORN_THREADS": str(hilos),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{puerto}"
    try:
        for _ in range(150):
            try:
                pedir(url + "/salud/")
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn no arrancó: " + proceso.stderr.read().decode()[-2000:])
        yield url
    finally:
        os.killpg(proceso.pid, signal.SIGTERM)
        proceso.wait(timeout=30)


def programa(nombre: str) -> str:
    """Ruta de un programa del sistema (varnishd…). Sin él, la prueba se salta, salvo en CI
    (SERVIDORES_OBLIGATORIOS=1, que .ci/run fija porque .ci/sistema lo instala): allí falla."""
    import shutil

    import pytest

    ruta = shutil.which(nombre) or shutil.which(nombre, path="/usr/sbin:/sbin")
    if ruta:
        return ruta
    if os.environ.get("SERVIDORES_OBLIGATORIOS") == "1":
        pytest.fail(f"Falta {nombre} (.ci/sistema pruebas lo instala)")
    pytest.skip(f"Falta {nombre}: apt-get install (o .ci/sistema pruebas)")
