"""Filtros de plantilla compartidos por todo el sitio ({% load sitio %})."""

from decimal import Decimal
from functools import lru_cache

from django import template
from django.core.paginator import Page
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import get_language

register = template.Library()


@register.filter
def paginas_elididas(pagina: Page) -> list:
    """Números de página alrededor de la actual, con «…» donde se omiten (para móviles)."""
    return list(pagina.paginator.get_elided_page_range(pagina.number, on_each_side=1, on_ends=1))


@register.filter
def fecha_larga(valor) -> str:
    """Fecha larga en el idioma activo («23 de noviembre de 2026», «November 23, 2026»)."""
    if not valor:
        return ""
    return _fecha_larga(valor, get_language())


# Las mismas pocas fechas se repiten en muchas páginas (historiales, fuentes): formatear una
# cuesta más que buscarla aquí.
@lru_cache(maxsize=4096)
def _fecha_larga(valor, idioma: str) -> str:
    texto = formats.date_format(valor, "DATE_FORMAT")
    # El catálogo es_MX de Django escribe los meses con mayúscula; en español van en minúscula.
    return texto.lower() if idioma.startswith("es") else texto


@register.filter
def fecha_hora_iso(valor) -> str:
    """Fecha y hora para `<time datetime>`, al segundo y con su zona: «2026-11-23T12:00:00-06:00».

    `date:'c'` da microsegundos, y HTML solo admite hasta milésimas.
    """
    if not valor:
        return ""
    return timezone.localtime(valor).isoformat(timespec="seconds")


@register.filter
def pesos(valor) -> str:
    """Monto en pesos: «$4,341» o «$13,578.96» (centavos solo si los hay)."""
    if valor is None:
        return ""
    texto = f"${Decimal(valor):,.2f}"
    return texto.removesuffix(".00")


@register.filter
def consulta(parametros: dict) -> str:
    """Un diccionario como cadena de consulta: {"a": "1"} → «?a=1» («?» solo si hay algo)."""
    return "?" + urlencode(parametros) if parametros else "?"


@register.simple_tag
def lang_de(objeto, campo: str = ""):
    """` lang="es-MX"` si el texto que se ve de `objeto.campo` es el español de respaldo.

    Con el contenido sin traducir a la lengua de la página, el lector de pantalla debe leerlo
    con la pronunciación del español (WCAG 3.1.2). Sin `campo`: el texto nunca se traduce.
    """
    from django.conf import settings
    from django.utils.safestring import mark_safe

    from config.traducciones import se_ve_en_espanol

    idioma = get_language() or settings.LANGUAGE_CODE
    if se_ve_en_espanol(objeto, campo or None, idioma):
        return mark_safe(' lang="es-MX"')  # noqa: S308 - texto fijo
    return ""
