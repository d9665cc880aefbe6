"""Las observaciones de un conjunto en columnas compactas, para contar sin consultar la base.

La primera visita de una combinación de filtros nueva pedía a la base una consulta por faceta,
y con 1.7 millones de filas cada una recorría medio conjunto (hasta 1.4 s). Aquí cada conjunto
se guarda una vez, al cambiar sus observaciones (`almacen.actualizar_resumen`, por donde pasa
toda escritura), como columnas de códigos enteros ordenadas por mes: cada dimensión con su
diccionario de códigos, el valor, y si la fila es de muestra o está suprimida. Con eso, la
serie mensual y los totales por opción de cualquier combinación de filtros son máscaras y
`numpy.bincount` sobre arreglos en memoria (milisegundos), con exactamente los mismos números
que las consultas de `consultas.py` (las pruebas comparan ambos caminos).

Cada proceso guarda en memoria los cubos que usa, con la versión del conjunto: al subir la
versión, el cubo viejo deja de servir y se lee el nuevo de la base.
"""

import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from django.db import connection

from datos_abiertos.models import CLAVES_CELDA, CuboConjunto, Observacion

# Columnas de código: el mes y las dimensiones que se pueden filtrar.
COLUMNAS = ("periodo", "ventanilla", "entidad", "categoria", "nacionalidad", "sexo", "grupo_edad")
COLUMNAS += ("indicador",)
# Cubos que cada proceso guarda en memoria (los conjuntos grandes son pocos).
EN_MEMORIA = 4


@dataclass
class Cubo:
    version: int
    # columna → (códigos por fila, diccionario de códigos)
    codigos: dict
    diccionarios: dict
    valor: np.ndarray  # 0 en las suprimidas
    muestra: np.ndarray
    suprimido: np.ndarray
    # Inicio de cada mes en las filas (ordenadas por mes): un filtro de fechas es un tramo.
    inicio_mes: np.ndarray
    # El id de cada fila, en el orden de la tabla de la página (consultas.ordenadas): la página
    # N de cualquier filtro son 50 ids, que la base lee por su clave. None en un cubo guardado
    # antes de tenerlos (la página consulta la base hasta la siguiente carga).
    ids: np.ndarray | None = None

    @property
    def filas(self) -> int:
        return len(self.valor)

    def codigo(self, columna: str, valor) -> int | None:
        """El código de un valor en la columna; None si ninguna fila lo tiene."""
        diccionario = self.diccionarios[columna]
        texto = valor.isoformat() if isinstance(valor, date) else str(valor)
        posicion = int(np.searchsorted(diccionario, texto))
        if posicion < len(diccionario) and diccionario[posicion] == texto:
            return posicion
        return None


def _tipo_entero(maximo: int):
    return np.uint8 if maximo < 2**8 else np.uint16 if maximo < 2**16 else np.uint32


def _tabla(conjunto_id: int) -> pa.Table:
    """Todas las observaciones del conjunto como texto (valor e id como enteros), en el orden de
    la tabla de la página: por mes y luego por las demás claves de la celda."""
    columnas = [*COLUMNAS, "valor", "es_muestra", "suprimido", "id"]
    consulta = (
        Observacion.objects.filter(conjunto_id=conjunto_id)
        .order_by(*CLAVES_CELDA)
        .values_list(*columnas)
    )
    if connection.vendor == "postgresql":
        sql, parametros = consulta.query.sql_with_params()
        with connection.cursor() as cursor:
            buffer = io.BytesIO()
            with cursor.cursor.copy(
                f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", parametros
            ) as copia:
                for datos in copia:
                    buffer.write(datos)
        # Un conjunto sin filas da un CSV vacío, que pyarrow no lee: lo arma el camino general.
        if buffer.getbuffer().nbytes == 0:
            return pa.table(
                {c: pa.array([], pa.string()) for c in COLUMNAS}
                | {
                    "valor": pa.array([], pa.int64()),
                    "es_muestra": pa.array([], pa.bool_()),
                    "suprimido": pa.array([], pa.bool_()),
                    "id": pa.array([], pa.int64()),
                }
            )
        tipos = {c: pa.string() for c in COLUMNAS}
        tipos.update(valor=pa.int64(), es_muestra=pa.string(), suprimido=pa.string(), id=pa.int64())
        tabla = pacsv.read_csv(
            io.BytesIO(buffer.getvalue()),
            read_options=pacsv.ReadOptions(column_names=columnas),
            convert_options=pacsv.ConvertOptions(
                column_types=tipos, strings_can_be_null=False, quoted_strings_can_be_null=False
            ),
        )
        # COPY escribe los booleanos como t/f.
        return tabla.set_column(
            columnas.index("es_muestra"), "es_muestra", pc.equal(tabla["es_muestra"], "t")
        ).set_column(columnas.index("suprimido"), "suprimido", pc.equal(tabla["suprimido"], "t"))
    filas = list(consulta.iterator(chunk_size=5000))
    datos = {
        c: [("" if f[i] is None else str(f[i])) for f in filas] for i, c in enumerate(COLUMNAS)
    }
    n = len(COLUMNAS)
    datos["valor"] = [f[n] for f in filas]
    datos["es_muestra"] = [bool(f[n + 1]) for f in filas]
    datos["suprimido"] = [bool(f[n + 2]) for f in filas]
    datos["id"] = pa.array([f[n + 3] for f in filas], pa.int64())
    return pa.table(datos)


def construir(conjunto_id: int, version: int) -> Cubo:
    """El cubo de las observaciones actuales del conjunto (lo llama la carga de datos)."""
    tabla = _tabla(conjunto_id)
    codigos, diccionarios = {}, {}
    for columna in COLUMNAS:
        # Códigos por hash (rápido con millones de filas) y luego en orden, para buscarlos.
        codificada = tabla[columna].combine_chunks().dictionary_encode()
        sueltos = np.asarray(codificada.dictionary.to_pylist(), dtype=str)
        orden = np.argsort(sueltos, kind="stable")
        rango = np.empty(len(orden), dtype=np.int64)
        rango[orden] = np.arange(len(orden))
        indices = codificada.indices.to_numpy(zero_copy_only=False)
        tipo = _tipo_entero(len(sueltos))
        codigos[columna] = rango[indices].astype(tipo) if len(indices) else indices.astype(tipo)
        diccionarios[columna] = sueltos[orden]
    valor = np.nan_to_num(
        tabla["valor"].to_numpy(zero_copy_only=False).astype(float), nan=0
    ).astype(np.int64)
    periodo = codigos["periodo"]
    inicio_mes = np.searchsorted(periodo, np.arange(len(diccionarios["periodo"]) + 1))
    return Cubo(
        version=version,
        codigos=codigos,
        diccionarios=diccionarios,
        valor=valor,
        muestra=np.asarray(tabla["es_muestra"].to_numpy(zero_copy_only=False), dtype=bool),
        suprimido=np.asarray(tabla["suprimido"].to_numpy(zero_copy_only=False), dtype=bool),
        inicio_mes=inicio_mes,
        ids=tabla["id"].to_numpy(zero_copy_only=False).astype(np.int64),
    )


def a_bytes(cubo: Cubo) -> bytes:
    salida = io.BytesIO()
    arreglos = {f"c_{c}": v for c, v in cubo.codigos.items()}
    arreglos.update({f"d_{c}": v for c, v in cubo.diccionarios.items()})
    if cubo.ids is not None:
        arreglos["ids"] = cubo.ids
    np.savez(
        salida,
        valor=cubo.valor,
        muestra=cubo.muestra,
        suprimido=cubo.suprimido,
        inicio_mes=cubo.inicio_mes,
        **arreglos,
    )
    return salida.getvalue()


def de_bytes(datos: bytes, version: int) -> Cubo:
    with np.load(io.BytesIO(datos), allow_pickle=False) as archivo:
        return Cubo(
            version=version,
            codigos={c: archivo[f"c_{c}"] for c in COLUMNAS},
            diccionarios={c: archivo[f"d_{c}"] for c in COLUMNAS},
            valor=archivo["valor"],
            muestra=archivo["muestra"],
            suprimido=archivo["suprimido"],
            inicio_mes=archivo["inicio_mes"],
            ids=archivo["ids"] if "ids" in archivo.files else None,
        )


def guardar(conjunto_id: int, cubo: Cubo) -> None:
    CuboConjunto.objects.update_or_create(
        conjunto_id=conjunto_id, defaults={"version": cubo.version, "datos": a_bytes(cubo)}
    )
    with _candado:
        _memoria[conjunto_id] = cubo
        _memoria.move_to_end(conjunto_id)
        while len(_memoria) > EN_MEMORIA:
            _memoria.popitem(last=False)


_memoria: OrderedDict = OrderedDict()
_candado = threading.Lock()


def leer(conjunto_id: int, version: int) -> Cubo | None:
    """El cubo de esa versión del conjunto; None si aún no se ha construido."""
    with _candado:
        cubo = _memoria.get(conjunto_id)
    if cubo is not None and cubo.version == version:
        return cubo
    datos = (
        CuboConjunto.objects.filter(conjunto_id=conjunto_id, version=version)
        .values_list("datos", flat=True)
        .first()
    )
    if datos is None:
        return None
    cubo = de_bytes(bytes(datos), version)
    with _candado:
        _memoria[conjunto_id] = cubo
        _memoria.move_to_end(conjunto_id)
        while len(_memoria) > EN_MEMORIA:
            _memoria.popitem(last=False)
    return cubo


def _tramo(cubo: Cubo, filtros: dict) -> slice:
    """Las filas de los meses pedidos: las filas están ordenadas por mes."""
    meses = cubo.diccionarios["periodo"]
    desde, hasta = filtros.get("periodo__gte"), filtros.get("periodo__lte")
    primero = int(np.searchsorted(meses, desde.isoformat())) if desde else 0
    ultimo = int(np.searchsorted(meses, hasta.isoformat(), side="right")) if hasta else len(meses)
    return slice(int(cubo.inicio_mes[primero]), int(cubo.inicio_mes[max(ultimo, primero)]))


def _mascara(cubo: Cubo, tramo: slice, filtros: dict, sin: str | None = None):
    """Filas del tramo que cumplen los filtros de dimensión (menos `sin`); None si todas."""
    mascara = None
    for columna, valor in filtros.items():
        if columna.startswith("periodo") or columna == sin:
            continue
        codigo = cubo.codigo(columna, valor)
        if codigo is None:
            return np.zeros(tramo.stop - tramo.start, dtype=bool)
        actual = cubo.codigos[columna][tramo] == codigo
        mascara = actual if mascara is None else mascara & actual
    return mascara


def _elegir(arreglo: np.ndarray, tramo: slice, mascara):
    parte = arreglo[tramo]
    return parte if mascara is None else parte[mascara]


def serie(cubo: Cubo, filtros: dict) -> dict:
    """Filas, total, muestra, suprimidas y la serie [(mes, total, filas)] de los filtros."""
    tramo = _tramo(cubo, filtros)
    mascara = _mascara(cubo, tramo, filtros)
    meses = _elegir(cubo.codigos["periodo"], tramo, mascara)
    valor = _elegir(cubo.valor, tramo, mascara)
    largo = len(cubo.diccionarios["periodo"])
    filas = np.bincount(meses, minlength=largo)
    totales = np.bincount(meses, weights=valor, minlength=largo)
    presentes = np.flatnonzero(filas)
    return {
        "filas": int(len(valor)),
        "total": int(valor.sum()),
        "filas_muestra": int(np.count_nonzero(_elegir(cubo.muestra, tramo, mascara))),
        "suprimidas": int(np.count_nonzero(_elegir(cubo.suprimido, tramo, mascara))),
        "serie": [
            (
                date.fromisoformat(str(cubo.diccionarios["periodo"][i])),
                int(totales[i]),
                int(filas[i]),
            )
            for i in presentes
        ],
    }


def faceta(cubo: Cubo, filtros: dict, columna: str) -> dict:
    """{código: total} de la columna con los demás filtros; sin el código vacío."""
    tramo = _tramo(cubo, filtros)
    mascara = _mascara(cubo, tramo, filtros, sin=columna)
    codigos = _elegir(cubo.codigos[columna], tramo, mascara)
    valor = _elegir(cubo.valor, tramo, mascara)
    diccionario = cubo.diccionarios[columna]
    filas = np.bincount(codigos, minlength=len(diccionario))
    totales = np.bincount(codigos, weights=valor, minlength=len(diccionario))
    return {
        str(diccionario[i]): int(totales[i]) for i in np.flatnonzero(filas) if diccionario[i] != ""
    }


def ids(cubo: Cubo, filtros: dict, desde: int, hasta: int) -> list[int]:
    """Los ids de las filas filtradas número `desde` a `hasta` (sin incluir), en orden."""
    tramo = _tramo(cubo, filtros)
    mascara = _mascara(cubo, tramo, filtros)
    if mascara is None:
        elegidas = np.arange(tramo.start + desde, min(tramo.start + hasta, tramo.stop))
    else:
        elegidas = tramo.start + np.flatnonzero(mascara)[desde:hasta]
    return cubo.ids[elegidas].tolist()
