"""API de ventanillas y oficinas (ventanillas/api.py): los filtros de la lista del sitio, páginas
que recorren todo sin repetir, y el mismo lugar con la misma forma en la lista y en el detalle."""

from http import HTTPStatus

import pytest

from ventanillas.models import Lugar

pytestmark = pytest.mark.django_db


def _slugs(client, consulta: str = "") -> list[str]:
    datos = client.get(f"/api/v1/lugares/?por_pagina=1000&{consulta}").json()
    return [lugar["slug"] for lugar in datos["lugares"]]


def test_sin_filtros_trae_todos_los_lugares_publicados(client):
    assert sorted(_slugs(client)) == sorted(
        Lugar.objects.publicados().values_list("slug", flat=True)
    )


def test_un_lugar_sin_publicar_no_sale(client):
    lugar = Lugar.objects.publicados().first()
    Lugar.objects.filter(pk=lugar.pk).update(publicado=False)
    assert lugar.slug not in _slugs(client)
    assert client.get(f"/api/v1/lugares/{lugar.slug}/").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("consulta", "filtro"),
    [
        ("estado=chiapas", {"estado__slug": "chiapas"}),
        ("tipo=ventanilla", {"tipo": "ventanilla"}),
        ("tipo=oficina&estado=chiapas", {"tipo": "oficina", "estado__slug": "chiapas"}),
        (
            "servicio=orientacion-tramites",
            {"servicios_lugar__servicio__slug": "orientacion-tramites"},
        ),
    ],
)
def test_los_filtros_dan_los_mismos_lugares_que_la_base(client, consulta, filtro):
    esperados = set(Lugar.objects.publicados().filter(**filtro).values_list("slug", flat=True))
    assert esperados, "el filtro de la prueba debe dejar algún lugar"
    obtenidos = _slugs(client, consulta)
    assert len(obtenidos) == len(set(obtenidos))
    assert set(obtenidos) == esperados


def test_las_paginas_recorren_la_lista_sin_repetir_ni_saltar(client):
    vistos, url = [], "/api/v1/lugares/?por_pagina=7"
    while url:
        datos = client.get(url).json()
        vistos += [lugar["slug"] for lugar in datos["lugares"]]
        url = datos["paginacion"]["siguiente"]
    assert vistos == _slugs(client)
    assert datos["paginacion"]["total"] == len(vistos)


def test_un_filtro_con_un_valor_que_no_existe_es_un_400_que_dice_cual(client):
    respuesta = client.get("/api/v1/lugares/?estado=atlantida&tipo=oficina")
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    error = respuesta.json()["error"]
    assert error["codigo"] == "parametros_invalidos"
    assert [d["parametro"] for d in error["detalles"]] == ["estado"]


def test_el_lugar_tiene_la_misma_forma_en_la_lista_y_en_el_detalle(client):
    lista = client.get("/api/v1/lugares/?estado=chiapas").json()["lugares"]
    for resumen in lista:
        assert client.get(resumen["url"]).json() == resumen


def test_el_detalle_trae_lo_que_muestra_la_ficha(client):
    lugar = Lugar.objects.publicados().con_detalle().filter(fuentes__isnull=False).first()
    datos = client.get(f"/api/v1/lugares/{lugar.slug}/").json()
    assert datos["nombre"] == lugar.nombre
    assert datos["estado"] == {
        "slug": lugar.estado.slug,
        "nombre": lugar.estado.nombre,
        "clave": lugar.estado.clave,
    }
    assert datos["pagina"] == f"http://testserver/ventanillas/{lugar.slug}/"
    assert {f["url"] for f in datos["fuentes"]} == {f.url for f in lugar.fuentes.all()}
    # La postura del lugar es la de su mejor fuente.
    assert datos["respaldo"]["postura"] == datos["fuentes"][0]["tipo"]
    assert datos["respaldo"]["fuente"] == datos["fuentes"][0]["url"]
    # Ninguna fuente da coordenadas: la posición lo dice.
    assert datos["posicion"]["aproximada"] is True
    assert datos["posicion"]["precision"] in {"centro-del-municipio", "centro-del-estado"}


def test_un_lugar_inexistente_es_un_404_en_json(client):
    respuesta = client.get("/api/v1/lugares/no-existe/")
    assert respuesta.status_code == HTTPStatus.NOT_FOUND
    assert respuesta.json()["error"]["mensaje"] == (
        "No hay una ventanilla u oficina publicada con el identificador «no-existe»."
    )


def test_la_lista_y_el_detalle_hacen_un_numero_fijo_de_consultas(client, django_assert_num_queries):
    # Validar el estado, contar por opción de cada filtro (3), contar y leer la página (2) y sus
    # servicios, otros datos, horarios y fuentes (4), sin importar cuántos lugares traiga.
    with django_assert_num_queries(10):
        client.get("/api/v1/lugares/?estado=chiapas")
    with django_assert_num_queries(9):
        client.get("/api/v1/lugares/?por_pagina=1000")
    with django_assert_num_queries(5):
        client.get("/api/v1/lugares/inm-tapachula/")


def test_cada_dato_del_lugar_lleva_su_respaldo_como_en_la_pagina(client):
    datos = client.get("/api/v1/lugares/inm-oficinas-centrales/").json()
    assert set(datos["respaldos"]) == {"direccion", "telefono", "horario", "servicios"}
    # La dirección y el teléfono de las oficinas centrales vienen de gob.mx.
    assert datos["respaldos"]["direccion"]["postura"] == "oficial"
    assert all("respaldo" in dato for dato in datos["otros_datos"])
