from django.urls import path

from config.cache_paginas import pagina_cacheable
from config.concurrencia import con_cupo
from config.cors import datos_publicos
from tramites import feeds, views
from tramites.documentos import genera_pdf

app_name = "tramites"
pdf = con_cupo("pdf", pesada=genera_pdf)

urlpatterns = [
    path("", pagina_cacheable()(views.ListaView.as_view()), name="lista"),
    # Diez minutos: la misma búsqueda da lo mismo a todos; las búsquedas frecuentes no
    # vuelven a consultar la base (PostgreSQL: texto completo) en cada visita.
    path("buscar/", pagina_cacheable(600)(views.BuscarView.as_view()), name="buscar"),
    path("orientador/", pagina_cacheable()(views.OrientadorView.as_view()), name="orientador"),
    path("cuotas/", pagina_cacheable()(views.CuotasView.as_view()), name="cuotas"),
    path(
        "cambios.atom",
        datos_publicos(pagina_cacheable()(feeds.CambiosTramitesFeed())),
        name="cambios",
    ),
    path("<slug:slug>/", pagina_cacheable()(views.DetalleView.as_view()), name="detalle"),
    path("<slug:slug>/solicitud/", pdf(views.SolicitudView.as_view()), name="solicitud"),
    path("<slug:slug>/escrito-libre/", pdf(views.EscritoView.as_view()), name="escrito"),
    path("<slug:slug>/pago/", pdf(views.PagoView.as_view()), name="pago"),
    path("<slug:slug>/lista/", pdf(views.ListaDocumentosView.as_view()), name="lista_documentos"),
    path(
        "<slug:slug>/historial/",
        pagina_cacheable()(views.HistorialView.as_view()),
        name="historial",
    ),
    path(
        "<slug:slug>/cambios.atom",
        datos_publicos(pagina_cacheable()(feeds.CambiosTramiteFeed())),
        name="cambios_tramite",
    ),
]
