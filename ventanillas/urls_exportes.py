"""Descargas del directorio en la raíz del sitio (/ventanillas.csv, /ventanillas.json).

Van fuera de las rutas con idioma: el archivo es el mismo en cualquier idioma.
"""

from django.urls import path

from config.cache_paginas import pagina_cacheable
from config.cors import datos_publicos
from ventanillas import views

# Datos públicos: cualquier origen los lee (config/cors.py).
urlpatterns = [
    path("ventanillas.csv", datos_publicos(views.exportar_csv), name="ventanillas_csv"),
    path(
        "ventanillas.json",
        datos_publicos(pagina_cacheable()(views.exportar_geojson)),
        name="ventanillas_geojson",
    ),
]
