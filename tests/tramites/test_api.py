"""API JSON de trámites: mismo contenido que las fichas, con caché HTTP."""

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
    assert "public" in respuesta["Cache-Control"]
    assert "max-age=300" in respuesta["Cache-Control"]
    assert respuesta["Last-Modified"]


def test_el_detalle_trae_requisitos_cuotas_y_fuentes(client, dia_de_la_referencia):
    datos = client.get("/api/v1/tramites/permiso-para-trabajar/").json()
    assert datos["nombre"] == "Permiso para trabajar"
    assert datos["cuotas"][0] == {
        "concepto": "Permiso para trabajar (pago único)",
        "monto": "4341.00",
        "monto_a_pagar": "4341",
        # Su única fuente es una nota de prensa: la API lo dice junto al monto.
        "respaldo": {
            "postura": "secundaria",
            "fundamento": None,
            "fuente": "https://www.unotv.com/nacional/pago-derechos-migrantes-mexico-25-mil-pesos/",
        },
        "moneda": "MXN",
        "anio_vigencia": 2026,
        "estado": "vigente",
        "fundamento": None,
        "articulo_lfd": None,
        "fraccion_lfd": None,
        "modalidad": None,
        "grupo_alternativas": None,
        "notas": datos["cuotas"][0]["notas"],
        "fuente": "https://www.unotv.com/nacional/pago-derechos-migrantes-mexico-25-mil-pesos/",
    }
    assert len(datos["requisitos"]) == 6
    assert {"url", "fecha_consulta", "oficial", "tipo"} == set(datos["fuentes"][0])
    # Las oficiales primero.
    tipos = [f["tipo"] for f in datos["fuentes"]]
    assert tipos == sorted(tipos, key=["oficial", "secundaria", "muestra"].index)
    assert datos["pagina"] == "http://testserver/tramites/permiso-para-trabajar/"


def test_sin_cambios_responde_304(client):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    respuesta = client.get(
        "/api/v1/tramites/permiso-para-trabajar/",
        HTTP_IF_MODIFIED_SINCE=http_date(tramite.actualizado.timestamp() + 1),
    )
    assert respuesta.status_code == HTTPStatus.NOT_MODIFIED


def test_un_tramite_inexistente_da_404_en_json(client):
    respuesta = client.get("/api/v1/tramites/no-existe/")
    assert respuesta.status_code == HTTPStatus.NOT_FOUND
    assert respuesta.json()["slug"] == "no-existe"
