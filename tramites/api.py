"""API de trámites (/api/v1/tramites/): los mismos datos que las fichas, en JSON.

Contrato en datos_abiertos/openapi.py; explicado en docs/api.md.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from config.api import contenido_en_espanol, no_encontrado, respuesta_json, vista_api
from tramites import serializacion
from tramites.models import TemaComun, Tramite


def _ultima_modificacion(request, *args, **kwargs):
    """Fecha más reciente del contenido de trámites (para Last-Modified)."""
    tramite = Tramite.objects.publicados().order_by("-actualizado").values("actualizado").first()
    tema = TemaComun.objects.order_by("-actualizado").values("actualizado").first()
    fechas = [f["actualizado"] for f in (tramite, tema) if f]
    return max(fechas) if fechas else None


def _urls(request, tramite) -> dict:
    return {
        "url": request.build_absolute_uri(reverse("api:tramites_detalle", args=[tramite.slug])),
        "url_pagina": request.build_absolute_uri(tramite.get_absolute_url()),
    }


@vista_api
@condition(last_modified_func=_ultima_modificacion)
def lista(request):
    with contenido_en_espanol():
        tramites = Tramite.objects.publicados().select_related("categoria")
        datos = [serializacion.resumen_tramite(t, **_urls(request, t)) for t in tramites]
    return respuesta_json({"tramites": datos})


def _ultima_modificacion_tramite(request, slug):
    fila = Tramite.objects.publicados().filter(slug=slug).values("actualizado").first()
    return fila["actualizado"] if fila else None


@vista_api
@condition(last_modified_func=_ultima_modificacion_tramite)
def detalle(request, slug):
    tramite = Tramite.objects.publicados().con_detalle().filter(slug=slug).first()
    if tramite is None:
        raise no_encontrado(
            _("No hay un trámite publicado con el identificador «%(slug)s».") % {"slug": slug}
        )
    with contenido_en_espanol():
        datos = serializacion.tramite_a_dict(tramite, **_urls(request, tramite))
    return respuesta_json(datos)
