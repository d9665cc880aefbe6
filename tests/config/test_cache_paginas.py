"""La caché de páginas: sirve lo mismo, se invalida al cambiar el contenido, respeta cookies."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config import cache_paginas
from tramites.models import Tramite

pytestmark = pytest.mark.django_db
URL = "/tramites/permiso-para-trabajar/"


def _consultas(client, url, **extra):
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url, **extra)
    return respuesta, len(consultas)


def test_la_segunda_visita_sale_de_la_cache_identica(client):
    primera, _ = _consultas(client, URL)
    segunda, consultas = _consultas(client, URL)
    assert consultas == 0
    assert segunda.content == primera.content
    assert segunda["X-Frame-Options"] == "DENY"


def test_cada_idioma_tiene_su_propia_copia(client):
    client.get(URL)
    ingles, _ = _consultas(client, "/en" + URL)
    assert 'lang="en"' in ingles.content.decode()


def test_guardar_un_tramite_invalida_las_paginas(client):
    client.get(URL)
    Tramite.objects.filter(slug="permiso-para-trabajar").first().save()
    _, consultas = _consultas(client, URL)
    assert consultas > 0


def test_con_cookie_de_sesion_o_avisos_no_se_usa_la_cache(client):
    # El historial consulta la base cada vez que se calcula (la ficha, ya leída en el proceso
    # y con su cuerpo en la caché de trozos, puede calcularse sin consultas).
    url = URL + "historial/"
    client.get(url)
    client.cookies["messages"] = "algo"
    _, consultas = _consultas(client, url)
    assert consultas > 0


def test_las_paginas_no_marcadas_no_se_guardan(client):
    # La consulta de un folio es de una persona: no se marca como cacheable.
    client.get("/participa/folio/?folio=ABCD2345EFGH")
    _, consultas = _consultas(client, "/participa/folio/?folio=ABCD2345EFGH")
    assert consultas > 0


def test_un_404_no_se_guarda(client):
    assert client.get("/tramites/no-existe/").status_code == HTTPStatus.NOT_FOUND
    _, consultas = _consultas(client, "/tramites/no-existe/")
    assert consultas > 0


def test_la_version_cambia_al_invalidar():
    antes = cache_paginas.version()
    cache_paginas.invalidar()
    assert cache_paginas.version() != antes


def test_una_busqueda_repetida_sale_de_la_cache_aunque_sea_larga(client):
    url = "/tramites/buscar/?q=" + "+".join(["residente"] * 80)
    primera, _ = _consultas(client, url)
    segunda, consultas = _consultas(client, url)
    assert primera.status_code == HTTPStatus.OK
    assert consultas == 0
    assert segunda.content == primera.content


def test_un_host_que_no_esta_permitido_no_recibe_la_pagina_guardada(client):
    assert client.get(URL).status_code == HTTPStatus.OK  # queda guardada
    assert client.get(URL, HTTP_HOST="sitio-falso.example").status_code == HTTPStatus.BAD_REQUEST
