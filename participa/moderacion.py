"""Lo que hace el personal con lo que llega: estados, fechas de cierre y borrado de contactos."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from participa.models import CERRADOS, Reporte, SolicitudDatos


def registrar_estado(objeto) -> None:
    """Fecha de cierre al atender o descartar; se borra si el caso se reabre."""
    if objeto.estado in CERRADOS and objeto.cerrado is None:
        objeto.cerrado = timezone.now()
    elif objeto.estado not in CERRADOS:
        objeto.cerrado = None


def cambiar_estado(objeto, estado: str, *, motivo: str = "") -> None:
    objeto.estado = estado
    registrar_estado(objeto)
    objeto._change_reason = motivo
    objeto.save()


def dias_para_responder() -> int:
    return int(getattr(settings, "PARTICIPA_PLAZO_RESPUESTA_DIAS", 15))


@dataclass(frozen=True)
class PlazoRespuesta:
    """Hasta cuándo se responde un caso y si, abierto, ya pasó esa fecha."""

    dias: int
    fecha: date
    vencido: bool


def plazo_respuesta(caso) -> PlazoRespuesta:
    dias = dias_para_responder()
    fecha = timezone.localdate(caso.creado) + timedelta(days=dias)
    vencido = caso.abierto and timezone.localdate() > fecha
    return PlazoRespuesta(dias=dias, fecha=fecha, vencido=vencido)


def vencidos(queryset):
    """Los casos abiertos cuyo plazo de respuesta ya pasó (la cola que el personal atiende primero)."""
    limite = timezone.localdate() - timedelta(days=dias_para_responder())
    return queryset.exclude(estado__in=CERRADOS).filter(creado__date__lt=limite)


def dias_retencion() -> int:
    return int(getattr(settings, "PARTICIPA_RETENCION_DIAS", 180))


def dias_retencion_maxima() -> int:
    return int(getattr(settings, "PARTICIPA_RETENCION_MAXIMA_DIAS", 365))


@transaction.atomic
def purgar_contactos(*, ahora=None) -> dict[str, int]:
    """Borra los datos de contacto vencidos según el aviso de privacidad.

    Se borran `dias_retencion()` días después de cerrar el caso y, en cualquier caso,
    `dias_retencion_maxima()` días después de recibirlo. El resto del reporte se conserva
    (sin nadie a quien identificar) para las cifras públicas.
    """
    ahora = ahora or timezone.now()
    cerrados_antes = ahora - timedelta(days=dias_retencion())
    recibidos_antes = ahora - timedelta(days=dias_retencion_maxima())
    borrados = {}
    for modelo in (Reporte, SolicitudDatos):
        vencidos = modelo.objects.filter(contacto_purgado__isnull=True).filter(
            Q(cerrado__lt=cerrados_antes) | Q(creado__lt=recibidos_antes)
        )
        borrados[str(modelo._meta.verbose_name_plural)] = vencidos.update(
            contacto_nombre="",
            contacto_correo="",
            contacto_telefono="",
            contacto_purgado=ahora,
        )
    return borrados
