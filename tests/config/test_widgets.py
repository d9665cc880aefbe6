"""Los controles dibujados en Python dan el mismo HTML que las plantillas de Django."""

from django import forms
from django.utils.safestring import mark_safe

from config.widgets import FastSelect

OPCIONES = [
    ("", "Elija un trámite"),
    ("Permiso <para> trabajar", [("a:1", "Único"), ("a:2", 'Con "comillas" & más')]),
    ("b", "Sin grupo"),
    ("Otro", [(3, mark_safe("<b>seguro</b>"))]),  # noqa: S308 - texto fijo de la prueba
]


def _formularios(widget):
    class Formulario(forms.Form):
        eleccion = forms.ChoiceField(
            label="Trámite", help_text="Ayuda", choices=OPCIONES, widget=widget
        )
        opcional = forms.ChoiceField(required=False, choices=OPCIONES, widget=widget)

    return Formulario


def test_el_select_rapido_da_el_mismo_html_que_el_de_django():
    for datos in (None, {"eleccion": "a:2"}, {"eleccion": "no-existe"}, {"opcional": "3"}):
        lento = _formularios(forms.Select)(datos)
        rapido = _formularios(FastSelect)(datos)
        for nombre in ("eleccion", "opcional"):
            assert str(rapido[nombre]) == str(lento[nombre])
    assert "selected" in str(_formularios(FastSelect)({"eleccion": "a:2"})["eleccion"])
