"""El fixture sale de la referencia sin inventar nada, y está al día con ella."""

import copy
import json
from decimal import Decimal

import pytest

from fuentes import clasificacion
from fuentes.clasificacion import TipoFuente
from referencia import oficiales
from referencia import tramites as ref
from tramites import carga


@pytest.fixture(scope="module")
def leyes(ref_leyes):
    return ref_leyes


def _generar(referencia, leyes, *, complementos=None, decisiones=None):
    return ref.generar(
        referencia,
        ref.leer_complementos() if complementos is None else complementos,
        oficiales.leer_decisiones() if decisiones is None else decisiones,
        leyes,
    )


def test_el_fixture_esta_al_dia_con_la_referencia_y_los_complementos(referencia, leyes):
    generado = _generar(referencia, leyes).datos
    assert generado == carga.leer_fixture(), (
        "fixtures/tramites.json no está al día: corra `manage.py generar_fixture_tramites`"
    )


def test_son_los_14_tramites_del_micrositio(referencia):
    assert len(referencia["tramites"]) == 14
    assert [t["slug"] for t in carga.leer_fixture()["tramites"]] == [
        t["slug"] for t in referencia["tramites"]
    ]


def test_cada_monto_del_fixture_viene_de_la_ley_o_de_la_referencia(referencia, leyes):
    """Un monto de la LFD es la cuota sin ajuste de leyes_vigentes.yaml, con el PDF de la ley
    como fuente; cualquier otro es el que publica la referencia o una decisión con su fuente."""
    de_la_ley = {
        f"LFD art. {c['articulo']}": c for c in leyes["lfd_2026"]["cuotas"] if "cuota" in c
    }
    originales = {
        (t["slug"], " ".join(c["concepto"].split())): c["monto_mxn"]
        for t in referencia["tramites"]
        for c in t["cuota"]
    }
    revisadas = 0
    for tramite in carga.leer_fixture()["tramites"]:
        for cuota in tramite["cuotas"]:
            obtenido = None if cuota["monto"] is None else Decimal(cuota["monto"])
            if cuota["fundamento"] in de_la_ley:
                ley = de_la_ley[cuota["fundamento"]]
                assert obtenido == Decimal(str(ley["cuota"])), cuota["concepto"]
                assert cuota["fuente"] == leyes["lfd_2026"]["fuente"]["url"]
                assert cuota["anio_vigencia"] == 2026
                revisadas += 1
            elif (tramite["slug"], cuota["concepto"]) in originales:
                esperado = originales[(tramite["slug"], cuota["concepto"])]
                if cuota["fuente"] is None:
                    assert obtenido == (None if esperado is None else Decimal(str(esperado)))
            else:
                # Decisión propia (p. ej. «no causa derechos» según un texto oficial): con fuente.
                assert cuota["fuente"] and cuota["fundamento"], cuota["concepto"]
    decididas = [
        c
        for decision in oficiales.leer_decisiones()["tramites"].values()
        for c in decision.get("cuotas", [])
        if "lfd" in c
    ]
    assert revisadas == len(decididas)


def test_todo_tramite_y_todo_complemento_tienen_fuente():
    datos = carga.leer_fixture()
    assert all(t["fuentes"] for t in datos["tramites"])
    for complemento in ref.leer_complementos():
        assert complemento["fuente"].startswith("https://")
        assert complemento["fecha_consulta"]


def test_un_complemento_sin_cuota_que_exista_es_un_error(referencia, leyes):
    with pytest.raises(ValueError, match="no hay cuota"):
        _generar(
            referencia,
            leyes,
            complementos=[
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
    assert all(r["fuente"] for t in tramites.values() for r in t["requisitos"])
    salida = tramites["permiso-salida-y-regreso"]["requisitos"]
    # Lo que dice la ficha oficial (Lineamientos, art. 36) es oficial, con su artículo...
    copia = next(r for r in salida if r["texto"].startswith("Copia del formato"))
    assert _tipo(copia["fuente"]) == TipoFuente.OFICIAL
    assert copia["fundamento"] == "Lineamientos, art. 36, req. 1"
    # ...y lo que solo cuentan usuarios queda con la fuente no oficial que lo publicó.
    impresion = next(r for r in salida if r["texto"].startswith("Impresión"))
    assert _tipo(impresion["fuente"]) == TipoFuente.SECUNDARIA
    assert impresion["fundamento"] == ""
    notificacion = tramites["notificacion-cambio-domicilio"]["requisitos"]
    comprobante = next(r for r in notificacion if r["texto"].startswith("Comprobante"))
    assert _tipo(comprobante["fuente"]) == TipoFuente.SECUNDARIA
    assert _tipo(notificacion[0]["fuente"]) == TipoFuente.OFICIAL


def test_un_requisito_sin_decision_de_fuente_no_entra_al_fixture(referencia, leyes):
    decisiones = copy.deepcopy(oficiales.leer_decisiones())
    decisiones["tramites"]["permiso-salida-y-regreso"]["requisitos"].pop()
    with pytest.raises(ValueError, match="requisito sin fuente"):
        _generar(referencia, leyes, decisiones=decisiones)


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
    assert por_texto["Con empleador: of"] == "con-empleador"
    assert por_texto["Residente tempora"] == "con-empleador"
    assert por_texto["Por cuenta propia"] == "cuenta-propia"
    assert por_texto["Tarjeta de reside"] is None
    regularizacion = tramites["regularizacion-razones-humanitarias-vinculo-familiar"]["requisitos"]
    por_texto = {r["texto"][:17]: r["modalidad"] for r in regularizacion}
    # El pasaporte lo piden las dos modalidades; la prueba del caso, solo la humanitaria.
    assert por_texto["Pasaporte, docume"] is None
    assert por_texto["Documento que pru"] == "razones-humanitarias"
    assert por_texto["Si es cónyuge o c"] == "vinculo-familiar"


def test_una_fuente_imitadora_en_la_referencia_no_llega_al_fixture(referencia, leyes):
    copia = copy.deepcopy(referencia)
    imitadora = "https://www.inm-gob.mx/mpublic/publico/inmtramites"
    copia["tramites"][0]["fuentes"].append(imitadora)
    generacion = _generar(copia, leyes)
    assert imitadora not in json.dumps(generacion.datos)
    assert any("inm-gob.mx" in aviso and "imita" in aviso for aviso in generacion.avisos)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.inm-gob.mx/tramites/renovacion",
        "https://arietiform.com/application/nph-tsq.cgi/en/20/https/www.gob.mx/tramites/INM820",
    ],
)
def test_una_decision_que_cita_una_imitacion_o_un_proxy_se_rechaza(referencia, leyes, url):
    decisiones = copy.deepcopy(oficiales.leer_decisiones())
    decision = decisiones["tramites"]["permiso-salida-y-regreso"]["requisitos"][0]
    decision["fuente"] = url
    with pytest.raises(ValueError, match="no se acepta"):
        _generar(referencia, leyes, decisiones=decisiones)
