"""Cifras públicas de participación: opiniones por página, reportes y solicitudes atendidas."""

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q, Value
from django.db.models.functions import Coalesce, NullIf, TruncMonth
from django.utils import timezone

from participa.models import Estado, Opinion, Reporte, SolicitudDatos, TipoIrregularidad

MESES = 12


ANCHO = 640
ETIQUETA = 300  # espacio a la izquierda para el texto de cada barra
ALTO_BARRA = 28


@dataclass
class Barra:
    etiqueta: str
    valor: int
    y: int = 0
    largo: float = 0  # en unidades del SVG


@dataclass
class Grafica:
    """Barras horizontales listas para dibujar (components/grafica_barras.html)."""

    barras: list[Barra]
    ancho: int = ANCHO
    x_barra: int = ETIQUETA

    @property
    def alto(self) -> int:
        return max(len(self.barras), 1) * ALTO_BARRA

    @property
    def total(self) -> int:
        return sum(b.valor for b in self.barras)


def barras(pares: list[tuple[str, int]]) -> Grafica:
    maximo = max((valor for _e, valor in pares), default=0) or 1
    espacio = ANCHO - ETIQUETA - 60  # deja lugar al número al final de la barra
    return Grafica(
        [
            Barra(str(etiqueta), valor, y=i * ALTO_BARRA, largo=round(espacio * valor / maximo, 1))
            for i, (etiqueta, valor) in enumerate(pares)
        ]
    )


def opiniones_por_pagina(limite: int = 15) -> list[dict]:
    return list(
        Opinion.objects.values("pagina")
        .annotate(si=Count("id", filter=Q(util=True)), no=Count("id", filter=Q(util=False)))
        .annotate(total=Count("id"))
        .order_by("-total", "pagina")[:limite]
    )


def reportes_por_tipo(desde) -> Grafica:
    cuentas = dict(
        Reporte.objects.filter(creado__gte=desde)
        .values_list("tipo")
        .annotate(n=Count("id"))
        .values_list("tipo", "n")
    )
    return barras(
        [(etiqueta, cuentas.get(valor, 0)) for valor, etiqueta in TipoIrregularidad.choices]
    )


def reportes_por_mes(desde) -> list[dict]:
    filas = (
        Reporte.objects.filter(creado__gte=desde)
        .annotate(mes=TruncMonth("creado"))
        .values("mes", "tipo")
        .annotate(n=Count("id"))
        .order_by("mes", "tipo")
    )
    meses: dict = {}
    for fila in filas:
        meses.setdefault(fila["mes"].date() if hasattr(fila["mes"], "date") else fila["mes"], {})[
            fila["tipo"]
        ] = fila["n"]
    return [
        {
            "mes": mes,
            "por_tipo": [cuentas.get(v, 0) for v, _e in TipoIrregularidad.choices],
            "total": sum(cuentas.values()),
        }
        for mes, cuentas in sorted(meses.items())
    ]


def reportes_por_oficina(desde, limite: int = 10) -> Grafica:
    # La oficina elegida de la lista; si no se eligió, la que la persona escribió.
    nombre = Coalesce("lugar__nombre", NullIf("oficina", Value("")))
    pares = (
        Reporte.objects.filter(creado__gte=desde)
        .annotate(nombre_oficina=nombre)
        .exclude(nombre_oficina=None)
        .values_list("nombre_oficina")
        .annotate(n=Count("id"))
        .order_by("-n", "nombre_oficina")[:limite]
    )
    return barras(list(pares))


def solicitudes() -> dict:
    todas = SolicitudDatos.objects.all()
    atendidas = list(
        todas.filter(estado=Estado.ATENDIDO, cerrado__isnull=False).values_list("creado", "cerrado")
    )
    dias = [(cerrado - creado) / timedelta(days=1) for creado, cerrado in atendidas]
    return {
        "recibidas": todas.count(),
        "atendidas": len(atendidas),
        "mediana_dias": round(statistics.median(dias), 1) if dias else None,
    }


def resultados() -> dict:
    desde = timezone.now() - timedelta(days=31 * MESES)
    return {
        "opiniones": opiniones_por_pagina(),
        "opiniones_total": Opinion.objects.count(),
        "tipos": [e for _v, e in TipoIrregularidad.choices],
        "reportes_tipo": reportes_por_tipo(desde),
        "reportes_mes": reportes_por_mes(desde),
        "reportes_oficina": reportes_por_oficina(desde),
        "solicitudes": solicitudes(),
    }
