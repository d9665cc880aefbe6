"""Aritmética de días hábiles: fines de semana, festivos federales y días inhábiles del INM.

Los plazos de la Ley de Migración se cuentan en días hábiles. Aquí un día es hábil si es de
lunes a viernes, no es día de descanso obligatorio federal (biblioteca `holidays`, México) y no
está en la lista de días inhábiles que el personal agrega (p. ej. periodos vacacionales del INM
publicados en el DOF). Sin Django: se prueba a mano y se reutiliza en las estadísticas.

Regla de conteo del sitio: un plazo de N días hábiles que empieza en la fecha D vence en el
N-ésimo día hábil *después* de D (D no cuenta), y `dias_habiles_entre(D, F)` cuenta los días
hábiles en el intervalo (D, F]. Así `dias_habiles_entre(D, sumar_dias_habiles(D, N)) == N`.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays
import numpy as np

UN_DIA = timedelta(days=1)


@lru_cache(maxsize=64)
def festivos_federales(anio: int) -> dict[date, str]:
    """Días de descanso obligatorio en México en ese año, con su nombre en español."""
    return dict(holidays.country_holidays("MX", years=anio, language="es"))


class Calendario:
    """Días hábiles para el INM: sin fines de semana, festivos federales ni `inhabiles`."""

    def __init__(self, inhabiles: Iterable[date] = ()):
        self.inhabiles = frozenset(inhabiles)

    def es_habil(self, fecha: date) -> bool:
        return (
            fecha.weekday() < 5
            and fecha not in festivos_federales(fecha.year)
            and fecha not in self.inhabiles
        )

    def sumar_dias_habiles(self, inicio: date, dias: int) -> date:
        """El `dias`-ésimo día hábil después de `inicio` (con 0, el mismo `inicio`)."""
        if dias < 0:
            raise ValueError("El número de días hábiles no puede ser negativo.")
        fecha = inicio
        while dias:
            fecha += UN_DIA
            if self.es_habil(fecha):
                dias -= 1
        return fecha

    def dias_habiles_entre(self, inicio: date, fin: date) -> int:
        """Días hábiles en (inicio, fin]; negativo si `fin` es anterior a `inicio`."""
        if fin < inicio:
            return -self.dias_habiles_entre(fin, inicio)
        total, fecha = 0, inicio
        while fecha < fin:
            fecha += UN_DIA
            total += self.es_habil(fecha)
        return total

    def no_habiles(self, desde: date, hasta: date) -> list[date]:
        """Festivos e inhábiles que caen entre semana en [desde, hasta] (para numpy)."""
        dias = set()
        for anio in range(desde.year, hasta.year + 1):
            dias.update(festivos_federales(anio))
        dias.update(self.inhabiles)
        return sorted(d for d in dias if desde <= d <= hasta and d.weekday() < 5)

    def dias_habiles_entre_arreglos(self, inicios: np.ndarray, fines: np.ndarray) -> np.ndarray:
        """`dias_habiles_entre` para muchos pares a la vez (arreglos datetime64[D])."""
        if len(inicios) == 0:
            return np.zeros(0, dtype=np.int64)
        desde = min(inicios.min(), fines.min()).astype(date)
        hasta = max(inicios.max(), fines.max()).astype(date)
        feriados = np.array(self.no_habiles(desde, hasta + UN_DIA), dtype="datetime64[D]")
        uno = np.timedelta64(1, "D")
        # numpy no cuenta igual al revés: se cuenta del menor al mayor y se pone el signo.
        menores, mayores = np.minimum(inicios, fines), np.maximum(inicios, fines)
        cuenta = np.busday_count(menores + uno, mayores + uno, holidays=feriados)
        return np.where(fines < inicios, -cuenta, cuenta)
