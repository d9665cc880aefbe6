"""Horario de la fuente en filas, zona horaria de cada lugar y «abierto ahora»."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from ventanillas.horarios import (
    ZONA_POR_ESTADO,
    Tramo,
    estado_apertura,
    interpretar_horario,
    zona_horaria,
)
from ventanillas.models import Estado, HorarioApertura, Lugar, Municipio


def test_un_horario_claro_se_vuelve_filas_de_lunes_a_viernes():
    tramos = interpretar_horario("lunes a viernes, 09:00 a 13:00 (ventanillas de atención)")
    assert tramos == [Tramo(d, time(9), time(13), "ventanillas de atención") for d in range(5)]


@pytest.mark.parametrize(
    "texto",
    [
        "apertura programada a las 09:00 (lunes a viernes)",  # sin hora de cierre
        "lunes a viernes, 09:00 a 13:00 (trámites y CURP); entrega de tarjetas de residente 15:30 a 16:30",
        "viernes a lunes, 09:00 a 13:00",  # días al revés
        "lunes a viernes, 18:00 a 09:00",  # cierra antes de abrir
        "por la mañana",
        "",
    ],
)
def test_un_horario_ambiguo_queda_como_desconocido(texto):
    assert interpretar_horario(texto) is None


def test_varios_segmentos_claros_se_aceptan():
    tramos = interpretar_horario("lunes a viernes, 09:00 a 14:30; sábado, 10:00 a 12:00")
    assert len(tramos) == 6
    assert tramos[-1] == Tramo(5, time(10), time(12))


@pytest.mark.parametrize(
    ("estado", "municipio", "zona"),
    [
        ("02", "02004", "America/Tijuana"),  # Baja California
        ("26", None, "America/Hermosillo"),  # Sonora, sin horario de verano
        ("03", None, "America/Mazatlan"),  # Baja California Sur
        ("25", "25012", "America/Mazatlan"),  # Sinaloa
        ("18", "18017", "America/Mazatlan"),  # Tepic, Nayarit
        ("18", "18020", "America/Bahia_Banderas"),  # Bahía de Banderas, Nayarit
        ("23", "23004", "America/Cancun"),  # Quintana Roo
        ("08", "08037", "America/Ciudad_Juarez"),  # Juárez, frontera
        ("28", "28027", "America/Matamoros"),  # Nuevo Laredo, frontera
        ("09", "09016", "America/Mexico_City"),
        ("07", "07089", "America/Mexico_City"),
    ],
)
def test_zona_horaria_por_estado_y_municipio(estado, municipio, zona):
    assert zona_horaria(clave_estado=estado, clave_municipio=municipio).key == zona


def test_todos_los_estados_tienen_zona():
    assert sorted(ZONA_POR_ESTADO) == [f"{n:02d}" for n in range(1, 33)]


@pytest.mark.django_db
def test_abierto_ahora_se_calcula_en_la_hora_del_lugar():
    lugar = Lugar.objects.create(
        tipo="oficina",
        slug="prueba-tijuana",
        nombre="Prueba en Tijuana",
        estado=Estado.objects.get(clave="02"),
        municipio=Municipio.objects.get(clave="02004"),
        fecha_verificacion="2026-11-23",
    )
    HorarioApertura.objects.create(lugar=lugar, dia=0, abre=time(9), cierra=time(14))
    # Lunes 16:30 en la Ciudad de México = 14:30 en Tijuana (invierno): ya cerró.
    ahora = datetime(2026, 11, 23, 16, 30, tzinfo=ZoneInfo("America/Mexico_City"))
    apertura = estado_apertura(lugar, ahora)
    assert apertura.abierto is False
    assert apertura.zona == "America/Tijuana"
    assert apertura.hora_local.hour == 14
    # Lunes 15:30 en la Ciudad de México = 13:30 en Tijuana: abierto.
    assert estado_apertura(lugar, ahora.replace(hour=15)).abierto is True


@pytest.mark.django_db
def test_sin_filas_de_horario_no_se_sabe_si_esta_abierto():
    lugar = Lugar.objects.get(slug="ventanilla-tapachula")
    assert estado_apertura(lugar) is None
