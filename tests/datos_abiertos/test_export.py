"""Descargas: completas o exactamente las filas filtradas, en flujo, con nombre, BOM, gzip,
tamaño y ETag."""

import csv
import gzip
import io
import json
from datetime import date
from http import HTTPStatus

import pyarrow.parquet as pq
import pytest
from django.db import connection
from django.http import StreamingHttpResponse

from datos_abiertos import export
from datos_abiertos.models import ConjuntoDatos, Observacion
from tests.datos_abiertos.archivos import filas_descargadas
from tests.html import sopa, texto

pytestmark = pytest.mark.django_db

OFICIAL = "https://portales.segob.gob.mx/es/PoliticaMigratoria/Boletines_Estadisticos"
# Una fila de muestra remite a cómo se generó, nunca a la fuente oficial.
METODO_MUESTRA = "http://testserver/datos/muestra/"
COLUMNAS = [
    "periodo",
    "entidad",
    "nacionalidad",
    "sexo",
    "grupo_edad",
    "valor",
    "origen",
    "fuente_url",
]


def _cuerpo(respuesta) -> bytes:
    assert isinstance(respuesta, StreamingHttpResponse)
    return b"".join(respuesta.streaming_content)


def _leer(respuesta) -> bytes:
    """El cuerpo de una descarga, en flujo o no (leerla entera libera su lugar en el cupo)."""
    return _cuerpo(respuesta) if respuesta.streaming else respuesta.content


def _exportar_csv(conjunto, filtros: dict) -> export.Exportacion:
    return export.exportar(
        conjunto=conjunto,
        formato="csv",
        filtros=filtros,
        filtros_texto={},
        url_oficial=OFICIAL,
        url_conjunto=OFICIAL,
    )


def _esperadas(**filtros):
    """Las filas de la base con esos filtros, como las escribe el CSV."""
    consulta = Observacion.objects.filter(
        conjunto__slug="personas-presentadas", **filtros
    ).order_by("periodo", "entidad", "nacionalidad", "sexo", "grupo_edad")
    return [
        [
            f"{o.periodo:%Y-%m}",
            o.entidad,
            o.nacionalidad,
            o.sexo,
            o.grupo_edad,
            str(o.valor),
            "Datos de muestra",
            METODO_MUESTRA,
        ]
        for o in consulta
    ]


def test_csv_de_exactamente_las_filas_filtradas(client):
    respuesta = client.get("/datos/personas-presentadas.csv?desde=2023-01&hasta=2023-06&entidad=07")
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    # El nombre y una cabecera dicen qué filtros lleva el archivo.
    assert respuesta["Content-Disposition"] == (
        'attachment; filename="personas-presentadas_desde-2023-01_hasta-2023-06_entidad-07.csv"'
    )
    assert respuesta["X-Datos-Filtros"] == "desde=2023-01&hasta=2023-06&entidad=07"
    filas = list(csv.reader(io.StringIO(_cuerpo(respuesta).decode("utf-8"))))
    assert filas[0] == COLUMNAS
    esperadas = _esperadas(
        periodo__gte=date(2023, 1, 1), periodo__lte=date(2023, 6, 1), entidad="07"
    )
    assert esperadas
    assert filas[1:] == esperadas


def test_csv_completo_y_con_bom_para_excel(client):
    respuesta = client.get("/datos/personas-presentadas.csv")
    assert respuesta["Content-Disposition"] == 'attachment; filename="personas-presentadas.csv"'
    assert not respuesta.has_header("X-Datos-Filtros")
    completo = _cuerpo(respuesta)
    assert completo.startswith(b"periodo,")
    assert (
        completo.count(b"\n")
        == Observacion.objects.filter(conjunto__slug="personas-presentadas").count() + 1
    )
    con_bom = _cuerpo(client.get("/datos/personas-presentadas.csv?bom=1"))
    assert con_bom == b"\xef\xbb\xbf" + completo


def test_csv_comprimido_si_el_cliente_acepta_gzip(client):
    normal = client.get("/datos/personas-presentadas.csv?sexo=mujer")
    assert not normal.has_header("Content-Encoding")
    assert "Accept-Encoding" in normal["Vary"]
    respuesta = client.get(
        "/datos/personas-presentadas.csv?sexo=mujer", HTTP_ACCEPT_ENCODING="gzip, br"
    )
    assert respuesta["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in respuesta["Vary"]
    assert not respuesta.has_header("Content-Length")
    # Comprimido no son los mismos bytes: el ETag pasa a débil.
    assert respuesta["ETag"] == "W/" + normal["ETag"]
    comprimido = _cuerpo(respuesta)
    sin_comprimir = _cuerpo(normal)
    assert len(comprimido) < len(sin_comprimir)
    assert gzip.decompress(comprimido) == sin_comprimir


def test_el_tamano_se_anuncia_cuando_ya_se_conoce(client):
    primera = client.get("/datos/personas-presentadas.csv?entidad=09")
    assert not primera.has_header("Content-Length")
    cuerpo = _cuerpo(primera)
    segunda = client.get("/datos/personas-presentadas.csv?entidad=09")
    assert segunda["Content-Length"] == str(len(cuerpo))
    assert _cuerpo(segunda) == cuerpo


def test_json_con_aviso_de_muestra_metadatos_y_las_mismas_filas(client):
    respuesta = client.get(
        "/datos/personas-presentadas.json?desde=2023-01&hasta=2023-06&entidad=07"
    )
    assert respuesta["Content-Disposition"] == (
        'attachment; filename="personas-presentadas_desde-2023-01_hasta-2023-06_entidad-07.json"'
    )
    datos = json.loads(_cuerpo(respuesta))
    assert datos["aviso"].startswith("Datos de muestra")
    assert OFICIAL in datos["aviso"]
    assert datos["filtros"] == {"desde": "2023-01", "hasta": "2023-06", "entidad": "07"}
    assert datos["licencia"]["url"] == "https://datos.gob.mx/libreusomx"
    assert [c["nombre"] for c in datos["columnas"]] == COLUMNAS
    esperadas = _esperadas(
        periodo__gte=date(2023, 1, 1), periodo__lte=date(2023, 6, 1), entidad="07"
    )
    assert datos["total_filas"] == len(esperadas)
    assert [
        [f[c] if c != "valor" else str(f[c]) for c in COLUMNAS] for f in datos["filas"]
    ] == esperadas


def test_parquet_con_tipos_y_aviso_en_los_metadatos(client):
    respuesta = client.get("/datos/personas-presentadas.parquet?sexo=mujer&desde=2024-01")
    assert respuesta["Content-Type"] == "application/vnd.apache.parquet"
    tabla = pq.read_table(io.BytesIO(_cuerpo(respuesta)))
    assert tabla.column_names == COLUMNAS
    assert str(tabla.schema.field("valor").type) == "int64"
    assert tabla.schema.metadata[b"aviso"].decode().startswith("Datos de muestra")
    assert json.loads(tabla.schema.metadata[b"filtros"]) == {"desde": "2024-01", "sexo": "mujer"}
    esperadas = _esperadas(sexo="mujer", periodo__gte=date(2024, 1, 1))
    assert tabla.num_rows == len(esperadas)
    assert sum(tabla.column("valor").to_pylist()) == sum(int(f[5]) for f in esperadas)


def test_una_descarga_vacia_sigue_siendo_un_archivo_valido(client):
    cuerpo = _cuerpo(client.get("/datos/personas-presentadas.csv?desde=2031-01"))
    assert cuerpo == (",".join(COLUMNAS) + "\n").encode()
    datos = json.loads(_cuerpo(client.get("/datos/personas-presentadas.json?desde=2031-01")))
    assert datos["filas"] == [] and datos["total_filas"] == 0
    tabla = pq.read_table(
        io.BytesIO(_cuerpo(client.get("/datos/personas-presentadas.parquet?desde=2031-01")))
    )
    assert tabla.num_rows == 0


@pytest.mark.parametrize(
    ("consulta", "mensaje"),
    [
        ("entidad=99", "«99» no es una clave de entidad federativa"),
        ("desde=2024-05&hasta=2023-01", "es anterior al inicial"),
        ("pais=VE", "«pais» no es un filtro de este conjunto: quítelo de la dirección"),
        ("bom=si", "Use bom=1"),
        ("indicador=otro", "«otro» no es un indicador de este conjunto"),
    ],
)
def test_filtros_malos_en_la_descarga_dan_400_con_el_motivo(client, consulta, mensaje):
    respuesta = client.get(f"/datos/tramites-migratorios.csv?entidad=07&{consulta}")
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    assert mensaje in respuesta.content.decode()


def test_las_atenciones_marcan_las_celdas_suprimidas(client):
    cuerpo = _cuerpo(client.get("/datos/atenciones-ventanillas.csv"))
    filas = list(csv.DictReader(io.StringIO(cuerpo.decode())))
    suprimidas = [f for f in filas if f["suprimido"] == "true"]
    assert suprimidas and all(f["valor"] == "" for f in suprimidas)
    assert all(int(f["valor"]) >= 5 for f in filas if f["suprimido"] == "false")
    # Las atenciones de muestra remiten a cómo se generaron, no a una fuente.
    assert filas[0]["origen"] == "Datos de muestra"
    assert filas[0]["fuente_url"] == "http://testserver/datos/muestra/"


def test_en_postgresql_el_csv_sale_de_copy_to_stdout(monkeypatch):
    """El camino de COPY y el genérico producen exactamente los mismos bytes."""
    if connection.vendor != "postgresql":
        pytest.skip("COPY es de PostgreSQL")
    conjunto = ConjuntoDatos.objects.get(slug="atenciones-ventanillas")
    filtros = {"periodo__gte": date(2022, 1, 1)}
    por_copy = b"".join(export._csv_postgresql(conjunto, filtros, OFICIAL, None))
    generico = b"".join(export._csv_generico(conjunto, filtros, OFICIAL, None))
    assert por_copy == generico
    usado = []
    monkeypatch.setattr(export, "_csv_generico", lambda *a: usado.append(a) or iter(()))
    cuerpo = b"".join(_exportar_csv(conjunto, filtros).contenido)
    assert not usado
    assert cuerpo.endswith(por_copy)


def test_la_exportacion_entrega_trozos_no_un_solo_bloque(conjunto):
    trozos = list(_exportar_csv(conjunto, {}).contenido)
    assert len(trozos) > 2
    assert max(len(t) for t in trozos) < 2 * export.TROZO


def test_la_descarga_en_el_idioma_de_quien_la_pide_explica_el_error(client):
    respuesta = client.get("/en/datos/personas-presentadas.csv?pais=VE&bom=si")
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    cuerpo = respuesta.content.decode()
    assert "The download could not be prepared" in cuerpo
    assert "“pais” is not a filter of this dataset: remove it from the address" in cuerpo
    assert "Use bom=1" in cuerpo


def test_la_pagina_y_la_grafica_en_la_direccion_no_cambian_el_archivo(client):
    limpio = _cuerpo(client.get("/datos/personas-presentadas.csv?entidad=07"))
    con_pagina = client.get("/datos/personas-presentadas.csv?entidad=07&page=3&desglose=sexo")
    assert con_pagina.status_code == HTTPStatus.OK
    assert _cuerpo(con_pagina) == limpio


def _numero(nodo) -> int:
    return int(texto(nodo).replace(",", ""))


@pytest.mark.parametrize("formato", ["csv", "json", "parquet"])
def test_descargar_completo_trae_las_filas_que_dicen_el_catalogo_y_la_pagina(client, formato):
    catalogo = sopa(client.get("/datos/"))
    elementos = catalogo.select(".ms-datos-catalogo__elemento")
    conjuntos = ConjuntoDatos.objects.publicados()
    assert len(elementos) == conjuntos.count() > 0
    for elemento in elementos:
        enlace = elemento.find("a", href=lambda h: h and h.endswith(f".{formato}"))
        conjunto = conjuntos.get(slug=enlace["href"].removeprefix("/datos/").split(".")[0])
        en_el_catalogo = _numero(elemento.select_one(".ms-datos-filas"))
        pagina = sopa(client.get(conjunto.get_absolute_url()))
        en_la_pagina = _numero(pagina.select_one(".ms-datos-filas"))
        completo = pagina.select_one(".ms-datos-completo").find(
            "a", href=lambda h: h and h.endswith(f".{formato}")
        )
        assert completo["href"] == enlace["href"]
        respuesta = client.get(enlace["href"])
        assert respuesta.status_code == HTTPStatus.OK
        filas = filas_descargadas(formato, _cuerpo(respuesta))
        en_la_base = Observacion.objects.filter(conjunto=conjunto).count()
        assert filas == en_el_catalogo == en_la_pagina == en_la_base, conjunto.slug


def test_el_completo_de_un_conjunto_con_varios_indicadores_los_trae_todos(client):
    # La página muestra un indicador por omisión; el archivo completo no elige ninguno.
    filas = list(
        csv.DictReader(io.StringIO(_cuerpo(client.get("/datos/tramites-migratorios.csv")).decode()))
    )
    conjunto = ConjuntoDatos.objects.get(slug="tramites-migratorios")
    assert {f["indicador"] for f in filas} == {c for c, *_r in conjunto.indicadores}
    assert len(filas) == conjunto.filas
    # Las descargas de la página llevan el indicador que muestra, y el archivo lo dice.
    html = sopa(client.get("/datos/tramites-migratorios/"))
    enlace = html.find("a", string="CSV (UTF-8)")["href"]
    assert enlace == "/datos/tramites-migratorios.csv?indicador=recibidas"
    respuesta = client.get(enlace)
    assert respuesta["Content-Disposition"].endswith(
        'filename="tramites-migratorios_indicador-recibidas.csv"'
    )
    solo_recibidas = list(csv.DictReader(io.StringIO(_cuerpo(respuesta).decode())))
    assert {f["indicador"] for f in solo_recibidas} == {"recibidas"}
    assert len(solo_recibidas) < len(filas)


@pytest.mark.parametrize(
    "ruta",
    [
        "/datos/personas-presentadas.csv",
        "/datos/personas-presentadas.csv?entidad=07&bom=1",
        "/datos/tramites-migratorios.json?indicador=recibidas",
        "/datos/personas-presentadas.parquet?sexo=mujer",
        "/datos/personas-presentadas/diccionario.csv",
    ],
)
def test_una_descarga_que_ya_se_tiene_responde_304(client, ruta):
    primera = client.get(ruta)
    etag = primera["ETag"]
    cuerpo = _leer(primera)
    otra_vez = client.get(ruta, HTTP_IF_NONE_MATCH=etag)
    assert otra_vez.status_code == HTTPStatus.NOT_MODIFIED
    assert otra_vez["ETag"] == etag
    assert not otra_vez.content
    # El ETag débil de la versión comprimida también vale.
    comprimida = client.get(ruta, HTTP_IF_NONE_MATCH=f"W/{etag}", HTTP_ACCEPT_ENCODING="gzip")
    assert comprimida.status_code == HTTPStatus.NOT_MODIFIED
    # Otro ETag (un archivo viejo): el archivo entero otra vez.
    entera = client.get(ruta, HTTP_IF_NONE_MATCH='"viejo"')
    assert entera.status_code == HTTPStatus.OK
    assert _leer(entera) == cuerpo


def test_el_etag_cambia_con_los_filtros_el_idioma_y_los_datos(client, conjunto):
    def etag(ruta):
        respuesta = client.get(ruta)
        # Leerla hasta el final libera su lugar en el cupo de descargas.
        _cuerpo(respuesta)
        return respuesta["ETag"]

    base = etag("/datos/personas-presentadas.csv")
    assert etag("/datos/personas-presentadas.csv") == base
    assert etag("/datos/personas-presentadas.csv?bom=1") != base
    assert etag("/datos/personas-presentadas.csv?entidad=07") != base
    json_es = etag("/datos/personas-presentadas.json")
    assert etag("/en/datos/personas-presentadas.json") != json_es
    ConjuntoDatos.objects.filter(pk=conjunto.pk).update(version=conjunto.version + 1)
    assert etag("/datos/personas-presentadas.csv") != base


def test_el_diccionario_csv_describe_cada_columna(client):
    respuesta = client.get("/datos/personas-presentadas/diccionario.csv")
    assert respuesta["Content-Disposition"] == (
        'attachment; filename="personas-presentadas-diccionario.csv"'
    )
    filas = list(csv.DictReader(io.StringIO(respuesta.content.decode())))
    assert {f["columna"] for f in filas} == set(COLUMNAS)
    chiapas = next(f for f in filas if f["columna"] == "entidad" and f["codigo"] == "07")
    assert chiapas["significado"] == "Chiapas"


def test_xlsx_con_las_filas_filtradas_y_los_codigos_como_texto(client):
    from openpyxl import load_workbook

    consulta = "desde=2023-01&hasta=2023-06&entidad=07"
    respuesta = client.get(f"/datos/personas-presentadas.xlsx?{consulta}")
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"].endswith("spreadsheetml.sheet")
    libro = load_workbook(io.BytesIO(_cuerpo(respuesta)), read_only=True)
    filas = list(libro["datos"].iter_rows(values_only=True))
    esperadas = _esperadas(
        periodo__gte=date(2023, 1, 1), periodo__lte=date(2023, 6, 1), entidad="07"
    )
    assert len(filas) - 1 == len(esperadas) > 0
    # La entidad sigue siendo «07» (texto), no el número 7; el valor es un número.
    assert {f[1] for f in filas[1:]} == {"07"}
    assert [list(map(str, f)) for f in filas[1:]] == esperadas
    notas = dict(libro["notas"].iter_rows(values_only=True))
    assert notas["aviso"].startswith("Datos de muestra")
    assert "http://testserver/datos/muestra/" in notas["aviso"]


def test_un_xlsx_que_no_cabe_en_una_hoja_remite_a_csv_o_parquet(client, monkeypatch):
    from datos_abiertos import export

    monkeypatch.setattr(export, "LIMITE_HOJA", 10)
    respuesta = client.get("/datos/personas-presentadas.xlsx?entidad=07")
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    assert "no caben en una hoja de cálculo" in respuesta.content.decode()
    assert "CSV o Parquet" in respuesta.content.decode()
    pagina = client.get("/datos/personas-presentadas/?entidad=07").content.decode()
    assert "/datos/personas-presentadas.xlsx" not in pagina
    assert "no caben en una hoja de cálculo" in pagina
    # Con pocas filas, la página sí ofrece la hoja de cálculo.
    pocas = client.get("/datos/personas-presentadas/?entidad=07&desde=2023-01&hasta=2023-01")
    assert "/datos/personas-presentadas.xlsx?" in pocas.content.decode()
