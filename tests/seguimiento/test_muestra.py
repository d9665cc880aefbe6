"""El generador de muestra: etiquetado, repetible, con una solicitud de contraseña conocida."""

from io import StringIO

import pytest
from django.core.management import call_command

from seguimiento import contrasenas, muestra
from seguimiento.models import Estatus, Solicitud
from seguimiento.situacion import EstadoPlazo
from tests.seguimiento.conftest import HOY

pytestmark = pytest.mark.django_db


def test_genera_solicitudes_de_muestra_coherentes():
    informe = muestra.generar(solicitudes=80, hoy=HOY)
    assert informe.creados["solicitudes"] == 80
    solicitudes = Solicitud.objects.all()
    assert solicitudes.count() == 80
    assert all(s.es_muestra and s.nut.startswith("MUESTRA-") for s in solicitudes)
    assert solicitudes.filter(fecha_resolucion__isnull=False).exists()
    assert solicitudes.filter(fecha_resolucion__isnull=True).exists()
    for solicitud in solicitudes:
        assert solicitud.cambios.first().estatus == Estatus.RECIBIDO
        assert solicitud.cambios.filter(fecha__gt=HOY).count() == 0


def test_la_solicitud_conocida_va_en_revision_y_en_tiempo():
    muestra.generar(solicitudes=5, hoy=HOY)
    conocida = Solicitud.objects.get(nut=muestra.NUT_CONOCIDO)
    assert contrasenas.verificar(muestra.CONTRASENA_CONOCIDA, conocida.contrasena)
    assert conocida.estatus == Estatus.EN_REVISION
    assert conocida.cambios.filter(estatus=Estatus.REQUIERE_INFORMACION).exists()
    from seguimiento.calendario import calendario_inm
    from seguimiento.situacion import situacion

    s = situacion(conocida, list(conocida.cambios.all()), hoy=HOY, calendario=calendario_inm())
    assert s.estado_plazo == EstadoPlazo.EN_TIEMPO
    assert s.vence > HOY


def test_misma_semilla_mismo_resultado_y_no_toca_las_reales(crear_solicitud, hoy):
    real = crear_solicitud("INM-2026-0001")
    muestra.generar(solicitudes=30, hoy=HOY)
    primera = list(
        Solicitud.objects.filter(es_muestra=True).values_list("nut", "fecha_ingreso", "estatus")
    )
    assert not muestra.generar(solicitudes=30, hoy=HOY).hubo_cambios
    muestra.generar(solicitudes=30, hoy=HOY, forzar=True)
    segunda = list(
        Solicitud.objects.filter(es_muestra=True).values_list("nut", "fecha_ingreso", "estatus")
    )
    assert primera == segunda
    assert Solicitud.objects.filter(pk=real.pk).exists()


def test_la_orden_dice_el_numero_y_la_contrasena_de_prueba(hoy):
    salida = StringIO()
    call_command(
        "generar_muestra_seguimiento", "--solicitudes", "20", "--sin-publicar", stdout=salida
    )
    assert "número MUESTRA-000001, contraseña MUES-TRA2-2026" in salida.getvalue()
    salida = StringIO()
    call_command(
        "generar_muestra_seguimiento", "--solicitudes", "20", "--sin-publicar", stdout=salida
    )
    assert "Muestra de seguimiento al día: 20 solicitudes." in salida.getvalue()
