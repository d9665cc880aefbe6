"""El mapa SVG de México, dibujado en el servidor: contornos de los estados y un marcador por lugar
(círculo: ventanilla de la OIM; cuadrado: oficina del INM; triángulo: otro lugar que ayuda).

Funciona sin JavaScript y sin conexión: todo va en el HTML. Los lugares que caen en el mismo
punto (p. ej. dos oficinas en el mismo municipio) se reparten en un círculo pequeño para que
cada marcador se vea y se pueda pulsar.
"""

import math
from collections import defaultdict
from dataclasses import dataclass

from ventanillas.cercania import Posicion, posicion
from ventanillas.geografia import a_mapa, mapa

# Separación, en unidades del lienzo, entre marcadores que comparten un punto.
SEPARACION = 9


@dataclass(frozen=True)
class Marcador:
    lugar: object
    x: float
    y: float
    posicion: Posicion

    # Esquina del cuadrado de 8 × 8 que marca una oficina.
    @property
    def x_cuadro(self) -> float:
        return round(self.x - 4, 1)

    @property
    def y_cuadro(self) -> float:
        return round(self.y - 4, 1)

    # Vértices del triángulo que marca otro lugar que ayuda (ni ventanilla ni oficina).
    @property
    def triangulo(self) -> str:
        return " ".join(
            f"{round(self.x + dx, 1)},{round(self.y + dy, 1)}"
            for dx, dy in ((0, -5), (5, 4), (-5, 4))
        )


@dataclass(frozen=True)
class Mapa:
    ancho: int
    alto: int
    estados: list[dict]
    marcadores: list[Marcador]


def construir_mapa(*, lugares) -> Mapa:
    datos = mapa()
    grupos = defaultdict(list)
    for lugar in lugares:
        punto = posicion(lugar)
        grupos[a_mapa(punto.latitud, punto.longitud)].append((lugar, punto))
    marcadores = []
    for (x, y), grupo in grupos.items():
        if len(grupo) == 1:
            lugar, punto = grupo[0]
            marcadores.append(Marcador(lugar, x, y, punto))
            continue
        radio = SEPARACION * len(grupo) / (2 * math.pi) + SEPARACION / 2
        for indice, (lugar, punto) in enumerate(grupo):
            angulo = 2 * math.pi * indice / len(grupo) - math.pi / 2
            marcadores.append(
                Marcador(
                    lugar,
                    round(x + radio * math.cos(angulo), 1),
                    round(y + radio * math.sin(angulo), 1),
                    punto,
                )
            )
    return Mapa(
        ancho=datos["ancho"],
        alto=datos["alto"],
        estados=[{"clave": e["clave"], "trazo": e["trazo"]} for e in datos["estados"]],
        marcadores=marcadores,
    )
