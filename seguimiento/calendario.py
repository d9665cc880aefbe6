"""El calendario del INM en este sitio: festivos federales más los días inhábiles del personal."""

import logging
from collections.abc import Callable
from typing import TypeVar

from config import cache_paginas
from seguimiento.models import DiaInhabil
from seguimiento.plazos import Calendario

logger = logging.getLogger(__name__)

T = TypeVar("T")
_guardado: dict[str, tuple[str, object]] = {}


def por_version(nombre: str, calcular: Callable[[], T]) -> T:
    """`calcular()`, guardado en el proceso mientras no cambie la versión del contenido.

    Cada consulta de estado necesita el calendario y los temas con sus fuentes, y no puede ir
    a la caché de páginas (es de cada persona): así no los lee de la base cada vez. Cualquier
    cambio de contenido (un día inhábil nuevo, un tema editado) cambia la versión
    (config/cache_paginas.py).
    """
    try:
        version = cache_paginas.version()
    except Exception:  # noqa: BLE001 - sin caché se calcula cada vez
        logger.warning("Sin versión de contenido: %s se lee de la base", nombre, exc_info=True)
        return calcular()
    guardado = _guardado.get(nombre)
    if guardado and guardado[0] == version:
        return guardado[1]
    valor = calcular()
    _guardado[nombre] = (version, valor)
    return valor


def leer_calendario() -> Calendario:
    """Calendario con los días inhábiles que el personal registró en el admin (de la base)."""
    return Calendario(DiaInhabil.objects.order_by().values_list("fecha", flat=True))


def calendario_inm() -> Calendario:
    """El calendario del INM, guardado en el proceso mientras no cambie el contenido."""
    return por_version("calendario", leer_calendario)
