"""Límites de intentos con las dos cachés: memoria local (por omisión) y Redis (producción).

Con Redis los límites van por un guion Lua; con otra caché, por la API de la caché. Las mismas
pruebas corren con las dos (la de Redis se salta si no hay un Redis al que conectarse).
"""

import os
import threading
import time
import uuid
from datetime import UTC, datetime

import pytest
from django.test import override_settings

from seguimiento import limites

REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"


def _hay_redis() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["memoria", "redis"])
def cache_de(request):
    """La caché por omisión cambiada por una de memoria local o una de Redis (prefijo propio)."""
    if request.param == "memoria":
        configuracion = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"limites-{uuid.uuid4()}",
        }
    else:
        if not _hay_redis():
            pytest.skip(f"No hay Redis en {REDIS}")
        configuracion = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": f"pruebas-limites-{uuid.uuid4().hex}",
        }
    with override_settings(
        CACHES={"default": configuracion},
        SEGUIMIENTO_INTENTOS_POR_NUT=5,
        SEGUIMIENTO_INTENTOS_POR_IP=20,
        SEGUIMIENTO_VENTANA_MINUTOS=15,
    ):
        assert (limites._redis() is not None) == (request.param == "redis")
        yield request.param
        if request.param == "redis":
            import redis

            cliente = redis.Redis.from_url(REDIS)
            for clave in cliente.scan_iter(f"{configuracion['KEY_PREFIX']}:*"):
                cliente.delete(clave)


def _intentos(n, *, nut="PRUEBA-0001", ip="203.0.113.7"):
    return [limites.intentar(nut=nut, ip=ip) for _ in range(n)]


def test_al_pasar_el_limite_dice_hasta_cuando(cache_de):
    antes = int(time.time())
    resultados = _intentos(7)
    assert [type(r).__name__ for r in resultados] == ["Reserva"] * 5 + ["Bloqueo"] * 2
    hasta = resultados[-1].hasta
    # La ventana empezó con el primer intento y dura 15 minutos.
    assert antes + 900 <= hasta.timestamp() <= int(time.time()) + 900
    assert hasta.tzinfo is not None
    assert 880 <= resultados[-1].segundos <= 901


def test_las_consultas_correctas_devuelven_su_intento(cache_de):
    for _ in range(30):
        reserva = limites.intentar(nut="PRUEBA-0001", ip="203.0.113.7")
        assert isinstance(reserva, limites.Reserva)
        limites.devolver(reserva)
    assert all(isinstance(r, limites.Reserva) for r in _intentos(5))
    assert isinstance(limites.intentar(nut="PRUEBA-0001", ip="203.0.113.7"), limites.Bloqueo)


def test_la_ventana_termina_por_el_reloj_aunque_la_clave_siga(cache_de, monkeypatch):
    _intentos(5)
    assert isinstance(limites.intentar(nut="PRUEBA-0001", ip="203.0.113.7"), limites.Bloqueo)
    ahora = time.time()
    monkeypatch.setattr(limites.time, "time", lambda: ahora + 16 * 60)
    # Redis aún guarda las claves (caducan en su propio reloj); el sitio ya abrió otra ventana.
    nueva = _intentos(6)
    assert [type(r).__name__ for r in nueva] == ["Reserva"] * 5 + ["Bloqueo"]
    assert nueva[-1].hasta == datetime.fromtimestamp(int(ahora + 16 * 60) + 900, tz=UTC)


def test_devolver_tras_el_fin_de_la_ventana_no_regala_intentos(cache_de, monkeypatch):
    vieja = limites.intentar(nut="PRUEBA-0001", ip="203.0.113.7")
    ahora = time.time()
    monkeypatch.setattr(limites.time, "time", lambda: ahora + 16 * 60)
    _intentos(5)
    # La consulta de la ventana anterior termina ahora: no descuenta de la nueva.
    limites.devolver(vieja)
    assert isinstance(limites.intentar(nut="PRUEBA-0001", ip="203.0.113.7"), limites.Bloqueo)


def test_mil_intentos_simultaneos_solo_cinco_se_comprueban_y_la_ip_cuenta_cinco(cache_de):
    resultados = []
    candado = threading.Lock()
    salida = threading.Barrier(50)

    def intentar():
        salida.wait()
        for _ in range(20):
            reserva = limites.intentar(nut="PRUEBA-0001", ip="203.0.113.7")
            with candado:
                resultados.append(reserva)

    hilos = [threading.Thread(target=intentar) for _ in range(50)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert len(resultados) == 1000
    assert sum(isinstance(r, limites.Reserva) for r in resultados) == 5
    # Los intentos bloqueados no gastan los de la IP: le quedan 15 con otros números.
    otros = [limites.intentar(nut=f"OTRO-{n:04d}", ip="203.0.113.7") for n in range(16)]
    assert [type(r).__name__ for r in otros] == ["Reserva"] * 15 + ["Bloqueo"]
