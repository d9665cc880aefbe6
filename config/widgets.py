"""Controles de formulario que se dibujan sin el motor de plantillas.

Un `<select>` con un centenar de opciones (la calculadora de cuotas tiene cuatro) incluye la
plantilla de Django de cada opción y de sus atributos: es lo más caro de la página. Aquí se arma
el mismo HTML, carácter por carácter, en Python (tests/config/test_widgets.py lo compara con el
de Django).
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _atributos(attrs: dict) -> str:
    # Como django/forms/widgets/attrs.html: False se omite, True va sin valor.
    return "".join(
        f" {conditional_escape(nombre)}"
        if valor is True
        else f' {conditional_escape(nombre)}="{conditional_escape(valor)}"'
        for nombre, valor in attrs.items()
        if valor is not False
    )


class FastSelect(forms.Select):
    """`forms.Select` con el mismo HTML que django/forms/widgets/select.html."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        partes = [
            f'<select name="{conditional_escape(widget["name"])}"{_atributos(widget["attrs"])}>'
        ]
        for grupo, opciones, _indice in widget["optgroups"]:
            if grupo:
                partes.append(f'\n  <optgroup label="{conditional_escape(grupo)}">')
            partes.extend(
                f'\n  <option value="{conditional_escape(opcion["value"])}"'
                f"{_atributos(opcion['attrs'])}>{conditional_escape(opcion['label'])}</option>\n"
                for opcion in opciones
            )
            if grupo:
                partes.append("\n  </optgroup>")
        partes.append("\n</select>")
        return mark_safe("".join(partes))  # noqa: S308 - cada valor pasó por conditional_escape
