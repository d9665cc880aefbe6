"""Cuánto tardan de verdad los trámites: mediana, percentil 90, parte resuelta en plazo y rezago.

Definiciones (las mismas en la página /tramites/tiempos/ y en el conjunto de datos abiertos):

- Días hasta la resolución: días hábiles desde el ingreso hasta la resolución (sin contar el
  día de ingreso, fines de semana, festivos federales ni días inhábiles del INM).
- Mediana y percentil 90 por rango más cercano: el menor número de días tal que al menos la
  mitad (o el 90 %) de las solicitudes se resolvió en ese número de días o menos. Siempre es un
  número de días que de verdad tardó alguna solicitud.
- Resuelta en plazo: resuelta a más tardar el día en que vencía su plazo legal, contado desde
  que la solicitud quedó completa (seguimiento/registro.py). Sin plazo publicado no se calcula.
- Rezago: solicitudes abiertas hoy, por días hábiles desde su ingreso.
"""

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from seguimiento.models import Solicitud
from seguimiento.plazos import Calendario
from tramites.models import Tramite

MESES = 12
# Tramos de antigüedad del rezago, en días hábiles desde el ingreso: (desde, hasta o None).
TRAMOS = ((0, 10), (11, 20), (21, 60), (61, None))


def percentil(valores: Sequence[int], porcentaje: float) -> int | None:
    """Percentil por rango más cercano: el valor en la posición ⌈p·n/100⌉ de los ordenados."""
    if not valores:
        return None
    ordenados = sorted(valores)
    posicion = max(1, math.ceil(porcentaje * len(ordenados) / 100))
    return ordenados[posicion - 1]


def mediana(valores: Sequence[int]) -> int | None:
    return percentil(valores, 50)


def proporcion_en_plazo(en_plazo: int, resueltas: int) -> float | None:
    """Parte (0 a 1) de las resueltas que se resolvió en plazo; None si no hay resueltas."""
    return en_plazo / resueltas if resueltas else None


def tramo(dias: int) -> int:
    """Índice del tramo de antigüedad en TRAMOS."""
    for indice, (_desde, hasta) in enumerate(TRAMOS):
        if hasta is None or dias <= hasta:
            return indice
    raise AssertionError("TRAMOS cubre todos los días")


def hace_un_anio(hoy: date) -> date:
    try:
        return hoy.replace(year=hoy.year - 1)
    except ValueError:  # 29 de febrero
        return hoy.replace(year=hoy.year - 1, day=28)


@dataclass
class FilaTiempos:
    tramite: Tramite
    plazo: int | None
    resueltas: int = 0
    mediana: int | None = None
    p90: int | None = None
    en_plazo: int | None = None
    pendientes: list[int] = field(default_factory=lambda: [0] * len(TRAMOS))

    @property
    def proporcion_en_plazo(self) -> float | None:
        if self.en_plazo is None:
            return None
        return proporcion_en_plazo(self.en_plazo, self.resueltas)

    @property
    def porcentaje_en_plazo(self) -> int | None:
        proporcion = self.proporcion_en_plazo
        return None if proporcion is None else round(proporcion * 100)

    @property
    def total_pendientes(self) -> int:
        return sum(self.pendientes)

    @property
    def tiene_datos(self) -> bool:
        return bool(self.resueltas or self.total_pendientes)


@dataclass
class Tiempos:
    desde: date
    hasta: date
    filas: list[FilaTiempos]
    es_muestra: bool

    @property
    def con_datos(self) -> list[FilaTiempos]:
        return [f for f in self.filas if f.tiene_datos]

    @property
    def resueltas(self) -> int:
        return sum(f.resueltas for f in self.filas)

    @property
    def pendientes(self) -> int:
        return sum(f.total_pendientes for f in self.filas)


def _fechas(valores) -> np.ndarray:
    return np.array(valores, dtype="datetime64[D]")


def resumir_resueltas(
    filas: list[tuple[date, date, date]], *, plazo: int | None, calendario: Calendario
) -> tuple[int, int | None, int | None, int | None]:
    """(resueltas, mediana, p90, en plazo) de filas (ingreso, inicio del plazo, resolución)."""
    if not filas:
        return 0, None, None, (0 if plazo else None)
    ingresos, inicios, resoluciones = (_fechas(c) for c in zip(*filas, strict=True))
    dias = calendario.dias_habiles_entre_arreglos(ingresos, resoluciones).tolist()
    en_plazo = None
    if plazo:
        legales = calendario.dias_habiles_entre_arreglos(inicios, resoluciones)
        en_plazo = int((legales <= plazo).sum())
    return len(dias), mediana(dias), percentil(dias, 90), en_plazo


def calcular(*, hoy: date, calendario: Calendario) -> Tiempos:
    """Los tiempos de los últimos 12 meses por trámite publicado (cuatro consultas)."""
    desde = hace_un_anio(hoy)
    # Mientras no haya solicitudes reales, se muestran las de muestra (y se dice).
    es_muestra = not Solicitud.objects.filter(es_muestra=False).exists()
    solicitudes = Solicitud.objects.filter(es_muestra=es_muestra)
    resueltas = defaultdict(list)
    for tramite_id, ingreso, inicio, resolucion in (
        solicitudes.filter(fecha_resolucion__gt=desde, fecha_resolucion__lte=hoy)
        .order_by()
        .values_list("tramite_id", "fecha_ingreso", "inicio_plazo", "fecha_resolucion")
        .iterator(chunk_size=5000)
    ):
        resueltas[tramite_id].append((ingreso, inicio, resolucion))
    abiertas = defaultdict(list)
    for tramite_id, ingreso in (
        solicitudes.abiertas()
        .filter(fecha_ingreso__lte=hoy)
        .order_by()
        .values_list("tramite_id", "fecha_ingreso")
        .iterator(chunk_size=5000)
    ):
        abiertas[tramite_id].append(ingreso)
    filas = []
    for tramite in Tramite.objects.publicados():
        plazo = tramite.plazo_resolucion_dias_habiles
        fila = FilaTiempos(tramite=tramite, plazo=plazo)
        fila.resueltas, fila.mediana, fila.p90, fila.en_plazo = resumir_resueltas(
            resueltas.get(tramite.pk, []), plazo=plazo, calendario=calendario
        )
        ingresos = abiertas.get(tramite.pk, [])
        if ingresos:
            edades = calendario.dias_habiles_entre_arreglos(
                _fechas(ingresos), _fechas([hoy] * len(ingresos))
            )
            for edad in edades.tolist():
                fila.pendientes[tramo(edad)] += 1
        filas.append(fila)
    return Tiempos(desde=desde + timedelta(days=1), hasta=hoy, filas=filas, es_muestra=es_muestra)
