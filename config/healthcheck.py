"""Chequeo de salud del contenedor (HEALTHCHECK): pide /salud/ al gunicorn local.

Se manda un Host permitido para que Django no responda 400; sin dependencias fuera de la
biblioteca estándar para que arranque rápido.
"""

import http.client
import os
import sys


def main() -> int:
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = next((h.lstrip(".") for h in hosts if h != "*"), "localhost")
    conexion = http.client.HTTPConnection(
        "127.0.0.1", int(os.environ.get("PORT", "8000")), timeout=4
    )
    try:
        conexion.request("GET", "/salud/", headers={"Host": host})
        return 0 if conexion.getresponse().status == 200 else 1
    except OSError:
        return 1
    finally:
        conexion.close()


if __name__ == "__main__":
    sys.exit(main())
