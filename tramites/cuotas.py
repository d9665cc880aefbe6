"""Cuotas de derechos: cuál está vigente, cómo se resume y cuánto se paga en total.

El redondeo sigue el art. 6 de la Ley Federal de Derechos: para pagar, los centavos de 1 a 50
bajan al peso inferior y los de 51 a 99 suben al superior; si en un mismo acto se pagan varios
derechos, se suman sin ajustar y se ajusta solo el total.
"""

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from itertools import product

from django.utils import timezone
from django.utils.translation import gettext as _

from tramites.models import Cuota, EstadoCuota, Modalidad, Tramite

CERO = Decimal(0)


def anio_actual() -> int:
    return timezone.localdate().year


def redondear_lfd(monto: Decimal) -> Decimal:
    """Ajuste al peso del art. 6 LFD: 1–50 centavos bajan, 51–99 suben."""
    pesos = monto.to_integral_value(rounding=ROUND_FLOOR)
    centavos = (monto - pesos) * 100
    return pesos + 1 if centavos > 50 else pesos


@dataclass(frozen=True)
class ResumenCuotas:
    """Lo que cabe en una línea de la lista de trámites."""

    tipo: str  # "sin_costo", "monto", "rango", "desconocida"
    minimo: Decimal | None = None
    maximo: Decimal | None = None
    incompleto: bool = False


def resumir(cuotas: list[Cuota], anio: int | None = None) -> ResumenCuotas:
    anio = anio or anio_actual()
    estados = [(c, c.estado(anio)) for c in cuotas]
    vigentes = [c.monto for c, e in estados if e == EstadoCuota.VIGENTE]
    incompleto = any(
        e in (EstadoCuota.DESCONOCIDA, EstadoCuota.DESACTUALIZADA) for _c, e in estados
    )
    if vigentes:
        minimo, maximo = min(vigentes), max(vigentes)
        tipo = "monto" if minimo == maximo else "rango"
        return ResumenCuotas(tipo, minimo, maximo, incompleto)
    if estados and all(e == EstadoCuota.SIN_COSTO for _c, e in estados):
        return ResumenCuotas("sin_costo")
    return ResumenCuotas("desconocida", incompleto=True)


@dataclass(frozen=True)
class Escenario:
    """Una combinación que la persona puede pagar: trámite, modalidad y, si hay, una opción."""

    clave: str
    tramite: Tramite
    modalidad: Modalidad | None
    cuotas: tuple[Cuota, ...]
    opciones: tuple[Cuota, ...] = ()

    @property
    def etiqueta(self) -> str:
        partes = [self.modalidad.nombre] if self.modalidad else []
        partes += [c.concepto for c in self.opciones]
        return " — ".join(partes) or _("Único")


def escenarios(tramite: Tramite) -> list[Escenario]:
    """Todas las combinaciones de pago de un trámite (usa los datos ya precargados)."""
    cuotas = list(tramite.cuotas.all())
    if not cuotas:
        return []
    resultado = []
    for modalidad in list(tramite.modalidades.all()) or [None]:
        aplicables = [
            c
            for c in cuotas
            if c.modalidad_id is None or (modalidad and c.modalidad_id == modalidad.pk)
        ]
        if not aplicables:
            continue
        fijas = [c for c in aplicables if not c.grupo]
        grupos: dict[str, list[Cuota]] = {}
        for cuota in aplicables:
            if cuota.grupo:
                grupos.setdefault(cuota.grupo, []).append(cuota)
        for opciones in product(*grupos.values()):
            clave = ":".join(
                [tramite.slug, modalidad.slug if modalidad else "-"] + [str(c.pk) for c in opciones]
            )
            cuotas_escenario = tuple(sorted(fijas + list(opciones), key=lambda c: (c.orden, c.pk)))
            resultado.append(
                Escenario(clave, tramite, modalidad, cuotas_escenario, tuple(opciones))
            )
    return resultado


@dataclass
class Linea:
    cuota: Cuota
    estado: str
    por_persona: Decimal | None
    subtotal: Decimal | None


@dataclass
class Calculo:
    escenario: Escenario
    personas: int
    lineas: list[Linea] = field(default_factory=list)
    por_persona: Decimal = CERO
    por_persona_redondeado: Decimal = CERO
    total: Decimal = CERO

    @property
    def completo(self) -> bool:
        """El total incluye todas las cuotas (ninguna desconocida ni de otro año)."""
        return all(linea.por_persona is not None for linea in self.lineas)

    @property
    def faltantes(self) -> list[Linea]:
        return [linea for linea in self.lineas if linea.por_persona is None]


def calcular(escenario: Escenario, personas: int, anio: int | None = None) -> Calculo:
    """Total a pagar por `personas`: cada pago se ajusta al peso por separado (art. 6 LFD)."""
    if personas < 1:
        raise ValueError("personas debe ser al menos 1")
    anio = anio or anio_actual()
    calculo = Calculo(escenario=escenario, personas=personas)
    for cuota in escenario.cuotas:
        estado = cuota.estado(anio)
        cuenta = estado in (EstadoCuota.VIGENTE, EstadoCuota.SIN_COSTO)
        monto = cuota.monto if cuenta else None
        calculo.lineas.append(
            Linea(cuota, estado, monto, monto * personas if monto is not None else None)
        )
        if monto is not None:
            calculo.por_persona += monto
    calculo.por_persona_redondeado = redondear_lfd(calculo.por_persona)
    calculo.total = calculo.por_persona_redondeado * personas
    return calculo
