"""API de conjuntos de datos (datos_abiertos/api.py): metadatos, descargas y filas por páginas,
con los mismos filtros que las descargas y las mismas filas que el JSON descargado."""

import json
from http import HTTPStatus

import pytest

from datos_abiertos.models import ConjuntoDatos, Observacion

pytestmark = pytest.mark.django_db

URL = "/api/v1/conjuntos/personas-presentadas/"


def test_la_lista_trae_cada_conjunto_publicado_con_sus_descargas(client):
    datos = client.get("/api/v1/conjuntos/").json()["conjuntos"]
    assert [c["slug"] for c in datos] == list(
        ConjuntoDatos.objects.publicados().values_list("slug", flat=True)
    )
    presentadas = next(c for c in datos if c["slug"] == "personas-presentadas")
    assert presentadas["descargas"] == {
        "csv": "http://testserver/datos/personas-presentadas.csv",
        "json": "http://testserver/datos/personas-presentadas.json",
        "parquet": "http://testserver/datos/personas-presentadas.parquet",
        "xlsx": "http://testserver/datos/personas-presentadas.xlsx",
        "diccionario_csv": "http://testserver/datos/personas-presentadas/diccionario.csv",
    }
    assert presentadas["periodo"] == {"inicio": "2010-01", "fin": "2026-09"}


def test_la_hoja_de_calculo_de_la_api_es_la_de_la_pagina(client, monkeypatch):
    from datos_abiertos import export

    xlsx = client.get(URL).json()["descargas"]["xlsx"]
    respuesta = client.get(xlsx)
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == export.TIPOS["xlsx"]
    # Leída entera: una descarga guarda su lugar en el cupo de trabajo pesado hasta que termina.
    assert b"".join(respuesta.streaming_content).startswith(b"PK")
    # Si el conjunto completo no cabe en una hoja, la API no ofrece el enlace (como la página).
    monkeypatch.setattr(export, "LIMITE_HOJA", 10)
    assert client.get(URL).json()["descargas"]["xlsx"] is None
    conjuntos = client.get("/api/v1/conjuntos/").json()["conjuntos"]
    assert {c["descargas"]["xlsx"] for c in conjuntos} == {None}


def test_los_datos_de_muestra_nunca_pasan_por_oficiales(client, conjunto):
    assert conjunto.es_muestra
    datos = client.get(URL).json()
    assert datos["muestra"] is True
    assert datos["filas_muestra"] == conjunto.filas_muestra
    assert datos["aviso"].startswith("Datos de muestra: estas cifras se generaron")
    filas = client.get(URL + "observaciones/?por_pagina=5").json()
    assert filas["aviso"] == datos["aviso"]
    assert {f["origen"] for f in filas["observaciones"]} == {"Datos de muestra"}


def test_el_detalle_trae_lo_mismo_que_la_lista_y_sus_columnas_y_filtros(client):
    resumen = next(
        c
        for c in client.get("/api/v1/conjuntos/").json()["conjuntos"]
        if c["slug"] == "personas-presentadas"
    )
    detalle = client.get(URL).json()
    assert {clave: detalle[clave] for clave in resumen} == resumen
    assert [c["nombre"] for c in detalle["columnas"]][:2] == ["periodo", "entidad"]
    filtros = {f["parametro"]: f for f in detalle["filtros"]}
    assert list(filtros) == ["desde", "hasta", "entidad", "nacionalidad", "sexo", "grupo_edad"]
    assert {"codigo": "07", "nombre": "Chiapas"} in filtros["entidad"]["valores"]
    assert filtros["desde"]["formato"] == "AAAA-MM"


def test_las_descripciones_salen_en_el_idioma_pedido(client):
    columnas = client.get(URL + "?idioma=en").json()["columnas"]
    assert columnas[0]["titulo"] == "Month"


def test_las_filas_filtradas_son_las_de_la_base(client):
    respuesta = client.get(URL + "observaciones/?entidad=07&sexo=mujer&desde=2023-01&hasta=2023-12")
    assert respuesta.status_code == HTTPStatus.OK
    datos = respuesta.json()
    esperadas = Observacion.objects.filter(
        conjunto__slug="personas-presentadas",
        entidad="07",
        sexo="mujer",
        periodo__year=2023,
    )
    assert datos["filtros"] == {
        "desde": "2023-01",
        "hasta": "2023-12",
        "entidad": "07",
        "sexo": "mujer",
    }
    assert datos["paginacion"]["total"] == esperadas.count()
    assert sum(f["valor"] or 0 for f in datos["observaciones"]) == sum(
        o.valor or 0 for o in esperadas
    )
    assert {(f["entidad"], f["sexo"]) for f in datos["observaciones"]} == {("07", "mujer")}


def test_una_fila_de_la_api_es_igual_a_la_del_json_descargado(client):
    consulta = "entidad=07&desde=2023-01&hasta=2023-12"
    descarga = client.get(f"/datos/personas-presentadas.json?{consulta}")
    archivo = json.loads(b"".join(descarga.streaming_content))
    api = client.get(URL + f"observaciones/?{consulta}&por_pagina=1000").json()
    assert archivo["filas"]
    assert api["observaciones"] == archivo["filas"]


def test_las_paginas_de_filas_recorren_todo_sin_repetir(client):
    consulta = "observaciones/?entidad=07&desde=2018-01&hasta=2023-12&por_pagina=25"
    vistas, url = [], URL + consulta
    while url:
        datos = client.get(url).json()
        vistas += datos["observaciones"]
        url = datos["paginacion"]["siguiente"]
    todas = client.get(URL + consulta.replace("25", "1000")).json()["observaciones"]
    assert vistas == todas
    assert len(todas) > 25


@pytest.mark.parametrize(
    ("consulta", "parametros"),
    [
        ("entidad=99", ["entidad"]),
        ("desde=2023-13", ["desde"]),
        ("desde=2024-01&hasta=2023-01", ["hasta"]),
        ("tramite=visa", ["tramite"]),
        ("bom=1", ["bom"]),
        ("entidad=99&sexoo=mujer", ["sexoo", "entidad"]),
    ],
)
def test_un_filtro_que_no_sirve_es_un_400_que_dice_cual(client, consulta, parametros):
    respuesta = client.get(URL + f"observaciones/?{consulta}")
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    error = respuesta.json()["error"]
    assert error["codigo"] == "parametros_invalidos"
    assert [d["parametro"] for d in error["detalles"]] == parametros


def test_un_conjunto_que_no_existe_es_un_404_en_json(client):
    for url in ("/api/v1/conjuntos/nada/", "/api/v1/conjuntos/nada/observaciones/"):
        respuesta = client.get(url)
        assert respuesta.status_code == HTTPStatus.NOT_FOUND
        assert respuesta.json()["error"]["mensaje"] == (
            "No hay un conjunto de datos publicado con el identificador «nada»."
        )


def test_la_lista_y_el_detalle_hacen_una_consulta(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/api/v1/conjuntos/")
    with django_assert_num_queries(1):
        client.get(URL)
