"""Las ventanillas y oficinas en inglés, francés y criollo haitiano; en español marcado y con
aviso donde falta la traducción."""

import json
import re

import pytest

from config.traducciones import CARPETA
from tests.html import sopa, texto
from tests.traducciones import textos_sin_traduccion
from ventanillas import carga
from ventanillas.models import TRADUCIBLES, Lugar, Servicio

pytestmark = pytest.mark.django_db


def _con_servicios():
    return Lugar.objects.filter(servicios_lugar__isnull=False).order_by("slug").first()


def test_los_servicios_se_explican_en_ingles(client):
    lugar = _con_servicios()
    servicio = lugar.servicios_lugar.first().servicio
    html = sopa(client.get(f"/en{lugar.get_absolute_url()}"))
    nombres = [texto(dt) for dt in html.select(".ms-servicios__nombre")]
    assert servicio.nombre_en in nombres
    assert servicio.nombre_es_mx not in nombres
    assert all(dt.get("lang") is None for dt in html.select(".ms-servicios__nombre"))


@pytest.mark.parametrize("idioma", ["fr", "ht"])
def test_los_servicios_se_explican_en_frances_y_criollo(client, idioma):
    lugar = _con_servicios()
    servicio = lugar.servicios_lugar.first().servicio
    html = sopa(client.get(f"/{idioma}{lugar.get_absolute_url()}"))
    assert html.html["lang"] == idioma
    nombres = [texto(dt) for dt in html.select(".ms-servicios__nombre")]
    assert getattr(servicio, f"nombre_{idioma}") in nombres
    assert servicio.nombre_es_mx not in nombres
    assert all(dt.get("lang") is None for dt in html.select(".ms-servicios__nombre"))
    assert html.select(".ms-aviso--info") == []


@pytest.mark.parametrize("idioma", ["en", "fr", "ht"])
def test_sin_la_traduccion_el_espanol_va_marcado_y_con_aviso(client, idioma):
    lugar = _con_servicios()
    servicio = lugar.servicios_lugar.first().servicio
    Servicio.objects.filter(pk=servicio.pk).update(**{f"nombre_{idioma}": None})
    html = sopa(client.get(f"/{idioma}{lugar.get_absolute_url()}"))
    marcados = [texto(dt) for dt in html.select(".ms-servicios__nombre[lang=es-MX]")]
    assert marcados == [servicio.nombre_es_mx]
    assert len(html.select(".ms-aviso--info")) == 1


def test_sin_la_traduccion_de_un_servicio_se_ve_el_espanol_de_ese_texto(client):
    lugar = _con_servicios()
    servicio = lugar.servicios_lugar.first().servicio
    Servicio.objects.filter(pk=servicio.pk).update(explicacion_en=None)
    html = sopa(client.get(f"/en{lugar.get_absolute_url()}"))
    marcados = [texto(s) for s in html.select(".ms-servicios__explicacion span[lang=es-MX]")]
    assert marcados == [servicio.explicacion_es_mx]
    assert len(html.select(".ms-aviso--info")) == 1


@pytest.mark.parametrize("idioma", ["en", "fr", "ht"])
def test_cada_texto_de_las_ventanillas_tiene_su_traduccion(idioma):
    datos = carga.leer_fixture()
    objetos = [(s, TRADUCIBLES["Servicio"]) for s in datos["servicios"]]
    objetos += [(c, TRADUCIBLES["CifraReportada"]) for c in datos["cifras"]]
    objetos += [(d, TRADUCIBLES["DatoRed"]) for d in datos["datos_red"]]
    for lugar in datos["lugares"]:
        objetos.append((lugar, TRADUCIBLES["Lugar"]))
        objetos += [(f, TRADUCIBLES["ServicioLugar"]) for f in lugar["servicios"]]
        objetos += [(h, TRADUCIBLES["HorarioApertura"]) for h in lugar["horarios"]]
        objetos += [(d, TRADUCIBLES["DatoLugar"]) for d in lugar["datos"]]
    assert textos_sin_traduccion("contenido_ventanillas", idioma, objetos) == []


def test_los_datos_de_las_fuentes_se_leen_en_ingles(client):
    html = sopa(client.get("/en/ventanillas/inm-queretaro/"))
    dato = html.select_one(".ms-datos__elemento")
    assert "Head of office in November 2025: Dalila Pérez Aguilar" in texto(dato)
    assert dato.span.get("lang") is None
    assert texto(dato.select_one(".ms-postura")) == "Non-official source: confirm it"
    otro = sopa(client.get("/en/ventanillas/ayuda-tijuana/"))
    assert texto(otro.select_one(".ms-antetitulo")) == "Other place that helps migrants"
    assert "This is not an IOM information desk" in texto(otro.select_one(".ms-aviso"))


def test_lo_traducido_se_marca_como_no_oficial_y_remite_al_espanol(client):
    espanol = _con_servicios().get_absolute_url()
    html = sopa(client.get(f"/en{espanol}"))
    [nota] = html.select(".ms-traduccion-no-oficial")
    assert "Unofficial translation" in texto(nota)
    assert nota.a["href"] == espanol
    for idioma in ("fr", "ht"):
        assert len(sopa(client.get(f"/{idioma}{espanol}")).select(".ms-traduccion-no-oficial")) == 1
    # En español no hay nada que marcar.
    assert sopa(client.get(espanol)).select(".ms-traduccion-no-oficial") == []


@pytest.mark.parametrize("idioma", ["en", "fr", "ht"])
def test_el_archivo_de_traducciones_esta_completo_y_conserva_las_cifras(idioma):
    """Cada texto del archivo en inglés tiene su par en francés y criollo, con las mismas cifras."""
    pares = json.loads((CARPETA / f"contenido_ventanillas.{idioma}.json").read_text("utf-8"))
    ingles = json.loads((CARPETA / "contenido_ventanillas.en.json").read_text("utf-8"))
    assert [par["es"] for par in pares] == [par["es"] for par in ingles]
    assert all(set(par) == {"es", idioma} and par[idioma].strip() for par in pares)
    for par in pares:
        for cifra in re.findall(r"\$?\d[\d,./]*\d|\d", par["es"]):
            assert cifra in par[idioma], (cifra, par["es"])
