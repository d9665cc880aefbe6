"""Filtros de plantilla de las fuentes ({% load fuentes %})."""

from django import template

from fuentes import postura

register = template.Library()


@register.filter
def oficiales_primero(fuentes) -> list:
    """Las fuentes en el orden en que se leen: las oficiales primero (fuentes/postura.py)."""
    return postura.ordenar(fuentes)
