"""Protección internacional (COMAR) y otras instituciones: lo que dice la referencia, con la
fuente y la postura de cada dato; no son trámites del INM."""

import copy
from http import HTTPStatus

import pytest

from fuentes.clasificacion import FuenteRechazada
from fuentes.models import Fuente
from referencia import proteccion as generador
from tests.conftest import leer_referencia
from tests.html import sopa, texto
from ventanillas import carga_proteccion
from ventanillas.models import HechoProteccion, Institucion, OficinaComar

pytestmark = pytest.mark.django_db

ANCLAS = ("consulados", "curp", "cndh", "acnur", "oim", "proteccion-infancia", "victimas")


def _normal(valor) -> str:
    return " ".join(str(valor).split())


def test_la_pagina_dice_que_es_la_comar_y_no_el_inm_con_plazo_y_gratuidad(client):
    html = sopa(client.get("/proteccion/"))
    principal = _normal(texto(html.find("main")))
    assert "No es un trámite del INM" in principal
    assert "30 días hábiles" in principal
    assert "Es gratuito" in principal
    assert "aunque no tenga papeles migratorios" in principal
    # Cada punto del resumen lleva su postura; los del resumen vienen de fuentes oficiales.
    resumen = html.find(id="lo-esencial").find_parent("section")
    posturas = resumen.select(".ms-postura")
    assert len(posturas) == 5
    assert all("ms-postura--oficial" in p["class"] for p in posturas)


def test_cada_hecho_muestra_su_texto_sus_fuentes_y_su_postura(client):
    datos = carga_proteccion.leer_fixture()
    html = sopa(client.get("/proteccion/"))
    for hecho in datos["hechos"]:
        seccion = html.find(id=hecho["clave"]).find_parent("section")
        assert _normal(hecho["texto"]) in _normal(texto(seccion))
        enlaces = {a["href"] for a in seccion.select(".ms-fuentes a")}
        assert enlaces == set(hecho["fuentes"]), hecho["clave"]
        assert seccion.select_one(".ms-postura")


def test_una_oficina_sin_domicilio_dice_no_localizado_y_no_lo_inventa(client):
    html = sopa(client.get("/proteccion/"))
    oficinas = html.find(id="oficinas").find_parent("section")
    palenque = next(li for li in oficinas.select("li.ms-tarjeta") if "Palenque" in texto(li))
    assert "Domicilio No localizado" in _normal(texto(palenque))
    assert palenque.select_one(".ms-postura--no_localizado")
    # La lista del ACNUR (oficial) confirma la ciudad, no el domicilio.
    assert "ms-postura--oficial" in palenque.select_one(".ms-postura")["class"]


def test_el_domicilio_de_prensa_no_se_presenta_como_oficial():
    tijuana = OficinaComar.objects.get(slug="tijuana")
    assert tijuana.direccion
    assert tijuana.respaldo_ubicacion.postura == "oficial"
    assert tijuana.respaldo_direccion.postura == "secundaria"
    assert not OficinaComar.objects.filter(slug__in=["queretaro", "cancun"]).exists()


def test_las_instituciones_tienen_las_anclas_que_enlaza_la_busqueda(client):
    html = sopa(client.get("/proteccion/instituciones/"))
    for ancla in ANCLAS:
        seccion = html.find(id=ancla)
        assert seccion is not None, ancla
        contenido = seccion.find_parent("section")
        assert contenido.select_one(".ms-postura"), ancla
        assert contenido.select(".ms-fuentes a"), ancla
    assert "Ninguna de estas gestiones es un trámite del INM" in _normal(texto(html.find("main")))


def test_una_ancla_sin_datos_sigue_existiendo_con_no_localizado(client):
    Institucion.objects.filter(ancla="victimas").delete()
    html = sopa(client.get("/proteccion/instituciones/"))
    seccion = html.find(id="victimas").find_parent("section")
    assert "No localizado" in texto(seccion)


def test_sin_telefono_oficial_no_se_publica_uno(client):
    acnur = Institucion.objects.get(ancla="acnur")
    assert acnur.telefono == ""
    seccion = sopa(client.get("/proteccion/instituciones/")).find(id="acnur").find_parent("section")
    assert "800 226 8769" not in texto(seccion)
    assert "No localizado" in texto(seccion)


@pytest.mark.parametrize("idioma", ["en", "fr", "ht"])
def test_la_pagina_se_lee_en_otros_idiomas_con_el_contenido_traducido(client, idioma):
    respuesta = client.get(f"/{idioma}/proteccion/")
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert html.find("html")["lang"].startswith(idioma)
    seccion = html.find(id="gratuito").find_parent("section")
    parrafo = seccion.find("p")
    assert parrafo.get("lang") is None
    assert _normal(texto(parrafo)) == _normal(
        getattr(HechoProteccion.objects.get(clave="gratuito"), f"texto_{idioma}")
    )
    assert html.select(".ms-traduccion-no-oficial")
    assert "COMAR" in texto(html.find(id="lo-esencial").find_parent("section"))


def test_cargar_dos_veces_no_cambia_nada():
    informe = carga_proteccion.cargar(carga_proteccion.leer_fixture())
    assert not informe.hubo_cambios
    assert HechoProteccion.objects.count() == len(carga_proteccion.leer_fixture()["hechos"])


def test_una_fuente_en_un_dominio_imitador_se_rechaza_al_cargar():
    datos = copy.deepcopy(carga_proteccion.leer_fixture())
    datos["hechos"][0]["fuentes"].append("https://inm-gob.mx/refugio")
    with pytest.raises(FuenteRechazada):
        carga_proteccion.cargar(datos)
    assert not Fuente.objects.filter(url__contains="inm-gob.mx").exists()


def test_el_generador_quita_fuentes_imitadoras_y_lo_desconocido_queda_vacio():
    referencia = copy.deepcopy(leer_referencia("proteccion.yaml"))
    referencia["comar"]["gratuito"]["fuentes"].append(
        {"url": "https://inm-gob.mx/x", "fecha_consulta": "2026-12-03"}
    )
    generacion = generador.generar(referencia)
    gratuito = next(h for h in generacion.datos["hechos"] if h["clave"] == "gratuito")
    assert all("inm-gob.mx" not in u for u in gratuito["fuentes"])
    assert any("inm-gob.mx" in aviso for aviso in generacion.avisos)
    palenque = next(o for o in generacion.datos["oficinas"] if o["slug"] == "palenque")
    assert palenque["direccion"] == "" and palenque["telefono"] == ""


def test_el_fixture_esta_al_dia_con_la_referencia():
    referencia = leer_referencia("proteccion.yaml")
    assert generador.generar(referencia).datos == carga_proteccion.leer_fixture()


def test_la_portada_y_la_lista_de_tramites_llevan_a_la_proteccion(client):
    for ruta in ("/", "/tramites/"):
        enlaces = {a["href"] for a in sopa(client.get(ruta)).select("main a")}
        assert "/proteccion/" in enlaces, ruta


@pytest.mark.parametrize("ruta", ["/proteccion/", "/proteccion/instituciones/"])
def test_las_paginas_hacen_pocas_consultas(client, django_assert_max_num_queries, ruta):
    # Las fuentes de cada hecho, oficina e institución se traen en bloque, no una por una.
    with django_assert_max_num_queries(12):
        assert client.get(ruta).status_code == HTTPStatus.OK


def test_un_cambio_en_el_admin_se_ve_en_la_siguiente_visita(client, settings):
    # Sin la caché de páginas: el cuerpo de las dos páginas se guarda dibujado por versión del
    # contenido y no debe quedarse con el texto de antes.
    settings.PAGINAS_EN_CACHE = False
    for direccion in ("/proteccion/", "/proteccion/instituciones/"):
        assert client.get(direccion).status_code == HTTPStatus.OK
    hecho = HechoProteccion.objects.get(clave="gratuito")
    hecho.texto = "Pedir refugio no cuesta nada, en ninguna oficina."
    hecho.save()
    institucion = Institucion.objects.get(ancla="curp")
    institucion.que_hacer = "Pida la CURP temporal en la oficina de la COMAR."
    institucion.save()
    assert hecho.texto in _normal(texto(sopa(client.get("/proteccion/")).find("main")))
    principal = _normal(texto(sopa(client.get("/proteccion/instituciones/")).find("main")))
    assert institucion.que_hacer in principal
