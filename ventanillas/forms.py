"""Formularios de ventanillas: buscar lugares cercanos y registrar una atención."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from config import cache_paginas
from config.widgets import FastSelect
from ventanillas import opciones
from ventanillas.models import (
    Estado,
    GrupoEdad,
    Municipio,
    PerfilMigratorio,
    ServicioAtencion,
    Sexo,
)
from ventanillas.registro import CANALIZACIONES, VULNERABILIDADES


class CercanasForm(forms.Form):
    """Punto de partida: un estado, un municipio o (con JavaScript) la ubicación del navegador."""

    estado = forms.ModelChoiceField(
        label=_("Estado donde está"),
        queryset=Estado.objects.all(),
        to_field_name="slug",
        empty_label=_("Elija un estado"),
        widget=FastSelect,
        error_messages={
            "required": _("Elija el estado donde está."),
            "invalid_choice": _("Elija un estado de la lista."),
        },
    )
    municipio = forms.ModelChoiceField(
        label=_("Municipio, para afinar"),
        queryset=Municipio.objects.none(),
        to_field_name="clave",
        required=False,
        widget=FastSelect,
        empty_label=_("Todo el estado"),
        error_messages={"invalid_choice": _("Elija un municipio de la lista del estado elegido.")},
    )
    latitud = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitud = forms.FloatField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and (self.data.get("latitud") or self.data.get("longitud")):
            # Con la ubicación del navegador el estado sobra.
            self.fields["estado"].required = False
        # Las opciones que se dibujan salen de la caché (opciones.py); la validación, de la base.
        version = cache_paginas.version()
        campo = self.fields["estado"]
        campo.widget.choices = [("", campo.empty_label), *opciones.estados(version=version)]
        estado = self._estado_elegido()
        if estado is not None:
            campo = self.fields["municipio"]
            campo.queryset = Municipio.objects.filter(estado=estado).order_by("nombre")
            campo.label_from_instance = lambda municipio: municipio.nombre
            campo.widget.choices = [
                ("", campo.empty_label),
                *opciones.municipios(estado.pk, version=version),
            ]
        else:
            del self.fields["municipio"]

    def _estado_elegido(self):
        if not self.is_bound or not self.data.get("estado"):
            return None
        return Estado.objects.filter(slug=self.data["estado"]).first()

    def clean(self):
        datos = super().clean()
        latitud, longitud = datos.get("latitud"), datos.get("longitud")
        if (latitud is None) != (longitud is None):
            raise forms.ValidationError(_("La ubicación llegó incompleta. Elija un estado."))
        if latitud is not None:
            if not -90 <= latitud <= 90 or not -180 <= longitud <= 180:
                raise forms.ValidationError(
                    _(
                        "La ubicación recibida no es válida (la latitud va de −90 a 90 y la "
                        "longitud de −180 a 180). Elija un estado."
                    )
                )
            return datos
        if not datos.get("estado") and not self.errors:
            self.add_error("estado", _("Elija el estado donde está."))
        return datos

    def origen(self) -> tuple[tuple[float, float], str]:
        """(latitud, longitud) de partida y el título de los resultados."""
        datos = self.cleaned_data
        if datos.get("latitud") is not None:
            return (datos["latitud"], datos["longitud"]), str(_("Los más cercanos a su ubicación"))
        municipio = datos.get("municipio")
        if municipio:
            return (municipio.latitud, municipio.longitud), str(
                _("Los más cercanos al centro del municipio de %(nombre)s")
                % {"nombre": municipio.nombre}
            )
        estado = datos["estado"]
        return (estado.latitud, estado.longitud), str(
            _("Los más cercanos al centro del estado de %(nombre)s") % {"nombre": estado.nombre}
        )


def _paises():
    return [("", _("No lo dijo"))] + list(countries)


class AtencionForm(forms.Form):
    """Una atención en una sola pantalla, pensada para el teclado y una fila de gente.

    El orden de los campos es el orden de tabulación: primero lo que siempre se elige; la fecha
    (hoy) y la ventanilla (la de la cuenta) van al final con su valor ya puesto.
    """

    sexo = forms.ChoiceField(
        label=_("Sexo"),
        choices=Sexo.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Elija el sexo de la persona.")},
    )
    grupo_edad = forms.ChoiceField(
        label=_("Edad"),
        choices=GrupoEdad.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Elija el grupo de edad.")},
    )
    perfil = forms.ChoiceField(
        label=_("Perfil migratorio"),
        choices=PerfilMigratorio.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Elija el perfil migratorio.")},
    )
    nacionalidad = forms.ChoiceField(
        label=_("Nacionalidad"),
        choices=_paises,
        required=False,
        help_text=_("Escriba las primeras letras del país para saltar a él."),
    )
    servicios = forms.MultipleChoiceField(
        label=_("Servicios dados"),
        choices=ServicioAtencion.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Marque al menos un servicio.")},
    )
    vulnerabilidades = forms.MultipleChoiceField(
        label=_("Situaciones de vulnerabilidad"),
        choices=[(b.campo, b.etiqueta) for b in VULNERABILIDADES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Las marcadas con «canalizar ya» muestran el directorio de su estado."),
    )
    canalizaciones = forms.MultipleChoiceField(
        label=_("Canalizada a"),
        choices=[(b.campo, b.etiqueta) for b in CANALIZACIONES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    fecha = forms.DateField(
        label=_("Fecha de la atención"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Escriba la fecha de la atención."),
            "invalid": _("Escriba la fecha como año-mes-día, por ejemplo 2026-11-23."),
        },
    )
    ventanilla = forms.ModelChoiceField(
        label=_("Ventanilla"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Solo puede registrar atenciones de su ventanilla.")},
    )

    def __init__(self, *args, ventanillas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ventanilla"].queryset = ventanillas
        self.fields["fecha"].initial = timezone.localdate

    def clean_fecha(self):
        fecha = self.cleaned_data["fecha"]
        if fecha > timezone.localdate():
            raise forms.ValidationError(_("La fecha no puede ser posterior a hoy."))
        return fecha
