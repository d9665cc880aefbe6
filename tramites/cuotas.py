"""Cuotas de derechos: cuál está vigente, cómo se resume y cuánto se paga en total.

El redondeo sigue el art. 6 de la Ley Federal de Derechos: para pagar, los centavos de 1 a 50
bajan al peso inferior y los de 51 a 99 suben al superior; si en un mismo acto se pagan varios
derechos, se suman sin ajustar y se ajusta solo el total.
"""

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from itertools import product

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from fuentes import postura
from fuentes.postura import Postura, Respaldo
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
class Monto:
    """Una cuota como la ve quien paga: cuánto se paga, la cifra de la ley y qué tan seguro es.

    `a_pagar` ya va ajustado al peso (art. 6 LFD); `cifra_de_ley` es la cuota sin ajuste, solo
    si tiene centavos. Es la misma en la ficha, la calculadora, los PDF y la API.
    """

    cuota: Cuota
    estado: str
    respaldo: Respaldo

    @property
    def cuenta(self) -> bool:
        """¿Entra en un total? Solo lo vigente o sin costo (no lo de otro año ni lo desconocido)."""
        return self.estado in (EstadoCuota.VIGENTE, EstadoCuota.SIN_COSTO)

    @property
    def a_pagar(self) -> Decimal | None:
        return redondear_lfd(self.cuota.monto) if self.cuenta else None

    @property
    def cifra_de_ley(self) -> Decimal | None:
        monto = self.cuota.monto
        return monto if self.cuenta and monto != redondear_lfd(monto) else None

    @property
    def sin_costo(self) -> bool:
        return self.estado == EstadoCuota.SIN_COSTO


def monto(cuota: Cuota, anio: int | None = None) -> Monto:
    estado, respaldo = cuota.estado(anio or anio_actual()), cuota.respaldo
    if estado == EstadoCuota.SIN_COSTO and respaldo.postura == Postura.NO_LOCALIZADO:
        # «Sin costo» es un dato como cualquier monto: sin fuente que lo diga, no se afirma.
        estado = EstadoCuota.DESCONOCIDA
    return Monto(cuota, estado, respaldo)


@dataclass(frozen=True)
class ResumenCuotas:
    """Lo que cabe en una línea (lista de trámites, primera pantalla de la ficha, orientador).

    Los montos son los que se pagan (ajustados al peso); `respaldo` es el de la cuota menos
    segura de las que se resumen.
    """

    tipo: str  # "sin_costo", "monto", "rango", "desconocida"
    minimo: Decimal | None = None
    maximo: Decimal | None = None
    incompleto: bool = False
    respaldo: Respaldo = field(default_factory=lambda: Respaldo(Postura.NO_LOCALIZADO))


def resumir(cuotas: list[Cuota], anio: int | None = None) -> ResumenCuotas:
    anio = anio or anio_actual()
    montos = [monto(c, anio) for c in cuotas]
    vigentes = [m for m in montos if m.estado == EstadoCuota.VIGENTE]
    incompleto = any(
        m.estado in (EstadoCuota.DESCONOCIDA, EstadoCuota.DESACTUALIZADA) for m in montos
    )
    if vigentes:
        minimo = min(m.a_pagar for m in vigentes)
        maximo = max(m.a_pagar for m in vigentes)
        return ResumenCuotas(
            "monto" if minimo == maximo else "rango",
            minimo,
            maximo,
            incompleto,
            Respaldo(postura.minima(m.respaldo.postura for m in vigentes)),
        )
    if montos and all(m.sin_costo for m in montos):
        return ResumenCuotas(
            "sin_costo", respaldo=Respaldo(postura.minima(m.respaldo.postura for m in montos))
        )
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


@dataclass(frozen=True)
class CuotasPublicadas:
    """Las cuotas de todos los trámites publicados: la tabla de un año y las combinaciones."""

    tabla: list[tuple[Tramite, list[Monto]]]
    escenarios: list[Escenario]


def publicadas(anio: int) -> CuotasPublicadas:
    """Para la página de cuotas; solo depende del contenido y del año (se guarda por versión)."""
    tramites = list(
        Tramite.objects.publicados().prefetch_related(
            "modalidades",
            models.Prefetch("cuotas", Cuota.objects.select_related("modalidad", "fuente")),
        )
    )
    return CuotasPublicadas(
        tabla=[(t, [monto(c, anio) for c in t.cuotas.all()]) for t in tramites],
        escenarios=[e for t in tramites for e in escenarios(t)],
    )


@dataclass
class Linea:
    monto: Monto
    por_persona: Decimal | None
    subtotal: Decimal | None

    @property
    def cuota(self) -> Cuota:
        return self.monto.cuota

    @property
    def estado(self) -> str:
        return self.monto.estado


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

    @property
    def respaldo(self) -> Respaldo:
        """Qué tan seguro es el total: el de su monto menos seguro; incompleto, no localizado."""
        if not self.completo:
            return Respaldo(Postura.NO_LOCALIZADO)
        return Respaldo(postura.minima(linea.monto.respaldo.postura for linea in self.lineas))


def calcular(escenario: Escenario, personas: int, anio: int | None = None) -> Calculo:
    """Total a pagar por `personas`: cada pago se ajusta al peso por separado (art. 6 LFD)."""
    if personas < 1:
        raise ValueError("personas debe ser al menos 1")
    anio = anio or anio_actual()
    calculo = Calculo(escenario=escenario, personas=personas)
    for cuota in escenario.cuotas:
        fila = monto(cuota, anio)
        cifra = cuota.monto if fila.cuenta else None
        calculo.lineas.append(Linea(fila, cifra, cifra * personas if cifra is not None else None))
        if cifra is not None:
            calculo.por_persona += cifra
    calculo.por_persona_redondeado = redondear_lfd(calculo.por_persona)
    calculo.total = calculo.por_persona_redondeado * personas
    return calculo


@dataclass
class Familia:
    """Varias personas, cada una con su trámite: cada una paga por separado (su pago se ajusta
    al peso por su cuenta) y el total es la suma. El total vale lo que su parte menos segura."""

    calculos: list[Calculo]

    @property
    def total(self) -> Decimal:
        return sum((c.total for c in self.calculos), CERO)

    @property
    def completo(self) -> bool:
        return all(c.completo for c in self.calculos)

    @property
    def algo_conocido(self) -> bool:
        """¿Hay al menos un monto que se sabe (aunque sea «sin costo»)? Si no, no hay total."""
        return any(linea.por_persona is not None for c in self.calculos for linea in c.lineas)

    @property
    def respaldo(self) -> Respaldo:
        return Respaldo(postura.minima(c.respaldo.postura for c in self.calculos))

    @property
    def respaldo_de_lo_sumado(self) -> Respaldo:
        """Qué tan seguro es lo que sí se sumó (para decir si entra un monto no oficial)."""
        posturas = [
            linea.monto.respaldo.postura
            for c in self.calculos
            for linea in c.lineas
            if linea.por_persona is not None
        ]
        return Respaldo(postura.minima(posturas))


def calcular_familia(escenarios: list[Escenario], anio: int | None = None) -> Familia:
    anio = anio or anio_actual()
    return Familia([calcular(escenario, 1, anio) for escenario in escenarios])
