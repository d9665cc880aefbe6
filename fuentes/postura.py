"""Qué tan seguro es un hecho (una cuota, un requisito, un plazo, una cifra): su postura.

Una sola regla para todo el sitio, calculada aquí y entregada como dato a cada superficie (la
ficha, la calculadora, los PDF, la API, el JSON-LD); ninguna la vuelve a calcular:

- oficial: al menos una de sus fuentes está en un dominio oficial;
- secundaria: solo lo dicen fuentes no oficiales (prensa, despachos, blogs): hay que confirmarlo;
- muestra: dato generado para probar el sitio, nunca una cifra real;
- no localizado: no se encontró en ninguna fuente; se pregunta en la oficina.

Un total vale lo que su parte menos segura: si suma un monto secundario, el total también lo es.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from fuentes.clasificacion import TipoFuente


class Postura(models.TextChoices):
    OFICIAL = "oficial", _("Fuente oficial")
    SECUNDARIA = "secundaria", _("Fuente no oficial: confírmelo")
    MUESTRA = "muestra", _("Dato de muestra")
    NO_LOCALIZADO = "no_localizado", _("No localizado")


# De la más segura a la menos segura.
ORDEN = (Postura.OFICIAL, Postura.SECUNDARIA, Postura.MUESTRA, Postura.NO_LOCALIZADO)

_DE_TIPO = {
    TipoFuente.OFICIAL: Postura.OFICIAL,
    TipoFuente.SECUNDARIA: Postura.SECUNDARIA,
    TipoFuente.MUESTRA: Postura.MUESTRA,
}

EXPLICACIONES = {
    Postura.OFICIAL: _("Lo dice una fuente oficial."),
    Postura.SECUNDARIA: _(
        "Solo lo dicen fuentes no oficiales (prensa, despachos): confírmelo en la oficina del "
        "INM antes de pagar o de presentar su trámite."
    ),
    Postura.MUESTRA: _("Dato de muestra generado para probar el sitio: no es una cifra real."),
    Postura.NO_LOCALIZADO: _(
        "No lo localizamos en ninguna fuente: pregunte en la oficina del INM o al 800 004 6264."
    ),
}


@dataclass(frozen=True)
class Respaldo:
    """La postura de un hecho con lo que la sostiene: se pasa tal cual a plantillas y API."""

    postura: Postura
    fundamento: str = ""  # p. ej. «LFD art. 8o. fr. VII», si la fuente lo cita
    fuente_url: str = ""

    @property
    def oficial(self) -> bool:
        return self.postura == Postura.OFICIAL

    @property
    def etiqueta(self) -> str:
        return str(self.postura.label)

    @property
    def explicacion(self) -> str:
        return str(EXPLICACIONES[self.postura])

    def a_dict(self) -> dict:
        return {
            "postura": self.postura.value,
            "fundamento": self.fundamento or None,
            "fuente": self.fuente_url or None,
        }


def de_fuentes(fuentes: Iterable, *, conocido: bool = True) -> Postura:
    """La postura de un hecho según sus fuentes: la mejor de ellas; sin dato, no localizado."""
    if not conocido:
        return Postura.NO_LOCALIZADO
    posturas = {_DE_TIPO[fuente.tipo] for fuente in fuentes if fuente is not None}
    return next((p for p in ORDEN if p in posturas), Postura.NO_LOCALIZADO)


def respaldo(*, fuente, conocido: bool = True, fundamento: str = "") -> Respaldo:
    """El respaldo de un hecho con una sola fuente (una cuota, un requisito, un plazo)."""
    postura = de_fuentes([fuente], conocido=conocido)
    return Respaldo(
        postura=postura,
        fundamento=fundamento if postura != Postura.NO_LOCALIZADO else "",
        fuente_url=fuente.url if fuente is not None and conocido else "",
    )


def minima(posturas: Iterable[Postura]) -> Postura:
    """La postura de un total: la de su parte menos segura (sin partes, no localizado)."""
    presentes = set(posturas)
    return next((p for p in reversed(ORDEN) if p in presentes), Postura.NO_LOCALIZADO)


def ordenar(fuentes: Iterable) -> list:
    """Las fuentes como las lee una persona: las oficiales primero, luego por dirección."""
    return sorted(fuentes, key=lambda f: (ORDEN.index(_DE_TIPO[f.tipo]), f.url))
