"""API pública de solo lectura, fuera de los prefijos de idioma (el contenido va en español)."""

from django.urls import path

from tramites import views

app_name = "api"

urlpatterns = [
    path("tramites/", views.api_lista, name="tramites_lista"),
    path("tramites/<slug:slug>/", views.api_detalle, name="tramites_detalle"),
]
