"""Geometría de las gráficas SVG (serie mensual y barras por opción), dibujadas en el servidor.

Aquí solo se calculan coordenadas, marcas de los ejes y textos; las plantillas
`datos_abiertos/_grafica_*.html` las dibujan. Funcionan sin JavaScript y se imprimen igual.
"""

import math
from dataclasses import dataclass, field
from datetime import date

ANCHO = 480
ALTO = 260
MARGEN_IZQ = 76
MARGEN_DER = 16
MARGEN_SUP = 16
MARGEN_INF = 56
ALTO_BARRA = 30
MAX_BARRAS = 12


def escala_bonita(maximo: float, marcas: int = 4) -> list[int]:
    """Marcas del eje Y en números redondos (1, 2 o 5 × 10ⁿ) de 0 hasta cubrir `maximo`."""
    if maximo <= 0:
        return [0, 1]
    bruto = maximo / marcas
    potencia = 10 ** math.floor(math.log10(bruto))
    paso = next(p * potencia for p in (1, 2, 5, 10) if p * potencia >= bruto)
    paso = max(int(paso), 1)
    tope = math.ceil(maximo / paso) * paso
    return list(range(0, tope + paso, paso))


def abreviar(numero: int) -> str:
    """Etiqueta corta de eje: 1 200 000 → «1.2 M», 35 000 → «35 mil»."""
    if numero >= 1_000_000:
        return f"{numero / 1_000_000:.1f}".rstrip("0").rstrip(".") + " M"
    if numero >= 10_000:
        return f"{numero // 1000:,} mil"
    return f"{numero:,}"


def meses_entre(inicio: date, fin: date) -> list[date]:
    meses, actual = [], date(inicio.year, inicio.month, 1)
    while actual <= fin:
        meses.append(actual)
        actual = date(actual.year + (actual.month == 12), actual.month % 12 + 1, 1)
    return meses


@dataclass
class GraficaSerie:
    ancho: int
    alto: int
    puntos: str
    marcas_y: list = field(default_factory=list)  # [(y, texto)]
    marcas_x: list = field(default_factory=list)  # [(x, texto)]
    area: tuple = (0, 0, 0, 0)  # x0, y0, x1, y1 del área de trazo
    un_punto: tuple | None = None
    maximo: tuple | None = None  # (fecha, valor)
    meses: int = 0

    @property
    def centro_y(self) -> float:
        return (self.area[1] + self.area[3]) / 2


def serie(valores: dict[date, int], inicio: date, fin: date) -> GraficaSerie | None:
    """Línea mensual de `inicio` a `fin` (los meses sin filas valen 0)."""
    if not inicio or not fin or inicio > fin:
        return None
    meses = meses_entre(inicio, fin)
    datos = [valores.get(m, 0) for m in meses]
    marcas = escala_bonita(max(datos))
    tope = marcas[-1] or 1
    x0, x1 = MARGEN_IZQ, ANCHO - MARGEN_DER
    y0, y1 = MARGEN_SUP, ALTO - MARGEN_INF
    paso = (x1 - x0) / max(len(meses) - 1, 1)

    def y(valor):
        return round(y1 - (y1 - y0) * valor / tope, 1)

    puntos = " ".join(f"{round(x0 + i * paso, 1)},{y(v)}" for i, v in enumerate(datos))
    anios = sorted({m.year for m in meses})
    cada = max(1, math.ceil(len(anios) / 8))
    marcas_x = [
        (round(x0 + i * paso, 1), str(m.year))
        for i, m in enumerate(meses)
        if m.month == 1 and (m.year - anios[0]) % cada == 0
    ]
    if not marcas_x:
        marcas_x.append((x0, str(meses[0].year)))
    pico = max(range(len(datos)), key=lambda i: datos[i])
    return GraficaSerie(
        ancho=ANCHO,
        alto=ALTO,
        puntos=puntos,
        marcas_y=[(y(v), abreviar(v)) for v in marcas],
        marcas_x=marcas_x,
        area=(x0, y0, x1, y1),
        un_punto=(x0, y(datos[0])) if len(meses) == 1 else None,
        maximo=(meses[pico], datos[pico]),
        meses=len(meses),
    )


@dataclass
class Barra:
    etiqueta: str
    valor: int
    y: int
    ancho: float
    x_valor: float
    codigo: str = ""


@dataclass
class GraficaBarras:
    ancho: int
    alto: int
    barras: list
    x_etiquetas: int
    x_barras: int
    ancho_util: int
    otras: int = 0


def barras(
    totales: list[tuple[str, str, int]], ancho: int = 400, *, en_orden: bool = False
) -> GraficaBarras | None:
    """Barras horizontales de mayor a menor (código, etiqueta, valor); las demás, en «Otras».

    `en_orden` las deja en el orden dado (p. ej. años de una serie).
    """
    ordenados = [t for t in totales if t[2] > 0]
    if not en_orden:
        ordenados.sort(key=lambda t: -t[2])
    if not ordenados:
        return None
    visibles, resto = ordenados[:MAX_BARRAS], ordenados[MAX_BARRAS:]
    x_barras = 150
    # Espacio a la derecha para escribir el valor de la barra más larga.
    util = ancho - x_barras - 72
    mayor = visibles[0][2]
    lista = []
    for i, (codigo, etiqueta, valor) in enumerate(visibles):
        texto = etiqueta if len(etiqueta) <= 22 else etiqueta[:21] + "…"
        largo = max(round(util * valor / mayor, 1), 1)
        lista.append(Barra(texto, valor, 8 + i * ALTO_BARRA, largo, x_barras + largo + 6, codigo))
    return GraficaBarras(
        ancho=ancho,
        alto=16 + len(lista) * ALTO_BARRA,
        barras=lista,
        x_etiquetas=x_barras - 6,
        x_barras=x_barras,
        ancho_util=util,
        otras=len(resto),
    )
