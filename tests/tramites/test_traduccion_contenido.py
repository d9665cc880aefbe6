"""El contenido de las fichas en inglés, francés y criollo haitiano, marcado como traducción no
oficial, y en español con aviso donde falta la traducción (o el español cambió)."""

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


# El nombre y un requisito de la ficha, tal como los escribimos en cada idioma.
TRADUCIDOS = {
    "en": ("Permit to work", "Original proof of payment of the fees."),
    "fr": ("Permis de travail", "Reçu original du paiement des droits."),
    "ht": ("Pèmi pou travay", "Resi orijinal peman frè yo."),
}


def _nota_no_oficial(html):
    with translation.override(html.html["lang"]):
        nota = gettext(
            "Traducción no oficial, para ayudarle a entender. El texto que cuenta es el español."
        )
    return [p for p in html.select(".ms-traduccion-no-oficial") if nota in texto(p)]


@pytest.mark.parametrize("idioma", ["fr", "ht"])
def test_la_ficha_en_frances_y_criollo_viene_traducida(client, idioma):
    html = sopa(client.get(f"/{idioma}" + FICHA))
    nombre, requisito = TRADUCIDOS[idioma]
    assert html.html["lang"] == idioma
    assert texto(html.h1) == nombre
    assert html.h1.get("lang") is None
    requisitos = html.select(".ms-requisitos__texto")
    assert requisito in [texto(r) for r in requisitos]
    assert all(r.get("lang") is None for r in requisitos)
    assert _aviso(html) == []
    # Las disposiciones legales siguen en español, marcadas para el lector de pantalla.
    fundamentos = html.select("[aria-labelledby=fundamento] li")
    assert {f.get("lang") for f in fundamentos} == {"es-MX"}


@pytest.mark.parametrize("idioma", ["en", "fr", "ht"])
def test_lo_traducido_se_marca_como_no_oficial_y_remite_al_espanol(client, idioma):
    html = sopa(client.get(f"/{idioma}" + FICHA))
    [nota] = _nota_no_oficial(html)
    enlace = nota.a
    assert enlace["href"] == FICHA
    assert sopa(client.get(enlace["href"])).h1.string.strip() == "Permiso para trabajar"


def test_en_espanol_no_hay_nota_de_traduccion(client):
    html = sopa(client.get(FICHA))
    assert html.select(".ms-traduccion-no-oficial") == []


@pytest.mark.parametrize("idioma", ["en", "fr", "ht"])
def test_si_falta_una_traduccion_se_ve_el_espanol_de_ese_texto_con_aviso(client, idioma):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    requisito = Requisito.objects.filter(tramite=tramite).order_by("orden").first()
    Requisito.objects.filter(pk=requisito.pk).update(**{f"texto_{idioma}": None})
    tramite.save()  # nueva fecha: la ficha en caché se invalida
    html = sopa(client.get(f"/{idioma}" + FICHA))
    assert texto(html.h1) == TRADUCIDOS[idioma][0]
    marcados = [r for r in html.select(".ms-requisitos__texto") if r.get("lang") == "es-MX"]
    assert [texto(r) for r in marcados] == [requisito.texto_es_mx]
    assert len(_aviso(html)) == 1
    # Lo demás sigue traducido, y marcado como no oficial.
    assert len(_nota_no_oficial(html)) == 1


@pytest.mark.parametrize("idioma", ["fr", "ht"])
def test_si_cambia_el_espanol_la_pagina_muestra_el_espanol_con_aviso(client, idioma):
    """La regla de respaldo: una traducción vieja no se muestra; se ve el español nuevo."""
    datos = carga.leer_fixture()
    ficha = next(t for t in datos["tramites"] if t["slug"] == "permiso-para-trabajar")
    nuevo = ficha["cuando_solicitar"] + " Texto nuevo que aún nadie tradujo."
    ficha["cuando_solicitar"] = nuevo
    carga.cargar(datos, motivo="Prueba")
    html = sopa(client.get(f"/{idioma}" + FICHA))
    assert texto(html.h1) == TRADUCIDOS[idioma][0]
    assert nuevo in [texto(s) for s in html.select(".ms-respuesta span[lang=es-MX]")]
    viejo = Tramite.objects.get(slug="permiso-para-trabajar")
    assert getattr(viejo, f"cuando_solicitar_{idioma}") is None
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
    assert (tramite.resumen_en, tramite.resumen_fr, tramite.resumen_ht) == (None, None, None)
    assert tramite.nombre_en == "Permit to work"
    assert tramite.nombre_fr == "Permis de travail"
    assert tramite.nombre_ht == "Pèmi pou travay"


def test_cargar_dos_veces_no_cambia_nada():
    datos = carga.leer_fixture()
    carga.cargar(datos, motivo="Prueba")
    antes = list(Requisito.objects.order_by("pk").values_list("texto_fr", "texto_ht", "notas_ht"))
    historial = Tramite.history.count()
    carga.cargar(datos, motivo="Prueba")
    despues = list(Requisito.objects.order_by("pk").values_list("texto_fr", "texto_ht", "notas_ht"))
    assert despues == antes
    assert any(fr for fr, _ht, _n in antes)
    assert Tramite.history.count() == historial


@pytest.mark.parametrize("idioma", ["en", "fr", "ht"])
def test_cada_texto_de_las_fichas_tiene_su_traduccion(idioma):
    """El contenido traducido está completo: un texto nuevo en el fixture exige su traducción."""
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
    assert textos_sin_traduccion("contenido_tramites", idioma, objetos) == []


@pytest.mark.parametrize("idioma", ["en", "fr", "ht"])
def test_el_archivo_de_traducciones_esta_bien_formado(idioma):
    ruta = CARPETA / f"contenido_tramites.{idioma}.json"
    pares = json.loads(ruta.read_text(encoding="utf-8"))
    assert all(set(par) == {"es", idioma} and par[idioma].strip() for par in pares)
    assert len({par["es"] for par in pares}) == len(pares)
    assert settings.MODELTRANSLATION_DEFAULT_LANGUAGE == settings.LANGUAGE_CODE
    assert idioma in settings.MODELTRANSLATION_LANGUAGES


@pytest.mark.parametrize("idioma", ["fr", "ht"])
def test_las_cifras_no_se_traducen(idioma):
    """Montos, fechas, artículos y plazos son hechos, no contenido: cada cifra del español sigue
    en la traducción."""
    import re

    for par in json.loads((CARPETA / f"contenido_tramites.{idioma}.json").read_text("utf-8")):
        for cifra in re.findall(r"\$?\d[\d,./]*\d|\d", par["es"]):
            assert cifra in par[idioma], (cifra, par["es"])
