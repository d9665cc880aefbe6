"""Del YAML de referencia al fixture de ventanillas: completo, al día y sin inventar nada."""

import json

import pytest

from fuentes import clasificacion
from referencia import ventanillas as referencia
from ventanillas import carga


@pytest.fixture
def refs(ref_ventanillas, ref_oficinas, ref_correcciones, ref_candidatas):
    """Copias de los cuatro archivos que una prueba puede cambiar."""
    return [
        json.loads(json.dumps(r, default=str))
        for r in (ref_ventanillas, ref_oficinas, ref_correcciones, ref_candidatas)
    ]


def test_el_fixture_esta_al_dia_con_la_referencia(
    ref_ventanillas, ref_oficinas, ref_correcciones, ref_candidatas
):
    generado = referencia.generar(
        ref_ventanillas, ref_oficinas, ref_correcciones, ref_candidatas
    ).datos
    assert generado == carga.leer_fixture()


def test_el_fixture_no_trae_coordenadas_ni_actividades_inventadas():
    datos = carga.leer_fixture()
    assert all(lugar["latitud"] is None for lugar in datos["lugares"])
    assert datos["actividades"] == []
    assert datos["directorio"] == []
    assert all(lugar["fuentes"] for lugar in datos["lugares"])


def test_un_servicio_nuevo_en_la_referencia_detiene_la_generacion(refs):
    refs[0]["ventanillas"][0]["servicios"].append("servicio que nadie clasificó")
    with pytest.raises(ValueError, match="Servicio sin categoría"):
        referencia.generar(*refs)


def test_solo_los_horarios_claros_se_vuelven_filas():
    lugares = {lugar["slug"]: lugar for lugar in carga.leer_fixture()["lugares"]}
    assert len(lugares["inm-oficinas-centrales"]["horarios"]) == 5
    assert lugares["inm-playa-del-carmen"]["horarios"] == []
    assert lugares["inm-playa-del-carmen"]["horario_texto"].startswith("lunes a viernes, 09:00")
    assert lugares["inm-puerto-vallarta"]["horarios"] == []
    # El centro de Viajero Confiable de Cancún: la referencia dice que no se vio su horario.
    assert lugares["inm-viajero-confiable-cancun"]["horario_texto"] == ""
    assert len(lugares["inm-viajero-confiable-los-cabos"]["horarios"]) == 5


def test_los_candidatos_son_otros_lugares_y_nunca_ventanillas(ref_candidatas):
    lugares = carga.leer_fixture()["lugares"]
    nombres = {" ".join(c["nombre"].split()) for c in ref_candidatas["candidatos"]}
    assert {lugar["tipo"] for lugar in lugares if lugar["nombre"] in nombres} == {"otro-lugar"}
    assert len([lugar for lugar in lugares if lugar["tipo"] == "otro-lugar"]) == len(nombres) == 6
    # La red de la OIM sigue siendo la de ventanillas.yaml: ninguna ventanilla nueva.
    assert len([lugar for lugar in lugares if lugar["tipo"] == "ventanilla"]) == 10


def test_cada_dato_de_la_ficha_lleva_una_de_sus_fuentes():
    for lugar in carga.leer_fixture()["lugares"]:
        conocidos = {
            "direccion": lugar["direccion"],
            "telefono": lugar["telefono"],
            "horario": lugar["horario_texto"],
            "servicios": lugar["servicios"],
        }
        for dato, valor in conocidos.items():
            fuente = lugar[f"{dato}_fuente"]
            assert bool(fuente) == bool(valor), (lugar["slug"], dato)
            assert fuente is None or fuente in lugar["fuentes"], (lugar["slug"], dato)
        assert all(d["fuente"] in lugar["fuentes"] for d in lugar["datos"]), lugar["slug"]


def test_un_lugar_con_fuentes_oficiales_y_no_oficiales_pide_decir_cual_da_cada_dato(refs):
    # Una oficina con solo prensa, más una página oficial que no dice su dirección.
    merida = next(o for o in refs[1]["oficinas"] if "Mérida" in o["nombre"])
    merida["fuentes"].append("https://www.gob.mx/inm/prensa/otra-cosa")
    with pytest.raises(ValueError, match="inm-merida: tiene fuentes oficiales y no oficiales"):
        referencia.generar(*refs)


def test_un_dato_que_mezcla_fuentes_oficiales_y_no_oficiales_detiene_la_generacion(refs):
    # La parte que dice la prensa no se vuelve oficial por ir junto a una página oficial.
    correccion = refs[2]["correcciones_y_datos_por_oficina"][-1]
    correccion["fuente"] = None
    correccion["fuentes"] = [
        {"url": "https://www.noroeste.com.mx/nota", "tipo": "secundaria"},
        {"url": "https://www.gob.mx/inm/prensa/nota", "tipo": "oficial"},
    ]
    with pytest.raises(ValueError, match="mezcla fuentes oficiales y no oficiales"):
        referencia.generar(*refs)


def test_la_direccion_oficial_de_las_oficinas_centrales_viene_de_su_pagina_oficial():
    lugares = {lugar["slug"]: lugar for lugar in carga.leer_fixture()["lugares"]}
    centrales = lugares["inm-oficinas-centrales"]
    tipo = {
        dato: clasificacion.clasificar(centrales[f"{dato}_fuente"]).tipo
        for dato in ("direccion", "telefono", "horario")
    }
    assert tipo == {"direccion": "oficial", "telefono": "oficial", "horario": "secundaria"}


def test_las_fuentes_en_conflicto_van_a_la_nota_para_el_equipo(ref_oficinas):
    lugares = {lugar["slug"]: lugar for lugar in carga.leer_fixture()["lugares"]}
    tuxtla = lugares["inm-tuxtla-gutierrez"]
    original = next(o for o in ref_oficinas["oficinas"] if "Tuxtla" in o["nombre"])
    # La dirección no se resuelve: sigue la que había, y el conflicto queda para el equipo.
    assert tuxtla["direccion"] == original["direccion"]
    assert "libramiento SUR oriente" in tuxtla["nota_editorial"]
    assert "SUR" not in json.dumps([tuxtla["direccion_nota"], tuxtla["notas"], tuxtla["datos"]])
    juarez = lugares["ayuda-ciudad-juarez"]
    assert "difieren" in juarez["nota_editorial"] and juarez["direccion_nota"] == ""


def test_ninguna_fuente_del_fixture_es_una_copia_en_otro_dominio(ref_correcciones):
    texto = json.dumps(carga.leer_fixture())
    # La referencia cita una copia de El Universal en la red de su plataforma: se cita otra
    # página con el mismo dato.
    assert "arc-cdn.net" in json.dumps(ref_correcciones, default=str)
    assert "arc-cdn.net" not in texto
    assert "norestedigital.net/2024/11/06" in texto


def test_las_fuentes_nuevas_llevan_la_fecha_de_su_consulta(ref_correcciones):
    datos = carga.leer_fixture()
    fecha = str(ref_correcciones["_fecha_consulta"])
    assert datos["fuentes_fechas"]["https://www.aicm.com.mx/en/government-entities/inm"] == fecha
    # Las de la primera consulta no se repiten.
    assert "https://diarioyacr.com/?p=1921" not in datos["fuentes_fechas"]
