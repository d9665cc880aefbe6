"""Rutas de la API de trámites. Las incluye la raíz de la API (datos_abiertos/urls_api.py), que
les da el espacio de nombres `api`."""

from django.urls import path

from tramites import api

urlpatterns = [
    path("tramites/", api.lista, name="tramites_lista"),
    path("tramites/<slug:slug>/", api.detalle, name="tramites_detalle"),
]
