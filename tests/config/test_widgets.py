"""Los controles dibujados en Python dan el mismo HTML que las plantillas de Django."""

import pytest
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


CASOS = [
    # Opción vacía, texto con «&», texto ya seguro y un valor repetido: solo la primera marcada.
    (
        [("", "Todos"), ("a", "A & b"), (3, mark_safe("<i>x</i>")), ("a", "otra")],
        "a",
        {"id": "id_x", "aria-invalid": "true", "required": True, "disabled": False},
    ),
    # Con grupos y varios valores.
    ([("Grupo", [("a", "A"), ("b", "B")]), ("c", "C")], ["b", "c"], {"id": "id_y"}),
    ([(None, "ninguno"), (1, "uno")], 1, None),
    ([], None, None),
]


@pytest.mark.parametrize(("opciones", "valor", "atributos"), CASOS)
def test_mismo_html_que_el_select_de_django_en_cada_caso(opciones, valor, atributos):
    esperado = forms.Select(choices=opciones).render("campo", valor, atributos)
    assert FastSelect(choices=opciones).render("campo", valor, atributos) == esperado
