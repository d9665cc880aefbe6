"""Descargas del directorio en la raíz del sitio (/ventanillas.csv, /ventanillas.json).

Van fuera de las rutas con idioma: el archivo es el mismo en cualquier idioma.
"""

from django.urls import path

from config.cache_paginas import pagina_cacheable
from ventanillas import views

urlpatterns = [
    path("ventanillas.csv", views.exportar_csv, name="ventanillas_csv"),
    path(
        "ventanillas.json", pagina_cacheable()(views.exportar_geojson), name="ventanillas_geojson"
    ),
]
