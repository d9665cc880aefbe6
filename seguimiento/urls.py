from django.urls import path

from config.cache_paginas import pagina_cacheable
from seguimiento import views

app_name = "seguimiento"

urlpatterns = [
    path("seguimiento/", views.ConsultaView.as_view(), name="consulta"),
    path("tramites/tiempos/", pagina_cacheable()(views.TiemposView.as_view()), name="tiempos"),
]
