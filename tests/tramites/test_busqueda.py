"""Búsqueda: sin acentos ni mayúsculas, por raíz, ordenada, y con mensajes claros."""

from http import HTTPStatus

import pytest
from django.test import Client

from tests.html import sopa, texto
from tests.tramites import frases
from tramites.busqueda import buscar
from tramites.models import Tramite

pytestmark = pytest.mark.django_db


def _slugs(consulta):
    return [r.tramite.slug for r in buscar(consulta).tramites]


@pytest.mark.parametrize("consulta", ["regularizacion", "REGULARIZACIÓN", "Regularización"])
def test_encuentra_sin_importar_acentos_ni_mayusculas(consulta):
    assert _slugs(consulta)[0] == "regularizacion-razones-humanitarias-vinculo-familiar"


def test_encuentra_por_la_raiz_de_la_palabra():
    # «renovar» no aparece tal cual: la ficha dice «renovación».
    assert "expedicion-documento-renovacion-reposicion" in _slugs("renovar")


def test_busca_tambien_en_los_requisitos():
    resultados = buscar("fotografías").tramites
    slugs = [r.tramite.slug for r in resultados]
    assert "permiso-salida-y-regreso" in slugs
    assert any("fotografía" in r.requisito for r in resultados)


def test_el_nombre_pesa_mas_que_los_requisitos():
    # «domicilio» está en el nombre de un trámite y en requisitos de otros.
    assert _slugs("domicilio")[0] == "notificacion-cambio-domicilio"


def test_el_que_tiene_todas_las_palabras_va_antes_que_los_parciales():
    # Antes solo aparecían los trámites con todas las palabras; ahora los parciales también,
    # pero después (issue 16: «renovar tarjeta de residente temporal» no encontraba nada).
    ambas = _slugs("visa humanitarias")
    assert ambas[0] == "visa-razones-humanitarias"
    # La visa por oferta de empleo dice «visa» pero nada de razones humanitarias.
    assert "visa-oferta-de-empleo" in ambas
    assert ambas.index("visa-oferta-de-empleo") > ambas.index("visa-razones-humanitarias")


def test_palabras_vacias_solas_no_devuelven_todo():
    assert buscar("de la para").total == 0


def test_la_pagina_muestra_los_resultados_enlazados(client):
    html = sopa(client.get("/tramites/buscar/", {"q": "permiso trabajar"}))
    assert "encontrado" in texto(html.find("main"))
    assert html.select_one(".ms-lista-tramites a")["href"] == "/tramites/permiso-para-trabajar/"


def test_sin_resultados_lo_dice_y_ofrece_el_orientador(client):
    html = sopa(client.get("/tramites/buscar/", {"q": "helicóptero"}))
    principal = texto(html.find("main"))
    assert "0 trámites encontrados" in principal
    assert html.find("a", href="/tramites/orientador/")


def test_consulta_vacia_da_un_mensaje_junto_al_campo(client):
    respuesta = client.get("/tramites/buscar/", {"q": ""})
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert "Escriba qué trámite busca" in texto(html.find(id="id_q_error"))


def test_consulta_enorme_da_un_mensaje_y_conserva_lo_escrito(client):
    enorme = "visa " * 100
    respuesta = client.get("/tramites/buscar/", {"q": enorme})
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert "como máximo 200 caracteres" in texto(html.find(id="id_q_error"))
    assert html.find("input", attrs={"name": "q"})["value"] == enorme


def test_sin_consulta_muestra_solo_el_formulario(client):
    html = sopa(client.get("/tramites/buscar/"))
    assert html.find(class_="ms-resumen-errores") is None
    assert html.find("input", attrs={"name": "q"})


def test_caracteres_raros_no_rompen_la_busqueda(client):
    for consulta in ["'; DROP TABLE x; --", "<script>", "a & b | !c", '"visa', "ñandú 🙂"]:
        assert client.get("/tramites/buscar/", {"q": consulta}).status_code == HTTPStatus.OK


def test_las_migas_y_el_formulario_guardados_siguen_el_idioma_y_lo_escrito(settings):
    # Se guardan dibujados por idioma (y el formulario por lo escrito): otra búsqueda u otro
    # idioma nunca muestran los de la anterior.
    settings.PAGINAS_EN_CACHE = False
    client = Client()

    def vista(direccion, **datos):
        html = sopa(client.get(direccion, datos))
        migas = [texto(li) for li in html.select(".ms-migas li")]
        campo = html.find("input", attrs={"name": "q"})
        return migas, texto(html.find("h1")), texto(html.find("form", role="search")), campo

    migas, titulo, _formulario, campo = vista("/tramites/buscar/", q="visa")
    assert migas == ["Inicio", "Trámites", "Buscar un trámite"]
    assert (titulo, campo["value"]) == ("Buscar un trámite", "visa")
    migas, titulo, formulario, campo = vista("/en/tramites/buscar/", q="visa")
    assert migas == ["Home", "Procedures", "Search for a procedure"]
    assert (titulo, campo["value"]) == ("Search for a procedure", "visa")
    assert "Search" in formulario
    assert vista("/tramites/buscar/", q="refugio")[3]["value"] == "refugio"
    # Buscar «None» y no buscar nada no comparten el campo dibujado.
    assert vista("/tramites/buscar/", q="None")[3]["value"] == "None"
    assert vista("/tramites/buscar/")[3].get("value") is None


def _titulos(respuesta) -> list[str]:
    return [texto(a) for a in sopa(respuesta).select(".ms-lista-tramites__titulo a")]


def test_un_cambio_en_el_admin_se_ve_en_la_siguiente_busqueda(personal, settings):
    # Sin la caché de páginas: la búsqueda y sus resultados dibujados se guardan en el proceso
    # por versión del contenido, y una frase o un nombre nuevos se ven en la siguiente visita.
    settings.PAGINAS_EN_CACHE = False
    client = Client()
    direccion = "/tramites/buscar/?q=cuartito+rentado"
    tramite = Tramite.objects.get(slug="notificacion-cambio-domicilio")
    assert tramite.nombre not in _titulos(client.get(direccion))
    respuesta = frases.agregar_por_el_admin(
        personal, tramite, "me fui a un cuartito rentado", "Así lo preguntan en las ventanillas"
    )
    assert respuesta.status_code == HTTPStatus.FOUND
    assert _titulos(client.get(direccion))[0] == tramite.nombre
    tramite.nombre = "Aviso de que cambió su domicilio"
    tramite.save()
    assert _titulos(client.get(direccion))[0] == "Aviso de que cambió su domicilio"
