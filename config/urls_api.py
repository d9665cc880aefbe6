"""API pública de solo lectura, fuera de los prefijos de idioma (el contenido va en español)."""

from django.urls import path

from tramites import views as tramites

app_name = "api"

urlpatterns = [
    path("tramites/", tramites.api_lista, name="tramites_lista"),
    path("tramites/<slug:slug>/", tramites.api_detalle, name="tramites_detalle"),
]
