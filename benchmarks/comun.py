"""Piezas comunes de los benchmarks: preparar una base, levantar gunicorn y medir con wrk.

Cada medición se compara con una línea base tomada en la misma corrida (un archivo estático del
mismo tamaño servido por el mismo gunicorn), así la razón no depende de la máquina.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLAVE = "benchmark-clave-que-no-sirve-en-produccion-0123456789abcdef"


def entorno(**extra: str) -> dict[str, str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL", "DEBUG", "SQLITE_PATH"}
    }
    base.update(
        DEBUG="0",
        HTTPS="0",
        SECRET_KEY=CLAVE,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        GUNICORN_ACCESSLOG="",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    base.update(extra)
    return base


def manage(*argumentos: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "manage.py", *argumentos], cwd=RAIZ, env=env, check=True)


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], *, trabajadores: int = 2, hilos: int = 1):
    puerto = puerto_libre()
    proceso = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=RAIZ,
        env={
            **env,
            "BIND": f"127.0.0.1:{puerto}",
            "GUNICORN_WORKERS": str(trabajadores),
            "GUNICORN_THREADS": str(hilos),
            "GUNICORN_MAX_REQUESTS": "0",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{puerto}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/salud/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn no arrancó: " + proceso.stderr.read().decode()[-2000:])
        yield url, proceso
    finally:
        os.killpg(proceso.pid, signal.SIGTERM)
        proceso.wait(timeout=30)


@dataclass
class Medicion:
    url: str
    peticiones_s: float
    p50_ms: float
    p99_ms: float
    errores: int
    # Lo que imprimió wrk, con lo que agregue el guion Lua (`script`).
    salida: str = ""


def _ms(valor: str) -> float:
    numero, unidad = re.fullmatch(r"([\d.]+)(us|ms|s)", valor).groups()
    return float(numero) * {"us": 0.001, "ms": 1, "s": 1000}[unidad]


def wrk(
    url: str,
    *,
    segundos: int = 10,
    conexiones: int = 8,
    hilos: int = 2,
    script: Path | None = None,
    tiempo_limite: str | None = None,
) -> Medicion:
    if not shutil.which("wrk"):
        sys.exit("Falta wrk: apt-get install wrk")
    guion = ["-s", str(script)] if script else []
    if tiempo_limite:
        # Por omisión wrk cuenta como error toda respuesta de más de 2 s.
        guion += ["--timeout", tiempo_limite]
    salida = subprocess.run(
        ["wrk", f"-t{hilos}", f"-c{conexiones}", f"-d{segundos}s", "--latency", *guion, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errores = sum(
        int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", salida)
    ) + int((re.search(r"Non-2xx or 3xx responses: (\d+)", salida) or [0, 0])[1])
    return Medicion(
        url=url,
        peticiones_s=float(re.search(r"Requests/sec:\s+([\d.]+)", salida)[1]),
        p50_ms=_ms(re.search(r"\s50%\s+(\S+)", salida)[1]),
        p99_ms=_ms(re.search(r"\s99%\s+(\S+)", salida)[1]),
        errores=errores,
        salida=salida,
    )


def base_postgres(accion: str, nombre: str) -> None:
    """CREATE o DROP DATABASE `nombre` en el PostgreSQL local (sin error si ya está o no está)."""
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", f"{accion} DATABASE {nombre}"],
        check=False,
        capture_output=True,
    )


def directorio_temporal(nombre: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"bench-{nombre}-"))


def redis_como_en_produccion() -> dict[str, str]:
    """Con PostgreSQL, el sitio se despliega con Redis (compose.yaml): caché compartida, versión
    del contenido y límites de intentos. La base 9 de Redis local, vaciada antes de usarla."""
    subprocess.run(["redis-cli", "-n", "9", "flushdb"], check=True, capture_output=True)
    return {"REDIS_URL": "redis://127.0.0.1:6379/9", "CACHE_KEY_PREFIX": "bench"}
