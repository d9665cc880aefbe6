"""La ficha de un lugar sin volver a la base en cada visita.

La ficha se guarda dibujada por versión del contenido e idioma (detalle.html, caché de trozos);
en cada visita solo se calcula «abierto ahora», que depende de la hora. Para eso, para el título
y para la fecha del pie basta este resumen, guardado también por versión del contenido: un
cambio en el admin cambia la versión y se ve en la siguiente petición.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import caches
from django.http import Http404

from ventanillas import horarios
from ventanillas.models import Lugar


@dataclass(frozen=True)
class Resumen:
    nombre: str
    actualizado: datetime
    horario: horarios.Horario | None


def lugar(slug: str) -> Lugar:
    """El lugar publicado con todo lo que muestra la ficha, o 404."""
    encontrado = Lugar.objects.publicados().con_detalle().filter(slug=slug).first()
    if encontrado is None:
        raise Http404
    return encontrado


def resumen(slug: str, *, version: str, cargar=lugar) -> Resumen:
    """Nombre, fecha de actualización y horario del lugar publicado `slug`, o 404."""
    clave = f"ventanillas:resumen:{version}:{slug}"
    guardado = caches["fragmentos"].get(clave)
    if guardado is None:
        encontrado = cargar(slug)
        guardado = Resumen(
            encontrado.nombre, encontrado.actualizado, horarios.horario_de(encontrado)
        )
        caches["fragmentos"].set(clave, guardado, None)
    return guardado
