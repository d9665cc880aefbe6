"""Agregar una frase de búsqueda como lo hace el personal: por el formulario del admin."""

from django.test import TestCase

from tests.html import datos_formulario, sopa

FORMULARIO = "/admin/tramites/frasebusqueda/add/"


def agregar_por_el_admin(personal, tramite, texto: str, motivo: str):
    """Envía el formulario de alta con su motivo; corre lo que espera al commit (el índice)."""
    html = sopa(personal.get(FORMULARIO))
    datos = datos_formulario(html.find("form", id="frasebusqueda_form"))
    datos.update(
        texto=texto, idioma="es", tramite=str(tramite.pk), institucion="", motivo_cambio=motivo
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        return personal.post(FORMULARIO, datos)
