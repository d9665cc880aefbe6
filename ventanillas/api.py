"""API de ventanillas y oficinas (/api/v1/lugares/): filtros de la lista del sitio y páginas.

Contrato en datos_abiertos/openapi.py; explicado en docs/api.md.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from config.api import (
    PARAMETROS_PAGINA,
    contenido_en_espanol,
    desconocidos,
    errores_de_formulario,
    no_encontrado,
    paginar,
    parametros_invalidos,
    respuesta_json,
    vista_api,
)
from ventanillas import serializacion
from ventanillas.filters import LugarFilter
from ventanillas.models import Lugar


def _urls(request, lugar) -> dict:
    return {
        "url": request.build_absolute_uri(reverse("api:lugares_detalle", args=[lugar.slug])),
        "url_pagina": request.build_absolute_uri(lugar.get_absolute_url()),
    }


@vista_api
def lista(request):
    filtro = LugarFilter(request.GET, queryset=Lugar.objects.publicados())
    errores = desconocidos(request, {*filtro.filters, *PARAMETROS_PAGINA})
    if errores or not filtro.form.is_valid():
        raise parametros_invalidos(errores + errores_de_formulario(filtro.form))
    # El slug desempata: las páginas no se enciman ni dejan huecos.
    lugares = filtro.qs.order_by("tipo", "estado__nombre", "nombre", "slug")
    pagina = paginar(request, total=lugares.count())
    with contenido_en_espanol():
        datos = [
            serializacion.lugar_a_dict(lugar, **_urls(request, lugar))
            for lugar in lugares.con_detalle()[pagina.tramo]
        ]
    return respuesta_json({"lugares": datos, "paginacion": pagina.a_dict(request)})


@vista_api
def detalle(request, slug):
    lugar = Lugar.objects.publicados().con_detalle().filter(slug=slug).first()
    if lugar is None:
        raise no_encontrado(
            _("No hay una ventanilla u oficina publicada con el identificador «%(slug)s».")
            % {"slug": slug}
        )
    with contenido_en_espanol():
        datos = serializacion.lugar_a_dict(lugar, **_urls(request, lugar))
    return respuesta_json(datos)
