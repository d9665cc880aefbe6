"""Nada de lo que se escribe en los generadores de documentos queda guardado en ningún lado."""

import logging
import os
import pickle
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
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


def _textos_de_la_cache():
    backend = cache._cache if hasattr(cache, "_cache") else None
    if isinstance(backend, dict):  # memoria local
        for clave, valor in backend.items():
            legible = pickle.loads(valor) if isinstance(valor, bytes) else valor  # noqa: S301
            yield clave, repr(valor) + repr(legible)
        return
    cliente = cache._cache.get_client()  # Redis
    for clave in cliente.scan_iter("*"):
        valor = cliente.get(clave) or b""
        yield clave, repr(valor)


def _archivos_temporales() -> set[Path]:
    # Otros procesos crean y borran temporales mientras se recorre: se ignora lo que desaparece.
    archivos = set()
    for carpeta, _subcarpetas, nombres in os.walk(tempfile.gettempdir(), onerror=lambda e: None):
        archivos.update(Path(carpeta) / nombre for nombre in nombres)
    return archivos


def test_ni_la_base_ni_la_cache_ni_los_registros_ni_archivos_guardan_lo_escrito(client, caplog):
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
        assert not [c for c, valor in _textos_de_la_cache() if marca in valor]
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
