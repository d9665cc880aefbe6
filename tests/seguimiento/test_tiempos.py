"""Mediana, percentil 90, parte en plazo y rezago, con casos hechos a mano."""

from datetime import date

import pytest

from seguimiento import tiempos
from seguimiento.models import Estatus
from seguimiento.plazos import Calendario
from tests.seguimiento.conftest import HOY

CALENDARIO = Calendario()
mas = CALENDARIO.sumar_dias_habiles


@pytest.mark.parametrize(
    ("valores", "porcentaje", "esperado"),
    [
        ([5], 50, 5),
        ([3, 1, 2], 50, 2),
        # Par: el rango más cercano toma el menor de los dos del medio, un valor observado.
        ([1, 2, 3, 4], 50, 2),
        ([4, 1, 3, 2], 90, 4),
        (list(range(1, 11)), 90, 9),
        (list(range(1, 11)), 91, 10),
        ([7, 7, 30], 90, 30),
        ([7, 7, 30], 50, 7),
        (list(range(1, 21)), 90, 18),
    ],
)
def test_percentil_por_rango_mas_cercano(valores, porcentaje, esperado):
    assert tiempos.percentil(valores, porcentaje) == esperado


def test_sin_valores_no_hay_mediana_ni_proporcion():
    assert tiempos.mediana([]) is None
    assert tiempos.percentil([], 90) is None
    assert tiempos.proporcion_en_plazo(0, 0) is None
    assert tiempos.proporcion_en_plazo(3, 4) == 0.75


@pytest.mark.parametrize(
    ("dias", "tramo"), [(0, 0), (10, 0), (11, 1), (20, 1), (21, 2), (60, 2), (61, 3), (400, 3)]
)
def test_tramos_de_antiguedad(dias, tramo):
    assert tiempos.tramo(dias) == tramo


def test_hace_un_anio_en_bisiesto():
    assert tiempos.hace_un_anio(date(2028, 2, 29)) == date(2027, 2, 28)
    assert tiempos.hace_un_anio(HOY) == date(2025, 11, 23)


def test_resumir_resueltas_a_mano():
    ingreso = date(2026, 3, 2)
    filas = [
        (ingreso, ingreso, mas(ingreso, 10)),
        (ingreso, ingreso, mas(ingreso, 15)),
        (ingreso, ingreso, mas(ingreso, 22)),
        (ingreso, ingreso, mas(ingreso, 30)),
        # 25 días en total, pero el plazo corrió desde la entrega de lo requerido: 12 días.
        (ingreso, mas(ingreso, 13), mas(ingreso, 25)),
    ]
    resueltas, mediana, p90, en_plazo = tiempos.resumir_resueltas(
        filas, plazo=20, calendario=CALENDARIO
    )
    assert (resueltas, mediana, p90, en_plazo) == (5, 22, 30, 3)


def test_sin_plazo_no_se_cuenta_en_plazo():
    ingreso = date(2026, 3, 2)
    filas = [(ingreso, ingreso, mas(ingreso, 5))]
    assert tiempos.resumir_resueltas(filas, plazo=None, calendario=CALENDARIO) == (1, 5, 5, None)


@pytest.mark.django_db
def test_calcular_con_solicitudes_hechas_a_mano(crear_solicitud):
    ingreso = date(2026, 6, 1)
    for numero, dias in enumerate((10, 15, 22, 30), 1):
        crear_solicitud(
            f"PRUEBA-{numero:04d}",
            ingreso=ingreso,
            cambios=[(Estatus.RESUELTO_FAVORABLE, mas(ingreso, dias))],
        )
    pedido = mas(ingreso, 5)
    crear_solicitud(
        "PRUEBA-0005",
        ingreso=ingreso,
        cambios=[
            (Estatus.REQUIERE_INFORMACION, pedido, "Copia legible", mas(pedido, 10)),
            (Estatus.EN_REVISION, mas(ingreso, 13)),
            (Estatus.RESUELTO_NO_FAVORABLE, mas(ingreso, 25)),
        ],
    )
    # Resuelta hace más de 12 meses: fuera del periodo.
    crear_solicitud(
        "PRUEBA-0006",
        ingreso=date(2025, 10, 1),
        cambios=[(Estatus.RESUELTO_FAVORABLE, date(2025, 11, 20))],
    )
    # Abiertas hoy con 0, 10, 11 y 61 días hábiles de antigüedad.
    for numero, dias in enumerate((0, 10, 11, 61), 7):
        desde = HOY
        while CALENDARIO.dias_habiles_entre(desde, HOY) < dias:
            desde = desde.fromordinal(desde.toordinal() - 1)
        crear_solicitud(f"PRUEBA-{numero:04d}", ingreso=desde)
    # Una de muestra no cuenta cuando ya hay reales.
    crear_solicitud(
        "MUESTRA-999999",
        ingreso=ingreso,
        es_muestra=True,
        cambios=[(Estatus.RESUELTO_FAVORABLE, mas(ingreso, 90))],
    )
    resultado = tiempos.calcular(hoy=HOY, calendario=CALENDARIO)
    assert not resultado.es_muestra
    fila = next(f for f in resultado.filas if f.tramite.slug == "permiso-para-trabajar")
    assert (fila.resueltas, fila.mediana, fila.p90, fila.en_plazo) == (5, 22, 30, 3)
    assert fila.porcentaje_en_plazo == 60
    assert fila.pendientes == [2, 1, 0, 1]
    assert resultado.resueltas == 5
    assert resultado.pendientes == 4
    otra = next(f for f in resultado.filas if f.tramite.slug == "visa-union-familiar")
    assert not otra.tiene_datos
    assert len(resultado.filas) == 14


@pytest.mark.django_db
def test_sin_reales_se_usan_las_de_muestra_y_se_dice(crear_solicitud):
    ingreso = date(2026, 6, 1)
    crear_solicitud(
        "MUESTRA-000001",
        ingreso=ingreso,
        es_muestra=True,
        cambios=[(Estatus.RESUELTO_FAVORABLE, mas(ingreso, 7))],
    )
    resultado = tiempos.calcular(hoy=HOY, calendario=CALENDARIO)
    assert resultado.es_muestra
    assert resultado.resueltas == 1
