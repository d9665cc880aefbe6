"""PDF de los trámites con WeasyPrint: el render completo y el único lector de recursos.

`renderizar` dibuja una plantilla de `templates/documentos/`; `a_pdf` la escribe como PDF/UA-1
(etiquetado, con título e idioma). Los documentos con lo que escribió la persona usan además el
camino rápido de `tramites/estampado.py`, que parte de una plantilla en blanco dibujada aquí.

WeasyPrint solo puede leer los archivos estáticos del propio sitio (`obtener_recurso`):
cualquier otra dirección se rechaza, venga de una plantilla o de lo que escribió la persona.
"""

import logging
import mimetypes
import re
from pathlib import Path

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Las plantillas piden los estáticos con esta base; no es una dirección real de la red.
BASE_URL = "https://documentos.invalid/"


class RecursoRechazado(ValueError):
    """WeasyPrint quiso leer algo que no es un estático del sitio."""


def ruta_estatico(relativa: str) -> Path | None:
    """Archivo de un estático del sitio (recolectado o en las carpetas de la app), o None."""
    relativa = relativa.split("?", 1)[0].split("#", 1)[0]
    if ".." in Path(relativa).parts:
        return None
    recolectado = Path(settings.STATIC_ROOT) / relativa
    if recolectado.is_file():
        return recolectado
    encontrado = finders.find(relativa)
    if encontrado:
        return Path(encontrado)
    # Nombre con huella (sitio.ab12cd.css) sin recolectar: se busca el original.
    sin_huella = re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", relativa)
    encontrado = finders.find(sin_huella) if sin_huella != relativa else None
    return Path(encontrado) if encontrado else None


class RecursosDelSitio(URLFetcher):
    """url_fetcher de WeasyPrint: solo estáticos del propio sitio, leídos del disco.

    Nunca abre la red: no llama a `URLFetcher.fetch`, que sí lo haría.
    """

    def fetch(self, url, headers=None):
        prefijo = BASE_URL.rstrip("/") + settings.STATIC_URL
        if not url.startswith(prefijo):
            logger.warning("PDF: recurso rechazado (no es un estático del sitio)")
            raise RecursoRechazado(url[:80])
        ruta = ruta_estatico(url[len(prefijo) :])
        if ruta is None:
            raise RecursoRechazado(url[:80])
        tipo, _ = mimetypes.guess_type(ruta.name)
        return URLFetcherResponse(
            url, ruta.read_bytes(), {"Content-Type": tipo or "application/octet-stream"}
        )


obtener_recurso = RecursosDelSitio()


def renderizar(plantilla: str, contexto: dict) -> weasyprint.Document:
    return weasyprint.HTML(
        string=render_to_string(plantilla, contexto),
        base_url=BASE_URL,
        url_fetcher=obtener_recurso,
    ).render()


def a_pdf(documento: weasyprint.Document) -> bytes:
    # PDF/UA-1 (PDF 1.7): etiquetado, con título e idioma tomados del <title> y del lang.
    return documento.write_pdf(pdf_variant="pdf/ua-1")


def generar_directo(plantilla: str, contexto: dict, valores: dict) -> bytes:
    """Camino lento de referencia: WeasyPrint dibuja todo con los valores."""
    return a_pdf(renderizar(plantilla, {**contexto, "valores": valores}))
