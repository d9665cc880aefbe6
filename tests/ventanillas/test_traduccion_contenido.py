"""Las ventanillas y oficinas en inglés; en español marcado y con aviso donde falta."""

import pytest

from config.traducciones import leer
from tests.html import sopa, texto
from ventanillas import referencia
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


def test_en_criollo_haitiano_el_espanol_va_marcado_y_con_aviso(client):
    lugar = _con_servicios()
    html = sopa(client.get(f"/ht{lugar.get_absolute_url()}"))
    assert html.html["lang"] == "ht"
    assert {dt.get("lang") for dt in html.select(".ms-servicios__nombre")} == {"es-MX"}
    avisos = [texto(a) for a in html.select(".ms-aviso--info")]
    assert len(avisos) == 1


def test_sin_la_traduccion_de_un_servicio_se_ve_el_espanol_de_ese_texto(client):
    lugar = _con_servicios()
    servicio = lugar.servicios_lugar.first().servicio
    Servicio.objects.filter(pk=servicio.pk).update(explicacion_en=None)
    html = sopa(client.get(f"/en{lugar.get_absolute_url()}"))
    marcados = [texto(s) for s in html.select(".ms-servicios__explicacion span[lang=es-MX]")]
    assert marcados == [servicio.explicacion_es_mx]
    assert len(html.select(".ms-aviso--info")) == 1


def test_cada_texto_de_las_ventanillas_tiene_su_traduccion_al_ingles():
    traducciones = leer("contenido_ventanillas", "en")
    datos = referencia.leer_fixture()
    faltan = []

    def revisar(objeto, campos):
        faltan.extend(objeto[c] for c in campos if objeto.get(c) and objeto[c] not in traducciones)

    for servicio in datos["servicios"]:
        revisar(servicio, TRADUCIBLES["Servicio"])
    for cifra in datos["cifras"]:
        revisar(cifra, TRADUCIBLES["CifraReportada"])
    for lugar in datos["lugares"]:
        revisar(lugar, TRADUCIBLES["Lugar"])
        for fila in lugar["servicios"]:
            revisar(fila, TRADUCIBLES["ServicioLugar"])
        for tramo in lugar["horarios"]:
            revisar(tramo, TRADUCIBLES["HorarioApertura"])
    assert faltan == []
