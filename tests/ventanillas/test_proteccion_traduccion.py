"""Protección internacional en inglés, francés y criollo haitiano: los textos traducidos, marcados
como traducción no oficial; en español con aviso donde falta la traducción o el español cambió. Los
cambios hechos en la administración piden un motivo que queda en el historial."""

import copy
import json
import re
from http import HTTPStatus

import pytest
from django.utils import translation
from django.utils.translation import gettext

from config.traducciones import CARPETA, leer
from tests.html import datos_formulario, sopa, texto
from tests.traducciones import textos_sin_traduccion
from ventanillas import carga_proteccion
from ventanillas.models import TRADUCIBLES, HechoProteccion, Institucion, OficinaComar

pytestmark = pytest.mark.django_db

IDIOMAS = ["en", "fr", "ht"]


def _normal(valor) -> str:
    return " ".join(str(valor).split())


def _aviso_sin_traducir(html):
    """Los avisos de «página sin traducir», en el idioma de la página."""
    with translation.override(html.html["lang"]):
        titulo = gettext("Esta página aún no está traducida")
    return [texto(a) for a in html.select(".ms-aviso") if titulo in texto(a)]


def _seccion(html, ancla):
    return html.find(id=ancla).find_parent("section")


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_cada_texto_de_proteccion_tiene_su_traduccion(idioma):
    """Un texto nuevo en fixtures/proteccion.json exige su traducción en los tres idiomas."""
    datos = carga_proteccion.leer_fixture()
    objetos = [(h, TRADUCIBLES["HechoProteccion"]) for h in datos["hechos"]]
    objetos += [(o, TRADUCIBLES["OficinaComar"]) for o in datos["oficinas"]]
    objetos += [(i, TRADUCIBLES["Institucion"]) for i in datos["instituciones"]]
    assert textos_sin_traduccion("contenido_proteccion", idioma, objetos) == []


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_el_archivo_de_traducciones_esta_bien_formado_y_conserva_las_cifras(idioma):
    pares = json.loads((CARPETA / f"contenido_proteccion.{idioma}.json").read_text("utf-8"))
    assert all(set(par) == {"es", idioma} and par[idioma].strip() for par in pares)
    assert len({par["es"] for par in pares}) == len(pares)
    for par in pares:
        for cifra in re.findall(r"\$?\d[\d,./]*\d|\d", par["es"]):
            assert cifra in par[idioma], (cifra, par["es"])
        # COMAR e INM se nombran igual en todos los idiomas.
        for sigla in ("COMAR", "INM"):
            assert par["es"].count(sigla) <= par[idioma].count(sigla), (sigla, par["es"])


def test_en_frances_la_pagina_muestra_el_texto_traducido_como_no_oficial(client):
    hecho = HechoProteccion.objects.get(clave="gratuito")
    html = sopa(client.get("/fr/proteccion/"))
    parrafo = _seccion(html, "gratuito").find("p")
    assert _normal(texto(parrafo)) == _normal(hecho.texto_fr)
    assert "La procédure devant la COMAR ne coûte rien." in texto(parrafo)
    assert parrafo.get("lang") is None
    [nota] = html.select(".ms-traduccion-no-oficial")
    assert "Traduction non officielle" in texto(nota)
    assert nota.a["href"] == "/proteccion/"
    assert _aviso_sin_traducir(html) == []
    # La nota de una oficina y lo que no se pudo confirmar también se leen en francés.
    oficina = OficinaComar.objects.get(slug="ciudad-juarez")
    assert _normal(oficina.nota_fr) in _normal(texto(html.find(id="oficinas").parent))
    pendiente = HechoProteccion.objects.get(clave="curp-temporal").pendiente_fr
    assert "introuvable" in pendiente
    assert _normal(pendiente) in _normal(texto(_seccion(html, "curp-temporal")))


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_las_instituciones_se_leen_traducidas(client, idioma):
    institucion = Institucion.objects.get(ancla="cndh")
    html = sopa(client.get(f"/{idioma}/proteccion/instituciones/"))
    seccion = _seccion(html, "cndh")
    traducido = getattr(institucion, f"que_hacer_{idioma}")
    parrafos = [p for p in seccion.find_all("p") if _normal(texto(p)) == _normal(traducido)]
    assert len(parrafos) == 1 and parrafos[0].get("lang") is None
    # El nombre de la institución queda como lo publica la fuente, marcado en español.
    assert seccion.find("strong", lang="es-MX")
    assert len(html.select(".ms-traduccion-no-oficial")) == 1
    assert _aviso_sin_traducir(html) == []


def test_en_espanol_no_hay_nota_de_traduccion_ni_aviso(client):
    for ruta in ("/proteccion/", "/proteccion/instituciones/"):
        html = sopa(client.get(ruta))
        assert html.select(".ms-traduccion-no-oficial") == []
        assert _aviso_sin_traducir(html) == []


@pytest.mark.parametrize("idioma", ["fr", "ht"])
def test_si_cambia_el_espanol_en_la_carga_se_ve_el_espanol_nuevo_con_aviso(client, idioma):
    datos = copy.deepcopy(carga_proteccion.leer_fixture())
    hecho = next(h for h in datos["hechos"] if h["clave"] == "gratuito")
    nuevo = hecho["texto"] + " Texto nuevo que aún nadie tradujo."
    hecho["texto"] = nuevo
    informe = carga_proteccion.cargar(datos, motivo="Prueba: texto nuevo")
    assert informe.hubo_cambios
    guardado = HechoProteccion.objects.get(clave="gratuito")
    assert getattr(guardado, f"texto_{idioma}") is None
    assert guardado.history.first().history_change_reason == "Prueba: texto nuevo"

    html = sopa(client.get(f"/{idioma}/proteccion/"))
    parrafo = _seccion(html, "gratuito").find("p")
    assert _normal(texto(parrafo)) == _normal(nuevo)
    assert parrafo["lang"] == "es-MX"
    assert len(_aviso_sin_traducir(html)) == 1
    # Lo demás sigue traducido y marcado como no oficial.
    assert len(html.select(".ms-traduccion-no-oficial")) == 1
    plazo = _seccion(html, "plazo-para-solicitar").find("p")
    assert plazo.get("lang") is None


def test_cargar_dos_veces_no_cambia_nada_ni_agrega_historial():
    datos = carga_proteccion.leer_fixture()
    carga_proteccion.cargar(datos, motivo="Prueba")
    antes = list(HechoProteccion.objects.order_by("pk").values_list("texto_fr", "pendiente_ht"))
    versiones = (
        HechoProteccion.history.count(),
        OficinaComar.history.count(),
        Institucion.history.count(),
    )
    informe = carga_proteccion.cargar(datos, motivo="Prueba")
    assert not informe.hubo_cambios
    assert list(HechoProteccion.objects.values_list("texto_fr", "pendiente_ht").order_by("pk")) == (
        antes
    )
    assert any(fr for fr, _ht in antes)
    assert versiones == (
        HechoProteccion.history.count(),
        OficinaComar.history.count(),
        Institucion.history.count(),
    )


def test_la_traduccion_sale_del_archivo_de_traducciones():
    hecho = HechoProteccion.objects.get(clave="gratuito")
    for idioma in IDIOMAS:
        assert (
            getattr(hecho, f"texto_{idioma}")
            == leer("contenido_proteccion", idioma)[hecho.texto_es_mx]
        )


# --- Administración --------------------------------------------------------------------------


def _formulario(cliente, hecho):
    html = sopa(cliente.get(f"/admin/ventanillas/hechoproteccion/{hecho.pk}/change/"))
    return datos_formulario(html.find("form", id="hechoproteccion_form"))


def test_el_admin_de_un_hecho_pide_un_motivo(personal):
    hecho = HechoProteccion.objects.get(clave="gratuito")
    datos = _formulario(personal, hecho)
    datos["texto_es_mx"] = "Texto nuevo"
    respuesta = personal.post(f"/admin/ventanillas/hechoproteccion/{hecho.pk}/change/", datos)
    assert respuesta.status_code == HTTPStatus.OK
    assert "Escriba por qué hace este cambio." in texto(sopa(respuesta))
    hecho.refresh_from_db()
    assert hecho.texto_es_mx != "Texto nuevo"


def test_un_cambio_en_el_admin_queda_en_el_historial_y_la_pagina_muestra_el_espanol(
    personal, client
):
    hecho = HechoProteccion.objects.get(clave="gratuito")
    datos = _formulario(personal, hecho)
    assert datos["texto_fr"] == hecho.texto_fr
    nuevo = hecho.texto_es_mx + " La COMAR lo repitió en un aviso nuevo."
    datos["texto_es_mx"] = nuevo
    datos["motivo_cambio"] = "Aviso nuevo de la COMAR"
    respuesta = personal.post(f"/admin/ventanillas/hechoproteccion/{hecho.pk}/change/", datos)
    assert respuesta.status_code == HTTPStatus.FOUND, texto(
        sopa(respuesta).find(class_="errornote") or sopa(respuesta)
    )
    hecho.refresh_from_db()
    assert hecho.texto_es_mx == nuevo
    # La traducción vieja ya no dice lo mismo: deja de aplicarse; las demás columnas siguen.
    assert (hecho.texto_en, hecho.texto_fr, hecho.texto_ht) == (None, None, None)
    assert hecho.titulo_fr
    version = hecho.history.first()
    assert version.texto == nuevo
    assert version.history_change_reason == "Aviso nuevo de la COMAR"

    html = sopa(client.get("/fr/proteccion/"))
    parrafo = _seccion(html, "gratuito").find("p")
    assert _normal(texto(parrafo)) == _normal(nuevo)
    assert parrafo["lang"] == "es-MX"
    assert len(_aviso_sin_traducir(html)) == 1
    assert "repitió en un aviso nuevo" in texto(sopa(client.get("/proteccion/")).find("main"))


def test_el_personal_corrige_una_traduccion_en_el_admin(personal, client):
    hecho = HechoProteccion.objects.get(clave="gratuito")
    datos = _formulario(personal, hecho)
    datos["texto_ht"] = "Pwosedi a devan COMAR gratis nèt."
    datos["motivo_cambio"] = "Redacción más sencilla en criollo"
    respuesta = personal.post(f"/admin/ventanillas/hechoproteccion/{hecho.pk}/change/", datos)
    assert respuesta.status_code == HTTPStatus.FOUND
    hecho.refresh_from_db()
    assert hecho.texto_ht == "Pwosedi a devan COMAR gratis nèt."
    assert hecho.texto_fr  # el español no cambió: las otras traducciones siguen
    html = sopa(client.get("/ht/proteccion/"))
    assert texto(_seccion(html, "gratuito").find("p")) == "Pwosedi a devan COMAR gratis nèt."


@pytest.mark.parametrize(
    ("modelo", "campo"),
    [("oficinacomar", "nota_es_mx"), ("institucion", "aviso_es_mx")],
)
def test_oficinas_e_instituciones_tienen_admin_con_motivo(personal, modelo, campo):
    objeto = {"oficinacomar": OficinaComar, "institucion": Institucion}[modelo].objects.exclude(
        **{campo: ""}
    )[0]
    url = f"/admin/ventanillas/{modelo}/{objeto.pk}/change/"
    datos = datos_formulario(sopa(personal.get(url)).find("form", id=f"{modelo}_form"))
    datos[campo] = "Nota revisada."
    assert personal.post(url, datos).status_code == HTTPStatus.OK  # sin motivo no se guarda
    datos["motivo_cambio"] = "Revisión de la nota"
    assert personal.post(url, datos).status_code == HTTPStatus.FOUND
    objeto.refresh_from_db()
    assert objeto.history.first().history_change_reason == "Revisión de la nota"
    historial = personal.get(f"{url.removesuffix('change/')}history/")
    assert "Revisión de la nota" in texto(sopa(historial))
