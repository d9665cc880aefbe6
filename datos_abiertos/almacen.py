"""Guarda observaciones: reemplaza un alcance de un conjunto por filas nuevas y dice qué cambió.

Lo usan la importación de archivos oficiales, el generador de muestra y la publicación de las
atenciones de las ventanillas. Solo se escribe lo que cambió, así que repetir una carga no toca
nada. En PostgreSQL las filas entran con `COPY` a una tabla temporal y se comparan con tres
sentencias (borrar, actualizar, insertar); en otras bases, con el ORM en lotes.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from operator import attrgetter
from typing import NamedTuple, get_type_hints

import psycopg
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from datos_abiertos import consultas, cubo
from datos_abiertos.models import CLAVES_CELDA, ConjuntoDatos, Observacion

logger = logging.getLogger(__name__)


class FilaObservacion(NamedTuple):
    """Una observación lista para guardar; se arma siempre por nombre de campo.

    Las dimensiones que el conjunto no tiene quedan vacías. Una celda suprimida va sin valor
    y con `suprimido`. Es una tupla para que el COPY de PostgreSQL la escriba tal cual.
    """

    periodo: date
    indicador: str
    valor: int | None
    ventanilla: str = ""
    entidad: str = ""
    categoria: str = ""
    nacionalidad: str = ""
    sexo: str = ""
    grupo_edad: str = ""
    suprimido: bool = False
    es_muestra: bool = False
    fuente_id: int | None = None


# Las columnas de Observacion en el orden de la tupla (así entran al COPY).
CAMPOS = tuple(get_type_hints(FilaObservacion))
CLAVES = CLAVES_CELDA
VALORES = ("valor", "suprimido", "es_muestra", "fuente_id")
_clave = attrgetter(*CLAVES)
_valores = attrgetter(*VALORES)

LOTE = 5000
LOTE_COPY = 50_000

# La base rechaza un dato de muestra con fuente (models.Observacion); el mismo mensaje en todas.
RESTRICCION_MUESTRA = "datos_abiertos_observacion_muestra_sin_fuente"
MENSAJE_MUESTRA_CON_FUENTE = (
    "Un dato de muestra no puede llevar fuente: solo las cifras publicadas citan una."
)


@dataclass(frozen=True)
class Alcance:
    """Qué parte del conjunto se reemplaza: lo que está dentro y no viene en las filas se borra."""

    desde: date | None = None
    hasta: date | None = None
    indicadores: tuple[str, ...] | None = None
    categorias: tuple[str, ...] | None = None
    solo_muestra: bool = False
    # Las filas que llegan son cifras reales que sustituyen la muestra del alcance: si el
    # alcance solo tiene muestra, se borra de una vez y no se compara fila por fila.
    descarta_muestra: bool = False

    def q(self) -> Q:
        condicion = Q()
        if self.desde:
            condicion &= Q(periodo__gte=self.desde)
        if self.hasta:
            condicion &= Q(periodo__lte=self.hasta)
        if self.indicadores is not None:
            condicion &= Q(indicador__in=self.indicadores)
        if self.categorias is not None:
            condicion &= Q(categoria__in=self.categorias)
        if self.solo_muestra:
            condicion &= Q(es_muestra=True)
        return condicion

    def sql(self, alias: str) -> tuple[str, list]:
        partes, parametros = [], []
        if self.desde:
            partes.append(f"{alias}.periodo >= %s")
            parametros.append(self.desde)
        if self.hasta:
            partes.append(f"{alias}.periodo <= %s")
            parametros.append(self.hasta)
        if self.indicadores is not None:
            partes.append(f"{alias}.indicador = ANY(%s)")
            parametros.append(list(self.indicadores))
        if self.categorias is not None:
            partes.append(f"{alias}.categoria = ANY(%s)")
            parametros.append(list(self.categorias))
        if self.solo_muestra:
            partes.append(f"{alias}.es_muestra")
        return " AND ".join(partes) or "TRUE", parametros


@dataclass
class Cambios:
    creadas: int = 0
    actualizadas: int = 0
    borradas: int = 0
    sin_cambio: int = 0

    @property
    def hubo_cambios(self) -> bool:
        return bool(self.creadas or self.actualizadas or self.borradas)

    @property
    def publicadas(self) -> int:
        return self.creadas + self.actualizadas + self.sin_cambio

    def __add__(self, otro: "Cambios") -> "Cambios":
        return Cambios(
            self.creadas + otro.creadas,
            self.actualizadas + otro.actualizadas,
            self.borradas + otro.borradas,
            self.sin_cambio + otro.sin_cambio,
        )


def reemplazar(
    *,
    conjunto: ConjuntoDatos,
    filas: Iterable[FilaObservacion],
    alcance: Alcance,
    avance: Callable[[int], None] | None = None,
) -> Cambios:
    """Deja el alcance del conjunto exactamente con `filas`.

    Atómico: si algo falla (p. ej. dos filas con la misma celda), nada cambia. Al terminar, si
    hubo cambios, recalcula el resumen del conjunto y sube su versión.
    """
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                cambios = _reemplazar_postgresql(conjunto, filas, alcance, avance)
            else:
                cambios = _reemplazar_orm(conjunto, filas, alcance, avance)
            if cambios.hubo_cambios:
                actualizar_resumen(conjunto)
    except IntegrityError as error:
        if RESTRICCION_MUESTRA in str(error):
            raise ValueError(MENSAJE_MUESTRA_CON_FUENTE) from error
        raise
    logger.info(
        "Conjunto %s: %s creadas, %s actualizadas, %s borradas, %s sin cambio",
        conjunto.slug,
        cambios.creadas,
        cambios.actualizadas,
        cambios.borradas,
        cambios.sin_cambio,
    )
    return cambios


def _reemplazar_orm(conjunto, filas, alcance, avance) -> Cambios:
    existentes = {
        tuple(fila[: len(CLAVES)]): fila[len(CLAVES) :]
        for fila in Observacion.objects.filter(conjunto=conjunto)
        .order_by()
        .values_list(*CLAVES, *VALORES, "pk")
        .iterator(chunk_size=LOTE)
    }
    en_alcance = set(
        Observacion.objects.filter(alcance.q(), conjunto=conjunto)
        .order_by()
        .values_list(*CLAVES)
        .iterator(chunk_size=LOTE)
    )
    cambios = Cambios()
    nuevas, modificadas, vistas = [], [], set()
    for numero, fila in enumerate(filas, 1):
        clave, valores = _clave(fila), _valores(fila)
        if clave in vistas:
            raise ValueError(f"Celda repetida en los datos: {clave}")
        vistas.add(clave)
        previo = existentes.get(clave)
        if previo is None:
            nuevas.append(Observacion(conjunto=conjunto, **dict(zip(CAMPOS, fila, strict=True))))
        elif tuple(previo[:-1]) != valores:
            modificadas.append(
                Observacion(pk=previo[-1], **dict(zip(VALORES, valores, strict=True)))
            )
        else:
            cambios.sin_cambio += 1
        if len(nuevas) >= LOTE:
            Observacion.objects.bulk_create(nuevas)
            cambios.creadas += len(nuevas)
            nuevas = []
        if avance and numero % LOTE == 0:
            avance(LOTE)
    Observacion.objects.bulk_create(nuevas)
    cambios.creadas += len(nuevas)
    if avance and len(vistas) % LOTE:
        avance(len(vistas) % LOTE)
    if modificadas:
        Observacion.objects.bulk_update(modificadas, list(VALORES), batch_size=LOTE)
        cambios.actualizadas = len(modificadas)
    sobrantes = [existentes[c][-1] for c in en_alcance - vistas]
    for inicio in range(0, len(sobrantes), LOTE):
        Observacion.objects.filter(pk__in=sobrantes[inicio : inicio + LOTE]).delete()
    cambios.borradas = len(sobrantes)
    return cambios


def _copiar(cursor, tabla: str, columnas: str, filas, avance, fijo: tuple = ()) -> int:
    """Un solo COPY con todas las filas; `fijo` se antepone a cada fila (p. ej. el conjunto).

    Quien produce las filas puede consultar la base antes de dar la primera (el generador de
    muestra lee ahí sus cifras publicadas), no después: mientras dura el COPY la conexión está
    ocupada. Por eso el primer lote se arma antes de abrirlo. Un solo COPY deja que
    PostgreSQL escriba mientras Python sigue armando filas (con lotes separados se esperaban).
    """
    primero = list(islice(filas, LOTE_COPY))
    if not primero:
        return 0
    total = 0
    try:
        with cursor.cursor.copy(f"COPY {tabla} ({columnas}) FROM STDIN") as copia:
            for fila in chain(primero, filas):
                copia.write_row(fijo + fila)
                total += 1
                if avance and total % LOTE_COPY == 0:
                    avance(LOTE_COPY)
    except psycopg.errors.UniqueViolation as error:
        # El mismo error que en las otras bases (el COPY va por debajo del cursor de Django).
        raise ValueError(f"Celda repetida en los datos: {error.diag.message_detail}") from error
    except psycopg.errors.CheckViolation as error:
        if error.diag.constraint_name == RESTRICCION_MUESTRA:
            raise ValueError(MENSAJE_MUESTRA_CON_FUENTE) from error
        raise
    if avance and total % LOTE_COPY:
        avance(total % LOTE_COPY)
    return total


def _analizar_si_cambio_mucho(cursor, tabla: str, cambiadas: int) -> None:
    """Estadísticas al día tras una carga grande: las páginas siguientes eligen bien su plan
    sin esperar al autovacuum (ANALYZE lee una muestra fija; tarda lo mismo con 1 M de filas)."""
    if cambiadas >= LOTE_COPY:
        cursor.execute(f"ANALYZE {tabla}")


def _reemplazar_postgresql(conjunto, filas, alcance, avance) -> Cambios:
    tabla = Observacion._meta.db_table
    columnas = ", ".join(CAMPOS)
    filas = iter(filas)
    iguales = " AND ".join(f"o.{c} = t.{c}" for c in CLAVES)
    # Las consultas armadas con f-strings solo interpolan nombres de tabla y columnas del
    # modelo (constantes); los valores van siempre como parámetros.
    with connection.cursor() as cursor:
        condicion, parametros = alcance.sql("o")
        cursor.execute(
            f"SELECT COUNT(*), COUNT(*) FILTER (WHERE NOT o.es_muestra) "  # noqa: S608
            f"FROM {tabla} o WHERE o.conjunto_id = %s AND {condicion}",
            [conjunto.pk, *parametros],
        )
        existentes, reales = cursor.fetchone()
        if not existentes or (alcance.descarta_muestra and not reales):
            # Nada que comparar (alcance vacío, o solo muestra que las cifras reales sustituyen):
            # las filas van directo a la tabla, sin la tabla temporal ni los anti-joins. Una
            # celda repetida choca con la restricción de unicidad y nada se guarda.
            borradas = 0
            if existentes:
                cursor.execute(
                    f"DELETE FROM {tabla} o WHERE o.conjunto_id = %s AND {condicion}",  # noqa: S608
                    [conjunto.pk, *parametros],
                )
                borradas = cursor.rowcount
            creadas = _copiar(
                cursor, tabla, f"conjunto_id, {columnas}", filas, avance, (conjunto.pk,)
            )
            _analizar_si_cambio_mucho(cursor, tabla, creadas + borradas)
            return Cambios(creadas=creadas, borradas=borradas)
        cursor.execute("DROP TABLE IF EXISTS datos_carga")
        cursor.execute(
            "CREATE TEMPORARY TABLE datos_carga ("
            "periodo date, ventanilla varchar(80), entidad varchar(2), categoria varchar(80), "
            "nacionalidad varchar(2), sexo varchar(16), grupo_edad varchar(24), "
            "indicador varchar(40), valor bigint, suprimido boolean, es_muestra boolean, "
            "fuente_id bigint) ON COMMIT DROP"
        )
        total = _copiar(cursor, "datos_carga", columnas, filas, avance)
        cursor.execute("ANALYZE datos_carga")
        # Con muchas filas, las comparaciones van por hash en memoria: el planificador elegía
        # ordenar ambas tablas en disco (merge join, 4.7 s para 770 mil filas sin cambios) o
        # recorrer la tabla temporal entera por cada fila vieja (minutos). Con pocas filas se
        # deja al planificador: buscar en el índice único es lo mejor.
        grande = total >= LOTE_COPY
        if grande:
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute("SET LOCAL enable_mergejoin = off")
            # Sin JIT: el costo estimado de los anti-joins (24 y 81 millones con 770 mil filas)
            # pasa los umbrales de jit_above_cost, inlining y optimización, y PostgreSQL
            # compilaba con LLVM 0.1-0.2 s por sentencia (más con la máquina ocupada) para un
            # hash join que corre una vez y dura menos de 1 s.
            cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(
            f"DELETE FROM {tabla} o WHERE o.conjunto_id = %s AND {condicion} "  # noqa: S608
            f"AND NOT EXISTS (SELECT 1 FROM datos_carga t WHERE {iguales})",
            [conjunto.pk, *parametros],
        )
        borradas = cursor.rowcount
        if not grande:
            cursor.execute("SET LOCAL enable_nestloop = on")
        cursor.execute(
            f"UPDATE {tabla} o SET valor = t.valor, suprimido = t.suprimido, "  # noqa: S608
            f"es_muestra = t.es_muestra, fuente_id = t.fuente_id FROM datos_carga t "
            f"WHERE o.conjunto_id = %s AND {iguales} AND (o.valor IS DISTINCT FROM t.valor "
            f"OR o.suprimido <> t.suprimido OR o.es_muestra <> t.es_muestra "
            f"OR o.fuente_id IS DISTINCT FROM t.fuente_id)",
            [conjunto.pk],
        )
        actualizadas = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {tabla} (conjunto_id, {columnas}) "  # noqa: S608
            f"SELECT %s, {', '.join('t.' + c for c in CAMPOS)} FROM datos_carga t "
            f"WHERE NOT EXISTS (SELECT 1 FROM {tabla} o WHERE o.conjunto_id = %s AND {iguales}) "
            # En el orden del índice único: cada hoja del índice se escribe una vez, no al azar.
            f"ORDER BY {', '.join('t.' + c for c in CLAVES)}",
            [conjunto.pk, conjunto.pk],
        )
        creadas = cursor.rowcount
        cursor.execute("DROP TABLE datos_carga")
        for opcion in ("enable_nestloop", "enable_mergejoin", "work_mem", "jit"):
            cursor.execute(f"SET LOCAL {opcion} TO DEFAULT")
        _analizar_si_cambio_mucho(cursor, tabla, creadas + actualizadas + borradas)
    return Cambios(
        creadas=creadas,
        actualizadas=actualizadas,
        borradas=borradas,
        sin_cambio=total - creadas - actualizadas,
    )


def actualizar_resumen(conjunto: ConjuntoDatos) -> None:
    """Periodo, filas, códigos presentes, resumen sin filtros, cubo y versión del conjunto.

    El cubo (cubo.py) se arma aquí, una vez por carga, y de él sale también el resumen: las
    primeras visitas de cualquier combinación de filtros ya no recorren la tabla.
    """
    version = conjunto.version + 1
    nuevo = cubo.construir(conjunto.pk, version)
    resumen = consultas.calcular(conjunto, consultas.filtros_por_omision(conjunto), cubo=nuevo)
    meses = nuevo.diccionarios["periodo"]
    conjunto.periodo_inicio = date.fromisoformat(str(meses[0])) if len(meses) else None
    conjunto.periodo_fin = date.fromisoformat(str(meses[-1])) if len(meses) else None
    conjunto.filas = nuevo.filas
    conjunto.filas_muestra = int(nuevo.muestra.sum())
    conjunto.valores = {d: sorted(totales) for d, totales in resumen.facetas.items()}
    conjunto.resumen = resumen.a_json()
    conjunto.version = version
    conjunto.actualizado = timezone.now()
    conjunto.emitido = conjunto.emitido or conjunto.actualizado
    conjunto.save(
        update_fields=[
            "periodo_inicio",
            "periodo_fin",
            "filas",
            "filas_muestra",
            "valores",
            "resumen",
            "version",
            "actualizado",
            "emitido",
        ]
    )
    cubo.guardar(conjunto.pk, nuevo)
