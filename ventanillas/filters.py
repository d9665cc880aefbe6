"""Filtros de la lista de ventanillas y oficinas (formulario GET), con cuántos lugares hay en cada opción."""

import django_filters
from django.core.cache import caches
from django.db.models import Count
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from config import cache_paginas
from config.widgets import FastSelect
from ventanillas import opciones
from ventanillas.models import Estado, Lugar, Servicio, Tipo

ELIJA = _("Elija una opción de la lista.")


class _Etiquetadas(BaseChoiceIterator):
    """Opciones de un filtro con cuántos lugares hay en cada una, leídas al recorrerlas (como
    ModelChoiceIterator, Django no las recorre al asignarlas)."""

    def __init__(self, vacia, lector, cuenta: dict[str, int]):
        self.vacia, self.lector, self.cuenta = vacia, lector, cuenta

    def __iter__(self):
        yield "", self.vacia
        for slug, texto in self.lector(version=cache_paginas.version()):
            yield slug, f"{texto} ({self.cuenta.get(slug, 0)})"


class LugarFilter(django_filters.FilterSet):
    tipo = django_filters.ChoiceFilter(
        label=_("Tipo de lugar"),
        choices=Tipo.choices,
        empty_label=_("Todos"),
        widget=FastSelect,
        error_messages={"invalid_choice": ELIJA},
    )
    estado = django_filters.ModelChoiceFilter(
        label=_("Estado"),
        queryset=Estado.objects.all(),
        to_field_name="slug",
        empty_label=_("Todos los estados"),
        widget=FastSelect,
        error_messages={"invalid_choice": ELIJA},
    )
    servicio = django_filters.ModelChoiceFilter(
        label=_("Servicio"),
        field_name="servicios_lugar__servicio",
        queryset=Servicio.objects.all(),
        to_field_name="slug",
        empty_label=_("Todos los servicios"),
        distinct=True,
        widget=FastSelect,
        error_messages={"invalid_choice": ELIJA},
    )

    # Ruta de cada filtro hasta el valor que se cuenta (el mismo que va en la dirección).
    CAMPO_CONTEO = {
        "tipo": "tipo",
        "estado": "estado__slug",
        "servicio": "servicios_lugar__servicio__slug",
    }

    class Meta:
        model = Lugar
        fields = ["tipo", "estado", "servicio"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conteos = self._contar() if self.is_bound else {}
        self._etiquetar()

    def _valores_validos(self) -> dict:
        """Los filtros que pasaron la validación (uno malo no anula a los demás)."""
        formulario = self.form
        formulario.is_valid()
        limpios = getattr(formulario, "cleaned_data", {})
        return {
            n: v for n, v in limpios.items() if v not in (None, "") and n not in formulario.errors
        }

    def _contar(self) -> dict[str, dict[str, int]]:
        """Para cada filtro, cuántos lugares quedan en cada opción con los demás filtros puestos.

        Tres consultas con agregados: se guardan por versión del contenido y combinación de
        filtros válidos (un número acotado: tipos × estados × servicios).
        """
        validos = self._valores_validos()
        combinacion = ":".join(
            str(getattr(validos.get(nombre), "slug", validos.get(nombre, "")))
            for nombre in self.CAMPO_CONTEO
        )
        clave = f"ventanillas:conteos:{cache_paginas.version()}:{combinacion}"
        conteos = caches["fragmentos"].get(clave)
        if conteos is None:
            conteos = self._contar_en_la_base(validos)
            caches["fragmentos"].set(clave, conteos, None)
        return conteos

    def _contar_en_la_base(self, validos: dict) -> dict[str, dict[str, int]]:
        conteos = {}
        for nombre, ruta in self.CAMPO_CONTEO.items():
            consulta = self.queryset
            for otro, valor in validos.items():
                if otro != nombre:
                    consulta = self.filters[otro].filter(consulta, valor)
            conteos[nombre] = {
                fila[ruta]: fila["n"]
                for fila in consulta.order_by().values(ruta).annotate(n=Count("pk", distinct=True))
            }
        return conteos

    def _etiquetar(self) -> None:
        if not self.conteos:
            return
        campos = self.form.fields
        tipos = self.conteos["tipo"]
        campos["tipo"].choices = [("", f"{_('Todos')} ({sum(tipos.values())})")] + [
            (valor, f"{etiqueta} ({tipos.get(valor, 0)})") for valor, etiqueta in Tipo.choices
        ]
        # Las opciones salen de la caché (opciones.py), no de una consulta por cada dibujo, y
        # solo al dibujar la lista (la API no la dibuja).
        leer = {"estado": opciones.estados, "servicio": opciones.servicios}
        for nombre, lector in leer.items():
            campos[nombre].widget.choices = _Etiquetadas(
                campos[nombre].empty_label, lector, self.conteos[nombre]
            )

    @property
    def qs_validos(self):
        """Lugares filtrados solo con los filtros válidos (los inválidos se informan aparte)."""
        consulta = self.queryset
        for nombre, valor in self._valores_validos().items():
            consulta = self.filters[nombre].filter(consulta, valor)
        return consulta
