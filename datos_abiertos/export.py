"""Descargas de un conjunto: CSV, JSON y Parquet (filtrados o completos) y su diccionario CSV.

Sin filtros, una descarga trae todas las filas del conjunto (todos los indicadores); con
filtros, exactamente esas filas, y el nombre del archivo dice cuáles. Nada se arma completo en
memoria: las filas salen de la base por partes y se entregan en trozos de unos 64 KB. En
PostgreSQL el CSV lo escribe la propia base con `COPY (SELECT …) TO STDOUT` a través de
psycopg 3. Cada exportación dice su nombre, su tipo, su ETag y su contenido; la vista solo la
envía.
"""

import csv
import hashlib
import io
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.parquet as pq
from django.db import connection
from django.db.models import Case, CharField, F, Func, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils.text import slugify
from openpyxl import Workbook

from datos_abiertos import metadatos
from datos_abiertos.consultas import ordenadas
from datos_abiertos.models import ConjuntoDatos

TROZO = 64 * 1024
LOTE_FILAS = 5000
BOM = "\ufeff".encode()
# Sube si cambia lo que contienen los archivos: los ETag viejos dejan de coincidir.
VERSION_FORMATO = 3
TIPOS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Más allá de lo que cabe en una hoja, la página y la descarga remiten a CSV o Parquet.
LIMITE_HOJA = metadatos.LIMITE_HOJA


@dataclass(frozen=True)
class Exportacion:
    """Un archivo listo para enviar: el contenido en bytes o en trozos, y cómo se llama."""

    nombre_archivo: str
    tipo: str
    # Cambia si cambia cualquier byte del archivo (datos, filtros, idioma de los metadatos).
    etag: str
    contenido: bytes | Iterator[bytes]
    # Los filtros que lleva, como se escriben en la dirección; vacío si es el conjunto completo.
    filtros: dict = field(default_factory=dict)
    muestra: bool = False


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


def _url_fila(url_oficial: str, url_muestra: str | None) -> tuple[str, str]:
    """(fuente de una cifra publicada sin fuente propia, fuente de una fila de muestra).

    Una fila de muestra remite a la página que explica cómo se generó, nunca a la fuente
    oficial: así no pasa por cifra oficial aunque alguien la copie sola.
    """
    return url_oficial, url_muestra or metadatos.url_metodo_muestra()


def filas(
    conjunto: ConjuntoDatos,
    filtros: dict,
    url_oficial: str,
    *,
    tramo: slice | None = None,
    url_muestra: str | None = None,
) -> Iterator[list]:
    """Filas ya con el formato de la descarga ("2023-01", "true", "Datos de muestra"…).

    `tramo` limita a unas filas en el orden de siempre (una página de la API).
    """
    url_oficial, url_muestra = _url_fila(url_oficial, url_muestra)
    campos = _campos(conjunto)
    nombres = [c for c, _campo in campos]
    indice_origen = nombres.index("origen") if "origen" in nombres else None
    consulta = ordenadas(conjunto, filtros).values_list(*(campo for _c, campo in campos))
    if tramo is not None:
        consulta = consulta[tramo]
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
                muestra = indice_origen is not None and fila[indice_origen]
                valor = url_muestra if muestra else (valor or url_oficial)
            elif valor == "":
                valor = None
            salida.append(valor)
        yield salida


def objetos(
    conjunto: ConjuntoDatos,
    filtros: dict,
    url_oficial: str,
    *,
    tramo: slice | None = None,
    url_muestra: str | None = None,
) -> Iterator[dict]:
    """Las filas como objetos {columna: valor}, con `suprimido` booleano: las de la descarga
    JSON y las de la API (/api/v1/conjuntos/<slug>/observaciones/)."""
    nombres = [c.nombre for c in metadatos.columnas(conjunto)]
    for fila in filas(conjunto, filtros, url_oficial, tramo=tramo, url_muestra=url_muestra):
        objeto = dict(zip(nombres, fila, strict=True))
        if "suprimido" in objeto:
            objeto["suprimido"] = objeto["suprimido"] == "true"
        yield objeto


def _consulta_copy(
    conjunto: ConjuntoDatos, filtros: dict, url_oficial: str, url_muestra: str | None = None
) -> tuple[str, list]:
    """El SELECT que PostgreSQL vuelca con COPY; da exactamente el texto de `filas()`."""
    url_oficial, url_muestra = _url_fila(url_oficial, url_muestra)
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
            expresion = Case(
                When(es_muestra=True, then=Value(url_muestra)),
                default=Coalesce(F("fuente__url"), Value(url_oficial)),
                output_field=CharField(),
            )
        elif columna == "valor":
            expresion = F("valor")
        else:
            expresion = NullIf(F(campo), Value(""))
        expresiones[f"col_{columna}"] = expresion
    consulta = ordenadas(conjunto, filtros).annotate(**expresiones).values_list(*expresiones)
    return consulta.query.sql_with_params()


def _encabezado(conjunto) -> bytes:
    return (",".join(c.nombre for c in metadatos.columnas(conjunto)) + "\n").encode()


def _csv_postgresql(conjunto, filtros, url_oficial, url_muestra) -> Iterator[bytes]:
    sql, parametros = _consulta_copy(conjunto, filtros, url_oficial, url_muestra)
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


def _csv_generico(conjunto, filtros, url_oficial, url_muestra) -> Iterator[bytes]:
    texto = io.StringIO()
    escritor = csv.writer(texto, lineterminator="\n")
    for fila in filas(conjunto, filtros, url_oficial, url_muestra=url_muestra):
        escritor.writerow(fila)
        if texto.tell() >= TROZO:
            yield texto.getvalue().encode()
            texto.seek(0)
            texto.truncate()
    if texto.tell():
        yield texto.getvalue().encode()


def _csv(conjunto, filtros, url_oficial, url_muestra, bom: bool) -> Iterator[bytes]:
    yield (BOM if bom else b"") + _encabezado(conjunto)
    if connection.vendor == "postgresql":
        yield from _csv_postgresql(conjunto, filtros, url_oficial, url_muestra)
    else:
        yield from _csv_generico(conjunto, filtros, url_oficial, url_muestra)


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


def _json(conjunto, filtros, cabecera: dict, url_oficial, url_muestra) -> Iterator[bytes]:
    """Un objeto con los metadatos (y el aviso de muestra) y la lista `filas` de objetos."""
    texto = json.dumps(cabecera, ensure_ascii=False)
    yield (texto[:-1] + ', "filas": [').encode()
    trozo, primera, numero = [], True, 0
    tamano = 0
    for objeto in objetos(conjunto, filtros, url_oficial, url_muestra=url_muestra):
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


def _metadatos_parquet(conjunto, filtros_texto: dict, url_oficial: str, aviso: str) -> dict:
    """El aviso de muestra, la fuente y los filtros van en los metadatos del archivo."""
    return {
        "conjunto": conjunto.slug,
        "titulo": conjunto.titulo,
        "aviso": aviso,
        "fuente": url_oficial,
        "licencia": f"{conjunto.licencia} {conjunto.licencia_url}",
        "filtros": json.dumps(filtros_texto, ensure_ascii=False),
    }


def _parquet(
    conjunto, filtros, metadatos_archivo: dict, url_oficial, url_muestra
) -> Iterator[bytes]:
    """Parquet por grupos de filas, con el tipo de cada columna."""
    columnas = metadatos.columnas(conjunto)
    esquema = pa.schema(
        [pa.field(c.nombre, _tipo_arrow(c)) for c in columnas], metadata=metadatos_archivo
    )

    def lote_a_tabla(lote):
        datos = {}
        for indice, columna in enumerate(columnas):
            valores = [fila[indice] for fila in lote]
            if columna.tipo == "boolean":
                valores = [v == "true" for v in valores]
            datos[columna.nombre] = valores
        return pa.Table.from_pydict(datos, schema=esquema)

    salida = _Colector()
    with pq.ParquetWriter(salida, esquema, compression="zstd") as escritor:
        lote = []
        for fila in filas(conjunto, filtros, url_oficial, url_muestra=url_muestra):
            lote.append(fila)
            if len(lote) >= 50_000:
                escritor.write_table(lote_a_tabla(lote))
                lote = []
                yield salida.recoger()
        if lote or salida.tell() == 0:
            escritor.write_table(lote_a_tabla(lote))
    yield salida.recoger()


def _xlsx(conjunto, filtros, notas: dict, url_oficial, url_muestra) -> Iterator[bytes]:
    """Hoja «datos» con las filas (códigos como texto: «07» sigue siendo «07») y hoja «notas».

    openpyxl en modo de solo escritura guarda cada fila en un archivo temporal en disco, no en
    memoria; el libro terminado se envía por partes.
    """
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("datos")
    hoja.append([c.nombre for c in metadatos.columnas(conjunto)])
    for numero, fila in enumerate(
        filas(conjunto, filtros, url_oficial, url_muestra=url_muestra), 1
    ):
        if numero > LIMITE_HOJA:
            raise ValueError("Más filas de las que caben en una hoja")
        hoja.append(fila)
    hoja_notas = libro.create_sheet("notas")
    for clave, valor in notas.items():
        if valor:
            hoja_notas.append([clave, str(valor)])
    with tempfile.TemporaryFile() as archivo:
        libro.save(archivo)
        archivo.seek(0)
        while trozo := archivo.read(TROZO):
            yield trozo


def nombre_archivo(conjunto: ConjuntoDatos, filtros_texto: dict, extension: str) -> str:
    """El slug del conjunto y, si lleva filtros, cada uno con su valor.

    «personas-presentadas.csv» es el conjunto completo;
    «personas-presentadas_desde-2023-01_entidad-07.csv», solo esas filas.
    """
    partes = [conjunto.slug, *(f"{n}-{slugify(v)}" for n, v in filtros_texto.items())]
    return f"{'_'.join(partes)}.{extension}"


def _etag(*partes) -> str:
    texto = json.dumps([VERSION_FORMATO, *partes], default=str, ensure_ascii=False)
    return '"' + hashlib.sha1(texto.encode(), usedforsecurity=False).hexdigest()[:24] + '"'


def exportar(
    *,
    conjunto: ConjuntoDatos,
    formato: str,
    filtros: dict,
    filtros_texto: dict,
    url_oficial: str,
    url_conjunto: str,
    bom: bool = False,
    url_muestra: str | None = None,
) -> Exportacion:
    """El conjunto en `formato` (csv, json o parquet) con esos filtros; sin filtros, completo.

    `filtros` son las búsquedas del ORM ya validadas (filters.filtros_validos) y
    `filtros_texto`, los mismos como se escriben en la dirección.
    """
    url_muestra = url_muestra or metadatos.url_metodo_muestra()
    aviso = (
        metadatos.aviso_muestra(url_oficial=url_oficial, url_metodo=url_muestra)
        if conjunto.es_muestra
        else ""
    )
    # Lo que el archivo dice de sí mismo (columnas, metadatos): entra al ETag con los datos.
    if formato == "csv":
        cabecera = {}
        contenido = _csv(conjunto, filtros, url_oficial, url_muestra, bom)
    elif formato == "json":
        cabecera = _metadatos_json(conjunto, filtros_texto, url_oficial, url_conjunto, aviso)
        contenido = _json(conjunto, filtros, cabecera, url_oficial, url_muestra)
    elif formato == "parquet":
        cabecera = _metadatos_parquet(conjunto, filtros_texto, url_oficial, aviso)
        contenido = _parquet(conjunto, filtros, cabecera, url_oficial, url_muestra)
    elif formato == "xlsx":
        cabecera = _metadatos_parquet(conjunto, filtros_texto, url_oficial, aviso)
        contenido = _xlsx(conjunto, filtros, cabecera, url_oficial, url_muestra)
    else:
        raise ValueError(f"Formato desconocido: {formato}")
    return Exportacion(
        nombre_archivo=nombre_archivo(conjunto, filtros_texto, formato),
        tipo=TIPOS[formato],
        etag=_etag(
            conjunto.slug,
            conjunto.version,
            formato,
            bom,
            sorted(filtros.items()),
            url_oficial,
            url_muestra,
            _encabezado(conjunto).decode(),
            cabecera,
        ),
        contenido=contenido,
        filtros=filtros_texto,
        muestra=conjunto.es_muestra,
    )


def exportar_diccionario(*, conjunto: ConjuntoDatos) -> Exportacion:
    """El diccionario de datos del conjunto como CSV (una fila por columna y código)."""
    texto = io.StringIO()
    csv.writer(texto, lineterminator="\n").writerows(metadatos.diccionario_csv_filas(conjunto))
    contenido = texto.getvalue().encode()
    return Exportacion(
        nombre_archivo=f"{conjunto.slug}-diccionario.csv",
        tipo=TIPOS["csv"],
        etag=_etag(contenido.decode()),
        contenido=contenido,
    )
