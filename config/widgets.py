"""Controles de formulario que se dibujan sin el motor de plantillas.

El `Select` de Django dibuja cada opción con dos plantillas (`select_option.html` y
`attrs.html`): con los 124 municipios de Chiapas o las opciones de la calculadora de cuotas, eso
costaba más que todo el resto de la página. Aquí se escribe el mismo HTML en una pasada, con los
mismos datos y el mismo escape que esas plantillas (tests/config/test_widgets.py lo compara con
el de Django).
"""

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _atributos(attrs: dict) -> str:
    # Como django/forms/widgets/attrs.html: False no se escribe; True, solo el nombre.
    return "".join(
        f" {conditional_escape(nombre)}"
        if valor is True
        else f' {conditional_escape(nombre)}="{conditional_escape(str(valor))}"'
        for nombre, valor in attrs.items()
        if valor is not False
    )


class FastSelect(forms.Select):
    """Un `forms.Select` con el HTML de django/forms/widgets/select.html, sin plantillas."""

    def render(self, name, value, attrs=None, renderer=None):
        pares = list(self.choices)
        if self.allow_multiple_selected or any(
            isinstance(texto, (list, tuple)) for _valor, texto in pares
        ):
            return self._render_con_grupos(name, value, attrs)
        # Como ChoiceWidget.optgroups sin grupos: se marca solo la primera opción que coincide.
        valores = self.format_value(value)
        partes = [
            f'<select name="{conditional_escape(name)}"',
            _atributos(self.build_attrs(self.attrs, attrs)),
            ">",
        ]
        marcada = False
        for valor, texto in pares:
            valor = "" if valor is None else str(valor)
            elegida = not marcada and valor in valores
            marcada |= elegida
            partes.append(
                f'\n  <option value="{conditional_escape(valor)}"{" selected" if elegida else ""}>'
                f"{conditional_escape(localize(texto))}</option>\n"
            )
        partes.append("\n</select>")
        return mark_safe("".join(partes))  # noqa: S308 - cada valor va escapado arriba

    def _render_con_grupos(self, name, value, attrs):
        widget = self.get_context(name, value, attrs)["widget"]
        partes = [f'<select name="{conditional_escape(widget["name"])}"']
        partes.append(_atributos(widget["attrs"]))
        partes.append(">")
        for grupo, opciones, _indice in widget["optgroups"]:
            if grupo:
                partes.append(f'\n  <optgroup label="{conditional_escape(grupo)}">')
            for opcion in opciones:
                partes.append(
                    f'\n  <option value="{conditional_escape(str(opcion["value"]))}"'
                    f"{_atributos(opcion['attrs'])}>"
                    f"{conditional_escape(localize(opcion['label']))}</option>\n"
                )
            if grupo:
                partes.append("\n  </optgroup>")
        partes.append("\n</select>")
        return mark_safe("".join(partes))  # noqa: S308 - cada valor va escapado arriba
