"""Las páginas de trámites muestran lo que dice la referencia, completo y con sus fuentes."""

import json
from datetime import date
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config import cache_paginas
from config.templatetags.sitio import pesos
from tests.html import sopa, texto
from tramites import carga
from tramites.cuotas import redondear_lfd
from tramites.models import Requisito, Tramite
from ventanillas.models import Lugar

pytestmark = pytest.mark.django_db


def _normal(valor) -> str:
    return " ".join(str(valor).split())


def test_la_lista_agrupa_los_14_tramites_por_categoria_con_cuota_y_plazo(
    client, dia_de_la_referencia
):
    html = sopa(client.get("/tramites/"))
    tramites = html.select(".ms-lista-tramites__elemento")
    assert len(tramites) == 14
    assert len(html.select("main h2")) == 7

    def elemento(nombre):
        return texto(next(t for t in tramites if nombre in texto(t)))

    # La LFD fija el monto: la lista lo dice junto al monto, ya ajustado al peso.
    assert "$4,341 (2026) Fuente oficial" in elemento("Permiso para trabajar")
    assert "20 días hábiles" in elemento("Permiso para trabajar")
    assert "Plazo 3 días hábiles" in elemento("Permiso de salida y regreso")
    # Cada plazo en su tipo de días: la regularización, en días naturales (LM art. 136).
    assert "Plazo 30 días naturales" in elemento("Regularización de situación migratoria")
    assert "Plazo En el momento" in elemento("Tarjeta de visitante trabajador fronterizo")


def _plazo_en_la_pagina(datos) -> str:
    if datos["plazo_resolucion_dias_naturales"]:
        return f"{datos['plazo_resolucion_dias_naturales']} días naturales"
    if datos["plazo_resolucion_dias_habiles"] == 0:
        return "El INM resuelve en el momento"
    if datos["plazo_resolucion_dias_habiles"]:
        return f"{datos['plazo_resolucion_dias_habiles']} días hábiles"
    return "no publican un plazo de resolución"


def test_cada_ficha_muestra_todo_su_contenido(client, referencia, dia_de_la_referencia):
    """Lo que trae el fixture (la referencia con lo que dicen los textos oficiales encima)."""
    pendientes = {t["slug"]: t.get("pendiente") for t in referencia["tramites"]}
    for datos in carga.leer_fixture()["tramites"]:
        respuesta = client.get(f"/tramites/{datos['slug']}/")
        assert respuesta.status_code == HTTPStatus.OK, datos["slug"]
        html = sopa(respuesta)
        pagina = _normal(texto(html.find("main")))
        assert texto(html.find("h1")) == _normal(datos["nombre"])
        for requisito in datos["requisitos"]:
            assert requisito["texto"] in pagina, (datos["slug"], requisito["texto"])
            if requisito["fundamento"]:
                assert requisito["fundamento"] in pagina, (datos["slug"], requisito["texto"])
        for cuota in datos["cuotas"]:
            assert cuota["concepto"] in pagina
            if cuota["monto"] and Decimal(cuota["monto"]):
                assert pesos(redondear_lfd(Decimal(cuota["monto"]))) in pagina
            if cuota["anio_vigencia"]:
                assert str(cuota["anio_vigencia"]) in pagina
        for fundamento in datos["fundamentos"]:
            assert fundamento["texto"] in pagina
        assert _plazo_en_la_pagina(datos) in pagina
        for campo in ("cuando_solicitar", "vigencia_resultado"):
            assert datos[campo] and datos[campo] in pagina, (datos["slug"], campo)
        # Las notas del equipo no se publican; la ficha dice lo que falta, en claro.
        assert datos["nota_editorial"] not in pagina
        if pendientes[datos["slug"]]:
            assert _normal(pendientes[datos["slug"]]) not in pagina
        enlaces = {a["href"] for a in html.select("#fuentes ~ ul a")}
        assert set(datos["fuentes"]) <= enlaces, datos["slug"]
        assert "consultada el 3 de diciembre de 2026" in pagina


def test_la_ficha_avisa_que_nadie_puede_pedir_mas_de_lo_publicado(client):
    html = sopa(client.get("/tramites/permiso-para-trabajar/"))
    aviso = html.select_one(".ms-aviso--importante")
    assert "Nadie puede pedirle más de lo publicado" in texto(aviso)


def test_la_cuota_muestra_lo_que_se_paga_su_articulo_anio_y_postura(client, dia_de_la_referencia):
    html = sopa(client.get("/tramites/expedicion-documento-renovacion-reposicion/"))
    cuota = next(
        li for li in html.select(".ms-cuotas__cuota") if "residente temporal 2 años" in texto(li)
    )
    assert texto(cuota.select_one(".ms-monto__importe")) == "$16,693"
    assert texto(cuota.select_one(".ms-cuotas__meta")) == (
        "Ley Federal de Derechos, art. 8o., fr. VI, inciso b) · cuota de 2026"
    )
    assert cuota.select_one(".ms-postura")


def test_lo_desconocido_se_dice_y_no_se_deja_vacio(client):
    url = "/tramites/regularizacion-razones-humanitarias-vinculo-familiar/"
    pagina = texto(sopa(client.get(url)).find("main"))
    assert "No localizado" in pagina  # la multa, que fija el INM en cada caso
    assert "No localizada en el Catálogo Nacional" in pagina  # la homoclave
    assert "800 004 6264" in pagina
    # Lo que solo dicen usuarios se publica con su postura, no como requisito oficial.
    salida = texto(sopa(client.get("/tramites/permiso-salida-y-regreso/")).find("main"))
    assert "Fuente no oficial: confírmelo" in salida
    assert "No encontramos en una fuente oficial: 1 requisito." in salida


def test_los_requisitos_se_agrupan_por_modalidad(client):
    html = sopa(client.get("/tramites/regularizacion-razones-humanitarias-vinculo-familiar/"))
    titulos = [texto(h) for h in html.select("#requisitos ~ h3, section h3")]
    assert "Para todas las modalidades" in titulos
    assert "Además, para: Regularización por vínculo familiar" in titulos
    assert "Además, para: Regularización por razones humanitarias" in titulos
    # Una modalidad sin requisitos propios lo dice; no se le inventan.
    visa = texto(sopa(client.get("/tramites/visa-oferta-de-empleo/")).find("main"))
    assert "No se localizaron los requisitos propios de esta modalidad" in visa


def test_un_tramite_que_no_existe_da_404(client):
    assert client.get("/tramites/no-existe/").status_code == HTTPStatus.NOT_FOUND


def test_un_tramite_no_publicado_da_404(client):
    Tramite.objects.filter(slug="permiso-para-trabajar").update(publicado=False)
    assert client.get("/tramites/permiso-para-trabajar/").status_code == HTTPStatus.NOT_FOUND


def test_la_ficha_lleva_json_ld_government_service(client, dia_de_la_referencia):
    html = sopa(client.get("/tramites/permiso-para-trabajar/"))
    datos = json.loads(html.find("script", type="application/ld+json").string)
    assert datos["@type"] == "GovernmentService"
    assert datos["name"] == "Permiso para trabajar"
    assert datos["provider"]["name"] == "Instituto Nacional de Migración"
    assert {
        "@type": "Offer",
        "name": "Permiso para trabajar (pago único)",
        "price": "4341",
        "priceCurrency": "MXN",
        "description": "Fuente oficial · LFD art. 13 fr. III",
    } in datos["offers"]


def test_la_ficha_cuesta_pocas_consultas_y_ninguna_con_cache(client):
    url = "/tramites/expedicion-documento-renovacion-reposicion/"
    with CaptureQueriesContext(connection) as fria:
        client.get(url)
    with CaptureQueriesContext(connection) as caliente:
        client.get(url)
    assert len(fria) <= 12
    assert len(caliente) == 0
    # Un cambio en otra parte del sitio (una ventanilla) cambia la versión de las páginas, pero
    # la ficha no muestra nada de eso: sigue en su fragmento, sin consultas.
    # (`invalidar()` a secas, como tras una carga masiva, no dice qué cambió: sí lo tira.)
    version = cache_paginas.version()
    lugar = Lugar.objects.first()
    lugar.save()
    assert cache_paginas.version() != version
    with CaptureQueriesContext(connection) as fragmento:
        client.get(url)
    assert len(fragmento) == 0


def test_renombrar_la_categoria_se_ve_en_la_ficha_enseguida(client):
    url = "/tramites/permiso-para-trabajar/"
    client.get(url)
    categoria = Tramite.objects.get(slug="permiso-para-trabajar").categoria
    categoria.nombre = "Categoría con nombre nuevo"
    categoria.save()
    html = sopa(client.get(url))
    assert texto(html.select_one(".ms-antetitulo")) == "Categoría con nombre nuevo"


def test_corregir_la_consulta_de_una_fuente_se_ve_en_la_ficha_enseguida(client):
    url = "/tramites/permiso-para-trabajar/"
    client.get(url)
    fuente = Tramite.objects.get(slug="permiso-para-trabajar").fuentes.first()
    fuente.fecha_consulta = date(2020, 3, 4)
    fuente.save()
    assert sopa(client.get(url)).select('#fuentes ~ ul time[datetime="2020-03-04"]')


def test_la_lista_cuesta_un_numero_fijo_de_consultas(client, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get("/tramites/")
    with django_assert_num_queries(0):
        client.get("/tramites/")


def test_un_cambio_en_el_admin_se_ve_enseguida_aunque_haya_cache(client):
    client.get("/tramites/permiso-para-trabajar/")
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    requisito = Requisito.objects.filter(tramite=tramite).first()
    requisito.texto = "Requisito corregido por el personal."
    requisito.save()
    tramite.save()  # el admin guarda la ficha junto con sus requisitos
    assert (
        "Requisito corregido por el personal."
        in client.get("/tramites/permiso-para-trabajar/").content.decode()
    )


def test_la_ficha_muestra_su_ultima_actualizacion(client):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    html = sopa(client.get("/tramites/permiso-para-trabajar/"))
    # La fecha es la del huso del sitio (Ciudad de México), no la de UTC: de las 0 a las 6 h UTC
    # son días distintos.
    esperada = timezone.localdate(tramite.actualizado).isoformat()
    assert html.select_one("footer time")["datetime"] == esperada


def test_el_historial_muestra_cambios_con_fecha_y_motivo(client):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    cuota = tramite.cuotas.first()
    cuota.monto = Decimal("4500")
    cuota._change_reason = "Cuotas 2027 publicadas en el DOF"
    cuota.save()
    html = sopa(client.get("/tramites/permiso-para-trabajar/historial/"))
    primera = html.select_one(".ms-historial")
    assert "Cuotas 2027 publicadas en el DOF" in texto(primera)
    assert "4340.77 → 4500" in texto(primera)
    assert "Carga de prueba" in texto(html.find("main"))


def test_el_historial_de_un_tramite_inexistente_da_404(client):
    assert client.get("/tramites/no-existe/historial/").status_code == HTTPStatus.NOT_FOUND


def test_la_ficha_en_ingles_usa_la_misma_direccion_con_prefijo(client):
    respuesta = client.get("/en/tramites/permiso-para-trabajar/")
    assert respuesta.status_code == HTTPStatus.OK
    assert sopa(respuesta).html["lang"] == "en"
