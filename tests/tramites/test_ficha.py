"""La ficha dice lo que dicen los textos oficiales: cuotas de la LFD, requisitos, plazos y
vigencias, cada uno con su postura y su artículo (fixtures/tramites_oficiales.yaml)."""

from decimal import Decimal

import pytest

from config.templatetags.sitio import pesos
from referencia import oficiales
from tests.html import sopa, texto
from tramites import carga

pytestmark = pytest.mark.django_db


def _ficha(client, slug):
    return sopa(client.get(f"/tramites/{slug}/"))


def _tarjeta_de_cuota(html, concepto):
    tarjetas = [
        li
        for li in html.select(".ms-cuotas__cuota")
        if texto(li.select_one(".ms-cuotas__concepto")).startswith(concepto)
    ]
    assert len(tarjetas) == 1, concepto
    return tarjetas[0]


def _requisito(html, comienzo):
    elementos = [
        li
        for li in html.select(".ms-requisitos__elemento")
        if texto(li.select_one(".ms-requisitos__texto")).startswith(comienzo)
    ]
    assert len(elementos) == 1, comienzo
    return elementos[0]


def _respuesta_breve(html, clave):
    fila = next(
        f for f in html.select(".ms-respuesta .ms-lista-resumen__fila") if texto(f.dt) == clave
    )
    return texto(fila.dd)


def test_cada_cuota_que_fija_la_ley_se_ve_con_postura_oficial_articulo_y_lo_que_se_paga(
    client, ref_leyes, dia_de_la_referencia
):
    ley = {c["articulo"]: c for c in ref_leyes["lfd_2026"]["cuotas"] if "cuota" in c}
    fixture = {t["slug"]: t for t in carga.leer_fixture()["tramites"]}
    revisadas = 0
    for slug, tramite in fixture.items():
        de_la_ley = [
            c for c in tramite["cuotas"] if c["fundamento"].removeprefix("LFD art. ") in ley
        ]
        if not de_la_ley:
            continue
        html = _ficha(client, slug)
        for cuota in de_la_ley:
            articulo = ley[cuota["fundamento"].removeprefix("LFD art. ")]
            tarjeta = _tarjeta_de_cuota(html, cuota["concepto"])
            # Lo que se paga es el monto ajustado que da la ley (art. 6), sin centavos...
            assert texto(tarjeta.select_one(".ms-monto__importe")) == pesos(
                Decimal(articulo["pago"])
            )
            # ...con la cuota de la ley al lado si tiene centavos, su postura y su artículo.
            if Decimal(str(articulo["cuota"])) != Decimal(articulo["pago"]):
                assert pesos(Decimal(str(articulo["cuota"]))) in texto(tarjeta)
            assert texto(tarjeta.select_one(".ms-postura")).startswith("Fuente oficial"), slug
            meta = texto(tarjeta.select_one(".ms-cuotas__meta"))
            assert meta.startswith(f"Ley Federal de Derechos, art. {cuota['articulo_lfd']}")
            if cuota["fraccion_lfd"]:
                assert f"fr. {cuota['fraccion_lfd']}" in meta
            assert "cuota de 2026" in meta
            revisadas += 1
    decididas = sum(
        "lfd" in c
        for decision in oficiales.leer_decisiones()["tramites"].values()
        for c in decision.get("cuotas", [])
    )
    assert revisadas == decididas


def test_cada_requisito_que_confirma_un_texto_oficial_se_ve_oficial_con_su_articulo(
    client, ref_requisitos_oficiales
):
    fixture = {t["slug"]: t for t in carga.leer_fixture()["tramites"]}
    con_requisitos_oficiales = set()
    for slug, decision in oficiales.leer_decisiones()["tramites"].items():
        assert slug in ref_requisitos_oficiales["tramites"]
        confirmados = [d for d in decision.get("requisitos", []) if d.get("confirma")]
        html = _ficha(client, slug)
        for d in confirmados:
            comienzo = " ".join(d["texto"].split())[:60] if "texto" in d else d["si_empieza"]
            elemento = _requisito(html, comienzo)
            postura = texto(elemento.select_one(".ms-postura"))
            assert postura == f"Fuente oficial · {' '.join(d['fundamento'].split())}", slug
            con_requisitos_oficiales.add(slug)
        # Lo que no tiene respaldo oficial conserva su postura: se pide confirmarlo.
        for requisito in fixture[slug]["requisitos"]:
            if not requisito["fundamento"]:
                elemento = _requisito(html, requisito["texto"])
                assert "Fuente no oficial: confírmelo" in texto(elemento.select_one(".ms-postura"))
    # Los 14 trámites tienen requisitos en requisitos_oficiales.yaml, y se ven en su ficha.
    assert con_requisitos_oficiales == set(ref_requisitos_oficiales["tramites"])


def test_la_renovacion_se_pide_antes_de_que_venza_el_documento(client):
    html = _ficha(client, "expedicion-documento-renovacion-reposicion")
    cuando = _respuesta_breve(html, "Cuándo pedirlo")
    assert "dentro de los 30 días naturales antes de que venza su documento" in cuando
    assert "hasta 60 días naturales después" in cuando  # solo si venció en el extranjero
    assert "Fuente oficial · Lineamientos, art. 17 fr. VI y art. 34, criterio II" in cuando
    pagina = texto(html.find("main"))
    assert "vencido hace no más de 30 días" not in pagina
    assert "El INM debe resolver en 15 días hábiles." in pagina


def test_la_reposicion_paga_la_cuota_del_parrafo_de_reposicion_del_articulo_8(
    client, dia_de_la_referencia
):
    html = _ficha(client, "expedicion-documento-renovacion-reposicion")
    tarjeta = _tarjeta_de_cuota(html, "Reposición de documento migratorio (visitante con fines")
    assert texto(tarjeta.select_one(".ms-monto__importe")) == "$1,780"
    assert texto(tarjeta.select_one(".ms-cuotas__meta")).startswith(
        "Ley Federal de Derechos, art. 8o."
    )


@pytest.mark.parametrize("slug", ["visa-oferta-de-empleo", "visa-union-familiar"])
def test_la_autorizacion_de_visa_ante_el_inm_cuesta_lo_que_fija_el_art_14_bis(
    client, slug, dia_de_la_referencia
):
    html = _ficha(client, slug)
    tarjeta = _tarjeta_de_cuota(html, "Estudio y, en su caso, autorización de la visa ante el INM")
    assert texto(tarjeta.select_one(".ms-monto__importe")) == "$248"
    assert "art. 14 Bis" in texto(tarjeta.select_one(".ms-cuotas__meta"))
    assert "No aplica" not in texto(tarjeta)


def test_la_tarjeta_de_trabajador_fronterizo_cuesta_lo_de_la_ley_vigente(
    client, dia_de_la_referencia
):
    html = _ficha(client, "tarjeta-visitante-trabajador-fronterizo")
    tarjeta = _tarjeta_de_cuota(html, "Expedición de Tarjeta de Visitante Trabajador Fronterizo")
    assert texto(tarjeta.select_one(".ms-monto__importe")) == "$581"
    assert "art. 8o., fr. IV" in texto(tarjeta.select_one(".ms-cuotas__meta"))
    assert "$339" not in texto(html.find("main"))
    assert "16 años o más" in texto(html.find("main"))


@pytest.mark.parametrize(
    "slug",
    ["cambio-residente-temporal-a-permanente", "cambio-residente-permanente-vinculo-familiar"],
)
def test_un_cambio_de_condicion_paga_el_estudio_y_la_tarjeta_nueva(
    client, slug, dia_de_la_referencia
):
    html = _ficha(client, slug)
    estudio = _tarjeta_de_cuota(html, "Recepción y estudio de la solicitud de cambio de condición")
    assert texto(estudio.select_one(".ms-monto__importe")) == "$1,847"
    assert "art. 9o." in texto(estudio.select_one(".ms-cuotas__meta"))
    tarjeta = _tarjeta_de_cuota(html, "Expedición de documento: residente permanente")
    assert texto(tarjeta.select_one(".ms-monto__importe")) == "$13,579"
    # La cuota de la ley queda al lado, sin ajustar.
    assert "$13,578.96" in texto(tarjeta)
    # La tarjeta de residente permanente de un menor no es indefinida: 1 o 4 años según su edad.
    vigencia = texto(html.select_one("#plazo").parent)
    assert "1 año si tienen menos de 3 años y 4 años de los 3 a los 18" in vigencia
    assert "Fuente oficial · Lineamientos, arts. 17 fr. IV" in vigencia


@pytest.mark.parametrize(
    "slug",
    [
        "notificacion-cambio-domicilio",
        "notificacion-cambio-lugar-trabajo",
        "notificacion-cambio-estado-civil",
        "notificacion-cambio-nacionalidad",
    ],
)
def test_un_cambio_se_avisa_dentro_de_90_dias_y_el_aviso_no_se_paga(client, slug):
    html = _ficha(client, slug)
    cuando = _respuesta_breve(html, "Cuándo pedirlo")
    assert cuando.startswith("Dentro de los 90 días naturales siguientes")
    assert "Fuente oficial · Ley de Migración, art. 63" in cuando
    pagina = texto(html.find("main"))
    assert "El INM debe resolver en 5 días hábiles." in pagina
    assert "El INM debe resolver en 10 días hábiles" not in pagina
    tarjeta = _tarjeta_de_cuota(html, "Notificación de cambio")
    assert texto(tarjeta.select_one(".ms-monto__importe")) == "Sin costo"
    assert texto(tarjeta.select_one(".ms-postura")).startswith("Fuente oficial")


def test_la_regularizacion_se_resuelve_en_30_dias_naturales(client):
    html = _ficha(client, "regularizacion-razones-humanitarias-vinculo-familiar")
    pagina = texto(html.find("main"))
    assert (
        "El INM debe resolver en 30 días naturales. Fuente oficial · Ley de Migración, art. 136"
        in pagina
    )
    assert "días naturales (cuentan fines de semana y festivos)" in pagina
    assert "El INM debe resolver en 20 días hábiles" not in pagina


def test_en_ingles_el_plazo_en_dias_naturales_no_se_vuelve_habiles(client):
    html = sopa(client.get("/en/tramites/regularizacion-razones-humanitarias-vinculo-familiar/"))
    assert "The INM must make a decision within 30 calendar days." in texto(html.find("main"))


def test_cada_ficha_dice_cuando_pedirlo_con_su_fuente(client):
    for tramite in carga.leer_fixture()["tramites"]:
        cuando = _respuesta_breve(_ficha(client, tramite["slug"]), "Cuándo pedirlo")
        assert cuando.startswith(tramite["cuando_solicitar"]), tramite["slug"]
        assert "Fuente oficial · " in cuando, tramite["slug"]
