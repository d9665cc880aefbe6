"""sitemap.xml: cada página pública en sus cuatro idiomas, con sus alternas hreflang.

config es la capa de abajo y no importa las apps: los modelos se piden por nombre a Django
(`apps.get_model`), como hace el admin. Cada modelo da su dirección con `get_absolute_url`.
"""

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

# Páginas fijas (nombre de la ruta), de las más a las menos importantes.
PAGINAS = (
    "inicio",
    "tramites:lista",
    "tramites:cuotas",
    "tramites:orientador",
    "seguimiento:tiempos",
    "seguimiento:consulta",
    "ventanillas:lista",
    "ventanillas:mapa",
    "ventanillas:actividades",
    "datos_abiertos:catalogo",
    "participa:inicio",
    "participa:resultados",
    "proteccion:inicio",
    "proteccion:instituciones",
    "aviso_privacidad",
)
# (app, modelo) con `objects.publicados()` y `get_absolute_url()`.
MODELOS = (
    ("tramites", "Tramite"),
    ("ventanillas", "Lugar"),
    ("datos_abiertos", "ConjuntoDatos"),
)


class _EnCuatroIdiomas(Sitemap):
    # Una entrada por idioma de settings.LANGUAGES, cada una con las demás como alternas y
    # x-default (el español, sin prefijo).
    i18n = True
    alternates = True
    x_default = True


class PaginasSitemap(_EnCuatroIdiomas):
    changefreq = "weekly"

    def items(self):
        nombres = []
        for nombre in PAGINAS:
            try:
                reverse(nombre)
            except NoReverseMatch:  # una sección que esta versión aún no publica
                continue
            nombres.append(nombre)
        return nombres

    def location(self, item):
        return reverse(item)


class ModeloSitemap(_EnCuatroIdiomas):
    changefreq = "weekly"

    def __init__(self, app: str, modelo: str):
        self.app, self.modelo = app, modelo

    def items(self):
        modelo = apps.get_model(self.app, self.modelo)
        return modelo.objects.publicados().order_by("pk")


def sitemaps() -> dict[str, Sitemap]:
    return {
        "paginas": PaginasSitemap(),
        **{modelo.lower(): ModeloSitemap(app, modelo) for app, modelo in MODELOS},
    }
