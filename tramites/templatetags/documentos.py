"""Filtros de las plantillas de documentos PDF."""

from django import template

register = template.Library()


@register.filter
def valor(valores: dict | None, nombre: str) -> str:
    """El valor de un campo por su nombre (los campos de la solicitud se declaran como datos)."""
    return (valores or {}).get(nombre, "")
