"""Lecturas de un conjunto filtrado: filas, serie mensual, totales por opción (facetas).

Los filtros llegan ya validados (de filters.py) como un diccionario de búsquedas del ORM. El
resumen de los filtros por omisión se calcula al cargar los datos y se guarda en el conjunto;
cualquier otro se calcula una vez y queda en la caché, con la versión del conjunto en la clave
(al cambiar los datos, la versión sube y la caché vieja deja de usarse).
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Q, Sum

from config import cache_paginas
from datos_abiertos import cubo as cubos
from datos_abiertos.models import CLAVES_CELDA, ConjuntoDatos, Observacion

CACHE_SEGUNDOS = 24 * 3600

# Búsqueda del ORM de cada dimensión (la categoría se llama distinto en cada conjunto).
BUSQUEDAS = {
    "ventanilla": "ventanilla",
    "entidad": "entidad",
    "categoria": "categoria",
    "nacionalidad": "nacionalidad",
    "sexo": "sexo",
    "grupo_edad": "grupo_edad",
    "indicador": "indicador",
}


def publicado(slug: str) -> ConjuntoDatos | None:
    """El conjunto publicado con ese slug; None si no hay.

    Las páginas de un conjunto lo piden en cada visita, y leerlo (con su resumen en JSON) era
    un milisegundo de cada una: aquí se leen todos una vez por versión del contenido, que sube
    con cada escritura de un conjunto (también la carga de datos, que lo guarda con save()).
    Quien lo recibe no lo modifica.
    """
    todos = cache_paginas.calculado(
        "datos:publicados",
        cache_paginas.version(),
        lambda: {c.slug: c for c in ConjuntoDatos.objects.publicados()},
    )
    return todos.get(slug)


def dimensiones_filtrables(conjunto: ConjuntoDatos) -> list[str]:
    """Las dimensiones del conjunto y el indicador si tiene varios, en el orden de la página."""
    dimensiones = list(conjunto.dimensiones)
    if conjunto.varios_indicadores:
        dimensiones.append("indicador")
    return dimensiones


def filtros_por_omision(conjunto: ConjuntoDatos) -> dict:
    """Los indicadores de un conjunto no se suman entre sí: sin elegir, se muestra el primero."""
    if conjunto.varios_indicadores:
        return {"indicador": conjunto.indicadores[0][0]}
    return {}


def observaciones(conjunto: ConjuntoDatos, filtros: dict):
    return Observacion.objects.filter(conjunto=conjunto, **filtros)


def ordenadas(conjunto: ConjuntoDatos, filtros: dict):
    """Las filas en el orden de la restricción de unicidad: PostgreSQL recorre su índice y la
    primera página sale sin ordenar el conjunto entero (ordenar por `conjunto` seguiría la
    relación y ordenaría por el título del conjunto, con un JOIN y un sort de todas las filas)."""
    return observaciones(conjunto, filtros).order_by("conjunto_id", *CLAVES_CELDA)


@dataclass
class Resumen:
    filas: int = 0
    total: int = 0
    filas_muestra: int = 0
    suprimidas: int = 0
    # [(primer día del mes, total, filas)] en orden
    serie: list = field(default_factory=list)
    # dimensión → {código: total} con los demás filtros aplicados
    facetas: dict = field(default_factory=dict)

    @property
    def hay_muestra(self) -> bool:
        return self.filas_muestra > 0

    def a_json(self) -> dict:
        return {
            "filas": self.filas,
            "total": self.total,
            "filas_muestra": self.filas_muestra,
            "suprimidas": self.suprimidas,
            "serie": [(p.isoformat(), v, n) for p, v, n in self.serie],
            "facetas": self.facetas,
        }

    @classmethod
    def de_json(cls, datos: dict) -> "Resumen":
        return cls(
            filas=datos["filas"],
            total=datos["total"],
            filas_muestra=datos["filas_muestra"],
            suprimidas=datos["suprimidas"],
            serie=[(date.fromisoformat(p), v, n) for p, v, n in datos["serie"]],
            facetas=datos["facetas"],
        )


def _serie(conjunto, filtros) -> Resumen:
    """Serie mensual y conteos en una sola consulta agrupada por mes."""
    filas = (
        observaciones(conjunto, filtros)
        .order_by()
        .values("periodo")
        .annotate(
            total=Sum("valor"),
            filas=Count("id"),
            muestra=Count("id", filter=Q(es_muestra=True)),
            suprimidas=Count("id", filter=Q(suprimido=True)),
        )
        .order_by("periodo")
    )
    resumen = Resumen()
    for fila in filas:
        resumen.serie.append((fila["periodo"], fila["total"] or 0, fila["filas"]))
        resumen.filas += fila["filas"]
        resumen.total += fila["total"] or 0
        resumen.filas_muestra += fila["muestra"]
        resumen.suprimidas += fila["suprimidas"]
    return resumen


def _faceta(conjunto, filtros, dimension) -> dict:
    busqueda = BUSQUEDAS[dimension]
    filas = (
        observaciones(conjunto, filtros)
        .exclude(**{busqueda: ""})
        .order_by()
        .values_list(busqueda)
        .annotate(total=Sum("valor"))
    )
    return {codigo: total or 0 for codigo, total in filas}


def _sin(filtros: dict, dimension: str) -> dict:
    busqueda = BUSQUEDAS[dimension]
    return {k: v for k, v in filtros.items() if k != busqueda}


def calcular(
    conjunto: ConjuntoDatos, filtros: dict, base: Resumen | None = None, cubo=None
) -> Resumen:
    """Resumen de los filtros; usa las facetas de `base` (los filtros por omisión) si sirven.

    Con el cubo del conjunto (cubo.py) cuenta en memoria; sin él, con consultas a la base.
    Ambos caminos dan exactamente los mismos números.
    """
    if cubo is None:
        cubo = cubos.leer(conjunto.pk, conjunto.version)
    omision = filtros_por_omision(conjunto)
    # Las facetas que no dependen de lo que se eligió salen del resumen base.
    de_la_base = {
        dimension
        for dimension in dimensiones_filtrables(conjunto)
        if base is not None and _sin(filtros, dimension) == _sin(omision, dimension)
    }
    if cubo is not None:
        por_contar = [BUSQUEDAS[d] for d in dimensiones_filtrables(conjunto) if d not in de_la_base]
        serie, contadas = cubos.resumen(cubo, filtros, por_contar)
        resumen = Resumen(**serie)
    else:
        resumen = _serie(conjunto, filtros)
    for dimension in dimensiones_filtrables(conjunto):
        if dimension in de_la_base:
            resumen.facetas[dimension] = base.facetas.get(dimension, {})
        elif cubo is not None:
            resumen.facetas[dimension] = contadas[BUSQUEDAS[dimension]]
        else:
            resumen.facetas[dimension] = _faceta(conjunto, _sin(filtros, dimension), dimension)
    return resumen


def resumen_base(conjunto: ConjuntoDatos) -> Resumen:
    """El resumen de los filtros por omisión (se guarda en el conjunto al cargar datos)."""
    return calcular(conjunto, filtros_por_omision(conjunto))


def contar(conjunto: ConjuntoDatos, filtros: dict) -> int:
    """Cuántas filas tienen esos filtros (en el cubo si lo hay; si no, en la base)."""
    if not filtros:
        return conjunto.filas
    cubo = cubos.leer(conjunto.pk, conjunto.version)
    if cubo is not None:
        return cubos.serie(cubo, filtros)["filas"]
    return observaciones(conjunto, filtros).count()


def _clave(conjunto: ConjuntoDatos, filtros: dict) -> str:
    texto = json.dumps(sorted(filtros.items()), default=str)
    huella = hashlib.sha1(texto.encode(), usedforsecurity=False).hexdigest()
    return f"datos:resumen:{conjunto.pk}:{conjunto.version}:{huella}"


def resumir(conjunto: ConjuntoDatos, filtros: dict) -> Resumen:
    """Resumen de un conjunto filtrado, sin consultas si ya se calculó."""
    base = Resumen.de_json(conjunto.resumen) if conjunto.resumen else None
    if base is not None and filtros == filtros_por_omision(conjunto):
        return base
    clave = _clave(conjunto, filtros)
    guardado = cache.get(clave)
    if guardado is not None:
        return Resumen.de_json(guardado)
    resumen = calcular(conjunto, filtros, base)
    cache.set(clave, resumen.a_json(), CACHE_SEGUNDOS)
    return resumen


def desglose(resumen: Resumen, conjunto: ConjuntoDatos, filtros: dict, dimension: str) -> dict:
    """Totales por opción de `dimension` con todos los filtros (lo que muestra la gráfica)."""
    busqueda = BUSQUEDAS[dimension]
    faceta = resumen.facetas.get(dimension, {})
    if busqueda in filtros:
        elegido = filtros[busqueda]
        return {elegido: faceta.get(elegido, 0)} if faceta.get(elegido) else {}
    return faceta
