"""El contenido de las fichas en inglés, y en español con aviso donde falta la traducción."""

import json

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from config.traducciones import CARPETA
from tests.html import sopa, texto
from tests.traducciones import textos_sin_traduccion
from tramites import carga
from tramites.models import Requisito, Tramite

pytestmark = pytest.mark.django_db

FICHA = "/tramites/permiso-para-trabajar/"


def _aviso(html):
    """Los avisos de «ficha sin traducir», en el idioma de la página."""
    with translation.override(html.html["lang"]):
        titulo = gettext("Esta ficha aún no está traducida")
    return [texto(a) for a in html.select(".ms-aviso") if titulo in texto(a)]


def test_la_ficha_en_ingles_viene_traducida_y_sin_aviso(client):
    html = sopa(client.get("/en" + FICHA))
    assert texto(html.h1) == "Permit to work"
    assert html.h1.get("lang") is None
    requisitos = html.select(".ms-requisitos__texto")
    assert requisitos
    assert all(r.get("lang") is None for r in requisitos)
    assert _aviso(html) == []
    # Las disposiciones legales no se traducen: se marcan en español para el lector de pantalla.
    fundamentos = html.select("[aria-labelledby=fundamento] li")
    assert fundamentos
    assert {f.get("lang") for f in fundamentos} == {"es-MX"}


def test_en_frances_se_ve_el_espanol_marcado_y_con_aviso(client):
    html = sopa(client.get("/fr" + FICHA))
    assert texto(html.h1) == "Permiso para trabajar"
    assert html.h1["lang"] == "es-MX"
    assert html.html["lang"] == "fr"
    assert len(_aviso(html)) == 1


def test_si_falta_una_traduccion_se_ve_el_espanol_de_ese_texto_con_aviso(client):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    requisito = Requisito.objects.filter(tramite=tramite).order_by("orden").first()
    Requisito.objects.filter(pk=requisito.pk).update(texto_en=None)
    tramite.save()  # nueva fecha: la ficha en caché se invalida
    html = sopa(client.get("/en" + FICHA))
    assert texto(html.h1) == "Permit to work"
    marcados = [r for r in html.select(".ms-requisitos__texto") if r.get("lang") == "es-MX"]
    assert [texto(r) for r in marcados] == [requisito.texto_es_mx]
    assert len(_aviso(html)) == 1


def test_la_lista_en_ingles_trae_los_nombres_traducidos(client):
    html = sopa(client.get("/en/tramites/"))
    nombres = [texto(a) for a in html.select(".ms-lista-tramites__titulo a")]
    assert "Permit to work" in nombres
    assert len(nombres) == 14


def test_si_cambia_el_espanol_la_traduccion_vieja_ya_no_se_aplica():
    datos = carga.leer_fixture()
    ficha = next(t for t in datos["tramites"] if t["slug"] == "permiso-para-trabajar")
    ficha["resumen"] = ficha["resumen"] + " Texto nuevo que aún nadie tradujo."
    carga.cargar(datos, motivo="Prueba")
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    assert tramite.resumen_en is None
    assert tramite.nombre_en == "Permit to work"


def test_cada_texto_de_las_fichas_tiene_su_traduccion_al_ingles():
    """El contenido en inglés está completo: un texto nuevo en el fixture exige su traducción."""
    from tramites.models import TRADUCIBLES

    datos = carga.leer_fixture()
    objetos = [(c, TRADUCIBLES["Categoria"]) for c in datos["categorias"]]
    objetos += [(t, TRADUCIBLES["TemaComun"]) for t in datos["temas"]]
    hijos = {
        "modalidades": "Modalidad",
        "requisitos": "Requisito",
        "cuotas": "Cuota",
        "supuestos": "Supuesto",
    }
    for t in datos["tramites"]:
        objetos.append((t, TRADUCIBLES["Tramite"]))
        for clave, modelo in hijos.items():
            objetos += [(hijo, TRADUCIBLES[modelo]) for hijo in t[clave]]
    assert textos_sin_traduccion("contenido_tramites", "en", objetos) == []


def test_el_archivo_de_traducciones_esta_bien_formado():
    pares = json.loads((CARPETA / "contenido_tramites.en.json").read_text(encoding="utf-8"))
    assert all(set(par) == {"es", "en"} and par["en"].strip() for par in pares)
    assert len({par["es"] for par in pares}) == len(pares)
    assert settings.MODELTRANSLATION_DEFAULT_LANGUAGE == settings.LANGUAGE_CODE
