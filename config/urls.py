"""Rutas del sitio. Español sin prefijo; los demás idiomas bajo /<código>/.

Las rutas son promesas a las personas y a otros sitios: una vez publicadas no cambian.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config import views
from config.cache_paginas import pagina_cacheable
from config.sitemaps import sitemaps

admin.site.site_header = _("Trámites Migratorios · administración")
admin.site.site_title = _("Trámites Migratorios")
admin.site.index_title = _("Contenido del sitio")

urlpatterns = [
    path("salud/", views.salud, name="salud"),
    path("robots.txt", pagina_cacheable()(views.robots), name="robots"),
    path("favicon.ico", pagina_cacheable()(views.favicon), name="favicon"),
    path(
        "sitemap.xml",
        pagina_cacheable()(sitemap),
        {"sitemaps": sitemaps()},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("datos_abiertos.urls_api")),
    path("", include("ventanillas.urls_exportes")),
]

urlpatterns += i18n_patterns(
    path("", pagina_cacheable()(views.InicioView.as_view()), name="inicio"),
    path(
        "aviso-de-privacidad/",
        pagina_cacheable()(views.AvisoPrivacidadView.as_view()),
        name="aviso_privacidad",
    ),
    # Antes que tramites: /tramites/tiempos/ es de seguimiento (lo que tardan los trámites).
    path("", include("seguimiento.urls")),
    path("tramites/", include("tramites.urls")),
    path("datos/", include("datos_abiertos.urls")),
    path("ventanillas/", include("ventanillas.urls")),
    path("participa/", include("participa.urls")),
    path("proteccion/", include("ventanillas.urls_proteccion")),
    prefix_default_language=False,
)
