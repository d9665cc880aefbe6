"""/tramites/tiempos/: plazo legal junto a mediana, p90, parte en plazo y rezago, con gráfica."""

from datetime import date
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seguimiento.models import DiaInhabil, Estatus
from seguimiento.plazos import Calendario
from tests.html import sopa, texto
from tramites.models import Tramite

pytestmark = pytest.mark.django_db
URL = "/tramites/tiempos/"
mas = Calendario().sumar_dias_habiles


@pytest.fixture
def datos(crear_solicitud, hoy):
    ingreso = date(2026, 6, 1)
    for numero, dias in enumerate((10, 15, 22, 30), 1):
        crear_solicitud(
            f"PRUEBA-{numero:04d}",
            ingreso=ingreso,
            cambios=[(Estatus.RESUELTO_FAVORABLE, mas(ingreso, dias))],
        )
    crear_solicitud(
        "PRUEBA-0009",
        tramite="permiso-salida-y-regreso",
        ingreso=ingreso,
        cambios=[(Estatus.RESUELTO_FAVORABLE, mas(ingreso, 7))],
    )
    crear_solicitud("PRUEBA-0010", ingreso=date(2026, 11, 20))


def _fila(html, tabla, nombre):
    return next(
        [texto(c) for c in tr.find_all(["th", "td"])]
        for tr in html.select(f"{tabla} tbody tr")
        if texto(tr.th) == nombre
    )


def test_la_url_esta_en_el_espacio_de_tramites():
    assert reverse("seguimiento:tiempos") == URL


def test_la_tabla_pone_el_plazo_legal_junto_a_lo_que_tardaron(client, datos):
    Tramite.objects.filter(slug="visa-union-familiar").update(plazo_resolucion_dias_habiles=None)
    respuesta = client.get(URL)
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert len(html.find_all("h1")) == 1
    assert texto(html.find("h1")) == "Cuánto tardan los trámites"
    assert _fila(html, ".ms-tiempos", "Permiso para trabajar") == [
        "Permiso para trabajar",
        "20",
        "4",
        "15",
        "30",
        "50 %",
    ]
    # Plazo de 3 días hábiles (Lineamientos, art. 36); se resolvió en 7: ninguna en plazo.
    assert _fila(html, ".ms-tiempos", "Permiso de salida y regreso") == [
        "Permiso de salida y regreso",
        "3",
        "1",
        "7",
        "7",
        "0 %",
    ]
    assert _fila(html, ".ms-tiempos", "Visa por unión familiar")[1:] == [
        "No publicado",
        "0",
        "—",
        "—",
        "—",
    ]
    # Un plazo en días naturales se dice como tal, no como días hábiles.
    regularizacion = (
        "Regularización de situación migratoria por razones humanitarias y por vínculo familiar"
    )
    assert _fila(html, ".ms-tiempos", regularizacion)[1] == "30 días naturales"
    assert _fila(html, ".ms-rezago", "Permiso para trabajar") == [
        "Permiso para trabajar",
        "1",
        "0",
        "0",
        "0",
        "1",
    ]
    pagina = texto(html.find("main"))
    assert "del 24 de noviembre de 2025 al 23 de noviembre de 2026" in pagina
    assert "Datos de muestra" not in pagina
    assert html.find("a", href="/seguimiento/")


def test_la_grafica_svg_tiene_titulo_y_una_barra_por_dato(client, datos):
    html = sopa(client.get(URL))
    svg = html.select_one("figure svg")
    assert svg["role"] == "img"
    assert (
        texto(svg.title)
        == "Mediana y percentil 90 de días hábiles hasta la resolución, frente al plazo legal"
    )
    # Dos trámites con resueltas: mediana y p90 de cada uno, y la línea de su plazo legal.
    assert len(svg.select("rect")) == 4
    assert len(svg.select(".ms-grafica-tiempos__plazo")) == 2
    # Sin plazo publicado no hay línea con qué comparar.
    Tramite.objects.filter(slug="permiso-salida-y-regreso").update(
        plazo_resolucion_dias_habiles=None
    )
    Tramite.objects.get(slug="permiso-salida-y-regreso").save()
    svg = sopa(client.get(URL)).select_one("figure svg")
    assert len(svg.select(".ms-grafica-tiempos__plazo")) == 1
    textos = [texto(t) for t in svg.find_all("text")]
    assert "Permiso para trabajar" in textos and "15" in textos and "30" in textos


def test_con_datos_de_muestra_lo_dice_la_pagina_la_tabla_y_la_grafica(client, crear_solicitud, hoy):
    crear_solicitud(
        "MUESTRA-000001",
        es_muestra=True,
        ingreso=date(2026, 6, 1),
        cambios=[(Estatus.RESUELTO_FAVORABLE, date(2026, 6, 20))],
    )
    html = sopa(client.get(URL))
    assert "Datos de muestra" in texto(html.select_one(".ms-aviso--warning"))
    assert texto(html.select_one(".ms-tiempos caption")).startswith("Datos de muestra.")
    assert texto(html.select_one(".ms-rezago caption")).startswith("Datos de muestra.")
    assert texto(html.select_one("figure svg title")).startswith("Datos de muestra")


def test_sin_solicitudes_lo_dice(client, hoy):
    html = sopa(client.get(URL))
    assert "Todavía no hay solicitudes registradas en este sitio." in texto(html.find("main"))
    assert not html.find("svg", class_="ms-grafica-tiempos__svg")


def test_consultas_fijas_y_despues_desde_la_cache(client, datos):
    with CaptureQueriesContext(connection) as consultas:
        client.get(URL)
    # Reales, resueltas, abiertas, trámites, el conjunto y las referencias de seguimiento (días
    # inhábiles, temas + sus fuentes, trámites, modalidades, oficinas).
    assert len(consultas) == 11
    with CaptureQueriesContext(connection) as consultas:
        client.get(URL)
    assert len(consultas) == 0


def test_un_dia_inhabil_nuevo_invalida_la_pagina(client, datos):
    antes = texto(sopa(client.get(URL)).find("main"))
    DiaInhabil.objects.create(fecha=date(2026, 6, 3), motivo="Día inhábil de prueba")
    despues = texto(sopa(client.get(URL)).find("main"))
    assert antes != despues


def test_la_ficha_del_tramite_enlaza_la_consulta(client):
    html = sopa(client.get("/tramites/permiso-para-trabajar/"))
    enlace = html.find("a", string="Consultar el estado de mi solicitud")
    assert enlace["href"] == "/seguimiento/"
