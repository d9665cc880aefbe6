"""Protección internacional (COMAR) y otras instituciones que las personas migrantes necesitan.

No son trámites del INM: por eso viven fuera de /tramites/.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from config.cache_paginas import pagina_cacheable
from config.paginas import SeccionEnPreparacionView

app_name = "proteccion"

urlpatterns = [
    path(
        "",
        pagina_cacheable()(
            SeccionEnPreparacionView.as_view(titulo=_("Protección internacional (refugio)"))
        ),
        name="inicio",
    ),
    path(
        "instituciones/",
        pagina_cacheable()(
            SeccionEnPreparacionView.as_view(titulo=_("Otras instituciones que ayudan"))
        ),
        name="instituciones",
    ),
]
