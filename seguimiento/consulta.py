"""Consulta de una solicitud con su número y su contraseña.

Un número que no existe y una contraseña equivocada dan el mismo resultado, en el mismo tiempo
(la contraseña se compara siempre contra un cifrado, real o señuelo), y cada intento pasa antes
por los límites de `limites.py`.
"""

import logging
from dataclasses import dataclass, field

from django.utils import timezone

from seguimiento import contrasenas, limites
from seguimiento.calendario import calendario_inm
from seguimiento.models import CambioEstatus, Solicitud
from seguimiento.situacion import Situacion, situacion

logger = logging.getLogger(__name__)


@dataclass
class Resultado:
    situacion: Situacion | None = None
    bloqueo: limites.Bloqueo | None = None
    # Solo para el registro: nunca se muestra (la persona ve el mismo mensaje en ambos casos).
    motivo: str = field(default="", repr=False)

    @property
    def encontrada(self) -> bool:
        return self.situacion is not None


def _buscar(nut: str) -> Solicitud | None:
    # Una sola consulta exista o no: el historial se lee después de comprobar la contraseña,
    # para que el tiempo de respuesta no delate qué números existen.
    return (
        Solicitud.objects.select_related("tramite", "modalidad", "oficina").filter(nut=nut).first()
    )


def consultar(*, nut: str, contrasena: str, ip: str) -> Resultado:
    """La situación de la solicitud si el número y la contraseña corresponden."""
    reserva = limites.intentar(nut=nut, ip=ip)
    if isinstance(reserva, limites.Bloqueo):
        logger.info("Consulta de seguimiento bloqueada hasta %s", reserva.hasta.isoformat())
        return Resultado(bloqueo=reserva)
    solicitud = _buscar(nut)
    correcta = contrasenas.verificar(contrasena, solicitud.contrasena if solicitud else None)
    if not correcta:
        return Resultado(motivo="sin_solicitud" if solicitud is None else "contrasena")
    limites.devolver(reserva)
    return Resultado(
        situacion=situacion(
            solicitud,
            list(CambioEstatus.objects.filter(solicitud=solicitud).order_by("fecha", "id")),
            hoy=timezone.localdate(),
            calendario=calendario_inm(),
        )
    )
