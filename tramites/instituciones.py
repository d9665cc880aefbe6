"""Instituciones que no son el INM pero a las que la búsqueda lleva (refugio, pasaporte, CURP…).

Son datos: clave → página del sitio (nombre de URL y ancla) y un título traducible. Lo que cada
institución hace, con su fuente, lo dicen las páginas de /proteccion/; aquí solo se declara
adónde llevar a quien busca. Las frases con que la gente las pide son `FraseBusqueda`.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Institucion:
    clave: str
    url_nombre: str
    ancla: str
    titulo: Promise

    @property
    def url(self) -> str:
        destino = reverse(self.url_nombre)
        return f"{destino}#{self.ancla}" if self.ancla else destino


def _instituciones(*lista: Institucion) -> dict[str, Institucion]:
    return {i.clave: i for i in lista}


INSTITUCIONES = _instituciones(
    Institucion("comar", "proteccion:inicio", "", _("Protección internacional (refugio): COMAR")),
    Institucion(
        "consulados",
        "proteccion:instituciones",
        "consulados",
        _("Pasaporte y documentos de su país: consulados"),
    ),
    Institucion("curp", "proteccion:instituciones", "curp", _("CURP para personas extranjeras")),
    Institucion("cndh", "proteccion:instituciones", "cndh", _("Quejas por derechos humanos: CNDH")),
    Institucion(
        "acnur",
        "proteccion:instituciones",
        "acnur",
        _("ACNUR, la Agencia de la ONU para los Refugiados"),
    ),
    Institucion(
        "oim",
        "proteccion:instituciones",
        "oim",
        _("OIM, la Organización Internacional para las Migraciones"),
    ),
    Institucion(
        "proteccion-infancia",
        "proteccion:instituciones",
        "proteccion-infancia",
        _("Protección de niñas, niños y adolescentes"),
    ),
    Institucion(
        "victimas", "proteccion:instituciones", "victimas", _("Apoyo a víctimas de delitos")
    ),
)

OPCIONES = [(clave, i.titulo) for clave, i in INSTITUCIONES.items()]
