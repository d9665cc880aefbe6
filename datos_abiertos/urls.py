from django.urls import path

from config.concurrencia import con_cupo
from config.cors import datos_publicos
from datos_abiertos import feeds, views

app_name = "datos_abiertos"
# Las descargas completas pueden durar minutos: tienen cupo por proceso (config/concurrencia.py).
# Descargas, metadatos y canal son datos públicos: cualquier origen los lee (config/cors.py).
descarga = datos_publicos(con_cupo("descarga")(views.descarga))

urlpatterns = [
    path("", views.CatalogoView.as_view(), name="catalogo"),
    # Antes que <slug>.json: «datapackage» no es un conjunto.
    path("datapackage.json", datos_publicos(views.datapackage), name="datapackage"),
    path("catalogo.jsonld", datos_publicos(views.catalogo_dcat), name="catalogo_dcat"),
    # Sin caché de páginas: una carga de datos no la invalida, y el canal es una consulta.
    path("muestra/", views.MuestraView.as_view(), name="muestra"),
    # Antes de <slug>/: «cifras» no es un conjunto.
    path("cifras/<slug:slug>/", views.SerieView.as_view(), name="serie"),
    path("cifras/<slug:slug>.csv", datos_publicos(views.serie_csv), name="serie_csv"),
    path("cambios.atom", datos_publicos(feeds.CambiosDatosFeed()), name="cambios"),
    path("<slug:slug>/", views.ConjuntoView.as_view(), name="detalle"),
    path("<slug:slug>.csv", descarga, {"formato": "csv"}, name="descarga_csv"),
    path("<slug:slug>.json", descarga, {"formato": "json"}, name="descarga_json"),
    path("<slug:slug>.parquet", descarga, {"formato": "parquet"}, name="descarga_parquet"),
    path("<slug:slug>.xlsx", descarga, {"formato": "xlsx"}, name="descarga_xlsx"),
    path("<slug:slug>/diccionario/", views.DiccionarioView.as_view(), name="diccionario"),
    path(
        "<slug:slug>/diccionario.csv",
        datos_publicos(views.diccionario_csv),
        name="diccionario_csv",
    ),
]
