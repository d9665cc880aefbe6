"""La API pública, /api/v1/ (espacio de nombres `api`): índice, contrato y las rutas de cada app.

Cada app declara las suyas en su urls_api.py; aquí se juntan porque datos_abiertos es la capa
que puede conocerlas todas. Las rutas son promesas: un cambio incompatible sería /api/v2/.
"""

from django.urls import include, path, re_path

from datos_abiertos import api

app_name = "api"

urlpatterns = [
    path("", api.indice, name="indice"),
    path("openapi.json", api.documento_openapi, name="openapi"),
    path("", include("tramites.urls_api")),
    path("", include("ventanillas.urls_api")),
    path("conjuntos/", api.conjuntos_lista, name="conjuntos_lista"),
    path("conjuntos/<slug:slug>/", api.conjuntos_detalle, name="conjuntos_detalle"),
    path(
        "conjuntos/<slug:slug>/observaciones/",
        api.observaciones,
        name="conjuntos_observaciones",
    ),
    # Al final: lo que no coincide con nada responde 404 en JSON.
    re_path(r"^(?P<ruta>.*)$", api.no_encontrada, name="no_encontrada"),
]
