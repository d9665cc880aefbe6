"""Fallas: sin base de datos, 503 amable y caché de páginas en pie; login del admin limitado
(config/limites.py, ACCESO_ADMIN)."""

from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

pytestmark = pytest.mark.django_db


@pytest.mark.urls("tests.config.urls_falla_base")
def test_una_vista_sin_base_de_datos_da_503_en_espanol(client):
    client.raise_request_exception = False
    respuesta = client.get("/sin-base/")
    assert respuesta.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert respuesta["Retry-After"] == "30"
    contenido = respuesta.content.decode()
    assert "no está disponible por un momento" in contenido
    assert "Traceback" not in contenido


def _base_caida():
    return mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("sin servidor")
    )


def test_sin_base_la_ficha_en_cache_se_sigue_sirviendo_y_luego_se_recupera(client):
    url = "/tramites/permiso-para-trabajar/"
    assert client.get(url).status_code == HTTPStatus.OK  # queda en la caché de páginas
    client.raise_request_exception = False
    with _base_caida():
        assert client.get(url).status_code == HTTPStatus.OK
        caida = client.get("/tramites/buscar/", {"q": "visa"})
        assert caida.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    # La base volvió: sin reiniciar nada, lo que no estaba en caché responde de nuevo.
    assert client.get("/tramites/buscar/", {"q": "visa"}).status_code == HTTPStatus.OK


def test_el_login_del_admin_se_frena_tras_varios_fallos(client, settings):
    User.objects.create_superuser("jefa", "j@example.org", "clave-correcta-larga-1")
    for _ in range(settings.ADMIN_INTENTOS):
        fallo = client.post("/admin/login/", {"username": "jefa", "password": "mala"})
        assert fallo.status_code == HTTPStatus.OK
    frenado = client.post(
        "/admin/login/", {"username": "jefa", "password": "clave-correcta-larga-1"}
    )
    assert frenado.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Demasiados intentos" in frenado.content.decode()


def test_el_login_correcto_no_cuenta_como_fallo(client, settings):
    User.objects.create_superuser("jefa", "j@example.org", "clave-correcta-larga-1")
    for _ in range(settings.ADMIN_INTENTOS - 1):
        _entrar(client, "mala")
    for _ in range(3):
        assert _entrar(client, "clave-correcta-larga-1").status_code == HTTPStatus.FOUND
        client.logout()
    assert _entrar(client, "mala").status_code == HTTPStatus.OK
    assert _entrar(client, "mala").status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_el_freno_del_admin_dura_su_ventana(client, settings, time_machine):
    time_machine.move_to(datetime.now(UTC), tick=False)
    settings.ADMIN_VENTANA_SEGUNDOS = 900
    for _ in range(settings.ADMIN_INTENTOS):
        _entrar(client, "mala")
    frenado = _entrar(client, "mala")
    assert frenado.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 900 <= int(frenado["Retry-After"]) <= 901
    time_machine.shift(timedelta(minutes=15))
    assert _entrar(client, "mala").status_code == HTTPStatus.OK


def test_detras_del_proxy_el_freno_del_admin_es_por_persona(client, settings):
    settings.PROXIES_DE_CONFIANZA = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(settings.ADMIN_INTENTOS):
        _entrar(client, "mala", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    frenado = _entrar(client, "mala", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert frenado.status_code == HTTPStatus.TOO_MANY_REQUESTS
    otra = _entrar(client, "mala", HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)
    assert otra.status_code == HTTPStatus.OK


def test_sin_proxy_una_x_forwarded_for_inventada_no_libra_el_freno(client, settings):
    settings.PROXIES_DE_CONFIANZA = 0
    for numero in range(settings.ADMIN_INTENTOS):
        _entrar(client, "mala", HTTP_X_FORWARDED_FOR=f"198.51.100.{numero}")
    frenado = _entrar(client, "mala", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert frenado.status_code == HTTPStatus.TOO_MANY_REQUESTS


def _entrar(client, contrasena: str, **extra):
    return client.post("/admin/login/", {"username": "jefa", "password": contrasena}, **extra)


@pytest.mark.parametrize("url", ["/", "/tramites/", "/static/css/sitio.css", "/salud/"])
def test_cabeceras_de_seguridad(client, url):
    if url.startswith("/static/"):
        from tests.html import sopa

        url = sopa(client.get("/")).find("link", rel="stylesheet")["href"]
    respuesta = client.get(url)
    assert "camera=()" in respuesta["Permissions-Policy"]
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert respuesta["Referrer-Policy"] == "strict-origin-when-cross-origin"
    if not url.startswith("/static/"):
        assert respuesta["X-Frame-Options"] == "DENY"
