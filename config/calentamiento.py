"""Lo que cada proceso de gunicorn haría en su primera página, hecho una vez antes de crearlos.

Sin esto, la primera página de cada trabajador (y de cada uno que gunicorn recicla tras
GUNICORN_MAX_REQUESTS peticiones) carga los catálogos de traducción de su idioma, arma las rutas
de su prefijo y compila sus plantillas (en una máquina de 2 núcleos, su primera página tardaba
120–150 ms; con esto, 45–70 ms). Con `preload_app` se hace en el proceso principal y los trabajadores lo
heredan ya hecho (config/gunicorn.py). Nada de esto abre la base de datos ni la caché: las
conexiones no deben cruzar un fork.
"""

import logging

from django.conf import settings
from django.template import TemplateSyntaxError
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def plantillas_del_sitio() -> list[str]:
    """Los nombres de las plantillas del sitio (templates/), como los pide una vista."""
    nombres = []
    for carpeta in settings.TEMPLATES[0]["DIRS"]:
        nombres += sorted(
            str(ruta.relative_to(carpeta)) for ruta in carpeta.rglob("*.html") if ruta.is_file()
        )
    return nombres


def calentar() -> None:
    for codigo, _nombre in settings.LANGUAGES:
        with translation.override(codigo):
            # Activar el idioma carga sus catálogos; resolver una ruta arma las de su prefijo.
            reverse("inicio")
    for nombre in plantillas_del_sitio():
        try:
            get_template(nombre)
        except TemplateSyntaxError:
            # La página fallará como fallaría sin esto; el sitio arranca igual.
            logger.exception("La plantilla %s no compila", nombre)
