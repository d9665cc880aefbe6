"""El fixture sale de la referencia sin inventar nada, y está al día con ella."""

import copy
import json
from decimal import Decimal

import pytest

from fuentes import clasificacion
from fuentes.clasificacion import TipoFuente
from referencia import tramites as ref
from tramites import carga


def test_el_fixture_esta_al_dia_con_la_referencia_y_los_complementos(referencia):
    generado = ref.generar(referencia, ref.leer_complementos()).datos
    assert generado == carga.leer_fixture(), (
        "fixtures/tramites.json no está al día: corra `manage.py generar_fixture_tramites`"
    )


def test_son_los_14_tramites_del_micrositio(referencia):
    assert len(referencia["tramites"]) == 14
    assert [t["slug"] for t in carga.leer_fixture()["tramites"]] == [
        t["slug"] for t in referencia["tramites"]
    ]


def test_cada_monto_del_fixture_viene_de_la_referencia_o_de_un_complemento(referencia):
    complementos = {
        (c["tramite"], c["cuota"]["concepto"])
        for c in ref.leer_complementos()
        if c["tipo"] == "cuota"
    }
    originales = {
        (t["slug"], " ".join(c["concepto"].split())): c["monto_mxn"]
        for t in referencia["tramites"]
        for c in t["cuota"]
    }
    for tramite in carga.leer_fixture()["tramites"]:
        for cuota in tramite["cuotas"]:
            clave = (tramite["slug"], cuota["concepto"])
            if clave in complementos:
                assert cuota["fuente"], f"{clave} sin fuente"
                continue
            esperado = originales[clave]
            obtenido = None if cuota["monto"] is None else Decimal(cuota["monto"])
            assert obtenido == (None if esperado is None else Decimal(str(esperado))), clave


def test_todo_tramite_y_todo_complemento_tienen_fuente():
    datos = carga.leer_fixture()
    assert all(t["fuentes"] for t in datos["tramites"])
    for complemento in ref.leer_complementos():
        assert complemento["fuente"].startswith("https://")
        assert complemento["fecha_consulta"]


def test_un_complemento_sin_cuota_que_exista_es_un_error(referencia):
    with pytest.raises(ValueError, match="no hay cuota"):
        ref.generar(
            referencia,
            [
                {
                    "tramite": "permiso-para-trabajar",
                    "tipo": "nota_cuota",
                    "concepto": "Algo que no existe",
                    "valor": "x",
                    "fuente": "https://www.gob.mx/x",
                    "fecha_consulta": "2026-11-23",
                }
            ],
        )


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("Tarjeta de residente: original y copia.", "original_y_copia"),
        ("Copia legible del pasaporte vigente de la persona extranjera.", "copia"),
        ("Carta responsiva original del promovente.", "original"),
        ("Comprobante del pago de derechos.", ""),
        ("Documentos que prueben el vínculo familiar (originales).", ""),
    ],
)
def test_presentacion_se_lee_del_texto_del_requisito(texto, esperado):
    assert ref._presentacion(texto) == esperado


@pytest.mark.parametrize(
    ("fundamento", "articulo", "fraccion"),
    [
        ("LFD art. 8o. fr. VI inciso a)", "8o.", "VI, inciso a)"),
        ("LFD art. 8o. fr. VII", "8o.", "VII"),
        ("LFD art. 10 (pendiente de confirmar)", "10", ""),
        ("Ley de Migración art. 145", "", ""),
        ("", "", ""),
    ],
)
def test_articulo_y_fraccion_de_la_lfd(fundamento, articulo, fraccion):
    assert ref._fundamento_lfd(fundamento) == (articulo, fraccion)


def _tipo(url):
    return clasificacion.clasificar(url).tipo if url else None


def test_cada_requisito_lleva_la_fuente_que_lo_respalda():
    tramites = {t["slug"]: t for t in carga.leer_fixture()["tramites"]}
    # Solo fuentes no oficiales para este trámite: ningún requisito pasa por oficial.
    salida = tramites["permiso-salida-y-regreso"]["requisitos"]
    assert {_tipo(r["fuente"]) for r in salida} == {TipoFuente.SECUNDARIA}
    notificacion = tramites["notificacion-cambio-domicilio"]["requisitos"]
    comprobante = next(r for r in notificacion if r["texto"].startswith("Comprobante"))
    # Lo piden oficinas según guías de usuarios: queda con una fuente no oficial.
    assert _tipo(comprobante["fuente"]) == TipoFuente.SECUNDARIA
    assert _tipo(notificacion[0]["fuente"]) == TipoFuente.OFICIAL
    assert all(r["fuente"] for t in tramites.values() for r in t["requisitos"])


def test_las_notas_para_el_equipo_no_van_al_publico():
    tramites = carga.leer_fixture()["tramites"]
    notas = [f["notas"] for t in tramites for f in t["requisitos"] + t["cuotas"] if f["notas"]]
    editoriales = [f for t in tramites for f in t["cuotas"] if f["nota_editorial"]]
    assert editoriales
    for nota in notas:
        assert not any(marca in nota.lower() for marca in ref.MARCAS_EDITORIALES), nota
    assert all(t["pendiente"] == "" for t in tramites)


def test_requisitos_de_una_modalidad_se_asignan_a_ella():
    tramites = {t["slug"]: t for t in carga.leer_fixture()["tramites"]}
    trabajo = tramites["permiso-para-trabajar"]["requisitos"]
    por_texto = {r["texto"][:17]: r["modalidad"] for r in trabajo}
    assert por_texto["Con empleador: ca"] == "con-empleador"
    assert por_texto["Por cuenta propia"] == "cuenta-propia"
    assert por_texto["Tarjeta de reside"] is None


def test_una_fuente_imitadora_en_la_referencia_no_llega_al_fixture(referencia):
    copia = copy.deepcopy(referencia)
    imitadora = "https://www.inm-gob.mx/mpublic/publico/inmtramites"
    copia["tramites"][0]["fuentes"].append(imitadora)
    generacion = ref.generar(copia, ref.leer_complementos())
    assert imitadora not in json.dumps(generacion.datos)
    assert any("inm-gob.mx" in aviso and "imita" in aviso for aviso in generacion.avisos)
