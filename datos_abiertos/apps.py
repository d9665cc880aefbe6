from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatosAbiertosConfig(AppConfig):
    name = "datos_abiertos"
    verbose_name = _("Datos abiertos")
