from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeguimientoConfig(AppConfig):
    name = "seguimiento"
    verbose_name = _("Seguimiento de solicitudes")

    def ready(self):
        from config import cache_paginas

        # /tramites/tiempos/ se guarda en la caché de páginas: cualquier cambio la invalida.
        cache_paginas.conectar(self)
