from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatosAbiertosConfig(AppConfig):
    name = "datos_abiertos"
    verbose_name = _("Datos abiertos")

    def ready(self):
        from config import cache_paginas
        from datos_abiertos.fragmentos import SIN_SENAL

        cache_paginas.conectar(self, excepto=SIN_SENAL)
