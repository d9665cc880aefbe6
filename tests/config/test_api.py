"""Lo que toda dirección de la API hace igual (config/api.py): errores en JSON con una sola forma
y en el idioma pedido, 405 con Allow, páginas, parámetros desconocidos, ETag y caché HTTP."""

from http import HTTPStatus

import pytest
from django.urls import get_resolver

pytestmark = pytest.mark.django_db

RUTAS = [
    "/api/v1/",
    "/api/v1/openapi.json",
    "/api/v1/tramites/",
    "/api/v1/tramites/permiso-para-trabajar/",
    "/api/v1/lugares/",
    "/api/v1/conjuntos/",
]


def _error(respuesta) -> dict:
    assert respuesta["Content-Type"] == "application/json"
    cuerpo = respuesta.json()
    assert set(cuerpo) == {"error"}
    assert set(cuerpo["error"]) == {"codigo", "mensaje", "estado", "detalles"}
    assert cuerpo["error"]["estado"] == respuesta.status_code
    return cuerpo["error"]


@pytest.mark.parametrize("metodo", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", RUTAS)
def test_otro_metodo_recibe_405_en_json_con_allow(client, url, metodo):
    respuesta = getattr(client, metodo)(url)
    assert respuesta.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert respuesta["Allow"] == "GET, HEAD, OPTIONS"
    error = _error(respuesta)
    assert error["codigo"] == "metodo_no_permitido"
    assert error["mensaje"] == "Esta dirección solo responde a GET, HEAD, OPTIONS."


@pytest.mark.parametrize(
    ("cabeceras", "mensaje"),
    [
        ({}, "No hay un trámite publicado con el identificador «nada»."),
        (
            {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.8"},
            "There is no published procedure with the identifier “nada”.",
        ),
        (
            {"HTTP_ACCEPT_LANGUAGE": "ht"},
            "Pa gen okenn demach ki pibliye ak idantifyan «nada».",
        ),
    ],
)
def test_el_mensaje_de_error_sale_en_el_idioma_del_navegador(client, cabeceras, mensaje):
    respuesta = client.get("/api/v1/tramites/nada/", **cabeceras)
    assert respuesta.status_code == HTTPStatus.NOT_FOUND
    assert _error(respuesta)["mensaje"] == mensaje


def test_idioma_en_la_direccion_gana_a_la_del_navegador(client):
    respuesta = client.get("/api/v1/tramites/nada/?idioma=fr", HTTP_ACCEPT_LANGUAGE="en")
    assert _error(respuesta)["mensaje"] == (
        "Aucune démarche publiée ne porte l'identifiant « nada »."
    )
    assert respuesta["Content-Language"] == "fr"


def test_un_idioma_que_no_existe_es_un_400_que_lo_explica(client):
    respuesta = client.get("/api/v1/tramites/?idioma=de", HTTP_ACCEPT_LANGUAGE="en")
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    error = _error(respuesta)
    assert error["codigo"] == "parametros_invalidos"
    assert error["detalles"] == [
        {
            "parametro": "idioma",
            "mensaje": "“de” is not a language of this site: use one of these: es, en, fr, ht.",
        }
    ]


def test_una_direccion_desconocida_de_la_api_es_un_404_en_json(client):
    respuesta = client.get("/api/v1/tramite/permiso-para-trabajar/")
    assert respuesta.status_code == HTTPStatus.NOT_FOUND
    error = _error(respuesta)
    assert error["codigo"] == "no_encontrado"
    assert "http://testserver/api/v1/" in error["mensaje"]


def test_sin_diagonal_final_lleva_a_la_direccion_con_diagonal(client):
    respuesta = client.get("/api/v1/lugares?tipo=oficina")
    assert respuesta.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert respuesta["Location"] == "/api/v1/lugares/?tipo=oficina"


def test_escribir_en_una_direccion_desconocida_tambien_responde_json(client):
    # Sin CSRF de por medio: la API no tiene formularios.
    respuesta = client.post("/api/v1/nada/", {"a": "b"})
    assert respuesta.status_code == HTTPStatus.NOT_FOUND
    assert _error(respuesta)["codigo"] == "no_encontrado"


def test_las_respuestas_se_guardan_cinco_minutos_y_dicen_de_que_dependen(client):
    respuesta = client.get("/api/v1/lugares/")
    assert respuesta.status_code == HTTPStatus.OK
    assert "public" in respuesta["Cache-Control"]
    assert "max-age=300" in respuesta["Cache-Control"]
    assert "Accept-Language" in respuesta["Vary"]
    assert respuesta["Content-Language"] == "es-mx"


def test_con_el_mismo_etag_responde_304(client):
    primera = client.get("/api/v1/lugares/?tipo=oficina")
    segunda = client.get("/api/v1/lugares/?tipo=oficina", HTTP_IF_NONE_MATCH=primera["ETag"])
    assert segunda.status_code == HTTPStatus.NOT_MODIFIED
    otra = client.get("/api/v1/lugares/?tipo=ventanilla", HTTP_IF_NONE_MATCH=primera["ETag"])
    assert otra.status_code == HTTPStatus.OK


def test_un_parametro_desconocido_en_una_lista_con_filtros_es_un_400(client):
    respuesta = client.get("/api/v1/lugares/?estados=chiapas")
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    detalle = _error(respuesta)["detalles"][0]
    assert detalle["parametro"] == "estados"
    assert "estado, idioma, pagina, por_pagina, servicio, tipo" in detalle["mensaje"]


@pytest.mark.parametrize(
    ("consulta", "parametro"),
    [
        ("pagina=0", "pagina"),
        ("pagina=uno", "pagina"),
        ("pagina=-1", "pagina"),
        ("por_pagina=0", "por_pagina"),
        ("por_pagina=1001", "por_pagina"),
        ("por_pagina=²", "por_pagina"),
    ],
)
def test_una_pagina_mal_escrita_es_un_400_que_dice_cual(client, consulta, parametro):
    respuesta = client.get(f"/api/v1/lugares/?{consulta}")
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    assert [d["parametro"] for d in _error(respuesta)["detalles"]] == [parametro]


def test_una_pagina_despues_de_la_ultima_es_un_404(client):
    total = client.get("/api/v1/lugares/?por_pagina=10").json()["paginacion"]["paginas"]
    respuesta = client.get(f"/api/v1/lugares/?por_pagina=10&pagina={total + 1}")
    assert respuesta.status_code == HTTPStatus.NOT_FOUND
    error = _error(respuesta)
    assert error["codigo"] == "pagina_inexistente"
    assert error["mensaje"] == (
        f"La página {total + 1} no existe: con estos filtros hay {total} páginas."
    )


def test_las_paginas_enlazan_la_anterior_y_la_siguiente_con_los_mismos_filtros(client):
    paginacion = client.get("/api/v1/lugares/?tipo=oficina&por_pagina=2&pagina=2").json()[
        "paginacion"
    ]
    assert paginacion["pagina"] == 2
    assert paginacion["por_pagina"] == 2
    assert paginacion["anterior"] == (
        "http://testserver/api/v1/lugares/?pagina=1&por_pagina=2&tipo=oficina"
    )
    assert paginacion["siguiente"] == (
        "http://testserver/api/v1/lugares/?pagina=3&por_pagina=2&tipo=oficina"
    )


def test_cada_ruta_de_la_api_pasa_por_vista_api():
    """Una vista nueva sin @vista_api respondería HTML en sus errores y sin CORS."""
    from django.urls import URLResolver

    api = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    )

    def vistas(patrones):
        for patron in patrones:
            if isinstance(patron, URLResolver):
                yield from vistas(patron.url_patterns)
            else:
                yield patron

    rutas = list(vistas(api.url_patterns))
    assert len(rutas) >= 9
    for ruta in rutas:
        assert getattr(ruta.callback, "datos_publicos", False), ruta.name
        assert getattr(ruta.callback, "csrf_exempt", False), ruta.name
