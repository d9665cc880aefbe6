"""Rutas de la API de ventanillas y oficinas. Las incluye la raíz de la API
(datos_abiertos/urls_api.py), que les da el espacio de nombres `api`."""

from django.urls import path

from ventanillas import api

urlpatterns = [
    path("lugares/", api.lista, name="lugares_lista"),
    path("lugares/<slug:slug>/", api.detalle, name="lugares_detalle"),
]
