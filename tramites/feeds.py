"""Canales Atom de los cambios fechados de las fichas (requisitos, cuotas, plazos…).

Cada entrada es una entrada del historial público (tramites/historial.py): los cambios de un día
con un mismo motivo, con el motivo y lo que cambió. Nada dice quién hizo el cambio.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from tramites.historial import Entrada, historial
from tramites.models import Tramite

# Las entradas más recientes de cada canal; el historial completo está en la página.
ENTRADAS = 50


class _CambiosFeed(Feed):
    feed_type = Atom1Feed
    description_template = "tramites/_cambios_atom.html"

    def author_name(self):
        return str(settings.SITIO_NOMBRE)

    def item_title(self, item):
        tramite, entrada = item
        motivo = entrada.motivo or _("Cambios sin motivo indicado")
        return f"{tramite.nombre}: {motivo}"

    def item_link(self, item):
        tramite, _entrada = item
        return reverse("tramites:historial", args=[tramite.slug])

    def item_guid(self, item):
        tramite, entrada = item
        # Estable: la misma entrada (día y motivo) conserva su identificador.
        return (
            f"tag:tramites-migratorios,{entrada.fecha:%Y-%m-%d}:{tramite.slug}/"
            f"{entrada.fecha.isoformat()}"
        )

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item[1].fecha

    def item_updateddate(self, item):
        return item[1].fecha

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["tramite"], contexto["entrada"] = kwargs["item"]
        return contexto


class CambiosTramiteFeed(_CambiosFeed):
    """/tramites/<slug>/cambios.atom"""

    def get_object(self, request, slug):
        return get_object_or_404(Tramite.objects.publicados(), slug=slug)

    def title(self, tramite):
        return _("Cambios de la ficha «%(nombre)s»") % {"nombre": tramite.nombre}

    def subtitle(self, tramite):
        return _("Cada cambio a los requisitos, las cuotas y la ficha, con su fecha y su motivo.")

    def link(self, tramite):
        return reverse("tramites:historial", args=[tramite.slug])

    def items(self, tramite) -> list[tuple[Tramite, Entrada]]:
        return [(tramite, entrada) for entrada in historial(tramite)[:ENTRADAS]]


class CambiosTramitesFeed(_CambiosFeed):
    """/tramites/cambios.atom: los cambios de todas las fichas, los más recientes primero."""

    def title(self):
        return _("Cambios en las fichas de los trámites")

    def subtitle(self):
        return _(
            "Cada cambio a los requisitos, las cuotas y las fichas de los trámites del INM, con su "
            "fecha y su motivo."
        )

    def link(self):
        return reverse("tramites:lista")

    def items(self) -> list[tuple[Tramite, Entrada]]:
        todas = [(t, e) for t in Tramite.objects.publicados() for e in historial(t)]
        todas.sort(key=lambda par: par[1].fecha, reverse=True)
        return todas[:ENTRADAS]
