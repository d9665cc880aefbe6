"""Filtros de un conjunto de datos (django-filter), con los mensajes de error en español.

Los filtros son los mismos para la página y para las descargas: lo que se ve filtrado es
exactamente lo que se descarga. Cada conjunto tiene solo los filtros de sus dimensiones. La
página elige un indicador por omisión (no se suman entre sí); una descarga sin filtros trae
todas las filas, y su formulario rechaza lo que no entiende en lugar de ignorarlo.
"""

import re
from datetime import date

import django_filters
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.widgets import FastSelect
from datos_abiertos import catalogos
from datos_abiertos.consultas import BUSQUEDAS, dimensiones_filtrables, filtros_por_omision
from datos_abiertos.models import ConjuntoDatos, Observacion

# Parámetros de la dirección que no son filtros pero que las páginas entienden.
PARAMETROS_PAGINA = {"page", "desglose"}
PARAMETROS_DESCARGA = {"bom"}

ETIQUETAS = {
    "entidad": _("Entidad federativa"),
    "nacionalidad": _("Nacionalidad"),
    "sexo": _("Sexo"),
    "grupo_edad": _("Grupo de edad"),
    "ventanilla": _("Ventanilla"),
    "indicador": _("Indicador"),
}

MENSAJES_OPCION = {
    "entidad": _(
        "«%(value)s» no es una clave de entidad federativa: elija una de la lista (claves INEGI 01 a 32)."
    ),
    "nacionalidad": _(
        "«%(value)s» no es un código de nacionalidad: elija una de la lista (códigos ISO de dos letras)."
    ),
    "sexo": _("«%(value)s» no es una opción de sexo de este conjunto: elija una de la lista."),
    "grupo_edad": _("«%(value)s» no es un grupo de edad de este conjunto: elija uno de la lista."),
    "ventanilla": _("«%(value)s» no es una ventanilla de este conjunto: elija una de la lista."),
    "indicador": _("«%(value)s» no es un indicador de este conjunto: elija uno de la lista."),
    "categoria": _("«%(value)s» no es una opción de este conjunto: elija una de la lista."),
}


class MesField(forms.CharField):
    """Un mes escrito como AAAA-MM (lo que manda <input type="month">)."""

    # Sin placeholder: HTML no lo admite en type="month". Donde el navegador muestra un campo de
    # texto, la ayuda bajo los filtros dice cómo escribir el mes.
    widget = forms.TextInput(attrs={"type": "month", "inputmode": "numeric"})
    default_error_messages = {
        "invalid": _("Escriba el mes como AAAA-MM, por ejemplo 2023-01."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        coincidencia = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
        if not coincidencia or not 1 <= int(coincidencia[2]) <= 12:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        anio = int(coincidencia[1])
        if not 1900 <= anio <= 2999:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return date(anio, int(coincidencia[2]), 1)


class MesFilter(django_filters.Filter):
    field_class = MesField


class FiltrosForm(forms.Form):
    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and desde > hasta:
            self.add_error(
                "hasta",
                gettext(
                    "El mes final (%(hasta)s) es anterior al inicial (%(desde)s): escriba un mes "
                    "final igual o posterior."
                )
                % {"hasta": f"{hasta:%Y-%m}", "desde": f"{desde:%Y-%m}"},
            )
        return datos


class DescargaForm(FiltrosForm):
    """Los filtros de una descarga y `bom`; cualquier otro parámetro es un error que se explica."""

    bom = forms.TypedChoiceField(
        label=_("Marca BOM"),
        choices=[("0", "0"), ("1", "1")],
        coerce=lambda valor: valor == "1",
        required=False,
        empty_value=False,
        error_messages={
            "invalid_choice": _(
                "Use bom=1 para agregar la marca BOM que Excel necesita, o no lo ponga."
            )
        },
    )

    def clean(self):
        datos = super().clean()
        # La página y la gráfica se aceptan y no cambian el archivo: así funciona cambiar
        # «/datos/conjunto/?…» por «/datos/conjunto.csv?…».
        desconocidos = sorted(set(self.data) - set(self.fields) - PARAMETROS_PAGINA)
        filtros = ", ".join(nombre for nombre in self.fields if nombre != "bom")
        for nombre in desconocidos:
            self.add_error(
                None,
                gettext(
                    "«%(nombre)s» no es un filtro de este conjunto: quítelo de la dirección o "
                    "use uno de estos: %(filtros)s."
                )
                % {"nombre": nombre, "filtros": filtros},
            )
        return datos

    def mensajes(self) -> list[str]:
        """Cada error en una línea, con el nombre del campo al que se refiere."""
        mensajes = list(self.non_field_errors())
        for nombre, errores in self.errors.items():
            if nombre in self.fields:
                mensajes += [f"{self.fields[nombre].label}: {error}" for error in errores]
        return mensajes


def _no_filtra(queryset, nombre, valor):
    return queryset


def filtro_para(
    conjunto: ConjuntoDatos, datos, *, descarga: bool = False
) -> django_filters.FilterSet:
    """El FilterSet del conjunto ligado a `datos` (request.GET).

    Para la página, con los valores por omisión (el primer indicador) y la gráfica; para una
    descarga, sin ellos: lo que no se filtra se descarga entero.
    """
    declarados = {
        "desde": MesFilter(field_name="periodo", lookup_expr="gte", label=_("Desde (mes)")),
        "hasta": MesFilter(field_name="periodo", lookup_expr="lte", label=_("Hasta (mes)")),
    }
    parametros = {}
    for dimension in dimensiones_filtrables(conjunto):
        nombre = parametro(conjunto, dimension)
        parametros[nombre] = dimension
        etiqueta = (
            (conjunto.categoria or {}).get("etiqueta", _("Categoría"))
            if dimension == "categoria"
            else ETIQUETAS[dimension]
        )
        declarados[nombre] = django_filters.ChoiceFilter(
            field_name=BUSQUEDAS[dimension],
            label=etiqueta,
            choices=catalogos.opciones(conjunto, dimension),
            empty_label=gettext("Todas") if dimension != "indicador" else None,
            # En la página el indicador siempre tiene uno elegido (por omisión, el primero).
            required=dimension == "indicador" and not descarga,
            error_messages={"invalid_choice": MENSAJES_OPCION[dimension]},
            widget=FastSelect,
        )
    opciones_desglose = [
        (nombre, declarados[nombre].label)
        for nombre in parametros
        if parametros[nombre] != "indicador" and not descarga
    ]
    if opciones_desglose:
        declarados["desglose"] = django_filters.ChoiceFilter(
            label=_("Gráfica por"),
            choices=opciones_desglose,
            empty_label=None,
            required=True,
            method=_no_filtra,
            widget=FastSelect,
            error_messages={
                "invalid_choice": _(
                    "«%(value)s» no es una columna de este conjunto: elija una de la lista."
                )
            },
        )
    formulario = DescargaForm if descarga else FiltrosForm
    meta = type("Meta", (), {"model": Observacion, "fields": [], "form": formulario})
    clase = type("FiltrosConjunto", (django_filters.FilterSet,), {**declarados, "Meta": meta})
    datos = datos.copy()
    por_omision = {} if descarga else filtros_por_omision(conjunto)
    for busqueda, valor in por_omision.items():
        nombre = next(n for n, d in parametros.items() if BUSQUEDAS[d] == busqueda)
        if not datos.get(nombre):
            datos[nombre] = valor
    if opciones_desglose and not datos.get("desglose"):
        datos["desglose"] = opciones_desglose[0][0]
    filtro = clase(datos, queryset=Observacion.objects.none())
    filtro.parametros = parametros
    return filtro


def parametro(conjunto: ConjuntoDatos, dimension: str) -> str:
    """Nombre del parámetro de la dirección: la columna de la descarga (tramite, servicio…)."""
    return conjunto.columna_categoria if dimension == "categoria" else dimension


def filtros_validos(filtro) -> dict:
    """Los filtros validados como búsquedas del ORM ({"entidad": "07", "periodo__gte": …})."""
    datos = filtro.form.cleaned_data
    resultado = {}
    for nombre, valor in datos.items():
        if valor in (None, "") or nombre in ("desglose", "bom"):
            continue
        definicion = filtro.filters[nombre]
        busqueda = definicion.field_name
        if definicion.lookup_expr != "exact":
            busqueda = f"{busqueda}__{definicion.lookup_expr}"
        resultado[busqueda] = valor
    return resultado


def filtros_como_texto(filtro) -> dict:
    """Los filtros válidos como se escriben en la dirección ({"desde": "2023-01", …})."""
    parametros = {}
    for nombre, valor in filtro.form.cleaned_data.items():
        if nombre in ("desglose", "bom") or valor in (None, ""):
            continue
        parametros[nombre] = f"{valor:%Y-%m}" if isinstance(valor, date) else valor
    return parametros


def desconocidos(datos, filtro, extra: set[str]) -> list[str]:
    """Parámetros de la dirección que no son filtros de este conjunto."""
    return sorted(set(datos) - set(filtro.filters) - extra)
