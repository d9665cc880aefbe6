"""Lo que muestra la ficha de un trámite, calculado solo cuando la página no está en caché.

La vista pasa una `Ficha` a la plantilla; sus propiedades consultan la base de datos la primera
vez que la plantilla las usa. Con el fragmento en caché, no se usan y no hay consultas.
"""

from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.traducciones import falta_traduccion, hay_traduccion
from tramites.cuotas import Monto, ResumenCuotas, anio_actual, escenarios, monto, resumir
from tramites.escritos import ESCRITOS
from tramites.models import Modalidad, Requisito, TemaComun, Tramite
from tramites.serializacion import jsonld

# Temas comunes que se muestran en cada ficha, en este orden.
TEMAS_FICHA = ("formato-solicitud", "pago-e5cinco", "seguimiento-estatus", "plazos-dias-habiles")


@dataclass
class GrupoRequisitos:
    modalidad: Modalidad | None
    requisitos: list[Requisito]


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
    def cuotas(self) -> list[Monto]:
        anio = anio_actual()
        return [monto(c, anio) for c in self.tramite.cuotas.all()]

    @cached_property
    def costo(self) -> ResumenCuotas:
        """Cuánto cuesta, en una línea y con qué tan seguro es (primera pantalla)."""
        return resumir([fila.cuota for fila in self.cuotas], self.anio)

    @cached_property
    def requisitos_no_oficiales(self) -> int:
        return sum(not r.respaldo.oficial for r in self.tramite.requisitos.all())

    @cached_property
    def cita(self) -> TemaComun | None:
        """El tema del sistema de citas, si este trámite lo usa (con sus fuentes)."""
        return self._temas.get("citas") if self.tramite.cita_en_linea else None

    @cached_property
    def por_confirmar(self) -> list[str]:
        """Lo que no consta en una fuente oficial, en palabras sencillas (sale de la postura de
        cada hecho, no de notas escritas a mano)."""
        t = self.tramite
        faltan = []
        if not t.respaldo_cuando.oficial:
            faltan.append(_("cuándo se debe pedir"))
        no_oficiales = [f.cuota for f in self.cuotas if not f.respaldo.oficial]
        if no_oficiales:
            faltan.append(
                ngettext(
                    "el monto de %(n)s cuota",
                    "el monto de %(n)s cuotas",
                    len(no_oficiales),
                )
                % {"n": len(no_oficiales)}
            )
        if self.requisitos_no_oficiales:
            faltan.append(
                ngettext(
                    "%(n)s requisito",
                    "%(n)s requisitos",
                    self.requisitos_no_oficiales,
                )
                % {"n": self.requisitos_no_oficiales}
            )
        if not t.respaldo_plazo.oficial:
            faltan.append(_("el plazo de resolución"))
        if not t.respaldo_vigencia.oficial:
            faltan.append(_("la vigencia del resultado"))
        return faltan

    @cached_property
    def _textos(self) -> list:
        """Los objetos cuyos textos traducibles muestra la ficha."""
        t = self.tramite
        return [
            t,
            t.categoria,
            *t.modalidades.all(),
            *t.requisitos.all(),
            *t.cuotas.all(),
            *t.supuestos.all(),
            *self.temas,
        ]

    @cached_property
    def sin_traducir(self) -> bool:
        """¿Parte de la ficha se ve en español en una página de otro idioma?"""
        return falta_traduccion(*self._textos)

    @cached_property
    def traducida(self) -> bool:
        """¿Parte de la ficha se ve traducida? Entonces se marca como traducción no oficial."""
        return hay_traduccion(*self._textos)

    @cached_property
    def hay_alternativas(self) -> bool:
        return any(fila.cuota.grupo for fila in self.cuotas)

    @cached_property
    def escenarios(self):
        """Combinaciones de pago, para enlazar la calculadora con este trámite elegido."""
        return escenarios(self.tramite)

    @cached_property
    def _temas(self) -> dict[str, TemaComun]:
        claves = (*TEMAS_FICHA, "citas")
        return {
            t.clave: t
            for t in TemaComun.objects.filter(clave__in=claves).prefetch_related("fuentes")
        }

    @cached_property
    def temas(self) -> list[TemaComun]:
        return [self._temas[c] for c in TEMAS_FICHA if c in self._temas]

    @cached_property
    def jsonld(self) -> str:
        return jsonld(self.tramite, url=self.url)

    @property
    def tiene_escrito(self) -> bool:
        return self.tramite.slug in ESCRITOS

    @property
    def anio(self) -> int:
        return anio_actual()
