"""Protección internacional (COMAR) y otras instituciones que las personas migrantes necesitan.

No son trámites del INM: por eso viven fuera de /tramites/.
"""

from django.urls import path

from config.cache_paginas import pagina_cacheable
from ventanillas.views import InstitucionesView, ProteccionView

app_name = "proteccion"

urlpatterns = [
    path("", pagina_cacheable()(ProteccionView.as_view()), name="inicio"),
    path("instituciones/", pagina_cacheable()(InstitucionesView.as_view()), name="instituciones"),
]
