"""Geografía de México para ubicar lugares sin coordenadas: distancias, proyección y mapa.

Ninguna fuente da coordenadas de las ventanillas ni de las oficinas. Su posición aproximada es
el centro geométrico de su municipio (o de su estado, si no se conoce el municipio), calculado
del Marco Geoestadístico del INEGI; ver ventanillas/geodatos/LEEME.md.
"""

import csv
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GEODATOS = Path(__file__).resolve().parent / "geodatos"
RADIO_TIERRA_KM = 6371.0088

# Proyección cónica conforme de Lambert que usa el INEGI para todo el país (ITRF2008, GRS80):
# la misma del Marco Geoestadístico, así que el mapa y los marcadores coinciden.
_A = 6378137.0
_F = 1 / 298.257222101
_E = math.sqrt(2 * _F - _F**2)
_LAT0, _LAT1, _LAT2, _LON0 = map(math.radians, (12.0, 17.5, 29.5, -102.0))
_FE, _FN = 2_500_000.0, 0.0


def _m(phi: float) -> float:
    return math.cos(phi) / math.sqrt(1 - (_E * math.sin(phi)) ** 2)


def _t(phi: float) -> float:
    s = _E * math.sin(phi)
    return math.tan(math.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (_E / 2)


_N = (math.log(_m(_LAT1)) - math.log(_m(_LAT2))) / (math.log(_t(_LAT1)) - math.log(_t(_LAT2)))
_FACTOR = _m(_LAT1) / (_N * _t(_LAT1) ** _N)
_RHO0 = _A * _FACTOR * _t(_LAT0) ** _N


def proyectar(latitud: float, longitud: float) -> tuple[float, float]:
    """(latitud, longitud) en grados → (x, y) en metros de la cónica de Lambert del INEGI."""
    phi, lam = math.radians(latitud), math.radians(longitud)
    rho = _A * _FACTOR * _t(phi) ** _N
    theta = _N * (lam - _LON0)
    return _FE + rho * math.sin(theta), _FN + _RHO0 - rho * math.cos(theta)


def desproyectar(x: float, y: float) -> tuple[float, float]:
    """Inversa de `proyectar`: metros de la cónica de Lambert → (latitud, longitud) en grados."""
    dx, dy = x - _FE, _RHO0 - (y - _FN)
    rho = math.copysign(math.hypot(dx, dy), _N)
    t = (rho / (_A * _FACTOR)) ** (1 / _N)
    theta = math.atan2(dx, dy)
    phi = math.pi / 2 - 2 * math.atan(t)
    for _ in range(10):
        s = _E * math.sin(phi)
        phi = math.pi / 2 - 2 * math.atan(t * ((1 - s) / (1 + s)) ** (_E / 2))
    return math.degrees(phi), math.degrees(theta / _N + _LON0)


def distancia_km(origen: tuple[float, float], destino: tuple[float, float]) -> float:
    """Distancia de círculo máximo (haversine) entre dos puntos (latitud, longitud)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*origen, *destino))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * RADIO_TIERRA_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Municipio:
    clave: str  # CVEGEO de cinco dígitos: entidad (2) + municipio (3)
    nombre: str
    latitud: float
    longitud: float

    @property
    def clave_entidad(self) -> str:
        return self.clave[:2]


@cache
def municipios() -> dict[str, Municipio]:
    """Los municipios del Marco Geoestadístico con su centro geométrico, por clave."""
    with (GEODATOS / "municipios.csv").open(encoding="utf-8", newline="") as archivo:
        return {
            fila["clave"]: Municipio(
                fila["clave"], fila["nombre"], float(fila["latitud"]), float(fila["longitud"])
            )
            for fila in csv.DictReader(archivo)
        }


@cache
def mapa() -> dict:
    """Contornos simplificados de los estados para el mapa SVG y el centro de cada estado."""
    return json.loads((GEODATOS / "estados.json").read_text(encoding="utf-8"))


def a_mapa(latitud: float, longitud: float) -> tuple[float, float]:
    """Posición de un punto en el lienzo del mapa (las unidades del viewBox del SVG)."""
    datos = mapa()
    x, y = proyectar(latitud, longitud)
    escala = datos["escala"]
    return (
        round((x - datos["origen_x"]) * escala, 1),
        round((datos["origen_y"] - y) * escala, 1),
    )
