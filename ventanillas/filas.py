"""Cada lugar como fila de las listas (la lista y «cercanas»), dibujado una vez por versión del
contenido e idioma.

La plantilla de una fila (tipo, postura de la dirección y de los servicios, idioma de cada
servicio) costaba cerca de 1 ms por lugar en cada visita, y solo cambia cuando cambia el
contenido: se dibujan todas de una vez con `ventanillas/_lugar.html` y se guardan en la caché de
trozos del proceso, con la versión del contenido en la clave (config/cache_paginas.py), así que
un cambio en el admin se ve en la siguiente petición.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import caches
from django.db.models import Prefetch
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ventanillas import cercania
from ventanillas.models import Lugar, ServicioLugar

# Lo que ocupa el lugar de los kilómetros en las filas de «cercanas»: se reemplaza en cada
# visita. El carácter nulo no aparece en el contenido y el escape de HTML no lo toca.
HUECO = "\x00km\x00"


def _publicados(pks=None):
    lugares = Lugar.objects.publicados().con_respaldos()
    if pks is not None:
        lugares = lugares.filter(pk__in=pks)
    return lugares.prefetch_related(
        Prefetch("servicios_lugar", ServicioLugar.objects.select_related("servicio"))
    )


def _dibujar(lugares, km) -> dict[int, str]:
    return {
        lugar.pk: render_to_string("ventanillas/_lugar.html", {"lugar": lugar, "km": km})
        for lugar in lugares
    }


def _filas(version: str, km) -> dict[int, str]:
    """Todas las filas de los lugares publicados, por pk (una entrada de caché por idioma)."""
    clave = f"ventanillas:filas:{version}:{get_language()}:{km is not None}"
    filas = caches["fragmentos"].get(clave)
    if filas is None:
        filas = _dibujar(_publicados(), km)
        caches["fragmentos"].set(clave, filas, None)
    return filas


def _de(pks, version: str, km) -> dict[int, str]:
    filas = _filas(version, km)
    # Un lugar publicado después de leer la versión aún no tiene fila guardada: se dibuja aparte.
    faltan = [pk for pk in pks if pk not in filas]
    if faltan:
        filas = {**filas, **_dibujar(_publicados(faltan), km)}
    return filas


def filas_de(pks, *, version: str) -> str:
    """El HTML de los lugares `pks`, en ese orden, como en la lista."""
    pks = list(pks)
    filas = _de(pks, version, None)
    return mark_safe("".join(filas[pk] for pk in pks if pk in filas))  # noqa: S308


def km(distancia: float) -> str:
    """Los kilómetros como los escribe `_lugar.html` («1,234» en español)."""
    return conditional_escape(intcomma(floatformat(distancia, "0")))


def cercanos_de(cercanos: list[cercania.Cercano], *, version: str) -> str:
    """El HTML de los lugares más cercanos, en ese orden, cada uno con su distancia."""
    filas = _de([c.lugar.pk for c in cercanos], version, HUECO)
    return mark_safe(  # noqa: S308 - de la plantilla; los km van escapados
        "".join(
            filas[c.lugar.pk].replace(HUECO, km(c.distancia_km))
            for c in cercanos
            if c.lugar.pk in filas
        )
    )


def ubicados(*, version: str) -> list[cercania.Ubicado]:
    """Los lugares publicados con su posición (igual en todo idioma), por versión del contenido."""
    clave = f"ventanillas:ubicados:{version}"
    lista = caches["fragmentos"].get(clave)
    if lista is None:
        lista = cercania.ubicados(
            Lugar.objects.publicados().select_related("estado", "municipio").order_by("pk")
        )
        caches["fragmentos"].set(clave, lista, None)
    return lista
