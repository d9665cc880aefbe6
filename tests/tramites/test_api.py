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
