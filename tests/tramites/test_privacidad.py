"""Nada de lo que se escribe en los generadores de documentos queda guardado en ningún lado."""

import logging
import os
import tempfile
from pathlib import Path

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection

from tests.tramites.test_documentos import datos_escrito, datos_solicitud

# Transaccional (se revisa lo que de verdad quedó escrito en la base); pytest-django la corre
# con las de navegador, que vacían la base al terminar: por eso pide el contenido.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("contenido")]

MARCA = "Zyxwquorrandomapellido"
MARCA_CORREO = "marca-privada-8271@example.org"


def _textos_de_la_base():
    with connection.cursor() as cursor:
        for tabla in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{tabla}"')  # noqa: S608 - nombres de la propia base
            for fila in cursor.fetchall():
                yield tabla, repr(fila)


class CacheQueAnota(LocMemCache):
    """Una caché en memoria que anota todo lo que el sitio le pide guardar (API de backends)."""

    guardado: list[tuple[str, str]] = []

    def _anotar(self, clave, valor):
        CacheQueAnota.guardado.append((str(clave), repr(valor)))

    def add(self, key, value, *args, **kwargs):
        self._anotar(key, value)
        return super().add(key, value, *args, **kwargs)

    def set(self, key, value, *args, **kwargs):
        self._anotar(key, value)
        return super().set(key, value, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        for clave, valor in data.items():
            self._anotar(clave, valor)
        return super().set_many(data, *args, **kwargs)


def _cache_que_anota(nombre: str) -> dict:
    return {"BACKEND": f"{__name__}.CacheQueAnota", "LOCATION": f"privacidad-{nombre}"}


@pytest.fixture
def caches_que_anotan(settings):
    """Todas las cachés del sitio cambiadas por una que anota: vale con Redis o sin él."""
    CacheQueAnota.guardado = []
    settings.CACHES = {nombre: _cache_que_anota(nombre) for nombre in settings.CACHES}
    return CacheQueAnota.guardado


def _archivos_temporales() -> set[Path]:
    # Otros procesos crean y borran temporales mientras se recorre: se ignora lo que desaparece.
    archivos = set()
    for carpeta, _subcarpetas, nombres in os.walk(tempfile.gettempdir(), onerror=lambda e: None):
        archivos.update(Path(carpeta) / nombre for nombre in nombres)
    return archivos


def test_ni_la_base_ni_la_cache_ni_los_registros_ni_archivos_guardan_lo_escrito(
    client, caplog, caches_que_anotan
):
    caplog.set_level(logging.DEBUG)
    antes = _archivos_temporales()
    solicitud = client.post(
        "/tramites/permiso-para-trabajar/solicitud/",
        datos_solicitud(primer_apellido=MARCA, correo=MARCA_CORREO),
    )
    escrito = client.post(
        "/tramites/notificacion-cambio-domicilio/escrito-libre/",
        datos_escrito(nombre_completo=MARCA, dato_nuevo=MARCA_CORREO),
    )
    con_error = client.post(
        "/tramites/permiso-para-trabajar/solicitud/",
        datos_solicitud(primer_apellido=MARCA, curp="mala"),
    )
    assert solicitud["Content-Type"] == escrito["Content-Type"] == "application/pdf"
    assert MARCA in con_error.content.decode()  # se le devuelve a la persona, y nada más
    for respuesta in (solicitud, escrito, con_error):
        assert "no-store" in respuesta["Cache-Control"]
        assert "sessionid" not in respuesta.cookies

    for marca in (MARCA, MARCA_CORREO):
        assert not [t for t, fila in _textos_de_la_base() if marca in fila]
        assert caches_que_anotan, "la prueba debe ver lo que se guarda en la caché"
        assert not [c for c, valor in caches_que_anotan if marca in valor]
        assert not [
            r for r in caplog.records if marca in r.getMessage() or marca in repr(r.__dict__)
        ]
    nuevos = _archivos_temporales() - antes
    for archivo in nuevos:
        try:
            contenido = archivo.read_bytes()
        except OSError:
            continue
        assert MARCA.encode() not in contenido, archivo
