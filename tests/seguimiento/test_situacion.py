"""Plazo, vencimiento y «¿va en tiempo?» de una solicitud en cada momento de su historial."""

from datetime import date

import pytest

from seguimiento.models import CambioEstatus, Estatus
from seguimiento.plazos import Calendario
from seguimiento.situacion import EstadoPlazo, situacion
from tests.seguimiento.conftest import HOY
from tramites.models import Tramite

pytestmark = pytest.mark.django_db
CALENDARIO = Calendario()


def _situacion(solicitud, hoy=HOY, calendario=CALENDARIO):
    return situacion(
        solicitud,
        list(CambioEstatus.objects.filter(solicitud=solicitud)),
        hoy=hoy,
        calendario=calendario,
    )


def test_en_revision_antes_del_vencimiento(crear_solicitud):
    solicitud = crear_solicitud(
        ingreso=date(2026, 11, 4), cambios=[(Estatus.EN_REVISION, date(2026, 11, 5))]
    )
    s = _situacion(solicitud)
    assert s.plazo == 20
    assert s.vence == date(2026, 12, 3)
    assert s.estado_plazo == EstadoPlazo.EN_TIEMPO
    # Del 23 de noviembre al 3 de diciembre: 24, 25, 26, 27, 30, 1, 2 y 3.
    assert s.dias_restantes == 8
    assert s.dias_transcurridos == 12


def test_vence_hoy_y_despues_esta_vencido(crear_solicitud):
    solicitud = crear_solicitud(ingreso=date(2026, 11, 4))
    assert _situacion(solicitud, hoy=date(2026, 12, 3)).dias_restantes == 0
    vencida = _situacion(solicitud, hoy=date(2026, 12, 8))
    assert vencida.estado_plazo == EstadoPlazo.VENCIDO
    assert vencida.dias_vencido == 3


def test_los_dias_inhabiles_del_inm_mueven_el_vencimiento(crear_solicitud):
    solicitud = crear_solicitud(ingreso=date(2026, 11, 4))
    calendario = Calendario([date(2026, 11, 30), date(2026, 12, 1)])
    assert _situacion(solicitud, calendario=calendario).vence == date(2026, 12, 7)


def test_con_requerimiento_el_plazo_se_detiene_y_hay_fecha_para_responder(crear_solicitud):
    solicitud = crear_solicitud(
        ingreso=date(2026, 11, 4),
        cambios=[
            (Estatus.REQUIERE_INFORMACION, date(2026, 11, 18), "Copia legible", date(2026, 12, 2)),
        ],
    )
    s = _situacion(solicitud)
    assert s.estado_plazo == EstadoPlazo.SUSPENDIDO
    assert s.vence is None
    assert s.requerimiento.requerimiento == "Copia legible"
    assert s.dias_para_responder == 7
    assert _situacion(solicitud, hoy=date(2026, 12, 3)).respuesta_vencida


def test_entregado_lo_requerido_el_plazo_cuenta_de_nuevo(crear_solicitud):
    solicitud = crear_solicitud(
        ingreso=date(2026, 11, 4),
        cambios=[
            (Estatus.REQUIERE_INFORMACION, date(2026, 11, 9), "Copia", date(2026, 11, 24)),
            (Estatus.EN_REVISION, date(2026, 11, 13)),
        ],
    )
    s = _situacion(solicitud)
    assert s.inicio_plazo == date(2026, 11, 13)
    assert s.vence == date(2026, 12, 14)


def test_resuelta_dentro_y_fuera_del_plazo(crear_solicitud):
    dentro = crear_solicitud(
        "PRUEBA-0001",
        ingreso=date(2026, 10, 1),
        cambios=[(Estatus.RESUELTO_FAVORABLE, date(2026, 10, 29))],
    )
    fuera = crear_solicitud(
        "PRUEBA-0002",
        ingreso=date(2026, 10, 1),
        cambios=[(Estatus.RESUELTO_NO_FAVORABLE, date(2026, 10, 30))],
    )
    s = _situacion(dentro)
    assert (s.estado_plazo, s.dias_transcurridos) == (EstadoPlazo.RESUELTO_EN_PLAZO, 20)
    s = _situacion(fuera)
    assert (s.estado_plazo, s.dias_transcurridos) == (EstadoPlazo.RESUELTO_FUERA, 21)


def test_sin_plazo_publicado_no_hay_vencimiento(crear_solicitud):
    Tramite.objects.filter(slug="permiso-salida-y-regreso").update(
        plazo_resolucion_dias_habiles=None
    )
    solicitud = crear_solicitud(tramite="permiso-salida-y-regreso", ingreso=date(2026, 11, 4))
    s = _situacion(solicitud)
    assert s.plazo is None
    assert s.vence is None
    assert s.estado_plazo == EstadoPlazo.SIN_PLAZO


def test_un_plazo_en_dias_naturales_vence_en_dias_de_calendario(crear_solicitud):
    # Regularización: 30 días naturales (Ley de Migración, art. 136), no 30 días hábiles.
    solicitud = crear_solicitud(
        tramite="regularizacion-razones-humanitarias-vinculo-familiar",
        ingreso=date(2026, 11, 4),
        cambios=[(Estatus.EN_REVISION, date(2026, 11, 5))],
    )
    s = _situacion(solicitud)
    assert (s.plazo, s.plazo_naturales) == (None, 30)
    assert s.vence == date(2026, 12, 4)
    assert s.estado_plazo == EstadoPlazo.EN_TIEMPO
    # Lo que falta se sigue diciendo en días hábiles (sin fines de semana).
    assert s.dias_restantes == 9
