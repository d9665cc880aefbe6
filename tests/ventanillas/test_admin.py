"""El personal edita el directorio en el admin; cada página del admin de ventanillas abre."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import User

from tests.html import datos_formulario, sopa
from ventanillas.models import Lugar

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", password="clave-de-prueba-larga-123"))
    return client


@pytest.mark.parametrize(
    "modelo",
    [
        "lugar",
        "estado",
        "municipio",
        "servicio",
        "cifrareportada",
        "datored",
        "actividad",
        "directoriocanalizacion",
        "personalventanilla",
        "atencion",
    ],
)
def test_listas_y_altas_del_admin_abren(admin_client, modelo):
    assert admin_client.get(f"/admin/ventanillas/{modelo}/").status_code == HTTPStatus.OK
    assert admin_client.get(f"/admin/ventanillas/{modelo}/add/").status_code == HTTPStatus.OK


def test_la_ficha_de_un_lugar_se_edita_con_horarios_y_servicios(admin_client):
    lugar = Lugar.objects.get(slug="inm-merida")
    respuesta = admin_client.get(f"/admin/ventanillas/lugar/{lugar.pk}/change/")
    assert respuesta.status_code == HTTPStatus.OK
    contenido = respuesta.content.decode()
    assert "Horarios de apertura" in contenido
    assert "Servicios del lugar" in contenido
    assert "Datos del lugar" in contenido
    assert "Nota para el equipo" in contenido


def test_el_admin_pide_la_fuente_de_cada_dato_que_se_publica(admin_client):
    lugar = Lugar.objects.get(slug="inm-merida")
    url = f"/admin/ventanillas/lugar/{lugar.pk}/change/"
    datos = datos_formulario(sopa(admin_client.get(url)).find("form", id="lugar_form"))
    datos.update({"telefono": "999 123 4567", "telefono_fuente": ""})
    respuesta = admin_client.post(url, datos)
    assert respuesta.status_code == HTTPStatus.OK
    assert "Elija la fuente que da este dato." in respuesta.content.decode()
    lugar.refresh_from_db()
    assert lugar.telefono == ""


def test_el_admin_rechaza_coordenadas_fuera_de_rango(admin_client):
    lugar = Lugar.objects.get(slug="inm-merida")
    respuesta = admin_client.get(f"/admin/ventanillas/lugar/{lugar.pk}/change/")
    datos = datos_formulario(sopa(respuesta).find("form", id="lugar_form"))
    datos.update({"latitud": "120", "longitud": "-89.6"})
    respuesta = admin_client.post(f"/admin/ventanillas/lugar/{lugar.pk}/change/", datos)
    assert respuesta.status_code == HTTPStatus.OK
    assert "menor o igual a 90" in respuesta.content.decode()
    lugar.refresh_from_db()
    assert lugar.latitud is None
