"""Agregados mensuales de las atenciones para el conjunto de datos abiertos.

Contrato con datos_abiertos (docs/ventanillas.md): una fila por combinación de periodo,
ventanilla, entidad, servicio, nacionalidad, sexo y grupo de edad, con el número de atenciones
SIN suprimir (la supresión de celdas menores de 5 la hace datos_abiertos al publicar). Una
atención con varios servicios cuenta una vez por servicio.
"""

from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth

from ventanillas.models import ServicioAtendido

SIN_NACIONALIDAD = "XX"


def atenciones_mensuales(*, desde: date | None = None, hasta: date | None = None) -> list[dict]:
    """Filas del contrato, ordenadas; `desde` y `hasta` (incluidos) acotan la fecha de atención."""
    consulta = ServicioAtendido.objects.all()
    if desde is not None:
        consulta = consulta.filter(atencion__fecha__gte=desde)
    if hasta is not None:
        consulta = consulta.filter(atencion__fecha__lte=hasta)
    grupos = (
        consulta.annotate(periodo=TruncMonth("atencion__fecha"))
        .values(
            "periodo",
            "atencion__ventanilla__slug",
            "atencion__ventanilla__estado__clave",
            "servicio",
            "atencion__nacionalidad",
            "atencion__sexo",
            "atencion__grupo_edad",
        )
        .annotate(atenciones=Count("atencion", distinct=True))
        .order_by(
            "periodo",
            "atencion__ventanilla__slug",
            "servicio",
            "atencion__nacionalidad",
            "atencion__sexo",
            "atencion__grupo_edad",
        )
    )
    filas = []
    for grupo in grupos:
        periodo = grupo["periodo"]
        # SQLite puede devolver datetime; el contrato pide date del primer día del mes.
        if hasattr(periodo, "date"):
            periodo = periodo.date()
        filas.append(
            {
                "periodo": periodo.replace(day=1),
                "ventanilla": grupo["atencion__ventanilla__slug"],
                "entidad": grupo["atencion__ventanilla__estado__clave"],
                "servicio": grupo["servicio"],
                "nacionalidad": (grupo["atencion__nacionalidad"] or SIN_NACIONALIDAD).upper(),
                "sexo": grupo["atencion__sexo"],
                "grupo_edad": grupo["atencion__grupo_edad"],
                "atenciones": grupo["atenciones"],
            }
        )
    return filas
