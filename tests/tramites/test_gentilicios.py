"""La nacionalidad en español, como adjetivo que concuerda: una tabla probada país por país."""

import pytest
from django.utils import translation

from tramites import gentilicios
from tramites.escritos import EscritoForm
from tramites.gentilicios import GENTILICIOS
from tramites.solicitudes import CAMPOS

# Algunos que no salen de una regla simple (acentos, -és/-esa, invariables, dos Congos).
CONOCIDOS = {
    "CO": ("colombiano", "colombiana"),
    "HN": ("hondureño", "hondureña"),
    "HT": ("haitiano", "haitiana"),
    "VE": ("venezolano", "venezolana"),
    "GT": ("guatemalteco", "guatemalteca"),
    "SV": ("salvadoreño", "salvadoreña"),
    "NI": ("nicaragüense", "nicaragüense"),
    "CU": ("cubano", "cubana"),
    "US": ("estadounidense", "estadounidense"),
    "ES": ("español", "española"),
    "DE": ("alemán", "alemana"),
    "FR": ("francés", "francesa"),
    "GB": ("británico", "británica"),
    "MA": ("marroquí", "marroquí"),
    "BE": ("belga", "belga"),
    "CD": ("congoleño", "congoleña"),
    "MN": ("mongol", "mongola"),
    "KG": ("kirguís", "kirguisa"),
    "PG": ("papú", "papú"),
    "MX": ("mexicano", "mexicana"),
    "DO": ("dominicano", "dominicana"),
    "DM": ("dominiqués", "dominiquesa"),
    "NE": ("nigerino", "nigerina"),
    "NG": ("nigeriano", "nigeriana"),
}


def _codigos_de_la_lista(campo) -> list[str]:
    return [codigo for codigo, _nombre in campo.choices if codigo]


@pytest.mark.parametrize(
    "campo",
    [
        EscritoForm.base_fields["nacionalidad"],
        CAMPOS["nacionalidad"](),
        CAMPOS["extranjero_nacionalidad"](),
    ],
)
def test_cada_pais_de_la_lista_de_nacionalidades_tiene_sus_dos_formas(campo):
    codigos = _codigos_de_la_lista(campo)
    assert len(codigos) == len(GENTILICIOS) == 196
    for codigo in codigos:
        masculino, femenino = GENTILICIOS[codigo]
        assert masculino and femenino and masculino.islower(), codigo
        assert gentilicios.adjetivo(codigo, "hombre") == masculino
        assert gentilicios.adjetivo(codigo, "mujer") == femenino


@pytest.mark.parametrize("codigo", sorted(GENTILICIOS))
def test_las_dos_formas_concuerdan_en_genero(codigo):
    masculino, femenino = GENTILICIOS[codigo]
    if masculino.endswith("o"):
        assert femenino == masculino[:-1] + "a"
    elif masculino.endswith(("és", "án", "ín", "ón", "ís")):
        assert femenino.endswith("a") and femenino[:-1] != masculino
    elif masculino.endswith("ol"):
        assert femenino == masculino + "a"
    else:  # -ense, -í, -ú, -a, -e: una sola forma
        assert femenino == masculino


@pytest.mark.parametrize(("codigo", "formas"), sorted(CONOCIDOS.items()))
def test_formas_conocidas(codigo, formas):
    assert GENTILICIOS[codigo] == formas


def test_la_frase_del_escrito_concuerda_con_la_persona():
    with translation.override("es-mx"):
        assert gentilicios.de_nacionalidad("CO") == "de nacionalidad colombiana"
        assert gentilicios.ciudadania("CO", "mujer") == "ciudadana colombiana"
        assert gentilicios.ciudadania("HN", "hombre") == "ciudadano hondureño"
        assert gentilicios.ciudadania("HT", "otro") == "nacional de Haití"
