"""Búsqueda en cuatro idiomas: el conjunto de consultas reales, frases e instituciones, nunca un
callejón sin salida, y el índice al día tras editar. Corre en SQLite y, con DATABASE_URL, en
PostgreSQL (cada base usa su propio índice: FTS5 o tsvector + pg_trgm)."""

import re
from http import HTTPStatus
from pathlib import Path

import pytest
import yaml
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation

from tests.html import datos_formulario, sopa, texto
from tests.tramites import frases
from tramites import busqueda, carga, indice_busqueda
from tramites.busqueda import buscar
from tramites.forms import BusquedaForm
from tramites.models import EntradaIndice, FraseBusqueda, Tramite

pytestmark = pytest.mark.django_db

CONSULTAS = yaml.safe_load(
    (Path(__file__).parent / "consultas_busqueda.yaml").read_text(encoding="utf-8")
)["consultas"]
CODIGOS = {"es": "es-mx", "en": "en", "fr": "fr", "ht": "ht"}


def _destinos(consulta: str, idioma: str = "es") -> list[str]:
    with translation.override(CODIGOS[idioma]):
        return buscar(consulta).destinos()


def test_el_conjunto_de_consultas_encuentra_el_destino_entre_los_tres_primeros():
    assert len(CONSULTAS) >= 80
    assert {c["idioma"] for c in CONSULTAS} == {"es", "en", "fr", "ht"}
    fallas = [
        (c["idioma"], c["q"], c["espera"], _destinos(c["q"], c["idioma"])[:3])
        for c in CONSULTAS
        if c["espera"] not in _destinos(c["q"], c["idioma"])[:3]
    ]
    aciertos = 1 - len(fallas) / len(CONSULTAS)
    assert aciertos >= 0.95, fallas


def test_cada_destino_esperado_existe():
    slugs = set(Tramite.objects.values_list("slug", flat=True))
    claves = set(busqueda.INSTITUCIONES)
    assert {c["espera"] for c in CONSULTAS} <= slugs | claves


@pytest.mark.parametrize(
    ("consulta", "primero"),
    [
        ("renovar tarjeta de residente temporal", "expedicion-documento-renovacion-reposicion"),
        ("me cambié de casa", "notificacion-cambio-domicilio"),
        ("salir del país y regresar", "permiso-salida-y-regreso"),
        ("puedo trabajar", "permiso-para-trabajar"),
        ("refugio", "comar"),
    ],
)
def test_las_consultas_del_issue_dan_primero_lo_que_se_busca(consulta, primero):
    assert _destinos(consulta)[0] == primero


def test_una_coincidencia_parcial_tambien_aparece():
    # «helicóptero» no está en ningún lado: el trámite sale igual, por las otras palabras.
    assert _destinos("renovar tarjeta helicóptero")[0] == (
        "expedicion-documento-renovacion-reposicion"
    )


def test_corrige_errores_de_ortografia_contra_el_vocabulario():
    resultado = buscar("regularizasion")
    assert resultado.correcciones
    assert resultado.destinos()[0] == "regularizacion-razones-humanitarias-vinculo-familiar"


def test_el_texto_en_el_idioma_de_la_pagina_va_primero(django_capture_on_commit_callbacks):
    primero, segundo = Tramite.objects.order_by("pk")[:2]
    with django_capture_on_commit_callbacks(execute=True):
        FraseBusqueda.objects.create(texto="zorblax", idioma="es", tramite=primero)
        FraseBusqueda.objects.create(texto="zorblax", idioma="fr", tramite=segundo)
    assert _destinos("zorblax", "es")[:2] == [primero.slug, segundo.slug]
    assert _destinos("zorblax", "fr")[:2] == [segundo.slug, primero.slug]


# --- Frases de búsqueda como contenido -------------------------------------------------------


def test_hay_frases_para_cada_tramite_en_los_cuatro_idiomas():
    for tramite in Tramite.objects.all():
        idiomas = set(tramite.frases_busqueda.values_list("idioma", flat=True))
        assert idiomas == {"es", "en", "fr", "ht"}, tramite.slug


def test_repetir_la_carga_no_cambia_las_frases():
    antes = FraseBusqueda.history.count()
    informe = carga.cargar(carga.leer_fixture(), motivo="Otra vez")
    assert not informe.hubo_cambios
    assert FraseBusqueda.history.count() == antes


def test_una_frase_que_deja_el_fixture_se_borra_con_su_motivo(monkeypatch):
    frases = carga.leer_frases()
    quitada = frases[0]["es"].pop(0)
    monkeypatch.setattr(carga, "leer_frases", lambda: frases)
    informe = carga.cargar(carga.leer_fixture(), motivo="Frase retirada")
    assert informe.borrados["frases de búsqueda"] == 1
    assert not FraseBusqueda.objects.filter(texto=quitada).exists()
    assert FraseBusqueda.history.filter(
        texto=quitada, history_type="-"
    ).get().history_change_reason == ("Frase retirada")


def test_una_frase_agregada_en_el_admin_se_busca_y_queda_en_el_historial(personal):
    tramite = Tramite.objects.get(slug="notificacion-cambio-domicilio")
    assert "notificacion-cambio-domicilio" not in _destinos("cuartito rentado")
    respuesta = frases.agregar_por_el_admin(
        personal, tramite, "me fui a un cuartito rentado", "Así lo preguntan en las ventanillas"
    )
    assert respuesta.status_code == HTTPStatus.FOUND, texto(sopa(respuesta))
    assert _destinos("cuartito rentado")[0] == "notificacion-cambio-domicilio"
    frase = FraseBusqueda.objects.get(texto="me fui a un cuartito rentado")
    assert frase.history.get().history_change_reason == "Así lo preguntan en las ventanillas"


def test_el_admin_pide_motivo_para_una_frase(personal):
    html = sopa(personal.get("/admin/tramites/frasebusqueda/add/"))
    datos = datos_formulario(html.find("form", id="frasebusqueda_form"))
    datos.update(texto="otra frase", idioma="es", institucion="comar", motivo_cambio="")
    respuesta = personal.post("/admin/tramites/frasebusqueda/add/", datos)
    assert respuesta.status_code == HTTPStatus.OK
    assert not FraseBusqueda.objects.filter(texto="otra frase").exists()


def test_editar_un_tramite_en_el_admin_actualiza_el_indice(
    personal, django_capture_on_commit_callbacks
):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    html = sopa(personal.get(f"/admin/tramites/tramite/{tramite.pk}/change/"))
    datos = datos_formulario(html.find("form", id="tramite_form"))
    datos["resumen_es_mx"] = "Permiso para trabajar, también llamado zanfoña."
    datos["motivo_cambio"] = "Nombre coloquial"
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = personal.post(f"/admin/tramites/tramite/{tramite.pk}/change/", datos)
    assert respuesta.status_code == HTTPStatus.FOUND
    assert _destinos("zanfoña")[0] == "permiso-para-trabajar"


def test_un_requisito_borrado_sale_del_indice(django_capture_on_commit_callbacks):
    tramite = Tramite.objects.get(slug="permiso-salida-y-regreso")
    with django_capture_on_commit_callbacks(execute=True):
        tramite.requisitos.all().delete()
    assert not EntradaIndice.objects.filter(tramite=tramite, parte="requisito").exists()


def _indice():
    return sorted(
        EntradaIndice.objects.values_list("institucion", "idioma", "parte", "terminos").annotate(
            slug=Coalesce("tramite__slug", Value(""))
        )
    )


def test_reconstruir_deja_el_mismo_indice():
    antes = _indice()
    assert antes
    indice_busqueda.reconstruir()
    assert _indice() == antes


# --- Instituciones y nunca un callejón sin salida ---------------------------------------------


@pytest.mark.parametrize("idioma", ["es-mx", "en", "fr", "ht"])
def test_refugio_lleva_a_la_proteccion_arriba_de_los_tramites(client, idioma):
    with translation.override(idioma):
        consulta = str(busqueda.SUGERENCIAS[-1])  # «refugio» en el idioma de la página
        url = reverse("tramites:buscar")
        destino = reverse("proteccion:inicio")
    html = sopa(client.get(url, {"q": consulta}))
    seccion = html.find("section", attrs={"aria-labelledby": "instituciones-arriba"})
    assert seccion.find("a")["href"] == destino
    # Antes que la lista de trámites, y dice que no es un trámite del INM.
    assert html.find(class_="ms-lista-tramites") is seccion.find(class_="ms-lista-tramites")
    with translation.override(idioma):
        assert str(translation.gettext("Lo atiende otra institución, no el INM")) in texto(seccion)


@pytest.mark.parametrize("idioma", ["es-mx", "en", "fr", "ht"])
def test_sin_resultados_ayuda_en_el_idioma_de_la_pagina(client, idioma):
    with translation.override(idioma):
        url = reverse("tramites:buscar")
        esperadas = [str(s) for s in busqueda.SUGERENCIAS]
        enlaces = {
            reverse("tramites:orientador"),
            reverse("tramites:lista"),
            reverse("participa:reportar"),
        }
    respuesta = client.get(url, {"q": "zzzqqq"})
    html = sopa(respuesta)
    seccion = html.find("section", class_="ms-sin-resultados")
    sugeridas = [a.get_text() for a in seccion.find_all("a", href=re.compile(r"\?q="))]
    assert sugeridas == esperadas
    if idioma != "es-mx":
        assert not {"renovación", "permiso para trabajar", "refugio"} & set(sugeridas)
    hrefs = {a["href"] for a in seccion.find_all("a")}
    assert enlaces <= hrefs
    assert any(h.startswith("tel:") for h in hrefs)
    # Cada sugerencia encuentra algo en ese idioma.
    for sugerida in esperadas:
        with translation.override(idioma):
            assert buscar(sugerida).total, sugerida


@pytest.mark.parametrize("idioma", ["es-mx", "en", "fr", "ht"])
def test_los_ejemplos_del_buscador_encuentran_algo(idioma):
    with translation.override(idioma):
        ayuda = str(BusquedaForm().fields["q"].help_text)
        ejemplos = [e.strip(" .") for e in ayuda.split(":", 1)[1].split(",")]
        assert len(ejemplos) == 3
        for ejemplo in ejemplos:
            assert buscar(ejemplo).tramites, ejemplo
