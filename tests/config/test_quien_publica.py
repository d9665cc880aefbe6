"""Quién publica el sitio y quién responde por los datos: de la configuración al pie de página y
al aviso de privacidad; por omisión, el sitio dice que es informativo y no del INM."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.html import sopa, texto

pytestmark = pytest.mark.django_db

PAGINAS = [
    "/",
    "/tramites/",
    "/tramites/permiso-para-trabajar/",
    "/datos/",
    "/ventanillas/",
    "/participa/",
    "/aviso-de-privacidad/",
    "/en/",
    "/no-existe/",
]


def test_por_omision_cada_pagina_dice_que_es_informativa_y_no_del_inm(client):
    html = sopa(client.get("/tramites/"))
    aviso = html.select_one("header .ms-encabezado__aviso")
    assert "no es un servicio oficial del INM" in texto(aviso)
    assert aviso.find("a")["href"] == "#pie-sitio"
    pie = html.find("footer")
    assert pie.find(id="pie-sitio")
    assert "Publica este sitio: Equipo de Trámites Migratorios" in texto(pie)
    assert "no es un servicio oficial del Instituto Nacional de Migración" in texto(pie)
    assert "ni forma parte de gob.mx" in texto(pie)
    # Sin correo ni dirección configurados, se le escribe desde Participa.
    assert pie.find("a", string="Escríbanos desde Participa")["href"] == "/participa/"


def test_el_aviso_tambien_sale_en_los_otros_idiomas(client):
    html = sopa(client.get("/en/"))
    assert "not an official service of the INM" in texto(html.select_one(".ms-encabezado__aviso"))
    assert "Published by: Trámites Migratorios team" in texto(html.find("footer"))


def test_por_omision_el_aviso_de_privacidad_nombra_al_equipo_y_como_escribirle(client):
    principal = sopa(client.get("/aviso-de-privacidad/")).find("main")
    responsable = principal.find(id="responsable").find_next("dl")
    assert "Responsable de los datos personales Equipo de Trámites Migratorios" in texto(
        responsable
    )
    assert "Domicilio" not in texto(responsable)
    assert responsable.find("a", href="/participa/")
    assert "no es un servicio oficial del Instituto Nacional de Migración" in texto(principal)


def test_quien_publica_y_el_responsable_salen_de_la_configuracion(client, settings):
    settings.EDITOR_NOMBRE = "Colectivo de Apoyo a Migrantes, A.C."
    settings.EDITOR_CORREO = "contacto@colectivo.example.org"
    settings.EDITOR_URL = "https://colectivo.example.org/"
    settings.RESPONSABLE_DATOS_NOMBRE = "Oficina de Datos del Colectivo"
    settings.RESPONSABLE_DATOS_DOMICILIO = "Calle Uno 23, Centro, Tapachula, Chis., C.P. 30700"
    settings.RESPONSABLE_DATOS_CORREO = "datos@colectivo.example.org"

    pie = sopa(client.get("/")).find("footer")
    assert "Publica este sitio: Colectivo de Apoyo a Migrantes, A.C." in texto(pie)
    assert pie.find("a", href="mailto:contacto@colectivo.example.org")
    assert pie.find("a", href="https://colectivo.example.org/")
    assert "Equipo de Trámites Migratorios" not in texto(pie)

    principal = sopa(client.get("/aviso-de-privacidad/")).find("main")
    responsable = texto(principal.find(id="responsable").find_next("dl"))
    assert "Oficina de Datos del Colectivo" in responsable
    assert "Calle Uno 23, Centro, Tapachula, Chis., C.P. 30700" in responsable
    assert principal.find("a", href="mailto:datos@colectivo.example.org")


def test_sin_responsable_propio_responde_quien_publica(client, settings):
    settings.EDITOR_NOMBRE = "Colectivo de Apoyo a Migrantes, A.C."
    settings.EDITOR_CORREO = "contacto@colectivo.example.org"
    responsable = sopa(client.get("/aviso-de-privacidad/")).find(id="responsable").find_next("dl")
    assert "Colectivo de Apoyo a Migrantes, A.C." in texto(responsable)
    assert responsable.find("a", href="mailto:contacto@colectivo.example.org")


def test_publicado_por_el_inm_no_lleva_el_aviso_de_sitio_informativo(client, settings):
    settings.SITIO_OFICIAL_INM = True
    settings.EDITOR_NOMBRE = "Instituto Nacional de Migración"
    html = sopa(client.get("/"))
    assert html.select_one(".ms-encabezado__aviso") is None
    assert "Sitio informativo" not in texto(html)
    assert "Publica este sitio: Instituto Nacional de Migración" in texto(html.find("footer"))


@pytest.mark.parametrize("ruta", PAGINAS)
def test_ninguna_pagina_se_presenta_como_gob_mx(client, ruta):
    html = sopa(client.get(ruta))
    cabeza = " ".join(
        [texto(html.title)] + [m.get("content", "") for m in html.head.find_all("meta")]
    )
    marca = texto(html.header)
    for presentacion in (cabeza, marca):
        assert "gob.mx" not in presentacion.lower()
        assert "gobierno de méxico" not in presentacion.lower()
    # El ícono del sitio es el suyo, sin el nombre ni el escudo del gobierno.
    icono = html.head.find("link", rel="icon")["href"]
    dibujo = Path(finders.find("img/favicon.svg")).read_text(encoding="utf-8").lower()
    assert icono.startswith("/static/img/favicon.")
    assert "gob" not in dibujo and "escudo" not in dibujo
