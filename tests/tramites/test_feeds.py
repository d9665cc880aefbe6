"""Canales Atom de los cambios de las fichas (tramites/feeds.py): Atom válido, las mismas entradas
que el historial, con motivo y lo que cambió, y nada de quién hizo el cambio."""

import xml.etree.ElementTree as ET
from datetime import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.contrib.auth.models import User

from tests.html import sopa
from tramites.historial import historial
from tramites.models import Tramite

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FICHA = "/tramites/permiso-para-trabajar/cambios.atom"


def _atom(respuesta) -> ET.Element:
    """El canal leído como lo haría un lector: XML bien formado con lo que RFC 4287 exige."""
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"].startswith("application/atom+xml")
    raiz = ET.fromstring(respuesta.content)  # noqa: S314 - el canal es nuestro
    assert raiz.tag == f"{ATOM}feed"
    for obligatorio in ("id", "title", "updated"):
        assert raiz.find(f"{ATOM}{obligatorio}").text
    assert raiz.find(f"{ATOM}author/{ATOM}name").text == "Trámites Migratorios"
    assert raiz.find(f"{ATOM}link[@rel='self']") is not None
    identificadores = set()
    for entrada in raiz.findall(f"{ATOM}entry"):
        for obligatorio in ("id", "title", "updated"):
            assert entrada.find(f"{ATOM}{obligatorio}").text
        datetime.fromisoformat(entrada.find(f"{ATOM}updated").text)
        assert entrada.find(f"{ATOM}link").get("href").startswith("http://testserver/")
        identificadores.add(entrada.find(f"{ATOM}id").text)
    assert len(identificadores) == len(raiz.findall(f"{ATOM}entry"))
    return raiz


def _entradas(raiz) -> list[ET.Element]:
    return raiz.findall(f"{ATOM}entry")


def _texto(entrada) -> str:
    return entrada.find(f"{ATOM}title").text + " " + entrada.find(f"{ATOM}summary").text


def test_el_canal_de_una_ficha_trae_las_entradas_de_su_historial(client):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    raiz = _atom(client.get(FICHA))
    assert raiz.find(f"{ATOM}title").text == "Cambios de la ficha «Permiso para trabajar»"
    entradas = _entradas(raiz)
    esperadas = historial(tramite)
    assert len(entradas) == len(esperadas) > 0
    for entrada, esperada in zip(entradas, esperadas, strict=True):
        assert datetime.fromisoformat(entrada.find(f"{ATOM}updated").text) == esperada.fecha
        assert esperada.motivo in _texto(entrada)
        assert entrada.find(f"{ATOM}link").get("href") == (
            "http://testserver/tramites/permiso-para-trabajar/historial/"
        )


def test_un_cambio_de_cuota_sale_primero_con_su_motivo_y_lo_que_cambio(client):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    cuota = tramite.cuotas.first()
    cuota.monto = Decimal("4500")
    cuota._change_reason = "Cuotas 2027 publicadas en el DOF"
    cuota.save()
    primera = _entradas(_atom(client.get(FICHA)))[0]
    assert primera.find(f"{ATOM}title").text == (
        "Permiso para trabajar: Cuotas 2027 publicadas en el DOF"
    )
    resumen = primera.find(f"{ATOM}summary").text
    assert "Cambió una cuota" in resumen
    assert "4340.77 → 4500" in resumen


def test_el_canal_no_dice_quien_hizo_el_cambio(client):
    persona = User.objects.create_user(
        "ana.perez", "ana.perez@example.org", "clave-larga-123", first_name="Ana"
    )
    requisito = Tramite.objects.get(slug="permiso-para-trabajar").requisitos.first()
    requisito.notas = "Nota revisada"
    requisito._change_reason = "Revisión de notas"
    requisito._history_user = persona
    requisito.save()
    for url in (FICHA, "/tramites/cambios.atom"):
        contenido = client.get(url).content.decode()
        assert "Revisión de notas" in contenido
        for dato in ("ana.perez", "Ana", "example.org"):
            assert dato not in contenido, url


def test_el_canal_de_todas_las_fichas_va_del_cambio_mas_reciente_al_mas_viejo(client):
    otro = Tramite.objects.get(slug="visa-oferta-de-empleo")
    otro.resumen = "Resumen revisado"
    otro._change_reason = "Revisión del resumen"
    otro.save()
    entradas = _entradas(_atom(client.get("/tramites/cambios.atom")))
    assert entradas[0].find(f"{ATOM}title").text == (
        "Visa por oferta de empleo: Revisión del resumen"
    )
    fechas = [datetime.fromisoformat(e.find(f"{ATOM}updated").text) for e in entradas]
    assert fechas == sorted(fechas, reverse=True)
    assert 14 <= len(entradas) <= 50
    # Los cambios de cada ficha, no solo de una.
    assert len({e.find(f"{ATOM}link").get("href") for e in entradas}) > 1


def test_el_canal_en_ingles_tiene_su_titulo_en_ingles(client):
    raiz = _atom(client.get("/en/tramites/permiso-para-trabajar/cambios.atom"))
    assert raiz.find(f"{ATOM}title").text == "Changes to “Permit to work”"
    assert raiz.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_el_canal_de_un_tramite_inexistente_da_404(client):
    assert client.get("/tramites/no-existe/cambios.atom").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("pagina", "canal"),
    [
        ("/tramites/permiso-para-trabajar/", FICHA),
        ("/tramites/permiso-para-trabajar/historial/", FICHA),
        ("/tramites/", "/tramites/cambios.atom"),
        ("/en/tramites/permiso-para-trabajar/", "/en" + FICHA),
    ],
)
def test_las_paginas_anuncian_su_canal_y_lo_enlazan(client, pagina, canal):
    html = sopa(client.get(pagina))
    anunciado = html.select_one("head link[rel='alternate'][type='application/atom+xml']")
    assert anunciado["href"] == canal
    assert html.select_one(f"main a[href='{canal}']") is not None
