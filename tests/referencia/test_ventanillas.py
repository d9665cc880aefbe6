"""Del YAML de referencia al fixture de ventanillas: completo, al día y sin inventar nada."""

import json

import pytest

from referencia import ventanillas as referencia
from ventanillas import carga


def test_el_fixture_esta_al_dia_con_la_referencia(ref_ventanillas, ref_oficinas):
    generado = referencia.generar(ref_ventanillas, ref_oficinas).datos
    assert generado == carga.leer_fixture()


def test_el_fixture_no_trae_coordenadas_ni_actividades_inventadas():
    datos = carga.leer_fixture()
    assert all(lugar["latitud"] is None for lugar in datos["lugares"])
    assert datos["actividades"] == []
    assert datos["directorio"] == []
    assert all(lugar["fuentes"] for lugar in datos["lugares"])


def test_un_servicio_nuevo_en_la_referencia_detiene_la_generacion(ref_ventanillas, ref_oficinas):
    copia = json.loads(json.dumps(ref_ventanillas, default=str))
    copia["ventanillas"][0]["servicios"].append("servicio que nadie clasificó")
    with pytest.raises(ValueError, match="Servicio sin categoría"):
        referencia.generar(copia, ref_oficinas)


def test_solo_los_horarios_claros_se_vuelven_filas():
    lugares = {lugar["slug"]: lugar for lugar in carga.leer_fixture()["lugares"]}
    assert len(lugares["inm-oficinas-centrales"]["horarios"]) == 5
    assert lugares["inm-playa-del-carmen"]["horarios"] == []
    assert lugares["inm-playa-del-carmen"]["horario_texto"].startswith("lunes a viernes, 09:00")
    assert lugares["inm-puerto-vallarta"]["horarios"] == []
