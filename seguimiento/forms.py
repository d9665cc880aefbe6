import re

from django import forms
from django.utils.translation import gettext_lazy as _

from seguimiento.models import PATRON_NUT

LARGO_CONTRASENA = 128


class ConsultaForm(forms.Form):
    nut = forms.CharField(
        label=_("Número único de trámite (NUT)"),
        help_text=_("Está en el comprobante que le dio la oficina al recibir su solicitud."),
        max_length=60,
        error_messages={
            "required": _("Escriba el número único de trámite que aparece en su comprobante."),
            "max_length": _("Escriba el número tal como aparece en su comprobante (es más corto)."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    contrasena = forms.CharField(
        label=_("Contraseña"),
        help_text=_("La del mismo comprobante. Escríbala con sus guiones y mayúsculas."),
        max_length=LARGO_CONTRASENA,
        strip=True,
        error_messages={
            "required": _("Escriba la contraseña que aparece en su comprobante."),
            "max_length": _("Escriba la contraseña tal como aparece en su comprobante."),
        },
        # Por seguridad, la contraseña nunca se vuelve a escribir en la página.
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "spellcheck": "false"}
        ),
    )

    def clean_nut(self) -> str:
        nut = re.sub(r"\s+", "", self.cleaned_data["nut"]).upper()
        if not re.fullmatch(PATRON_NUT, nut):
            raise forms.ValidationError(
                _(
                    "Escriba el número tal como aparece en su comprobante: letras, números y "
                    "guiones, sin espacios."
                )
            )
        return nut
