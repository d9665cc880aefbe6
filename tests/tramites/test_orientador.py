"""El orientador: cada camino del árbol lleva a trámites que existen, con su razón."""

from http import HTTPStatus

import pytest

from tests.html import sopa, texto
from tramites import orientador
from tramites.models import Modalidad, Tramite

pytestmark = pytest.mark.django_db

CAMINOS = list(orientador.caminos())


def test_el_arbol_tiene_caminos_para_todos_los_tramites():
    recomendados = {r.tramite for _respuestas, hoja in CAMINOS for r in hoja.resultado}
    assert recomendados == set(Tramite.objects.values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("respuestas", "hoja"),
    CAMINOS,
    ids=["&".join(f"{k}={v}" for k, v in r.items()) for r, _ in CAMINOS],
)
def test_cada_camino_termina_en_su_recomendacion(client, respuestas, hoja):
    respuesta = client.get("/tramites/orientador/", respuestas)
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    principal = texto(html.find("main"))
    assert "Resultado" in principal
    if hoja.resultado:
        enlaces = [a["href"] for a in html.select(".ms-lista-tramites a")]
        assert enlaces == [f"/tramites/{r.tramite}/" for r in hoja.resultado]
        for recomendacion in hoja.resultado:
            assert str(recomendacion.razon) in principal
            if recomendacion.modalidad:
                modalidad = Modalidad.objects.get(
                    tramite__slug=recomendacion.tramite, slug=recomendacion.modalidad
                )
                assert f"Modalidad: {modalidad.nombre}" in principal
    else:
        assert str(hoja.mensaje) in principal
        assert "800 004 6264" in principal
    # Cada respuesta dada se muestra con un enlace para cambiarla.
    assert len(html.select(".ms-enlace-cambiar")) == len(respuestas)


def test_sin_respuestas_empieza_por_la_primera_pregunta(client):
    html = sopa(client.get("/tramites/orientador/"))
    assert texto(html.find("legend")) == "¿Dónde está la persona extranjera?"
    assert [i["value"] for i in html.select("main input[type=radio]")] == ["mexico", "fuera"]


def test_cada_paso_conserva_las_respuestas_anteriores(client):
    html = sopa(client.get("/tramites/orientador/", {"donde": "mexico"}))
    assert texto(html.find("legend")) == "¿Qué documento migratorio tiene hoy?"
    ocultos = {i["name"]: i["value"] for i in html.select("main form input[type=hidden]")}
    assert ocultos == {"donde": "mexico"}


def test_una_respuesta_alterada_pide_elegir_una_opcion(client):
    respuesta = client.get("/tramites/orientador/", {"donde": "mexico", "situacion": "<script>"})
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert "Elija una de las opciones de la lista." in texto(html.find(role="alert"))
    assert texto(html.find("legend")) == "¿Qué documento migratorio tiene hoy?"
    assert "<script>" not in respuesta.content.decode()


def test_respuestas_de_otra_rama_se_ignoran(client):
    html = sopa(
        client.get("/tramites/orientador/", {"donde": "fuera", "situacion": "residente-temporal"})
    )
    assert texto(html.find("legend")) == "¿Para qué viene a México?"


def test_cambiar_una_respuesta_vuelve_a_esa_pregunta(client):
    html = sopa(client.get("/tramites/orientador/", {"donde": "mexico", "situacion": "visitante"}))
    enlaces = [a["href"] for a in html.select(".ms-enlace-cambiar")]
    assert enlaces == ["/tramites/orientador/?", "/tramites/orientador/?donde=mexico"]
