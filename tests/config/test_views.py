"""Páginas comunes: inicio, navegación, idiomas, pie, errores y estáticos."""

from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.html import sopa, texto

pytestmark = pytest.mark.django_db

PAGINAS = [
    "/",
    "/tramites/",
    "/tramites/buscar/?q=renovacion",
    "/datos/",
    "/ventanillas/",
    "/participa/",
    "/aviso-de-privacidad/",
]


@pytest.mark.parametrize("prefijo", ["", "/en"])
@pytest.mark.parametrize("ruta", PAGINAS)
def test_cada_pagina_responde_con_un_solo_h1_y_el_idioma_correcto(client, ruta, prefijo):
    respuesta = client.get(prefijo + ruta)
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert len(html.find_all("h1")) == 1
    assert html.html["lang"] == ("en" if prefijo else "es-mx")
    assert html.find("main", id="contenido")
    assert html.find("a", href="#contenido"), "falta el enlace para saltar al contenido"


@pytest.mark.parametrize("ruta", PAGINAS)
def test_ninguna_pagina_carga_recursos_de_otro_sitio(client, ruta):
    html = sopa(client.get(ruta))
    recursos = [n.get("src") for n in html.find_all(["script", "img", "iframe"])]
    recursos += [n.get("href") for n in html.find_all("link") if n.get("rel") != ["alternate"]]
    externos = [r for r in recursos if r and urlsplit(r).netloc]
    assert externos == []


def test_inicio_ofrece_los_tres_recorridos_y_el_buscador(client):
    html = sopa(client.get("/"))
    principal = html.find("main")
    enlaces = {a["href"] for a in principal.find_all("a")}
    assert {"/tramites/", "/ventanillas/", "/datos/"} <= enlaces
    buscador = principal.find("form", role="search")
    assert buscador["method"] == "get"
    assert buscador["action"] == reverse("tramites:buscar")
    campo = buscador.find("input", attrs={"name": "q"})
    assert html.find("label", attrs={"for": campo["id"]})


def test_inicio_no_muestra_migas_y_las_secciones_si(client):
    assert sopa(client.get("/")).find("nav", class_="ms-migas") is None
    migas = sopa(client.get("/tramites/buscar/")).find("nav", class_="ms-migas")
    assert [texto(li) for li in migas.find_all("li")] == ["Inicio", "Trámites", "Buscar un trámite"]
    assert migas.find("li", attrs={"aria-current": "page"})


def test_la_navegacion_marca_la_seccion_actual(client):
    html = sopa(client.get("/ventanillas/"))
    actuales = html.select(".ms-navegacion a[aria-current=page]")
    assert [texto(a) for a in actuales] == ["Ventanillas y oficinas"]
    assert [texto(a) for a in html.select(".ms-navegacion a")] == [
        "Trámites",
        "Datos abiertos",
        "Ventanillas y oficinas",
        "Participa",
    ]


@pytest.mark.parametrize(
    ("direccion", "seccion"),
    [
        ("/tramites/", "Trámites"),
        # Lo que tardan los trámites es de seguimiento, pero vive bajo /tramites/.
        ("/en/tramites/tiempos/", "Procedures"),
        ("/fr/datos/", "Données ouvertes"),
        ("/seguimiento/", None),
    ],
)
def test_la_seccion_marcada_sale_de_la_direccion(client, direccion, seccion):
    actuales = sopa(client.get(direccion)).select(".ms-navegacion a[aria-current=page]")
    assert [texto(a) for a in actuales] == ([seccion] if seccion else [])


def test_el_selector_de_idioma_lleva_a_la_misma_pagina_con_sus_filtros(client):
    html = sopa(client.get("/tramites/buscar/?q=visa"))
    ingles = html.select_one(".ms-idiomas a[hreflang=en]")
    assert ingles["href"] == "/en/tramites/buscar/?q=visa"
    html_en = sopa(client.get(ingles["href"]))
    espanol = html_en.select_one(".ms-idiomas a[hreflang=es-mx]")
    assert espanol["href"] == "/tramites/buscar/?q=visa"
    alternos = {
        enlace["hreflang"]: enlace["href"] for enlace in html_en.find_all("link", rel="alternate")
    }
    assert alternos == {
        "es-mx": "http://testserver/tramites/buscar/?q=visa",
        "x-default": "http://testserver/tramites/buscar/?q=visa",
        "en": "http://testserver/en/tramites/buscar/?q=visa",
        "fr": "http://testserver/fr/tramites/buscar/?q=visa",
        "ht": "http://testserver/ht/tramites/buscar/?q=visa",
    }


@override_settings(ALLOWED_HOSTS=["testserver", "tramites.example.org"])
def test_el_encabezado_guardado_es_el_de_cada_pagina_idioma_y_dominio(client):
    # El encabezado y las alternativas salen ya hechos de la memoria del proceso: cada visita
    # debe recibir los de su propia dirección, aunque otra página se haya visto antes.
    visitas = [
        ("/ventanillas/", "testserver", "/en/ventanillas/", "Ventanillas y oficinas"),
        ("/tramites/buscar/?q=visa", "testserver", "/en/tramites/buscar/?q=visa", "Trámites"),
        ("/tramites/buscar/?q=fm3", "testserver", "/en/tramites/buscar/?q=fm3", "Trámites"),
        ("/ventanillas/", "tramites.example.org", "/en/ventanillas/", "Ventanillas y oficinas"),
        ("/en/ventanillas/", "testserver", "/en/ventanillas/", "Information desks and offices"),
    ]
    for ruta, dominio, ingles, seccion in visitas:
        html = sopa(client.get(ruta, HTTP_HOST=dominio))
        assert html.select_one("link[hreflang=en]")["href"] == f"http://{dominio}{ingles}", ruta
        enlace = html.select_one(".ms-idiomas a[hreflang=en]")
        assert (enlace["href"] if enlace else ruta) == ingles, ruta
        actual = html.select(".ms-navegacion a[aria-current=page]")
        assert [texto(a) for a in actual] == [seccion], ruta


def test_la_interfaz_en_ingles_esta_traducida(client):
    html = sopa(client.get("/en/"))
    assert texto(html.find("h1")) == "Migration procedures in Mexico"
    assert "Skip to main content" in texto(html.find("a", href="#contenido"))
    assert "Procedures" in [texto(a) for a in html.select(".ms-navegacion a")]


def test_el_pie_lleva_al_aviso_de_privacidad_las_fuentes_y_la_fecha(client):
    pie = sopa(client.get("/")).find("footer")
    assert pie.find("a", href="/aviso-de-privacidad/")
    assert pie.find("a", href="tel:+528000046264")
    assert "800 004 6264" in texto(pie)
    fecha = pie.find("time")
    assert fecha["datetime"] == "2026-11-23"
    assert texto(fecha) == "23 de noviembre de 2026"
    assert pie.find("a", href="https://www.inm.gob.mx/mpublic/publico/inm-tramites.html")


def test_pagina_inexistente_da_404_en_espanol_con_salidas(client):
    respuesta = client.get("/no-existe/")
    assert respuesta.status_code == HTTPStatus.NOT_FOUND
    html = sopa(respuesta)
    assert texto(html.find("h1")) == "No encontramos la página"
    assert html.find("main").find("a", href="/tramites/")


def test_pagina_inexistente_en_ingles_da_404_en_ingles(client):
    respuesta = client.get("/en/no-existe/")
    assert respuesta.status_code == HTTPStatus.NOT_FOUND
    assert texto(sopa(respuesta).find("h1")) == "We could not find the page"


@pytest.mark.urls("tests.config.urls_error")
def test_un_error_del_servidor_muestra_la_pagina_500_en_espanol(client):
    client.raise_request_exception = False
    respuesta = client.get("/falla/")
    assert respuesta.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    html = sopa(respuesta)
    assert texto(html.find("h1")) == "Tenemos un problema con el sitio"
    assert "Traceback" not in respuesta.content.decode()
    assert html.find("a", href="tel:+528000046264")


def test_los_estaticos_salen_con_huella_y_cache_de_un_ano(client):
    hoja = sopa(client.get("/")).find("link", rel="stylesheet")["href"]
    assert hoja.startswith("/static/css/sitio.")
    assert hoja.endswith(".css")
    assert hoja != "/static/css/sitio.css"
    respuesta = client.get(hoja, HTTP_ACCEPT_ENCODING="br, gzip")
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Encoding"] == "br"
    assert "max-age=31536000" in respuesta["Cache-Control"]
    assert "immutable" in respuesta["Cache-Control"]
