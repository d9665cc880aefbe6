"""Canal Atom de las actualizaciones de los conjuntos de datos (/datos/cambios.atom).

Una entrada por versión de cada conjunto: la fecha y la versión son las que guarda la carga de
sus observaciones (`actualizado`, `version`); una versión nueva es una entrada nueva.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from datos_abiertos import metadatos
from datos_abiertos.models import ConjuntoDatos


class CambiosDatosFeed(Feed):
    feed_type = Atom1Feed
    description_template = "datos_abiertos/_cambios_atom.html"

    def title(self):
        return _("Actualizaciones de los datos abiertos")

    def subtitle(self):
        return _(
            "Cada vez que cambian las cifras de un conjunto de datos: fecha, versión y periodo."
        )

    def link(self):
        return reverse("datos_abiertos:catalogo")

    def author_name(self):
        return str(settings.SITIO_NOMBRE)

    def items(self):
        return (
            ConjuntoDatos.objects.publicados()
            .filter(actualizado__isnull=False)
            .order_by("-actualizado", "slug")
        )

    def item_title(self, conjunto):
        return _("%(titulo)s: versión %(version)s") % {
            "titulo": conjunto.titulo,
            "version": conjunto.version,
        }

    def item_link(self, conjunto):
        return conjunto.get_absolute_url()

    def item_guid(self, conjunto):
        return f"tag:tramites-migratorios,2026:datos/{conjunto.slug}/version-{conjunto.version}"

    item_guid_is_permalink = False

    def item_pubdate(self, conjunto):
        return conjunto.actualizado

    def item_updateddate(self, conjunto):
        return conjunto.actualizado

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        conjunto = kwargs["item"]
        contexto["conjunto"] = conjunto
        if conjunto.es_muestra:
            contexto["aviso"] = metadatos.aviso_muestra(
                url_oficial=metadatos.url_cifras_oficiales(conjunto, kwargs["request"]),
                url_metodo=metadatos.url_metodo_muestra(kwargs["request"]),
            )
        return contexto
