"""La configuración sale del entorno: se prueba en procesos nuevos con variables distintas."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]
CLAVE = "k3y-de-prueba-suficientemente-larga-y-variada-0123456789-abcdefghij"


def _entorno(**variables: str) -> dict[str, str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "HTTPS",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "REDIS_URL",
            "CACHE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    base["DJANGO_SETTINGS_MODULE"] = "config.settings"
    base.update(variables)
    return base


def _ajustes(expresion: str, **variables: str):
    """Evalúa `expresion` con la configuración cargada bajo las variables dadas."""
    codigo = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({expresion}, default=str))"
    )
    salida = subprocess.run(
        [sys.executable, "-c", codigo],
        cwd=RAIZ,
        env=_entorno(**variables),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return salida


def _valor(expresion: str, **variables: str):
    salida = _ajustes(expresion, **variables)
    assert salida.returncode == 0, salida.stderr
    return json.loads(salida.stdout)


def test_check_deploy_no_reporta_nada_con_debug_apagado():
    salida = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RAIZ,
        env=_entorno(DEBUG="0", SECRET_KEY=CLAVE, ALLOWED_HOSTS="tramites.example.org"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert salida.returncode == 0, salida.stdout + salida.stderr
    assert "System check identified no issues" in salida.stdout


def test_sin_database_url_usa_sqlite():
    motor = _valor("s.DATABASES['default']['ENGINE']", DEBUG="1")
    assert motor == "django.db.backends.sqlite3"


def test_database_url_postgres_usa_psycopg():
    datos = _valor(
        "[s.DATABASES['default'][k] for k in ('ENGINE', 'NAME', 'HOST', 'PORT', 'USER')]",
        DEBUG="1",
        DATABASE_URL="postgres://usuario@db.interna:5433/tramites",
    )
    assert datos == ["django.db.backends.postgresql", "tramites", "db.interna", 5433, "usuario"]


def test_redis_url_elige_la_cache_de_redis():
    backend = _valor(
        "s.CACHES['default']['BACKEND']", DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3"
    )
    assert backend == "django.core.cache.backends.redis.RedisCache"


def test_sin_redis_la_cache_es_local():
    backend = _valor("s.CACHES['default']['BACKEND']", DEBUG="1")
    assert backend == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize("cache_url", ["", "locmem://", "dummy://"])
def test_sin_redis_los_limites_van_a_una_tabla_de_la_base(cache_url):
    """Nunca a la memoria de cada proceso: con varios procesos, cada uno contaría por su lado."""
    assert _valor("s.LIMITES_REDIS_URL", DEBUG="1", CACHE_URL=cache_url) is None
    assert "config.apps.SitioConfig" in _valor("s.INSTALLED_APPS", DEBUG="1", CACHE_URL=cache_url)


def test_con_redis_los_limites_van_a_redis():
    url = _valor("s.LIMITES_REDIS_URL", DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3")
    assert url == "redis://127.0.0.1:6379/3"


def test_proxies_de_confianza_sale_del_entorno():
    assert _valor("s.PROXIES_DE_CONFIANZA", DEBUG="1") == 0
    assert _valor("s.PROXIES_DE_CONFIANZA", DEBUG="1", PROXIES_DE_CONFIANZA="2") == 2


def test_el_nombre_viejo_de_los_proxies_da_un_error_claro():
    salida = _ajustes("1", DEBUG="1", SEGUIMIENTO_PROXIES="1")
    assert salida.returncode != 0
    assert "PROXIES_DE_CONFIANZA" in salida.stderr


def test_cache_url_desconocida_da_un_error_claro():
    salida = _ajustes("1", DEBUG="1", CACHE_URL="memcached://x")
    assert salida.returncode != 0
    assert "CACHE_URL no reconocida" in salida.stderr


def test_sin_secret_key_y_sin_debug_se_niega_a_arrancar():
    salida = _ajustes("1", DEBUG="0", ALLOWED_HOSTS="x")
    assert salida.returncode != 0
    assert "Defina SECRET_KEY" in salida.stderr


@pytest.mark.parametrize(
    ("https", "esperado"),
    [("", [True, True, True, 31536000]), ("0", [False, False, False, 0])],
)
def test_https_activa_redireccion_cookies_seguras_y_hsts(https, esperado):
    valores = _valor(
        "[s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS]",
        DEBUG="0",
        SECRET_KEY=CLAVE,
        HTTPS=https,
    )
    assert valores == esperado


def test_zona_horaria_e_idioma_de_mexico(settings):
    assert settings.TIME_ZONE == "America/Mexico_City"
    assert settings.LANGUAGE_CODE == "es-mx"
    assert settings.USE_TZ
