"""Reglas del historial de una solicitud: su estatus actual, su resolución y su plazo.

El estatus que ve la persona, la fecha de resolución (para las estadísticas) y el inicio del
plazo legal se deducen del historial, no se capturan aparte; así el admin, la importación y
el generador de muestra no pueden contradecirse.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from seguimiento.models import RESUELTOS, CambioEstatus, Estatus, Solicitud
from seguimiento.plazos import Calendario

# Ley de Migración, art. 130: días hábiles para entregar lo que el INM requiere.
DIAS_PARA_SUBSANAR = 10
# Orden natural de los estatus: desempata dos cambios del mismo día.
ORDEN = {valor: indice for indice, valor in enumerate(Estatus.values)}


@dataclass(frozen=True)
class Derivado:
    """Los campos de la solicitud que salen de su historial."""

    estatus: str
    fecha_estatus: date
    fecha_resolucion: date | None
    inicio_plazo: date


def ordenar(cambios: Iterable) -> list:
    """Cambios (objetos con .estatus y .fecha) del más antiguo al más reciente."""
    return sorted(cambios, key=lambda c: (c.fecha, ORDEN.get(c.estatus, 0)))


def derivar(fecha_ingreso: date, cambios: Iterable) -> Derivado:
    """Estatus actual, fecha de resolución e inicio del plazo a partir del historial.

    - Sin cambios, la solicitud está «recibida» desde su ingreso.
    - La fecha de resolución es la del primer estatus de resolución del último tramo resuelto
      (un «documento listo» no cambia cuándo se resolvió).
    - El plazo corre desde el ingreso o, si el INM pidió información, desde el cambio que sigue
      al último requerimiento (el día en que se entregó lo pedido): Ley de Migración, art. 128,
      cuenta el plazo desde que se cumplen todos los requisitos.
    """
    historial = ordenar(cambios)
    if not historial:
        return Derivado(Estatus.RECIBIDO, fecha_ingreso, None, fecha_ingreso)
    actual = historial[-1]
    resolucion = None
    if actual.estatus in RESUELTOS:
        indice = len(historial) - 1
        while indice > 0 and historial[indice - 1].estatus in RESUELTOS:
            indice -= 1
        resolucion = historial[indice].fecha
    inicio = fecha_ingreso
    for anterior, siguiente in zip(historial, historial[1:], strict=False):
        if anterior.estatus == Estatus.REQUIERE_INFORMACION:
            inicio = siguiente.fecha
    return Derivado(str(actual.estatus), actual.fecha, resolucion, inicio)


def aplicar(solicitud: Solicitud, derivado: Derivado) -> list[str]:
    """Copia lo derivado a la solicitud (sin guardar); devuelve los campos que cambiaron."""
    cambiados = []
    for campo in ("estatus", "fecha_estatus", "fecha_resolucion", "inicio_plazo"):
        valor = getattr(derivado, campo)
        if getattr(solicitud, campo, None) != valor:
            setattr(solicitud, campo, valor)
            cambiados.append(campo)
    return cambiados


def recalcular(solicitud: Solicitud) -> None:
    """Vuelve a deducir y guarda el estatus de una solicitud ya guardada (p. ej. tras el admin)."""
    derivado = derivar(solicitud.fecha_ingreso, solicitud.cambios.all())
    cambiados = aplicar(solicitud, derivado)
    if cambiados:
        solicitud.save(update_fields=[*cambiados, "actualizada"])


def fecha_limite_por_omision(fecha: date, calendario: Calendario) -> date:
    """Diez días hábiles después del requerimiento (Ley de Migración, art. 130)."""
    return calendario.sumar_dias_habiles(fecha, DIAS_PARA_SUBSANAR)


def primer_cambio(solicitud: Solicitud) -> CambioEstatus:
    """El «recibido» con que empieza el historial de una solicitud nueva."""
    return CambioEstatus(
        solicitud=solicitud, estatus=Estatus.RECIBIDO, fecha=solicitud.fecha_ingreso
    )
