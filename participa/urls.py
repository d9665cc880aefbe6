from django.urls import path

from config.cache_paginas import pagina_cacheable
from participa import views

app_name = "participa"

urlpatterns = [
    path("", pagina_cacheable()(views.InicioView.as_view()), name="inicio"),
    path("opinion/", views.OpinionView.as_view(), name="opinion"),
    path("reportar/", views.ReportarView.as_view(), name="reportar"),
    path("solicitar-datos/", views.SolicitarDatosView.as_view(), name="solicitar_datos"),
    path("solicitudes/", views.SolicitudesView.as_view(), name="solicitudes"),
    path("solicitudes/<str:folio>/apoyar/", views.ApoyarView.as_view(), name="apoyar"),
    path("folio/", views.FolioView.as_view(), name="folio"),
    path("resultados/", pagina_cacheable(600)(views.ResultadosView.as_view()), name="resultados"),
]
