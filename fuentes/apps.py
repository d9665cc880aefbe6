from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FuentesConfig(AppConfig):
    name = "fuentes"
    verbose_name = _("Fuentes")

    def ready(self):
        from config import cache_paginas

        cache_paginas.conectar(self)
