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
import psycopg
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
    # float64: np.bincount suma con pesos float64 (exacto hasta 2**53); 0 en las suprimidas.
    valor: np.ndarray
    muestra: np.ndarray
    suprimido: np.ndarray
    # Inicio de cada mes en las filas (ordenadas por mes): un filtro de fechas es un tramo.
    inicio_mes: np.ndarray
    # El id de cada fila, en el orden de la tabla de la página (consultas.ordenadas): la página
    # N de cualquier filtro son 50 ids, que la base lee por su clave. None en un cubo guardado
    # antes de tenerlos (la página consulta la base hasta la siguiente carga).
    ids: np.ndarray | None = None
    # Sumas por mes, opción y par de opciones (agregados()): se hacen en cada proceso.
    agregados: "Agregados | None" = None

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
    valor = np.nan_to_num(tabla["valor"].to_numpy(zero_copy_only=False).astype(float), nan=0)
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
            # Un cubo guardado antes traía el valor como entero.
            valor=archivo["valor"].astype(np.float64, copy=False),
            muestra=archivo["muestra"],
            suprimido=archivo["suprimido"],
            inicio_mes=archivo["inicio_mes"],
            ids=archivo["ids"] if "ids" in archivo.files else None,
        )


def guardar(conjunto_id: int, cubo: Cubo) -> None:
    datos = a_bytes(cubo)
    if connection.vendor == "postgresql":
        # Los cursores de Django unen los parámetros al texto de la consulta: 20 MB de bytes
        # viajaban como 40 MB de hexadecimal que PostgreSQL volvía a leer (~0.3 s por
        # importación). Un cursor de psycopg con los parámetros aparte los manda en binario
        # (%b), en la misma conexión y transacción.
        tabla = CuboConjunto._meta.db_table
        with connection.cursor() as cursor:
            psycopg.Cursor(cursor.cursor.connection).execute(
                f"INSERT INTO {tabla} (conjunto_id, version, datos) VALUES (%s, %s, %b) "  # noqa: S608
                "ON CONFLICT (conjunto_id) DO UPDATE "
                "SET version = EXCLUDED.version, datos = EXCLUDED.datos",
                [conjunto_id, cubo.version, datos],
            )
    else:
        CuboConjunto.objects.update_or_create(
            conjunto_id=conjunto_id, defaults={"version": cubo.version, "datos": datos}
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
    # Las sumas se hacen al leer el cubo, no en la primera visita filtrada.
    agregados(cubo)
    with _candado:
        _memoria[conjunto_id] = cubo
        _memoria.move_to_end(conjunto_id)
        while len(_memoria) > EN_MEMORIA:
            _memoria.popitem(last=False)
    return cubo


def _indices_meses(cubo: Cubo, filtros: dict) -> tuple[int, int]:
    """Los meses pedidos como tramo [primero, ultimo) de índices del diccionario de meses."""
    meses = cubo.diccionarios["periodo"]
    desde, hasta = filtros.get("periodo__gte"), filtros.get("periodo__lte")
    primero = int(np.searchsorted(meses, desde.isoformat())) if desde else 0
    ultimo = int(np.searchsorted(meses, hasta.isoformat(), side="right")) if hasta else len(meses)
    return primero, max(ultimo, primero)


def _tramo(cubo: Cubo, filtros: dict) -> slice:
    """Las filas de los meses pedidos: las filas están ordenadas por mes."""
    primero, ultimo = _indices_meses(cubo, filtros)
    return slice(int(cubo.inicio_mes[primero]), int(cubo.inicio_mes[ultimo]))


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


# --- Sumas ya hechas -------------------------------------------------------------------------
#
# Con una combinación nueva de filtros, contar en las filas cuesta una pasada por cada faceta
# sobre las filas elegidas: con un solo filtro amplio (sexo=mujer: 800 mil filas de 1.7
# millones) eran decenas de ms. Casi todas las visitas filtran por una o ninguna dimensión, y
# esas salen de sumas por mes (y opción, y par de opciones) que el proceso hace una vez por
# versión del cubo: la respuesta es sumar unos cientos de meses. Con dos o más filtros se
# cuenta en las filas, que entonces son pocas.

# Un par se suma de antemano solo si sus celdas (meses × opciones × opciones) son a lo más un
# cuarto de las filas: entidad × nacionalidad con 1.7 M filas serían 1.6 M celdas (15 MB por
# proceso) y no ahorrarían nada; con un filtro de entidad, las filas elegidas ya son pocas.
CELDAS_POR_FILA = 0.25


@dataclass
class Sumas:
    """Totales y filas por mes; el tramo de meses se suma al pedir."""

    totales: np.ndarray
    filas: np.ndarray
    muestra: np.ndarray | None = None
    suprimidas: np.ndarray | None = None


@dataclass
class Agregados:
    meses: Sumas  # (meses,)
    por_columna: dict  # columna → Sumas (meses, opciones)
    # (a, b), a antes que b en COLUMNAS → Sumas (meses, opciones a, opciones b); las facetas solo
    # preguntan si hay filas, así que `filas` es un booleano.
    por_par: dict


def _contar_marcadas(clave: np.ndarray, marcadas: np.ndarray, filas: np.ndarray, largo: int):
    """Filas marcadas por clave; casi siempre todas o ninguna (un conjunto de muestra)."""
    if len(marcadas) == len(clave):
        return filas
    if len(marcadas) == 0:
        return np.zeros(largo, dtype=np.int64)
    return np.bincount(clave[marcadas], minlength=largo)


def _agregar(cubo: Cubo) -> Agregados:
    pesos = cubo.valor
    meses = len(cubo.diccionarios["periodo"])
    periodo = cubo.codigos["periodo"].astype(np.int64)
    muestra, suprimido = np.flatnonzero(cubo.muestra), np.flatnonzero(cubo.suprimido)

    def sumar(clave, forma, marcas=True) -> Sumas:
        largo = int(np.prod(forma))
        filas = np.bincount(clave, minlength=largo)
        sumas = Sumas(totales=np.bincount(clave, weights=pesos, minlength=largo), filas=filas)
        if not marcas:
            filas = filas > 0
        else:
            sumas.muestra = _contar_marcadas(clave, muestra, filas, largo).reshape(forma)
            sumas.suprimidas = _contar_marcadas(clave, suprimido, filas, largo).reshape(forma)
        sumas.totales, sumas.filas = sumas.totales.reshape(forma), filas.reshape(forma)
        return sumas

    por_columna, por_par = {}, {}
    varias = [c for c in COLUMNAS[1:] if len(cubo.diccionarios[c]) > 1]
    for columna in COLUMNAS[1:]:
        opciones = len(cubo.diccionarios[columna])
        clave = periodo * opciones + cubo.codigos[columna]
        por_columna[columna] = sumar(clave, (meses, opciones))
    for i, a in enumerate(varias):
        for b in varias[i + 1 :]:
            forma = (meses, len(cubo.diccionarios[a]), len(cubo.diccionarios[b]))
            if np.prod(forma) > CELDAS_POR_FILA * cubo.filas:
                continue
            clave = (periodo * forma[1] + cubo.codigos[a]) * forma[2] + cubo.codigos[b]
            por_par[(a, b)] = sumar(clave, forma, marcas=False)
    return Agregados(
        meses=sumar(periodo, (meses,)),
        por_columna=por_columna,
        por_par=por_par,
    )


def agregados(cubo: Cubo) -> Agregados:
    """Las sumas del cubo, hechas la primera vez que se piden (una por proceso y versión)."""
    if cubo.agregados is None:
        with _candado_sumas:
            if cubo.agregados is None:
                cubo.agregados = _agregar(cubo)
    return cubo.agregados


_candado_sumas = threading.Lock()
# Un filtro imposible (un código que ninguna fila tiene): la selección que lo incluye es vacía.
IMPOSIBLE = -1


def _restricciones(cubo: Cubo, filtros: dict) -> dict:
    """{columna: código} de los filtros de dimensión que descartan filas.

    Un filtro sobre una columna de un solo código que sí lo tiene no descarta ninguna fila.
    """
    restricciones = {}
    for columna, valor in filtros.items():
        if columna.startswith("periodo"):
            continue
        codigo = cubo.codigo(columna, valor)
        if codigo is None:
            restricciones[columna] = IMPOSIBLE
        elif len(cubo.diccionarios[columna]) > 1:
            restricciones[columna] = codigo
    return restricciones


class _Seleccion:
    """Las filas de una combinación de filtros en los meses pedidos, hechas una sola vez por
    consulta: la serie y las facetas que comparten filtros comparten las filas."""

    def __init__(self, cubo: Cubo, primero: int, ultimo: int):
        self.cubo = cubo
        self.tramo = slice(int(cubo.inicio_mes[primero]), int(cubo.inicio_mes[ultimo]))
        self._iguales, self._filas, self._pesos = {}, {}, {}

    def filas(self, restricciones: tuple):
        """Índices de las filas elegidas (un `slice` si no hay restricciones)."""
        if not restricciones:
            return self.tramo
        if restricciones not in self._filas:
            mascara = None
            for columna, codigo in restricciones:
                if (columna, codigo) not in self._iguales:
                    codigos = self.cubo.codigos[columna][self.tramo]
                    self._iguales[(columna, codigo)] = codigos == codigo
                igual = self._iguales[(columna, codigo)]
                mascara = igual if mascara is None else mascara & igual
            self._filas[restricciones] = self.tramo.start + np.flatnonzero(mascara)
        return self._filas[restricciones]

    def pesos(self, restricciones: tuple) -> np.ndarray:
        if restricciones not in self._pesos:
            self._pesos[restricciones] = self.cubo.valor[self.filas(restricciones)]
        return self._pesos[restricciones]


def _vacia(largo: int) -> Sumas:
    return Sumas(totales=np.zeros(largo), filas=np.zeros(largo, dtype=np.int64))


def _sumas_faceta(cubo, seleccion, primero, ultimo, columna, otras: dict) -> Sumas:
    """Totales y filas por opción de `columna` con las restricciones `otras`."""
    largo = len(cubo.diccionarios[columna])
    if IMPOSIBLE in otras.values():
        return _vacia(largo)
    sumas = agregados(cubo)
    meses = slice(primero, ultimo)
    if not otras:
        hechas = sumas.por_columna[columna]
        return Sumas(hechas.totales[meses].sum(0), hechas.filas[meses].sum(0))
    if len(otras) == 1:
        [(otra, codigo)] = otras.items()
        orden = COLUMNAS.index(otra) < COLUMNAS.index(columna)
        hechas = sumas.por_par.get((otra, columna) if orden else (columna, otra))
        if hechas is not None:
            elegir = (meses, codigo, slice(None)) if orden else (meses, slice(None), codigo)
            return Sumas(hechas.totales[elegir].sum(0), hechas.filas[elegir].sum(0))
    clave = tuple(sorted(otras.items()))
    filas = seleccion.filas(clave)
    codigos = cubo.codigos[columna][filas]
    return Sumas(
        np.bincount(codigos, weights=seleccion.pesos(clave), minlength=largo),
        np.bincount(codigos, minlength=largo),
    )


def _serie(cubo, seleccion, primero, ultimo, restricciones: dict) -> dict:
    meses = slice(primero, ultimo)
    largo = len(cubo.diccionarios["periodo"])
    if IMPOSIBLE in restricciones.values():
        totales, filas = np.zeros(largo), np.zeros(largo, dtype=np.int64)
        muestra = suprimidas = 0
    elif len(restricciones) <= 1:
        sumas = agregados(cubo)
        if restricciones:
            [(columna, codigo)] = restricciones.items()
            hechas, elegir = sumas.por_columna[columna], (meses, codigo)
        else:
            hechas, elegir = sumas.meses, meses
        totales = np.zeros(largo)
        filas = np.zeros(largo, dtype=np.int64)
        totales[meses], filas[meses] = hechas.totales[elegir], hechas.filas[elegir]
        muestra = int(hechas.muestra[elegir].sum())
        suprimidas = int(hechas.suprimidas[elegir].sum())
    else:
        clave = tuple(sorted(restricciones.items()))
        elegidas = seleccion.filas(clave)
        periodos = cubo.codigos["periodo"][elegidas]
        totales = np.bincount(periodos, weights=seleccion.pesos(clave), minlength=largo)
        filas = np.bincount(periodos, minlength=largo)
        muestra = int(np.count_nonzero(cubo.muestra[elegidas]))
        suprimidas = int(np.count_nonzero(cubo.suprimido[elegidas]))
    presentes = np.flatnonzero(filas)
    return {
        "filas": int(filas.sum()),
        "total": round(totales.sum()),
        "filas_muestra": muestra,
        "suprimidas": suprimidas,
        "serie": [
            (
                date.fromisoformat(str(cubo.diccionarios["periodo"][i])),
                round(totales[i]),
                int(filas[i]),
            )
            for i in presentes
        ],
    }


def _como_faceta(cubo: Cubo, columna: str, sumas: Sumas) -> dict:
    diccionario = cubo.diccionarios[columna]
    return {
        str(diccionario[i]): round(sumas.totales[i])
        for i in np.flatnonzero(sumas.filas)
        if diccionario[i] != ""
    }


def resumen(cubo: Cubo, filtros: dict, columnas: list[str]) -> tuple[dict, dict]:
    """La serie de los filtros y las facetas de `columnas` ({código: total} de cada una con los
    demás filtros; sin el código vacío), contadas juntas: las filas elegidas se comparten."""
    primero, ultimo = _indices_meses(cubo, filtros)
    restricciones = _restricciones(cubo, filtros)
    seleccion = _Seleccion(cubo, primero, ultimo)
    facetas = {}
    for columna in columnas:
        otras = {c: v for c, v in restricciones.items() if c != columna}
        sumas = _sumas_faceta(cubo, seleccion, primero, ultimo, columna, otras)
        facetas[columna] = _como_faceta(cubo, columna, sumas)
    return _serie(cubo, seleccion, primero, ultimo, restricciones), facetas


def serie(cubo: Cubo, filtros: dict) -> dict:
    """Filas, total, muestra, suprimidas y la serie [(mes, total, filas)] de los filtros."""
    return resumen(cubo, filtros, [])[0]


def faceta(cubo: Cubo, filtros: dict, columna: str) -> dict:
    """{código: total} de la columna con los demás filtros; sin el código vacío."""
    return resumen(cubo, filtros, [columna])[1][columna]


def ids(cubo: Cubo, filtros: dict, desde: int, hasta: int) -> list[int]:
    """Los ids de las filas filtradas número `desde` a `hasta` (sin incluir), en orden."""
    tramo = _tramo(cubo, filtros)
    mascara = _mascara(cubo, tramo, filtros)
    if mascara is None:
        elegidas = np.arange(tramo.start + desde, min(tramo.start + hasta, tramo.stop))
    else:
        elegidas = tramo.start + np.flatnonzero(mascara)[desde:hasta]
    return cubo.ids[elegidas].tolist()
