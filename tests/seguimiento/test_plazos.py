"""Aritmética de días hábiles a mano: fines de semana, festivos, cambio de año, días del INM."""

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seguimiento.plazos import Calendario, festivos_federales

CALENDARIO = Calendario()


def test_el_fin_de_semana_no_cuenta():
    # Viernes 20 → lunes 23 de noviembre de 2026.
    assert CALENDARIO.sumar_dias_habiles(date(2026, 11, 20), 1) == date(2026, 11, 23)
    assert CALENDARIO.dias_habiles_entre(date(2026, 11, 20), date(2026, 11, 23)) == 1


def test_el_dia_de_inicio_no_cuenta_aunque_sea_sabado():
    assert CALENDARIO.sumar_dias_habiles(date(2026, 11, 21), 1) == date(2026, 11, 23)


def test_el_dia_de_la_revolucion_no_cuenta():
    # Lunes 16 de noviembre de 2026: descanso obligatorio (tercer lunes de noviembre).
    assert not CALENDARIO.es_habil(date(2026, 11, 16))
    assert CALENDARIO.sumar_dias_habiles(date(2026, 11, 13), 1) == date(2026, 11, 17)


def test_el_dia_de_la_constitucion_cae_en_lunes():
    assert festivos_federales(2026)[date(2026, 2, 2)] == "Día de la Constitución"
    assert CALENDARIO.sumar_dias_habiles(date(2026, 1, 30), 1) == date(2026, 2, 3)


def test_la_transmision_del_poder_ejecutivo_solo_cada_seis_anios():
    assert not CALENDARIO.es_habil(date(2024, 10, 1))
    assert CALENDARIO.es_habil(date(2025, 10, 1))


def test_veinte_dias_habiles_con_un_festivo_en_medio():
    # Del miércoles 4 de noviembre: 20 días hábiles sin contar el 16 de noviembre.
    assert CALENDARIO.sumar_dias_habiles(date(2026, 11, 4), 20) == date(2026, 12, 3)


def test_cambio_de_anio_con_navidad_y_anio_nuevo_en_viernes():
    assert CALENDARIO.sumar_dias_habiles(date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert CALENDARIO.sumar_dias_habiles(date(2026, 12, 31), 1) == date(2027, 1, 4)
    # (24 dic, 4 ene]: 28, 29, 30 y 31 de diciembre y 4 de enero.
    assert CALENDARIO.dias_habiles_entre(date(2026, 12, 24), date(2027, 1, 4)) == 5
    # Diez días hábiles que cruzan el año.
    assert CALENDARIO.sumar_dias_habiles(date(2026, 12, 21), 10) == date(2027, 1, 6)


def test_los_dias_inhabiles_del_inm_se_suman_a_los_festivos():
    vacaciones = [date(2026, 12, 28) + timedelta(days=n) for n in range(4)]
    calendario = Calendario(vacaciones)
    assert not calendario.es_habil(date(2026, 12, 29))
    assert calendario.sumar_dias_habiles(date(2026, 12, 24), 1) == date(2027, 1, 4)
    assert calendario.dias_habiles_entre(date(2026, 12, 24), date(2027, 1, 4)) == 1


def test_cero_dias_es_el_mismo_dia_y_negativo_es_un_error():
    assert CALENDARIO.sumar_dias_habiles(date(2026, 11, 21), 0) == date(2026, 11, 21)
    with pytest.raises(ValueError, match="negativo"):
        CALENDARIO.sumar_dias_habiles(date(2026, 11, 21), -1)


def test_contar_hacia_atras_da_negativo():
    assert CALENDARIO.dias_habiles_entre(date(2026, 11, 23), date(2026, 11, 20)) == -1
    assert CALENDARIO.dias_habiles_entre(date(2026, 11, 23), date(2026, 11, 23)) == 0


fechas = st.dates(min_value=date(2023, 1, 1), max_value=date(2028, 12, 31))


@settings(max_examples=200, deadline=None)
@given(inicio=fechas, dias=st.integers(min_value=0, max_value=80))
def test_sumar_y_contar_son_inversos(inicio, dias):
    fin = CALENDARIO.sumar_dias_habiles(inicio, dias)
    assert CALENDARIO.dias_habiles_entre(inicio, fin) == dias
    assert dias == 0 or CALENDARIO.es_habil(fin)


@settings(max_examples=100, deadline=None)
@given(pares=st.lists(st.tuples(fechas, fechas), min_size=1, max_size=20))
def test_el_calculo_con_numpy_da_lo_mismo_que_el_de_uno_en_uno(pares):
    calendario = Calendario([date(2026, 12, 28), date(2025, 4, 17)])
    inicios = np.array([a for a, _b in pares], dtype="datetime64[D]")
    fines = np.array([b for _a, b in pares], dtype="datetime64[D]")
    esperado = [calendario.dias_habiles_entre(a, b) for a, b in pares]
    assert calendario.dias_habiles_entre_arreglos(inicios, fines).tolist() == esperado
