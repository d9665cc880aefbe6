"""Otros sitios y programas leen los datos públicos (CORS); nunca las páginas, los formularios
ni el admin. Como `curl -H 'Origin: https://example.org'`, también cuando responde la caché."""

from http import HTTPStatus

import pytest

from tests.datos_abiertos.conftest import cargar_datos_abiertos

pytestmark = pytest.mark.django_db

ORIGEN = "https://example.org"
CONJUNTO = "solicitudes-refugio"

DATOS_PUBLICOS = {
    "CSV de un conjunto": f"/datos/{CONJUNTO}.csv",
    "JSON de un conjunto": f"/datos/{CONJUNTO}.json",
    "Parquet de un conjunto": f"/datos/{CONJUNTO}.parquet",
    "CSV filtrado": f"/datos/{CONJUNTO}.csv?entidad=07",
    "CSV en inglés": f"/en/datos/{CONJUNTO}.csv",
    "diccionario CSV": f"/datos/{CONJUNTO}/diccionario.csv",
    "datapackage": "/datos/datapackage.json",
    "catálogo DCAT": "/datos/catalogo.jsonld",
    "canal de datos": "/datos/cambios.atom",
    "canal de trámites": "/tramites/cambios.atom",
    "canal de una ficha": "/tramites/permiso-para-trabajar/cambios.atom",
    "ventanillas CSV": "/ventanillas.csv",
    "ventanillas GeoJSON": "/ventanillas.json",
    "índice de la API": "/api/v1/",
    "contrato OpenAPI": "/api/v1/openapi.json",
    "API de trámites": "/api/v1/tramites/",
    "API de un trámite": "/api/v1/tramites/permiso-para-trabajar/",
    "API de lugares": "/api/v1/lugares/",
    "API de conjuntos": "/api/v1/conjuntos/",
    "API de observaciones": f"/api/v1/conjuntos/{CONJUNTO}/observaciones/",
}

SOLO_ESTE_SITIO = {
    "inicio": "/",
    "lista de trámites": "/tramites/",
    "ficha de un trámite": "/tramites/permiso-para-trabajar/",
    "formulario de solicitud": "/tramites/permiso-para-trabajar/solicitud/",
    "escrito libre": "/tramites/permiso-para-trabajar/escrito-libre/",
    "página de datos": "/datos/",
    "página de un conjunto": f"/datos/{CONJUNTO}/",
    "participa": "/participa/",
    "seguimiento": "/seguimiento/",
    "registro de atenciones": "/ventanillas/registro/",
    "acceso al admin": "/admin/login/",
    "admin": "/admin/",
    "salud": "/salud/",
}


@pytest.fixture(autouse=True)
def conjunto():
    cargar_datos_abiertos([CONJUNTO])


def _leer(respuesta) -> None:
    # Las descargas van en flujo: se leen hasta el final, como lo haría un programa. Al terminar,
    # el cliente de pruebas cierra la respuesta y devuelve el cupo de descargas (también en HEAD,
    # que llega sin cuerpo).
    if respuesta.streaming:
        b"".join(respuesta.streaming_content)


@pytest.mark.parametrize("url", DATOS_PUBLICOS.values(), ids=DATOS_PUBLICOS.keys())
def test_cualquier_origen_puede_leer_los_datos_publicos(client, url):
    # Dos veces: la segunda puede salir de la caché de páginas y debe traer lo mismo.
    for _vez in range(2):
        respuesta = client.get(url, HTTP_ORIGIN=ORIGEN)
        _leer(respuesta)
        assert respuesta.status_code == HTTPStatus.OK, url
        assert respuesta["Access-Control-Allow-Origin"] == "*"
        assert respuesta["Cross-Origin-Resource-Policy"] == "cross-origin"
        # Un programa en otro origen puede leer el ETag para preguntar si algo cambió.
        assert "ETag" in respuesta["Access-Control-Expose-Headers"]


@pytest.mark.parametrize(
    "url", ["/api/v1/tramites/", f"/datos/{CONJUNTO}.csv", "/datos/datapackage.json"]
)
def test_head_tambien_trae_cors(client, url):
    respuesta = client.head(url, HTTP_ORIGIN=ORIGEN)
    _leer(respuesta)
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "url",
    ["/api/v1/tramites/no-existe/", "/api/v1/no-existe", "/datos/no-existe.csv"],
)
def test_los_errores_de_los_datos_publicos_tambien_se_pueden_leer(client, url):
    # Sin CORS, el programa vería un error de red en vez del 404 que explica qué pasó.
    respuesta = client.get(url, HTTP_ORIGIN=ORIGEN)
    _leer(respuesta)
    assert respuesta.status_code == HTTPStatus.NOT_FOUND
    assert respuesta["Access-Control-Allow-Origin"] == "*"


def test_la_consulta_previa_del_navegador_se_contesta_sin_tocar_la_vista(client):
    respuesta = client.options(
        "/api/v1/tramites/",
        HTTP_ORIGIN=ORIGEN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match, accept-language",
    )
    assert respuesta.status_code == HTTPStatus.NO_CONTENT
    assert respuesta["Access-Control-Allow-Origin"] == "*"
    assert respuesta["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert respuesta["Access-Control-Allow-Headers"] == "if-none-match, accept-language"
    assert int(respuesta["Access-Control-Max-Age"]) >= 3600


def test_la_consulta_previa_no_repite_cabeceras_mal_formadas(client):
    respuesta = client.options(
        f"/datos/{CONJUNTO}.csv",
        HTTP_ORIGIN=ORIGEN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-uno\r\nSet-Cookie: a=b",
    )
    assert respuesta.status_code == HTTPStatus.NO_CONTENT
    assert "Access-Control-Allow-Headers" not in respuesta


def test_la_consulta_previa_respeta_allowed_hosts(client):
    respuesta = client.options(
        "/api/v1/tramites/",
        HTTP_HOST="sitio-ajeno.example",
        HTTP_ORIGIN=ORIGEN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST


@pytest.mark.parametrize("url", SOLO_ESTE_SITIO.values(), ids=SOLO_ESTE_SITIO.keys())
def test_las_paginas_y_los_formularios_no_se_leen_desde_otro_origen(client, url):
    for _vez in range(2):
        respuesta = client.get(url, HTTP_ORIGIN=ORIGEN)
        assert "Access-Control-Allow-Origin" not in respuesta, url
        assert respuesta["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "url", ["/participa/", "/tramites/permiso-para-trabajar/solicitud/", "/admin/login/"]
)
def test_un_formulario_no_contesta_la_consulta_previa(client, url):
    respuesta = client.options(
        url,
        HTTP_ORIGIN=ORIGEN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert "Access-Control-Allow-Origin" not in respuesta
    assert "Access-Control-Allow-Methods" not in respuesta


def test_escribir_en_la_api_desde_otro_origen_no_se_permite(client):
    respuesta = client.post("/api/v1/tramites/", HTTP_ORIGIN=ORIGEN)
    assert respuesta.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert "Access-Control-Allow-Origin" not in respuesta


def test_otro_sitio_no_incrusta_los_estaticos(client):
    from django.contrib.staticfiles.storage import staticfiles_storage

    respuesta = client.get(staticfiles_storage.url("css/sitio.css"), HTTP_ORIGIN=ORIGEN)
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Cross-Origin-Resource-Policy"] == "same-origin"
