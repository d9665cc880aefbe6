from django.urls import path

from config.concurrencia import con_cupo
from datos_abiertos import views

app_name = "datos_abiertos"
# Las descargas completas pueden durar minutos: tienen cupo por proceso (config/concurrencia.py).
descarga = con_cupo("descarga")(views.descarga)

urlpatterns = [
    path("", views.CatalogoView.as_view(), name="catalogo"),
    # Antes que <slug>.json: «datapackage» no es un conjunto.
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("catalogo.jsonld", views.catalogo_dcat, name="catalogo_dcat"),
    path("<slug:slug>/", views.ConjuntoView.as_view(), name="detalle"),
    path("<slug:slug>.csv", descarga, {"formato": "csv"}, name="descarga_csv"),
    path("<slug:slug>.json", descarga, {"formato": "json"}, name="descarga_json"),
    path("<slug:slug>.parquet", descarga, {"formato": "parquet"}, name="descarga_parquet"),
    path("<slug:slug>/diccionario/", views.DiccionarioView.as_view(), name="diccionario"),
    path("<slug:slug>/diccionario.csv", views.diccionario_csv, name="diccionario_csv"),
]
