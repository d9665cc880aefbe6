from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipaConfig(AppConfig):
    name = "participa"
    verbose_name = _("Participa")
    # A diferencia de las apps de contenido, guardar una opinión o un reporte NO invalida la
    # caché de páginas: cada envío la vaciaría y el sitio perdería su velocidad bajo carga.
