"""Cabeceras de seguridad en cada tipo de página: HTML, formularios, descargas, API, admin,
errores y páginas servidas desde la caché."""

from http import HTTPStatus

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

TIPOS_DE_PAGINA = {
    "inicio": "/",
    "inicio en inglés": "/en/",
    "lista de trámites": "/tramites/",
    "ficha de trámite": "/tramites/permiso-para-trabajar/",
    "búsqueda": "/tramites/buscar/?q=visa",
    "formulario de solicitud": "/tramites/permiso-para-trabajar/solicitud/",
    "catálogo de datos": "/datos/",
    "paquete de datos": "/datos/datapackage.json",
    "ventanillas": "/ventanillas/",
    "mapa": "/ventanillas/mapa/",
    "exportación de ventanillas": "/ventanillas.csv",
    "seguimiento": "/seguimiento/",
    "participa": "/participa/",
    "API": "/api/v1/tramites/",
    "acceso al admin": "/admin/login/",
    "no encontrada": "/no-existe/",
    "salud": "/salud/",
}


def _politica(respuesta) -> dict[str, list[str]]:
    politica = {}
    for directiva in respuesta["Content-Security-Policy"].split(";"):
        nombre, *valores = directiva.split()
        politica[nombre] = valores
    return politica


@pytest.mark.parametrize("url", TIPOS_DE_PAGINA.values(), ids=TIPOS_DE_PAGINA.keys())
def test_cada_tipo_de_pagina_trae_las_cabeceras_de_seguridad(client, url):
    # Dos veces: la segunda puede salir de la caché de páginas y debe traer lo mismo.
    for _vez in range(2):
        respuesta = client.get(url)
        assert respuesta.status_code in {HTTPStatus.OK, HTTPStatus.NOT_FOUND}, url
        politica = _politica(respuesta)
        assert politica["default-src"] == ["'none'"]
        assert politica["script-src"] == ["'self'"]
        assert politica["style-src"] == ["'self'"]
        assert politica["frame-ancestors"] == ["'none'"]
        assert politica["object-src"] == ["'none'"]
        assert "unsafe-inline" not in respuesta["Content-Security-Policy"]
        assert "unsafe-eval" not in respuesta["Content-Security-Policy"]
        assert respuesta["X-Content-Type-Options"] == "nosniff"
        assert respuesta["X-Frame-Options"] == "DENY"
        assert respuesta["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in respuesta["Permissions-Policy"]


@override_settings(
    SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
@pytest.mark.parametrize("url", ["/", "/tramites/permiso-para-trabajar/", "/datos/"])
def test_hsts_por_https(client, url):
    respuesta = client.get(url, secure=True)
    assert respuesta["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_las_plantillas_no_traen_scripts_ni_estilos_en_linea():
    """La política no admite 'unsafe-inline': un <script> o style= en línea se bloquearía."""
    import re
    from pathlib import Path

    from django.conf import settings

    en_linea = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>|\sstyle=\"|\son[a-z]+=\"",
        re.IGNORECASE,
    )
    plantillas = Path(settings.BASE_DIR, "templates").rglob("*.html")
    hallazgos = [
        f"{ruta.relative_to(settings.BASE_DIR)}: {m.group(0).strip()}"
        for ruta in plantillas
        for m in en_linea.finditer(ruta.read_text(encoding="utf-8"))
    ]
    assert hallazgos == []


def test_un_post_sin_ficha_csrf_recibe_una_pagina_en_espanol(db):
    from django.test import Client

    respuesta = Client(enforce_csrf_checks=True).post("/seguimiento/", {"nut": "x"})
    assert respuesta.status_code == HTTPStatus.FORBIDDEN
    contenido = respuesta.content.decode()
    assert "No se pudo enviar el formulario" in contenido
    assert "CSRF verification failed" not in contenido
