from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TramitesConfig(AppConfig):
    name = "tramites"
    verbose_name = _("Trámites")

    def ready(self):
        from config import cache_paginas
        from tramites import indice_busqueda

        cache_paginas.conectar(self)
        indice_busqueda.conectar()
