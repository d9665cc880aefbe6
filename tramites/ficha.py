"""Lo que muestra la ficha de un trámite, calculado solo cuando la página no está en caché.

La vista pasa una `Ficha` a la plantilla; sus propiedades consultan la base de datos la primera
vez que la plantilla las usa. Con el fragmento en caché, no se usan y no hay consultas.
"""

from dataclasses import dataclass
from functools import cached_property

from config.traducciones import falta_traduccion
from tramites.cuotas import anio_actual, escenarios
from tramites.escritos import ESCRITOS
from tramites.models import Cuota, Modalidad, Requisito, TemaComun, Tramite
from tramites.serializacion import jsonld

# Temas comunes que se muestran en cada ficha, en este orden.
TEMAS_FICHA = ("formato-solicitud", "pago-e5cinco", "seguimiento-estatus", "plazos-dias-habiles")


@dataclass
class GrupoRequisitos:
    modalidad: Modalidad | None
    requisitos: list[Requisito]


@dataclass
class FilaCuota:
    cuota: Cuota
    estado: str


class Ficha:
    def __init__(self, pk: int, url: str):
        self.pk = pk
        self.url = url

    @cached_property
    def tramite(self) -> Tramite:
        return Tramite.objects.con_detalle().get(pk=self.pk)

    @cached_property
    def grupos_requisitos(self) -> list[GrupoRequisitos]:
        """Primero los que aplican a todas las modalidades; luego los de cada una."""
        requisitos = list(self.tramite.requisitos.all())
        grupos = [GrupoRequisitos(None, [r for r in requisitos if r.modalidad_id is None])]
        for modalidad in self.tramite.modalidades.all():
            grupos.append(
                GrupoRequisitos(
                    modalidad, [r for r in requisitos if r.modalidad_id == modalidad.pk]
                )
            )
        return [g for g in grupos if g.requisitos or g.modalidad]

    @cached_property
    def cuotas(self) -> list[FilaCuota]:
        anio = anio_actual()
        return [FilaCuota(c, c.estado(anio)) for c in self.tramite.cuotas.all()]

    @cached_property
    def sin_traducir(self) -> bool:
        """¿Parte de la ficha se ve en español en una página de otro idioma?"""
        t = self.tramite
        return falta_traduccion(
            t,
            t.categoria,
            *t.modalidades.all(),
            *t.requisitos.all(),
            *t.cuotas.all(),
            *t.supuestos.all(),
            *self.temas,
        )

    @cached_property
    def hay_alternativas(self) -> bool:
        return any(fila.cuota.grupo for fila in self.cuotas)

    @cached_property
    def escenarios(self):
        """Combinaciones de pago, para enlazar la calculadora con este trámite elegido."""
        return escenarios(self.tramite)

    @cached_property
    def temas(self) -> list[TemaComun]:
        temas = {
            t.clave: t
            for t in TemaComun.objects.filter(clave__in=TEMAS_FICHA).prefetch_related("fuentes")
        }
        return [temas[c] for c in TEMAS_FICHA if c in temas]

    @cached_property
    def jsonld(self) -> str:
        return jsonld(self.tramite, url=self.url)

    @property
    def tiene_escrito(self) -> bool:
        return self.tramite.slug in ESCRITOS

    @property
    def anio(self) -> int:
        return anio_actual()
