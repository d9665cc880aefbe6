"""El contrato de la API (datos_abiertos/openapi.py) dice la verdad: cada ruta está descrita, cada
respuesta cumple su esquema y cada campo que se envía está documentado."""

from http import HTTPStatus

import jsonschema
import pytest
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver

from datos_abiertos import filters
from datos_abiertos.models import ConjuntoDatos
from ventanillas.models import Estado, Lugar

pytestmark = pytest.mark.django_db


@pytest.fixture
def contrato(client):
    respuesta = client.get("/api/v1/openapi.json")
    assert respuesta.status_code == HTTPStatus.OK
    return respuesta.json()


def _rutas_de_la_api() -> set[str]:
    api = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    )

    def recorrer(patrones, prefijo=""):
        for patron in patrones:
            if isinstance(patron, URLResolver):
                yield from recorrer(patron.url_patterns, prefijo + str(patron.pattern))
            elif isinstance(patron, URLPattern) and patron.name != "no_encontrada":
                yield prefijo + str(patron.pattern)

    return {"/" + ruta.replace("<slug:slug>", "{slug}") for ruta in recorrer(api.url_patterns)}


def test_cada_ruta_de_la_api_esta_en_el_contrato_y_nada_mas(contrato):
    assert set(contrato["paths"]) == _rutas_de_la_api()


def test_el_documento_es_openapi_3_1_valido(contrato):
    import schemathesis

    assert contrato["openapi"] == "3.1.0"
    assert contrato["servers"] == [{"url": "http://testserver/api/v1"}]
    esquema = schemathesis.openapi.from_dict(contrato)
    # Cada operación del documento se puede probar (referencias resueltas, parámetros válidos).
    operaciones = [resultado.ok() for resultado in esquema.get_all_operations()]
    assert len(operaciones) == len(contrato["paths"])
    for componente in contrato["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(componente)


def test_el_indice_lista_cada_operacion_del_contrato(client, contrato):
    indice = client.get("/api/v1/").json()
    assert indice["openapi"] == "http://testserver/api/v1/openapi.json"
    operaciones = {d["operacion"] for d in indice["direcciones"]}
    assert operaciones == {
        operacion["operationId"]
        for metodos in contrato["paths"].values()
        for operacion in metodos.values()
    }
    for direccion in indice["direcciones"]:
        if "{" not in direccion["url"]:
            assert client.get(direccion["url"]).status_code == HTTPStatus.OK, direccion
    for url in indice["otros_datos"].values():
        respuesta = client.get(url)
        assert respuesta.status_code == HTTPStatus.OK, url
        if respuesta.streaming:
            b"".join(respuesta.streaming_content)


def _resolver(esquema: dict, contrato: dict) -> dict:
    while "$ref" in esquema:
        ruta = esquema["$ref"].removeprefix("#/").split("/")
        esquema = contrato
        for parte in ruta:
            esquema = esquema[parte]
    return esquema


def _propiedades(esquema: dict, contrato: dict) -> tuple[dict, object]:
    """Las propiedades de un objeto (juntando allOf) y lo que admite fuera de ellas."""
    esquema = _resolver(esquema, contrato)
    propiedades = dict(esquema.get("properties", {}))
    adicionales = esquema.get("additionalProperties", False)
    for parte in esquema.get("allOf", []):
        otras, _adicionales = _propiedades(parte, contrato)
        propiedades.update(otras)
    return propiedades, adicionales


def _todo_documentado(valor, esquema: dict, contrato: dict, ruta: str = "") -> list[str]:
    """Las claves enviadas que el contrato no describe (vacía si todo está documentado)."""
    esquema = _resolver(esquema, contrato)
    if "anyOf" in esquema:
        tipo = "null" if valor is None else "object" if isinstance(valor, dict) else "otro"
        esquema = next(
            (e for e in esquema["anyOf"] if _resolver(e, contrato).get("type") == tipo),
            esquema["anyOf"][0],
        )
    faltan = []
    if isinstance(valor, dict):
        propiedades, adicionales = _propiedades(esquema, contrato)
        for clave, interior in valor.items():
            if clave in propiedades:
                faltan += _todo_documentado(
                    interior, propiedades[clave], contrato, f"{ruta}.{clave}"
                )
            elif adicionales is False:
                faltan.append(f"{ruta}.{clave}")
    elif isinstance(valor, list) and "items" in esquema:
        for elemento in valor[:50]:
            faltan += _todo_documentado(elemento, esquema["items"], contrato, f"{ruta}[]")
    return faltan


EJEMPLOS = [
    ("/", "/api/v1/"),
    ("/openapi.json", "/api/v1/openapi.json"),
    ("/tramites/", "/api/v1/tramites/"),
    ("/tramites/{slug}/", "/api/v1/tramites/permiso-para-trabajar/"),
    ("/tramites/{slug}/", "/api/v1/tramites/visa-oferta-de-empleo/"),
    ("/lugares/", "/api/v1/lugares/?por_pagina=1000"),
    ("/lugares/{slug}/", None),
    ("/conjuntos/", "/api/v1/conjuntos/"),
    ("/conjuntos/{slug}/", "/api/v1/conjuntos/atenciones-ventanillas/"),
    ("/conjuntos/{slug}/", "/api/v1/conjuntos/tramites-migratorios/"),
    ("/conjuntos/{slug}/observaciones/", "/api/v1/conjuntos/personas-presentadas/observaciones/"),
    (
        "/conjuntos/{slug}/observaciones/",
        "/api/v1/conjuntos/atenciones-ventanillas/observaciones/?por_pagina=300",
    ),
    ("/tramites/{slug}/", "/api/v1/tramites/no-existe/"),
    ("/lugares/", "/api/v1/lugares/?estado=nada"),
    ("/lugares/", "/api/v1/lugares/?pagina=99"),
]


@pytest.mark.parametrize(("ruta", "url"), EJEMPLOS)
def test_cada_respuesta_cumple_su_esquema_y_no_trae_campos_sin_describir(
    client, contrato, ruta, url
):
    url = url or f"/api/v1/lugares/{Lugar.objects.publicados().first().slug}/"
    respuesta = client.get(url)
    descrita = contrato["paths"][ruta]["get"]["responses"].get(str(respuesta.status_code))
    assert descrita is not None, f"{url} respondió {respuesta.status_code}, que no está descrito"
    esquema = _resolver(descrita, contrato)["content"]["application/json"]["schema"]
    raiz = {"components": contrato["components"], **esquema}
    jsonschema.Draft202012Validator(
        raiz, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(respuesta.json())
    if ruta != "/openapi.json":
        assert _todo_documentado(respuesta.json(), esquema, contrato) == []


def test_los_filtros_de_cada_conjunto_estan_en_el_contrato(contrato):
    parametros = contrato["paths"]["/conjuntos/{slug}/observaciones/"]["get"]["parameters"]
    documentados = {p["name"] for p in parametros if "name" in p}
    for conjunto in ConjuntoDatos.objects.publicados():
        filtro = filters.filtro_para(conjunto, QueryDict(), descarga=True)
        assert set(filtro.filters) <= documentados, conjunto.slug


def test_los_estados_del_contrato_son_los_del_sitio(contrato):
    parametros = contrato["paths"]["/lugares/"]["get"]["parameters"]
    estado = next(p for p in parametros if p.get("name") == "estado")
    assert set(estado["schema"]["enum"]) == set(Estado.objects.values_list("slug", flat=True))
