"""Dónde está cada lugar (exacto o aproximado) y cuáles quedan más cerca de un punto."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ventanillas.geografia import distancia_km

EXACTA = "exacta"
MUNICIPIO = "centro-del-municipio"
ESTADO = "centro-del-estado"

EXPLICACION = {
    EXACTA: _("Coordenadas dadas por una fuente."),
    MUNICIPIO: _("Posición aproximada: centro geométrico del municipio (INEGI)."),
    ESTADO: _(
        "Posición aproximada: centro geométrico del estado (INEGI); no se conoce el municipio."
    ),
}


@dataclass(frozen=True)
class Posicion:
    latitud: float
    longitud: float
    precision: str  # EXACTA, MUNICIPIO o ESTADO

    @property
    def aproximada(self) -> bool:
        return self.precision != EXACTA

    @property
    def explicacion(self) -> str:
        return str(EXPLICACION[self.precision])


def posicion(lugar) -> Posicion:
    """Coordenadas de la fuente si las hay; si no, el centro del municipio o del estado.

    Espera `estado` y `municipio` ya cargados (select_related) para no consultar de más.
    """
    if lugar.latitud is not None and lugar.longitud is not None:
        return Posicion(float(lugar.latitud), float(lugar.longitud), EXACTA)
    if lugar.municipio_id:
        return Posicion(lugar.municipio.latitud, lugar.municipio.longitud, MUNICIPIO)
    return Posicion(lugar.estado.latitud, lugar.estado.longitud, ESTADO)


@dataclass(frozen=True)
class Ubicado:
    """Un lugar con su posición: lo que hace falta para ordenarlo por distancia."""

    pk: int
    nombre: str
    posicion: Posicion


def ubicados(lugares) -> list[Ubicado]:
    return [Ubicado(lugar.pk, lugar.nombre, posicion(lugar)) for lugar in lugares]


@dataclass(frozen=True)
class Cercano:
    lugar: Ubicado
    distancia_km: float
    posicion: Posicion


def ordenar_por_distancia(*, lugares: list[Ubicado], origen: tuple[float, float]) -> list[Cercano]:
    """Los lugares del más cercano al más lejano (círculo máximo), con su distancia."""
    resultado = [
        Cercano(
            lugar,
            distancia_km(origen, (lugar.posicion.latitud, lugar.posicion.longitud)),
            lugar.posicion,
        )
        for lugar in lugares
    ]
    return sorted(resultado, key=lambda c: (c.distancia_km, c.lugar.nombre))
