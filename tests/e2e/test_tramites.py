"""Recorridos de trámites en Chromium: buscar desde el inicio, orientador y calculadora sin JS."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("contenido")]


def test_encontrar_un_tramite_desde_el_inicio(pagina_movil_sin_js, live_server):
    pagina = pagina_movil_sin_js
    pagina.goto(live_server.url + "/")
    pagina.get_by_label("¿Qué trámite busca?").fill("renovacion")
    pagina.get_by_role("button", name="Buscar").click()
    pagina.get_by_role(
        "link", name="Expedición de documento migratorio por renovación y por reposición"
    ).click()
    expect(pagina).to_have_url(
        live_server.url + "/tramites/expedicion-documento-renovacion-reposicion/"
    )
    expect(pagina.get_by_role("heading", name="Requisitos", exact=True)).to_be_visible()
    expect(pagina.get_by_text("Nadie puede pedirle más de lo publicado")).to_be_visible()
    expect(pagina.locator(".ms-cuotas")).to_contain_text("$16,693")
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 360


def test_responder_el_orientador_sin_javascript(pagina_movil_sin_js, live_server):
    pagina = pagina_movil_sin_js
    pagina.goto(live_server.url + "/tramites/")
    pagina.get_by_role("link", name=re.compile("Responda unas preguntas")).click()
    for respuesta in [
        "En México",
        "No",
        "Tarjeta de residente temporal",
        "Avisar al INM un cambio de domicilio, trabajo, estado civil o nacionalidad",
        "Mi domicilio",
    ]:
        # Solo el formulario del orientador: el de «¿Le fue útil?» también tiene un «No».
        orientador = pagina.locator("form[action$='/tramites/orientador/']")
        orientador.get_by_role("radio", name=respuesta, exact=True).check()
        orientador.get_by_role("button", name="Continuar").click()
    expect(pagina.get_by_role("heading", name="Resultado")).to_be_visible()
    pagina.get_by_role("link", name="Notificación de cambio de domicilio", exact=True).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text(
        "Notificación de cambio de domicilio"
    )


def test_el_orientador_sin_elegir_nada_pide_una_opcion(pagina_sin_js, live_server):
    pagina = pagina_sin_js
    pagina.goto(live_server.url + "/tramites/orientador/?donde=mexico&situacion=inventada")
    expect(pagina.get_by_role("alert")).to_contain_text("Elija una de las opciones")


def test_calculadora_sin_javascript_con_un_error_y_su_correccion(pagina_movil_sin_js, live_server):
    pagina = pagina_movil_sin_js
    pagina.goto(live_server.url + "/tramites/cuotas/")
    pagina.get_by_label("Trámite y modalidad").select_option(
        label="Obtener permiso para trabajar con empleador (oferta de empleo)"
    )
    pagina.get_by_label("Número de personas").fill("-2")
    pagina.locator("section[aria-labelledby=calculadora]").get_by_role(
        "button", name="Calcular"
    ).click()
    expect(pagina.get_by_role("alert")).to_contain_text("entre 1 y 50")
    # Lo que escribió sigue ahí.
    expect(pagina.get_by_label("Número de personas")).to_have_value("-2")
    pagina.get_by_label("Número de personas").fill("2")
    pagina.locator("section[aria-labelledby=calculadora]").get_by_role(
        "button", name="Calcular"
    ).click()
    expect(pagina.locator(".ms-total")).to_have_text("$8,682")
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 360
