"""Filtros de plantilla de los datos abiertos ({% load datos_abiertos %})."""

from django import template

from datos_abiertos.presentacion import cifra, nombre_mes

register = template.Library()
# Entero con separador de miles (la página de un conjunto lo usa también fuera de plantillas).
register.filter("cifra", cifra)


@register.filter
def mes(valor) -> str:
    """«enero de 2023» en español, «January 2023» en inglés."""
    return nombre_mes(valor) if valor else ""


@register.filter
def mes_corto(valor) -> str:
    """«2023-01»: el formato de los filtros y de las descargas."""
    return f"{valor:%Y-%m}" if valor else ""
