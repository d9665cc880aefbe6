"""Las pruebas de datos abiertos corren sobre el catálogo y la muestra de siempre (semilla fija)."""

from datetime import date

import pytest

from datos_abiertos import catalogo, muestra
from datos_abiertos.models import ConjuntoDatos

# Último mes de la muestra en las pruebas: fijo, para que no dependan del día en que corren.
HASTA = date(2026, 9, 1)


def cargar_datos_abiertos(conjuntos: list[str] | None = None) -> None:
    catalogo.cargar()
    elegidos = ConjuntoDatos.objects.all()
    if conjuntos:
        elegidos = elegidos.filter(slug__in=conjuntos)
    for conjunto in elegidos:
        muestra.cargar(conjunto, hasta=HASTA)


@pytest.fixture(scope="session", autouse=True)
def _datos_abiertos(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        cargar_datos_abiertos()


@pytest.fixture
def conjunto():
    return ConjuntoDatos.objects.get(slug="personas-presentadas")
