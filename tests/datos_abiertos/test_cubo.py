"""El cubo en memoria da exactamente los números de las consultas a la base (SQLite y PostgreSQL)."""

import random
from datetime import date

import pytest

from datos_abiertos import consultas, cubo
from datos_abiertos.models import ConjuntoDatos, CuboConjunto

pytestmark = pytest.mark.django_db


def _por_consultas(conjunto, filtros) -> dict:
    resumen = consultas._serie(conjunto, filtros)
    for dimension in consultas.dimensiones_filtrables(conjunto):
        otros = consultas._sin(filtros, dimension)
        resumen.facetas[dimension] = consultas._faceta(conjunto, otros, dimension)
    return resumen.a_json()


def _combinaciones(conjunto, cantidad=25):
    """Ninguna a tres dimensiones (las sumas hechas cubren ninguna y una; las filas, más), a
    veces con un año o con varios."""
    rng = random.Random(3)  # noqa: S311 - filtros de prueba
    dimensiones = consultas.dimensiones_filtrables(conjunto)
    for _ in range(cantidad):
        filtros = dict(consultas.filtros_por_omision(conjunto))
        for dimension in rng.sample(dimensiones, rng.randint(0, min(3, len(dimensiones)))):
            opciones = conjunto.valores.get(dimension) or ["?"]
            # A veces un código que ninguna fila tiene: cero filas, no un error.
            elegido = "ZZZ" if rng.random() < 0.1 else rng.choice(opciones)
            filtros[consultas.BUSQUEDAS[dimension]] = elegido
        sorteo = rng.random()
        if sorteo < 0.35:
            anio = rng.randint(2009, 2026)
            filtros.update(periodo__gte=date(anio, 1, 1), periodo__lte=date(anio, 12, 1))
        elif sorteo < 0.6:
            desde, hasta = sorted(rng.sample(range(2009, 2027), 2))
            filtros.update(
                periodo__gte=date(desde, rng.randint(1, 12), 1),
                periodo__lte=date(hasta, rng.randint(1, 12), 1),
            )
        elif sorteo < 0.7:
            filtros["periodo__gte"] = date(rng.randint(2009, 2026), 1, 1)
        yield filtros


@pytest.mark.parametrize(
    "slug", ["personas-presentadas", "tramites-migratorios", "atenciones-ventanillas"]
)
# Con pares sumados de antemano siempre o nunca: con una dimensión elegida, cada faceta sale de
# las sumas del par o de las filas; las dos dan los números de la base.
@pytest.mark.parametrize("celdas_por_fila", [0, 10**9])
def test_el_cubo_da_los_mismos_numeros_que_la_base(slug, celdas_por_fila, monkeypatch):
    conjunto = ConjuntoDatos.objects.get(slug=slug)
    leido = cubo.leer(conjunto.pk, conjunto.version)
    assert leido is not None and leido.filas == conjunto.filas
    monkeypatch.setattr(cubo, "CELDAS_POR_FILA", celdas_por_fila)
    # Un cubo recién leído: las sumas se hacen con el umbral de esta prueba.
    actual = cubo.de_bytes(cubo.a_bytes(leido), leido.version)
    assert bool(cubo.agregados(actual).por_par) == bool(celdas_por_fila)
    vistos = set()
    for filtros in _combinaciones(conjunto, 40):
        en_memoria = consultas.calcular(conjunto, filtros, cubo=actual).a_json()
        assert en_memoria == _por_consultas(conjunto, filtros), filtros
        elegidas = set(filtros) - set(consultas.filtros_por_omision(conjunto))
        vistos.add(len([c for c in elegidas if not c.startswith("periodo")]))
    # Ninguna, una y varias dimensiones elegidas: cada camino del cubo (sumas hechas o filas).
    assert {0, 1, 2} <= vistos


def test_la_carga_guarda_el_cubo_de_la_version_nueva_y_la_pagina_lo_usa(client, conjunto):
    guardado = CuboConjunto.objects.get(conjunto=conjunto)
    assert guardado.version == conjunto.version
    # Otra versión (datos que cambiaron sin cubo): se cuenta en la base, sin errores.
    assert cubo.leer(conjunto.pk, conjunto.version + 1) is None
    respuesta = client.get("/datos/personas-presentadas/?entidad=07&sexo=mujer&desde=2023-01")
    assert respuesta.status_code == 200
    esperado = _por_consultas(
        conjunto, {"entidad": "07", "sexo": "mujer", "periodo__gte": date(2023, 1, 1)}
    )
    assert respuesta.context["resumen"].a_json() == esperado


@pytest.mark.parametrize("slug", ["personas-presentadas", "atenciones-ventanillas"])
def test_las_filas_de_cada_pagina_son_las_de_la_base_en_el_mismo_orden(slug):
    from datos_abiertos.presentacion import FilasDelCubo

    conjunto = ConjuntoDatos.objects.get(slug=slug)
    actual = cubo.leer(conjunto.pk, conjunto.version)
    assert actual.ids is not None
    base = consultas.observaciones(conjunto, {}).order_by().values("id", "periodo", "valor")
    for filtros in [{}, *_combinaciones(conjunto, 10)]:
        esperadas = list(consultas.ordenadas(conjunto, filtros).values("id", "periodo", "valor"))
        filas = FilasDelCubo(actual, filtros, base, len(esperadas))
        # Primera página, una de en medio y la última (incompleta).
        for desde in {0, len(esperadas) // 2, max(len(esperadas) - 7, 0)}:
            assert filas[desde : desde + 50] == esperadas[desde : desde + 50], filtros
