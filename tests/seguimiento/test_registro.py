"""El estatus, la resolución y el inicio del plazo salen del historial."""

from dataclasses import dataclass
from datetime import date

from seguimiento.models import Estatus
from seguimiento.registro import derivar

INGRESO = date(2026, 10, 1)


@dataclass
class C:
    estatus: str
    fecha: date


def test_sin_historial_esta_recibida_desde_su_ingreso():
    derivado = derivar(INGRESO, [])
    assert derivado.estatus == Estatus.RECIBIDO
    assert derivado.fecha_estatus == INGRESO
    assert derivado.fecha_resolucion is None
    assert derivado.inicio_plazo == INGRESO


def test_el_estatus_actual_es_el_mas_reciente_aunque_lleguen_desordenados():
    derivado = derivar(
        INGRESO,
        [C(Estatus.EN_REVISION, date(2026, 10, 5)), C(Estatus.RECIBIDO, INGRESO)],
    )
    assert derivado.estatus == Estatus.EN_REVISION
    assert derivado.fecha_estatus == date(2026, 10, 5)


def test_el_documento_listo_no_cambia_la_fecha_de_resolucion():
    derivado = derivar(
        INGRESO,
        [
            C(Estatus.RECIBIDO, INGRESO),
            C(Estatus.RESUELTO_FAVORABLE, date(2026, 10, 20)),
            C(Estatus.DOCUMENTO_LISTO, date(2026, 10, 27)),
        ],
    )
    assert derivado.estatus == Estatus.DOCUMENTO_LISTO
    assert derivado.fecha_resolucion == date(2026, 10, 20)


def test_el_plazo_corre_desde_que_se_entrega_lo_requerido():
    derivado = derivar(
        INGRESO,
        [
            C(Estatus.RECIBIDO, INGRESO),
            C(Estatus.REQUIERE_INFORMACION, date(2026, 10, 5)),
            C(Estatus.EN_REVISION, date(2026, 10, 9)),
        ],
    )
    assert derivado.inicio_plazo == date(2026, 10, 9)
    assert derivado.fecha_resolucion is None


def test_mismo_dia_se_ordena_por_el_curso_natural():
    derivado = derivar(
        INGRESO,
        [C(Estatus.RESUELTO_FAVORABLE, INGRESO), C(Estatus.RECIBIDO, INGRESO)],
    )
    assert derivado.estatus == Estatus.RESUELTO_FAVORABLE
    assert derivado.fecha_resolucion == INGRESO


def test_una_resolucion_corregida_vuelve_a_abrir_la_solicitud():
    derivado = derivar(
        INGRESO,
        [
            C(Estatus.RESUELTO_NO_FAVORABLE, date(2026, 10, 10)),
            C(Estatus.EN_REVISION, date(2026, 10, 12)),
        ],
    )
    assert derivado.fecha_resolucion is None
