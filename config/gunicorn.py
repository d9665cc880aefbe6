"""Configuración de gunicorn: `gunicorn -c config/gunicorn.py config.wsgi`.

Todo se ajusta con variables de entorno; los valores por omisión sirven para un contenedor
de 2 núcleos.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# WEB_CONCURRENCY es el nombre que usan las plataformas; GUNICORN_WORKERS lo sustituye.
workers = int(
    os.environ.get("GUNICORN_WORKERS")
    or os.environ.get("WEB_CONCURRENCY")
    or multiprocessing.cpu_count() * 2 + 1
)
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Reciclar procesos acota cualquier fuga de memoria de una biblioteca.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Registro a stdout; el acceso en JSON por línea, sin la cadena de consulta (puede llevar datos).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = (
    '{"time":"%(t)s","logger":"gunicorn.access","method":"%(m)s","path":"%(U)s",'
    '"status":%(s)s,"bytes":"%(B)s","duration_ms":%(M)s}'
)

# El socket de control escribe en $HOME; en un contenedor sin casa ni estado no hace falta.
control_socket_disable = os.environ.get("GUNICORN_CONTROL_SOCKET", "0") != "1"


def pre_fork(server, worker):
    # Con preload_app, lo que cargó el proceso principal (Django, plantillas, traducciones) no
    # cambia: congelado, el recolector de basura de cada trabajador no lo recorre una y otra vez
    # (pausas de 100 ms o más en mitad de una página) y las páginas de memoria siguen compartidas.
    import gc

    gc.freeze()


def when_ready(server):
    # Antes de crear los trabajadores: que hereden catálogos, rutas y plantillas ya cargados.
    if preload_app:
        from config.calentamiento import calentar

        calentar()
