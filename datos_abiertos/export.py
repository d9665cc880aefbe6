"""Descargas de un conjunto filtrado: CSV, JSON y Parquet, siempre como iteradores de bytes.

Nada se arma completo en memoria: las filas salen de la base por partes y se entregan en
trozos de unos 64 KB. En PostgreSQL el CSV lo escribe la propia base con
`COPY (SELECT …) TO STDOUT` a través de psycopg 3. Cada función devuelve el nombre del archivo,
el tipo de contenido y el iterador; la vista decide cómo enviarlo.
"""

import csv
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq
from django.db import connection
from django.db.models import Case, CharField, F, Func, Value, When
from django.db.models.functions import Coalesce, NullIf

from datos_abiertos import metadatos
from datos_abiertos.consultas import ordenadas
from datos_abiertos.models import ConjuntoDatos

TROZO = 64 * 1024
LOTE_FILAS = 5000
BOM = "\ufeff".encode()


@dataclass
class Exportacion:
    nombre_archivo: str
    tipo: str
    contenido: Iterator[bytes]


def _campos(conjunto: ConjuntoDatos) -> list[tuple[str, str]]:
    """(columna de la descarga, campo de Observacion) en el orden del diccionario."""
    campos = []
    for columna in metadatos.columnas(conjunto):
        if columna.dimension:
            campos.append((columna.nombre, columna.dimension))
        elif columna.nombre in ("periodo", "valor", "suprimido"):
            campos.append((columna.nombre, columna.nombre))
        elif columna.nombre == "origen":
            campos.append((columna.nombre, "es_muestra"))
        elif columna.nombre == "fuente_url":
            campos.append((columna.nombre, "fuente__url"))
    return campos


def filas(conjunto: ConjuntoDatos, filtros: dict, url_oficial: str) -> Iterator[list]:
    """Filas ya con el formato de la descarga ("2023-01", "true", "Datos de muestra"…)."""
    campos = _campos(conjunto)
    consulta = ordenadas(conjunto, filtros).values_list(*(campo for _c, campo in campos))
    for fila in consulta.iterator(chunk_size=LOTE_FILAS):
        salida = []
        for (columna, _campo), valor in zip(campos, fila, strict=True):
            if columna == "periodo":
                valor = f"{valor:%Y-%m}"
            elif columna == "suprimido":
                valor = "true" if valor else "false"
            elif columna == "origen":
                valor = metadatos.ORIGEN_MUESTRA if valor else metadatos.ORIGEN_PUBLICADO
            elif columna == "fuente_url":
                valor = valor or url_oficial
            elif valor == "":
                valor = None
            salida.append(valor)
        yield salida


def _consulta_copy(conjunto: ConjuntoDatos, filtros: dict, url_oficial: str) -> tuple[str, list]:
    """El SELECT que PostgreSQL vuelca con COPY; da exactamente el texto de `filas()`."""
    expresiones = {}
    for columna, campo in _campos(conjunto):
        if columna == "periodo":
            expresion = Func(
                F("periodo"), Value("YYYY-MM"), function="to_char", output_field=CharField()
            )
        elif columna == "suprimido":
            expresion = Case(When(suprimido=True, then=Value("true")), default=Value("false"))
        elif columna == "origen":
            expresion = Case(
                When(es_muestra=True, then=Value(metadatos.ORIGEN_MUESTRA)),
                default=Value(metadatos.ORIGEN_PUBLICADO),
                output_field=CharField(),
            )
        elif columna == "fuente_url":
            expresion = Coalesce(F("fuente__url"), Value(url_oficial), output_field=CharField())
        elif columna == "valor":
            expresion = F("valor")
        else:
            expresion = NullIf(F(campo), Value(""))
        expresiones[f"col_{columna}"] = expresion
    consulta = ordenadas(conjunto, filtros).annotate(**expresiones).values_list(*expresiones)
    return consulta.query.sql_with_params()


def _encabezado(conjunto) -> bytes:
    return (",".join(c.nombre for c in metadatos.columnas(conjunto)) + "\n").encode()


def _csv_postgresql(conjunto, filtros, url_oficial) -> Iterator[bytes]:
    sql, parametros = _consulta_copy(conjunto, filtros, url_oficial)
    # El cursor de psycopg 3 bajo el de Django: COPY … TO STDOUT entrega la salida por
    # filas; se juntan en trozos para no hacer una escritura por fila.
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", parametros) as copia,
    ):
        trozo = bytearray()
        for datos in copia:
            trozo += datos
            if len(trozo) >= TROZO:
                yield bytes(trozo)
                trozo.clear()
        if trozo:
            yield bytes(trozo)


def _csv_generico(conjunto, filtros, url_oficial) -> Iterator[bytes]:
    texto = io.StringIO()
    escritor = csv.writer(texto, lineterminator="\n")
    for fila in filas(conjunto, filtros, url_oficial):
        escritor.writerow(fila)
        if texto.tell() >= TROZO:
            yield texto.getvalue().encode()
            texto.seek(0)
            texto.truncate()
    if texto.tell():
        yield texto.getvalue().encode()


def exportar_csv(
    *, conjunto: ConjuntoDatos, filtros: dict, url_oficial: str, bom: bool = False
) -> Exportacion:
    def contenido():
        yield (BOM if bom else b"") + _encabezado(conjunto)
        if connection.vendor == "postgresql":
            yield from _csv_postgresql(conjunto, filtros, url_oficial)
        else:
            yield from _csv_generico(conjunto, filtros, url_oficial)

    return Exportacion(f"{conjunto.slug}.csv", "text/csv; charset=utf-8", contenido())


def _metadatos_json(
    conjunto, filtros_texto: dict, url_oficial: str, url_conjunto: str, aviso: str
) -> dict:
    return {
        "conjunto": conjunto.slug,
        "titulo": conjunto.titulo,
        "aviso": aviso or None,
        "url": url_conjunto,
        "publicador": conjunto.publicador,
        "fuente": url_oficial,
        "licencia": {"nombre": conjunto.licencia, "url": conjunto.licencia_url},
        "version": conjunto.version,
        "fecha_corte": f"{conjunto.periodo_fin:%Y-%m}" if conjunto.periodo_fin else None,
        "actualizado": conjunto.actualizado.isoformat() if conjunto.actualizado else None,
        "filtros": filtros_texto,
        "columnas": [
            {"nombre": c.nombre, "tipo": c.tipo, "descripcion": c.descripcion}
            for c in metadatos.columnas(conjunto)
        ],
    }


def exportar_json(
    *,
    conjunto: ConjuntoDatos,
    filtros: dict,
    filtros_texto: dict,
    url_oficial: str,
    url_conjunto: str,
    aviso: str,
) -> Exportacion:
    """Un objeto con los metadatos (y el aviso de muestra) y la lista `filas` de objetos."""

    def contenido():
        cabecera = _metadatos_json(conjunto, filtros_texto, url_oficial, url_conjunto, aviso)
        texto = json.dumps(cabecera, ensure_ascii=False)
        yield (texto[:-1] + ', "filas": [').encode()
        nombres = [c.nombre for c in metadatos.columnas(conjunto)]
        trozo, primera, numero = [], True, 0
        tamano = 0
        for fila in filas(conjunto, filtros, url_oficial):
            objeto = dict(zip(nombres, fila, strict=True))
            if "suprimido" in objeto:
                objeto["suprimido"] = objeto["suprimido"] == "true"
            parte = ("" if primera else ",\n") + json.dumps(objeto, ensure_ascii=False)
            primera = False
            numero += 1
            trozo.append(parte)
            tamano += len(parte)
            if tamano >= TROZO:
                yield "".join(trozo).encode()
                trozo, tamano = [], 0
        trozo.append(f'], "total_filas": {numero}}}\n')
        yield "".join(trozo).encode()

    return Exportacion(f"{conjunto.slug}.json", "application/json; charset=utf-8", contenido())


class _Colector:
    """Archivo de solo escritura que guarda lo escrito hasta que alguien lo recoge."""

    def __init__(self):
        self.partes = []
        self.posicion = 0
        self.closed = False

    def write(self, datos) -> int:
        self.partes.append(bytes(datos))
        self.posicion += len(datos)
        return len(datos)

    def tell(self) -> int:
        return self.posicion

    def flush(self):
        pass

    def close(self):
        self.closed = True

    def recoger(self) -> bytes:
        datos = b"".join(self.partes)
        self.partes = []
        return datos


def _tipo_arrow(columna: metadatos.Columna):
    return {"integer": pa.int64(), "boolean": pa.bool_()}.get(columna.tipo, pa.string())


def exportar_parquet(
    *, conjunto: ConjuntoDatos, filtros: dict, url_oficial: str, aviso: str
) -> Exportacion:
    """Parquet por grupos de filas; el aviso de muestra y la fuente van en los metadatos."""
    columnas = metadatos.columnas(conjunto)
    esquema = pa.schema(
        [pa.field(c.nombre, _tipo_arrow(c)) for c in columnas],
        metadata={
            "conjunto": conjunto.slug,
            "titulo": conjunto.titulo,
            "aviso": aviso,
            "fuente": url_oficial,
            "licencia": f"{conjunto.licencia} {conjunto.licencia_url}",
        },
    )

    def lote_a_tabla(lote):
        datos = {}
        for indice, columna in enumerate(columnas):
            valores = [fila[indice] for fila in lote]
            if columna.tipo == "boolean":
                valores = [v == "true" for v in valores]
            datos[columna.nombre] = valores
        return pa.Table.from_pydict(datos, schema=esquema)

    def contenido():
        salida = _Colector()
        with pq.ParquetWriter(salida, esquema, compression="zstd") as escritor:
            lote = []
            for fila in filas(conjunto, filtros, url_oficial):
                lote.append(fila)
                if len(lote) >= 50_000:
                    escritor.write_table(lote_a_tabla(lote))
                    lote = []
                    yield salida.recoger()
            if lote or salida.tell() == 0:
                escritor.write_table(lote_a_tabla(lote))
        yield salida.recoger()

    return Exportacion(f"{conjunto.slug}.parquet", "application/vnd.apache.parquet", contenido())


def comprimir(contenido: Iterator[bytes]) -> Iterator[bytes]:
    """gzip en flujo, trozo a trozo."""
    compresor = zlib.compressobj(6, zlib.DEFLATED, 31)
    for trozo in contenido:
        comprimido = compresor.compress(trozo)
        if comprimido:
            yield comprimido
    yield compresor.flush()
