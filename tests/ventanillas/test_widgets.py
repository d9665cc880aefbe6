"""Las listas desplegables dibujadas en Python dan el mismo HTML que las plantillas de Django."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from ventanillas.widgets import SelectDirecto

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
def test_mismo_html_que_el_select_de_django(opciones, valor, atributos):
    esperado = forms.Select(choices=opciones).render("campo", valor, atributos)
    assert SelectDirecto(choices=opciones).render("campo", valor, atributos) == esperado
