from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatosAbiertosConfig(AppConfig):
    name = "datos_abiertos"
    verbose_name = _("Datos abiertos")

    def ready(self):
        from datos_abiertos import fragmentos

        fragmentos.conectar(self)
