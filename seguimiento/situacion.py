"""En qué va una solicitud: su plazo legal, cuándo vence, si va en tiempo y qué sigue.

La página de estado muestra lo que calcula `situacion()`; los textos para la persona están en
la plantilla (seguimiento/estado.html), elegidos por `paso` y `estado_plazo`.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from seguimiento.models import CambioEstatus, Estatus, Solicitud
from seguimiento.plazos import Calendario
from seguimiento.registro import ordenar


class EstadoPlazo:
    SIN_PLAZO = "sin_plazo"  # el trámite no tiene plazo publicado
    EN_TIEMPO = "en_tiempo"  # abierta, antes del vencimiento
    VENCIDO = "vencido"  # abierta, después del vencimiento
    SUSPENDIDO = "suspendido"  # esperando lo que pidió el INM
    RESUELTO_EN_PLAZO = "resuelto_en_plazo"
    RESUELTO_FUERA = "resuelto_fuera"


@dataclass
class Situacion:
    solicitud: Solicitud
    historial: list[CambioEstatus]
    hoy: date
    plazo: int | None
    # Plazo en días naturales, si la ley lo fija así (la regularización, art. 136): vence tantos
    # días de calendario después del inicio, aunque lo demás se cuente en días hábiles.
    plazo_naturales: int | None
    inicio_plazo: date
    vence: date | None
    estado_plazo: str
    # Días hábiles que faltan (positivo) o que han pasado desde el vencimiento (negativo).
    dias_restantes: int | None
    # Días hábiles desde el inicio del plazo hasta la resolución o hasta hoy.
    dias_transcurridos: int
    # El último requerimiento, si la solicitud está esperando información.
    requerimiento: CambioEstatus | None
    dias_para_responder: int | None

    @property
    def paso(self) -> str:
        """Qué debe hacer la persona: uno de los valores de Estatus."""
        return self.solicitud.estatus

    @property
    def dias_vencido(self) -> int | None:
        return -self.dias_restantes if self.dias_restantes is not None else None

    @property
    def respuesta_vencida(self) -> bool:
        return self.dias_para_responder is not None and self.dias_para_responder < 0


def situacion(
    solicitud: Solicitud, historial: list[CambioEstatus], *, hoy: date, calendario: Calendario
) -> Situacion:
    historial = ordenar(historial)
    plazo = solicitud.tramite.plazo_resolucion_dias_habiles
    naturales = solicitud.tramite.plazo_resolucion_dias_naturales
    inicio = solicitud.inicio_plazo
    fin = solicitud.fecha_resolucion or hoy
    transcurridos = max(0, calendario.dias_habiles_entre(inicio, fin))
    requerimiento = None
    dias_para_responder = None
    vence = None
    if plazo:
        vence = calendario.sumar_dias_habiles(inicio, plazo)
    elif naturales:
        vence = inicio + timedelta(days=naturales)
    restantes = None
    if solicitud.estatus == Estatus.REQUIERE_INFORMACION:
        requerimiento = historial[-1] if historial else None
        if requerimiento and requerimiento.fecha_limite:
            dias_para_responder = calendario.dias_habiles_entre(hoy, requerimiento.fecha_limite)
        estado = EstadoPlazo.SUSPENDIDO
        # Mientras se espera la información, el plazo no corre: vuelve a contar al entregarla.
        vence = None
    elif vence is None:
        estado = EstadoPlazo.SIN_PLAZO
    elif solicitud.resuelta:
        en_plazo = solicitud.fecha_resolucion <= vence
        estado = EstadoPlazo.RESUELTO_EN_PLAZO if en_plazo else EstadoPlazo.RESUELTO_FUERA
    else:
        restantes = calendario.dias_habiles_entre(hoy, vence)
        estado = EstadoPlazo.EN_TIEMPO if hoy <= vence else EstadoPlazo.VENCIDO
    return Situacion(
        solicitud=solicitud,
        historial=historial,
        hoy=hoy,
        plazo=plazo,
        plazo_naturales=naturales,
        inicio_plazo=inicio,
        vence=vence,
        estado_plazo=estado,
        dias_restantes=restantes,
        dias_transcurridos=transcurridos,
        requerimiento=requerimiento,
        dias_para_responder=dias_para_responder,
    )
