"""Filtros de plantilla de los datos abiertos ({% load datos_abiertos %})."""

from django import template

from datos_abiertos.presentacion import nombre_mes

register = template.Library()


@register.filter
def cifra(valor) -> str:
    """Entero con separador de miles: 1231320 → «1,231,320»; vacío si no hay valor."""
    if valor is None or valor == "":
        return ""
    return f"{int(valor):,}"


@register.filter
def mes(valor) -> str:
    """«enero de 2023» en español, «January 2023» en inglés."""
    return nombre_mes(valor) if valor else ""


@register.filter
def mes_corto(valor) -> str:
    """«2023-01»: el formato de los filtros y de las descargas."""
    return f"{valor:%Y-%m}" if valor else ""
