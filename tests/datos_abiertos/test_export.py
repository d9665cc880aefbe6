"""Descargas: exactamente las filas filtradas, en flujo, con nombre, BOM, gzip y tamaño."""

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
from datos_abiertos.models import Observacion

pytestmark = pytest.mark.django_db

OFICIAL = "https://portales.segob.gob.mx/es/PoliticaMigratoria/Boletines_Estadisticos"
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
            OFICIAL,
        ]
        for o in consulta
    ]


def test_csv_de_exactamente_las_filas_filtradas(client):
    respuesta = client.get("/datos/personas-presentadas.csv?desde=2023-01&hasta=2023-06&entidad=07")
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    assert respuesta["Content-Disposition"] == 'attachment; filename="personas-presentadas.csv"'
    filas = list(csv.reader(io.StringIO(_cuerpo(respuesta).decode("utf-8"))))
    assert filas[0] == COLUMNAS
    esperadas = _esperadas(
        periodo__gte=date(2023, 1, 1), periodo__lte=date(2023, 6, 1), entidad="07"
    )
    assert esperadas
    assert filas[1:] == esperadas


def test_csv_completo_y_con_bom_para_excel(client):
    completo = _cuerpo(client.get("/datos/personas-presentadas.csv"))
    assert completo.startswith(b"periodo,")
    assert (
        completo.count(b"\n")
        == Observacion.objects.filter(conjunto__slug="personas-presentadas").count() + 1
    )
    con_bom = _cuerpo(client.get("/datos/personas-presentadas.csv?bom=1"))
    assert con_bom == b"\xef\xbb\xbf" + completo


def test_csv_comprimido_si_el_cliente_acepta_gzip(client):
    normal = _cuerpo(client.get("/datos/personas-presentadas.csv?sexo=mujer"))
    respuesta = client.get(
        "/datos/personas-presentadas.csv?sexo=mujer", HTTP_ACCEPT_ENCODING="gzip, br"
    )
    assert respuesta["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in respuesta["Vary"]
    assert not respuesta.has_header("Content-Length")
    comprimido = _cuerpo(respuesta)
    assert len(comprimido) < len(normal)
    assert gzip.decompress(comprimido) == normal
    rechaza = client.get(
        "/datos/personas-presentadas.csv?sexo=mujer", HTTP_ACCEPT_ENCODING="gzip;q=0"
    )
    assert not rechaza.has_header("Content-Encoding")


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
    assert respuesta["Content-Disposition"] == 'attachment; filename="personas-presentadas.json"'
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
        ("pais=VE", "«pais» no es un filtro de este conjunto"),
        ("bom=si", "Use bom=1"),
    ],
)
def test_filtros_malos_en_la_descarga_dan_400_con_el_motivo(client, consulta, mensaje):
    respuesta = client.get(f"/datos/personas-presentadas.csv?{consulta}")
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    assert mensaje in respuesta.content.decode()


def test_las_atenciones_marcan_las_celdas_suprimidas(client):
    cuerpo = _cuerpo(client.get("/datos/atenciones-ventanillas.csv"))
    filas = list(csv.DictReader(io.StringIO(cuerpo.decode())))
    suprimidas = [f for f in filas if f["suprimido"] == "true"]
    assert suprimidas and all(f["valor"] == "" for f in suprimidas)
    assert all(int(f["valor"]) >= 5 for f in filas if f["suprimido"] == "false")
    # Las atenciones de muestra remiten a las ventanillas del sitio.
    assert filas[0]["fuente_url"] == "http://testserver/ventanillas/"


def test_en_postgresql_el_csv_sale_de_copy_to_stdout(monkeypatch):
    """El camino de COPY y el genérico producen exactamente los mismos bytes."""
    if connection.vendor != "postgresql":
        pytest.skip("COPY es de PostgreSQL")
    from datos_abiertos.models import ConjuntoDatos

    conjunto = ConjuntoDatos.objects.get(slug="atenciones-ventanillas")
    filtros = {"periodo__gte": date(2022, 1, 1)}
    por_copy = b"".join(export._csv_postgresql(conjunto, filtros, OFICIAL))
    generico = b"".join(export._csv_generico(conjunto, filtros, OFICIAL))
    assert por_copy == generico
    usado = []
    monkeypatch.setattr(export, "_csv_generico", lambda *a: usado.append(a) or iter(()))
    cuerpo = b"".join(
        export.exportar_csv(conjunto=conjunto, filtros=filtros, url_oficial=OFICIAL).contenido
    )
    assert not usado
    assert cuerpo.endswith(por_copy)


def test_la_exportacion_entrega_trozos_no_un_solo_bloque(conjunto):
    trozos = list(export.exportar_csv(conjunto=conjunto, filtros={}, url_oficial=OFICIAL).contenido)
    assert len(trozos) > 2
    assert max(len(t) for t in trozos) < 2 * export.TROZO
