"""/salud/ dice al balanceador si el nodo puede atender: 200 con base de datos, 503 sin ella."""

import json
import subprocess
import sys
from http import HTTPStatus

import pytest

from tests.config.test_settings import RAIZ, _entorno


@pytest.mark.django_db
def test_salud_responde_200_con_la_base_de_datos_arriba(client):
    respuesta = client.get("/salud/")
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"] == "application/json"
    assert respuesta.json() == {"estado": "ok", "base_de_datos": "ok", "cache": "ok"}
    assert "no-store" in respuesta["Cache-Control"]


def test_salud_no_tiene_prefijo_de_idioma(client):
    assert client.get("/en/salud/").status_code == HTTPStatus.NOT_FOUND


def _salud_sin_base(**variables):
    codigo = (
        "import json, django; django.setup(); from django.test import Client; "
        "r = Client(raise_request_exception=False).get('/salud/'); "
        "print(json.dumps([r.status_code, r.json()]))"
    )
    salida = subprocess.run(
        [sys.executable, "-c", codigo],
        cwd=RAIZ,
        env=_entorno(
            DEBUG="0",
            HTTPS="0",
            SECRET_KEY="x" * 60,
            ALLOWED_HOSTS="testserver",
            LOG_LEVEL="CRITICAL",
            **variables,
        ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert salida.returncode == 0, salida.stderr
    return json.loads(salida.stdout.strip().splitlines()[-1])


def test_salud_responde_503_si_postgresql_no_contesta():
    # Nadie escucha en el puerto 1: la conexión se rechaza al instante.
    estado, cuerpo = _salud_sin_base(DATABASE_URL="postgres://postgres@127.0.0.1:1/nada")
    assert estado == HTTPStatus.SERVICE_UNAVAILABLE
    assert cuerpo["base_de_datos"] == "error"
    assert cuerpo["estado"] == "error"


def test_salud_responde_503_si_el_archivo_sqlite_no_se_puede_abrir(tmp_path):
    estado, cuerpo = _salud_sin_base(SQLITE_PATH=str(tmp_path / "no" / "existe" / "db.sqlite3"))
    assert estado == HTTPStatus.SERVICE_UNAVAILABLE
    assert cuerpo["base_de_datos"] == "error"
