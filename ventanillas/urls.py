from django.urls import path

from config.cache_paginas import pagina_cacheable
from ventanillas import views

app_name = "ventanillas"

# Las páginas públicas se guardan completas (config/cache_paginas.py) y se invalidan al cambiar
# el contenido. La ficha solo un minuto: «abierto ahora» depende de la hora.
cacheable = pagina_cacheable()
un_minuto = pagina_cacheable(60)

urlpatterns = [
    path("", cacheable(views.ListaView.as_view()), name="lista"),
    path("cercanas/", cacheable(views.CercanasView.as_view()), name="cercanas"),
    path("mapa/", cacheable(views.MapaView.as_view()), name="mapa"),
    path("actividades/", cacheable(views.ActividadesView.as_view()), name="actividades"),
    path("registro/", views.RegistroView.as_view(), name="registro"),
    path("registro/atenciones/", views.AtencionesView.as_view(), name="atenciones"),
    path("<slug:slug>.vcf", cacheable(views.exportar_vcard), name="vcard"),
    path("<slug:slug>/", un_minuto(views.DetalleView.as_view()), name="detalle"),
]
