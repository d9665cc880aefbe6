"""Los textos oficiales se aplican como dicen las decisiones de fixtures/tramites_oficiales.yaml."""

import copy

import pytest

from fuentes import clasificacion
from fuentes.clasificacion import TipoFuente
from referencia import oficiales
from referencia import tramites as ref

# Listas de requisitos de requisitos_oficiales.yaml que son del trámite ante el INM (las del
# consulado, Trámite 11, son del paso siguiente y no se publican como requisitos de la ficha).
LISTAS_DE_REQUISITOS = (
    "requisitos",
    "requisitos_T8",
    "requisitos_T9",
    "requisitos_T10",
    "requisitos_comunes",
    "requisito_especifico",
    "renovacion.requisitos",
    "reposicion.requisitos",
    "razones_humanitarias.requisitos",
    "vinculo_familiar.requisitos",
)


def _en(objeto, ruta: str):
    for clave in ruta.split("."):
        if objeto is None:
            return None
        objeto = objeto[int(clave)] if isinstance(objeto, list) else objeto.get(clave)
    return objeto


def _renglones_oficiales(tramite: dict) -> list[str]:
    """Las rutas («renovacion.requisitos.3») de cada requisito que da un texto oficial."""
    rutas = []
    for lista in LISTAS_DE_REQUISITOS:
        valor = _en(tramite, lista)
        if isinstance(valor, list):
            rutas += [f"{lista}.{i}" for i in range(len(valor))]
        elif valor and not valor.startswith("ninguno"):
            rutas.append(lista)
    return rutas


@pytest.mark.parametrize(
    ("articulo", "esperado"),
    [
        ("8o. fr. VI a)", ("8o.", "VI, inciso a)")),
        ("8o. fr. VII", ("8o.", "VII")),
        ("8o., párrafo de reposición", ("8o.", "")),
        ("9o.", ("9o.", "")),
        ("10", ("10", "")),
        ("13 fr. II", ("13", "II")),
        ("14 Bis", ("14 Bis", "")),
    ],
)
def test_articulo_y_fraccion_de_la_clave_de_la_ley(articulo, esperado):
    assert oficiales.articulo_y_fraccion(articulo) == esperado


def test_una_cuota_cuyo_pago_no_sale_del_ajuste_del_art_6_se_rechaza(ref_leyes):
    leyes = copy.deepcopy(ref_leyes)
    leyes["lfd_2026"]["cuotas"][0]["pago"] = leyes["lfd_2026"]["cuotas"][0]["cuota"] + 1
    with pytest.raises(ValueError, match="no da"):
        oficiales.cuotas_de_la_ley(leyes, 2026)


def test_cada_cuota_de_la_ley_esta_en_un_tramite_o_se_dice_por_que_no(ref_leyes):
    decisiones = oficiales.leer_decisiones()
    usadas = {
        c["lfd"]
        for decision in decisiones["tramites"].values()
        for c in decision.get("cuotas", [])
        if "lfd" in c
    }
    de_la_ley, _ = oficiales.cuotas_de_la_ley(ref_leyes, decisiones["anio_cuotas"])
    fuera = set(decisiones["fuera_de_los_14"])
    assert usadas | fuera == set(de_la_ley)
    assert not usadas & fuera


def test_cada_requisito_oficial_lo_confirma_un_requisito_del_sitio(ref_requisitos_oficiales):
    decisiones = oficiales.leer_decisiones()["tramites"]
    for slug, tramite in ref_requisitos_oficiales["tramites"].items():
        confirmados = {
            ruta for d in decisiones[slug].get("requisitos", []) for ruta in d.get("confirma", [])
        }
        renglones = set(_renglones_oficiales(tramite))
        assert renglones, slug
        assert renglones - confirmados == set(), f"{slug}: requisitos oficiales sin publicar"
        assert confirmados - renglones == set(), f"{slug}: confirma renglones que no existen"


def test_lo_que_confirma_un_texto_oficial_lleva_fuente_oficial_y_articulo():
    decisiones = oficiales.leer_decisiones()
    fuentes = {
        alias: valor if isinstance(valor, str) else valor["url"]
        for alias, valor in decisiones["fuentes"].items()
    }
    for slug, decision in decisiones["tramites"].items():
        for d in decision.get("requisitos", []):
            if d.get("confirma"):
                url = fuentes.get(d["fuente"], d["fuente"])
                assert clasificacion.clasificar(url).tipo == TipoFuente.OFICIAL, (slug, d)
                assert d["fundamento"], (slug, d)


def test_una_decision_sobre_un_requisito_que_no_existe_es_un_error(referencia, ref_leyes):
    decisiones = copy.deepcopy(oficiales.leer_decisiones())
    decisiones["tramites"]["permiso-para-trabajar"]["requisitos"][0]["si_empieza"] = "No existe"
    with pytest.raises(ValueError, match="empiezan con «No existe»"):
        ref.generar(referencia, ref.leer_complementos(), decisiones, ref_leyes)


def test_el_texto_oficial_gana_y_lo_de_antes_queda_para_el_equipo(referencia, ref_leyes):
    datos = ref.generar(
        referencia, ref.leer_complementos(), oficiales.leer_decisiones(), ref_leyes
    ).datos
    renovacion = next(
        t for t in datos["tramites"] if t["slug"] == "expedicion-documento-renovacion-reposicion"
    )
    documento = next(r for r in renovacion["requisitos"] if r["texto"].startswith("Renovación: su"))
    assert "30 días naturales de vigencia o menos" in documento["texto"]
    assert "vencido hace no más de 30 días" not in documento["texto"]
    assert "vencido hace no más de 30 días" in documento["nota_editorial"]
    # Lo que decía otra fuente de un monto sigue en la nota del equipo, no en la página.
    rp = next(c for c in renovacion["cuotas"] if c["concepto"].endswith("residente permanente"))
    assert "La Razón" in rp["nota_editorial"]
    assert "La Razón" not in rp["notas"]


def test_el_descuento_de_la_ley_se_dice_con_lo_que_se_paga(referencia, ref_leyes):
    datos = ref.generar(
        referencia, ref.leer_complementos(), oficiales.leer_decisiones(), ref_leyes
    ).datos
    cambio = next(
        t for t in datos["tramites"] if t["slug"] == "cambio-residente-permanente-vinculo-familiar"
    )
    tarjeta = next(c for c in cambio["cuotas"] if c["fundamento"] == "LFD art. 8o. fr. VII")
    # La mitad de 13,578.96 es 6,789.48: se pagan 6,789 (art. 6 LFD).
    assert "unidad familiar" in tarjeta["notas"]
    assert "$6,789." in tarjeta["notas"]
