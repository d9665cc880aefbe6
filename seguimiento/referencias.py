"""Lo que toda consulta de estado necesita y casi nunca cambia, leído una vez por proceso.

Calendario, temas con sus fuentes, trámites, modalidades y oficinas: se leen de la base la
primera vez y se guardan en el proceso hasta que cambie la versión del contenido (cualquier
cambio en el admin o una carga la cambia: config/cache_paginas.py). Así una consulta de estado
solo lee de la base la solicitud y su historial (benchmarks/seguimiento.py).
"""

from dataclasses import dataclass

from config import cache_paginas
from seguimiento.calendario import leer_calendario, por_version
from seguimiento.plazos import Calendario
from tramites.models import Modalidad, TemaComun, Tramite
from ventanillas.models import Lugar

# Temas comunes de la ficha de trámites que explican el seguimiento y los plazos (con fuentes).
TEMAS = ("seguimiento-estatus", "plazos-dias-habiles", "tramites-en-micrositio")


@dataclass(frozen=True)
class Referencias:
    # Versión del contenido con que se leyó: entra a la clave de los trozos de plantilla.
    version: str
    calendario: Calendario
    # Por clave con guiones bajos («plazos_dias_habiles»), como las usan las plantillas.
    temas: dict[str, TemaComun]
    tramites: dict[int, Tramite]
    modalidades: dict[int, Modalidad]
    oficinas: dict[int, Lugar]

    def enlazar(self, solicitud) -> None:
        """Pone en la solicitud su trámite, modalidad y oficina sin volver a la base.

        Un objeto que no esté (creado después de leer las referencias) se lee como siempre.
        """
        for campo, objetos in (
            ("tramite", self.tramites),
            ("modalidad", self.modalidades),
            ("oficina", self.oficinas),
        ):
            objeto = objetos.get(getattr(solicitud, f"{campo}_id"))
            if objeto is not None:
                setattr(solicitud, campo, objeto)


def _leer() -> Referencias:
    temas = TemaComun.objects.filter(clave__in=TEMAS).prefetch_related("fuentes")
    return Referencias(
        version=cache_paginas.version(),
        calendario=leer_calendario(),
        temas={tema.clave.replace("-", "_"): tema for tema in temas},
        tramites=Tramite.objects.in_bulk(),
        modalidades=Modalidad.objects.in_bulk(),
        oficinas=Lugar.objects.in_bulk(),
    )


def referencias() -> Referencias:
    return por_version("referencias", _leer)
