"""API JSON de trámites (tramites/api.py): mismo contenido que las fichas, con caché HTTP."""

from http import HTTPStatus

import pytest
from django.utils.http import http_date

from tramites.models import Tramite

pytestmark = pytest.mark.django_db


def test_la_lista_trae_los_14_con_su_enlace(client):
    respuesta = client.get("/api/v1/tramites/")
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"] == "application/json"
    datos = respuesta.json()["tramites"]
    assert len(datos) == 14
    assert datos[0]["url"].startswith("http://testserver/api/v1/tramites/")
    assert datos[0]["pagina"].startswith("http://testserver/tramites/")
    assert "public" in respuesta["Cache-Control"]
    assert "max-age=300" in respuesta["Cache-Control"]
    assert respuesta["Last-Modified"]


def test_la_categoria_es_el_mismo_objeto_en_la_lista_y_en_el_detalle(client):
    lista = client.get("/api/v1/tramites/").json()["tramites"]
    resumen = next(t for t in lista if t["slug"] == "permiso-para-trabajar")
    assert resumen["categoria"] == {"slug": "permisos", "nombre": "Permisos"}
    detalle = client.get(resumen["url"]).json()
    # Cada campo de la lista está en el detalle con el mismo valor.
    assert {clave: detalle[clave] for clave in resumen} == resumen


def test_el_detalle_trae_requisitos_cuotas_y_fuentes(client, dia_de_la_referencia):
    datos = client.get("/api/v1/tramites/permiso-para-trabajar/").json()
    assert datos["nombre"] == "Permiso para trabajar"
    lfd = "https://www.diputados.gob.mx/LeyesBiblio/pdf/LFD.pdf"
    assert datos["cuotas"][0] == {
        "concepto": "Permiso para trabajar (pago único)",
        # La cuota de la ley, y lo que se paga ajustado al peso (art. 6 LFD).
        "monto": "4340.77",
        "monto_a_pagar": "4341",
        # La postura viaja junto al monto: la fija la LFD, con su artículo.
        "respaldo": {"postura": "oficial", "fundamento": "LFD art. 13 fr. III", "fuente": lfd},
        "moneda": "MXN",
        "anio_vigencia": 2026,
        "estado": "vigente",
        "fundamento": "LFD art. 13 fr. III",
        "articulo_lfd": "13",
        "fraccion_lfd": "III",
        "modalidad": None,
        "grupo_alternativas": None,
        "notas": datos["cuotas"][0]["notas"],
        "fuente": lfd,
    }
    assert len(datos["requisitos"]) == 7
    assert datos["requisitos"][1]["respaldo"]["fundamento"] == "Lineamientos, art. 63, req. 1"
    assert datos["plazo_respaldo"]["fundamento"] == "Lineamientos, art. 63"
    assert datos["vigencia_respaldo"]["postura"] == "oficial"
    assert {"postura", "fundamento", "fuente"} == set(datos["requisitos"][0]["respaldo"])
    assert {"url", "fecha_consulta", "oficial", "tipo"} == set(datos["fuentes"][0])
    # Las oficiales primero.
    tipos = [f["tipo"] for f in datos["fuentes"]]
    assert tipos == sorted(tipos, key=["oficial", "secundaria", "muestra"].index)
    assert datos["pagina"] == "http://testserver/tramites/permiso-para-trabajar/"


def test_un_plazo_en_dias_naturales_no_se_da_como_dias_habiles(client):
    slug = "regularizacion-razones-humanitarias-vinculo-familiar"
    datos = client.get(f"/api/v1/tramites/{slug}/").json()
    assert datos["plazo_resolucion_dias_naturales"] == 30
    assert datos["plazo_resolucion_dias_habiles"] is None
    assert datos["plazo_respaldo"]["postura"] == "oficial"


def test_el_contenido_sale_en_espanol_aunque_se_pida_otro_idioma(client):
    # La categoría tiene traducción al inglés en el sitio; la API da la de las fuentes.
    lista = client.get("/api/v1/tramites/?idioma=en", HTTP_ACCEPT_LANGUAGE="en").json()
    visas = next(t for t in lista["tramites"] if t["slug"] == "visa-oferta-de-empleo")
    assert visas["categoria"]["nombre"] == "Visas que se piden en México"
    pagina = client.get("/en/tramites/")
    assert "Visas requested in Mexico" in pagina.content.decode()


def test_sin_cambios_responde_304(client):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    respuesta = client.get(
        "/api/v1/tramites/permiso-para-trabajar/",
        HTTP_IF_MODIFIED_SINCE=http_date(tramite.actualizado.timestamp() + 1),
    )
    assert respuesta.status_code == HTTPStatus.NOT_MODIFIED
    assert "max-age=300" in respuesta["Cache-Control"]


def test_un_tramite_inexistente_da_404_en_json(client):
    respuesta = client.get("/api/v1/tramites/no-existe/")
    assert respuesta.status_code == HTTPStatus.NOT_FOUND
    assert respuesta.json() == {
        "error": {
            "codigo": "no_encontrado",
            "mensaje": "No hay un trámite publicado con el identificador «no-existe».",
            "estado": 404,
            "detalles": [],
        }
    }


def test_un_tramite_sin_publicar_no_sale_en_la_api(client):
    Tramite.objects.filter(slug="permiso-para-trabajar").update(publicado=False)
    assert client.get("/api/v1/tramites/permiso-para-trabajar/").status_code == 404
    slugs = [t["slug"] for t in client.get("/api/v1/tramites/").json()["tramites"]]
    assert "permiso-para-trabajar" not in slugs


def test_la_lista_y_el_detalle_hacen_pocas_consultas(client, django_assert_num_queries):
    # La lista: fechas para Last-Modified (trámites y temas) y los trámites con su categoría.
    with django_assert_num_queries(3):
        client.get("/api/v1/tramites/")
    # El detalle: su fecha, la ficha y una consulta por cada lista que trae.
    with django_assert_num_queries(9):
        client.get("/api/v1/tramites/permiso-para-trabajar/")
