"""Geometría de la gráfica SVG de tiempos: mediana y percentil 90 frente al plazo legal.

Solo números: la plantilla (seguimiento/_grafica_tiempos.html) dibuja. El nombre del trámite va
arriba de sus barras, en una o dos líneas, para que se lea en un teléfono de 360 px.
"""

import math
import textwrap
from dataclasses import dataclass, field

from seguimiento.tiempos import FilaTiempos

ANCHO = 400
MARGEN_IZQUIERDO = 4
MARGEN_DERECHO = 44
LINEA = 18
BARRA = 14
ENTRE_BARRAS = 3
ENTRE_FILAS = 14
ARRIBA = 8
CARACTERES_POR_LINEA = 44


@dataclass
class FilaGrafica:
    lineas: list[tuple[float, str]]  # (y, texto) del nombre
    y_mediana: float
    y_p90: float
    ancho_mediana: float
    ancho_p90: float
    mediana: int
    p90: int
    x_plazo: float | None
    y_plazo_desde: float
    y_plazo_hasta: float

    @property
    def x_texto_mediana(self) -> float:
        return MARGEN_IZQUIERDO + self.ancho_mediana + 4

    @property
    def x_texto_p90(self) -> float:
        return MARGEN_IZQUIERDO + self.ancho_p90 + 4


@dataclass
class Grafica:
    ancho: int
    alto: float
    maximo: int
    filas: list[FilaGrafica] = field(default_factory=list)
    # (x, texto) de las marcas del eje, y la altura del eje.
    marcas: list[tuple[float, int]] = field(default_factory=list)
    y_eje: float = 0

    @property
    def x_inicio(self) -> int:
        return MARGEN_IZQUIERDO


def _nombre(texto: str) -> list[str]:
    lineas = textwrap.wrap(texto, CARACTERES_POR_LINEA) or [""]
    if len(lineas) > 2:
        lineas = [lineas[0], lineas[1][: CARACTERES_POR_LINEA - 1].rstrip() + "…"]
    return lineas


def _paso(maximo: int) -> int:
    for paso in (5, 10, 20, 50, 100, 200, 500):
        if maximo / paso <= 6:
            return paso
    return 1000


def construir(filas: list[FilaTiempos]) -> Grafica | None:
    """La gráfica de los trámites con al menos una solicitud resuelta; None si no hay ninguno."""
    con_datos = [f for f in filas if f.resueltas and f.mediana is not None]
    if not con_datos:
        return None
    mayor = max(max(f.p90 for f in con_datos), max((f.plazo or 0) for f in con_datos), 1)
    paso = _paso(mayor)
    maximo = math.ceil(mayor / paso) * paso
    util = ANCHO - MARGEN_IZQUIERDO - MARGEN_DERECHO

    def escala(valor: int) -> float:
        return round(util * valor / maximo, 1)

    grafica = Grafica(ancho=ANCHO, alto=0, maximo=maximo)
    y = ARRIBA
    for fila in con_datos:
        lineas = []
        for texto in _nombre(fila.tramite.nombre):
            y += LINEA
            lineas.append((y, texto))
        y += 6
        y_mediana = y
        y_p90 = y + BARRA + ENTRE_BARRAS
        fin = y_p90 + BARRA
        grafica.filas.append(
            FilaGrafica(
                lineas=lineas,
                y_mediana=y_mediana,
                y_p90=y_p90,
                ancho_mediana=max(escala(fila.mediana), 1),
                ancho_p90=max(escala(fila.p90), 1),
                mediana=fila.mediana,
                p90=fila.p90,
                x_plazo=MARGEN_IZQUIERDO + escala(fila.plazo) if fila.plazo else None,
                y_plazo_desde=y_mediana - 3,
                y_plazo_hasta=fin + 3,
            )
        )
        y = fin + ENTRE_FILAS
    grafica.y_eje = y
    grafica.marcas = [
        (MARGEN_IZQUIERDO + escala(valor), valor) for valor in range(0, maximo + 1, paso)
    ]
    grafica.alto = y + 22
    return grafica
