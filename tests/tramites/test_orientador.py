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
        enlaces = [a["href"] for a in html.select(".ms-lista-tramites__titulo a")]
        assert enlaces == [f"/tramites/{r.tramite}/" for r in hoja.resultado]
        for recomendacion in hoja.resultado:
            assert str(recomendacion.razon) in principal
            if recomendacion.modalidad:
                modalidad = Modalidad.objects.get(
                    tramite__slug=recomendacion.tramite, slug=recomendacion.modalidad
                )
                assert f"Modalidad: {modalidad.nombre}" in principal
    elif hoja.proteccion:
        assert str(hoja.mensaje) in principal
        assert "/proteccion/" in [a["href"] for a in html.select("main a")]
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
    html = sopa(client.get("/tramites/orientador/", {"donde": "mexico", "temor": "no"}))
    assert texto(html.find("legend")) == "¿Qué documento migratorio tiene hoy?"
    ocultos = {i["name"]: i["value"] for i in html.select("main form input[type=hidden]")}
    assert ocultos == {"donde": "mexico", "temor": "no"}


def test_una_respuesta_alterada_pide_elegir_una_opcion(client):
    respuesta = client.get(
        "/tramites/orientador/", {"donde": "mexico", "temor": "no", "situacion": "<script>"}
    )
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


def test_en_mexico_lo_primero_es_preguntar_si_teme_volver(client):
    html = sopa(client.get("/tramites/orientador/", {"donde": "mexico"}))
    assert "miedo de volver a su país" in texto(html.find("legend"))
    assert [i["value"] for i in html.select("main input[type=radio]")] == ["si", "no"]


@pytest.mark.parametrize(
    ("prefijo", "comar"),
    [("", "COMAR"), ("/en", "COMAR"), ("/fr", "COMAR"), ("/ht", "COMAR")],
)
def test_quien_teme_volver_llega_a_la_proteccion_en_cada_idioma(client, prefijo, comar):
    html = sopa(client.get(f"{prefijo}/tramites/orientador/", {"donde": "mexico", "temor": "si"}))
    principal = html.find("main")
    assert comar in texto(principal)
    assert f"{prefijo}/proteccion/" in [a["href"] for a in principal.select("a.ms-boton")]
    # Nunca se le manda a llamar al INM, la autoridad de control migratorio.
    assert "800 004 6264" not in texto(principal)
    destino = client.get(f"{prefijo}/proteccion/")
    assert destino.status_code == HTTPStatus.OK


def test_sin_documento_y_con_miedo_tambien_lleva_a_la_proteccion(client):
    respuestas = {
        "donde": "mexico",
        "temor": "no",
        "situacion": "sin-documento",
        "motivo": "miedo",
    }
    html = sopa(client.get("/tramites/orientador/", respuestas))
    assert "/proteccion/" in [a["href"] for a in html.select("main a.ms-boton")]


def test_los_enlaces_de_antes_de_la_pregunta_del_miedo_siguen_funcionando(client):
    html = sopa(
        client.get(
            "/tramites/orientador/",
            {"donde": "mexico", "situacion": "residente-temporal", "objetivo": "salir"},
        )
    )
    assert [a["href"] for a in html.select(".ms-lista-tramites__titulo a")] == [
        "/tramites/permiso-salida-y-regreso/"
    ]


def test_el_resultado_da_costo_plazo_documentos_solicitud_y_donde_presentarlo(client):
    respuestas = {
        "donde": "mexico",
        "temor": "no",
        "situacion": "residente-temporal",
        "objetivo": "trabajar",
        "modo": "empleador",
    }
    html = sopa(client.get("/tramites/orientador/", respuestas))
    elemento = html.select_one(".ms-lista-tramites__elemento")
    contenido = texto(elemento)
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    assert "Cuánto cuesta" in contenido
    assert elemento.select_one(".ms-postura"), "el costo lleva su postura"
    assert "Cuándo pedirlo" in contenido
    enlaces = [a["href"] for a in elemento.select("a")]
    assert "/tramites/permiso-para-trabajar/lista/?modalidad=con-empleador" in enlaces
    if tramite.usa_formato_solicitud:
        assert "/tramites/permiso-para-trabajar/solicitud/" in enlaces
    formulario = html.find("form", action="/ventanillas/cercanas/")
    opciones = [o["value"] for o in formulario.select("select[name=estado] option") if o["value"]]
    assert len(opciones) == 32 and "chiapas" in opciones
    assert client.get("/ventanillas/cercanas/", {"estado": "chiapas"}).status_code == 200


def test_un_monto_desconocido_se_dice_no_localizado_y_no_cero(client):
    from tramites.models import Cuota

    Cuota.objects.filter(tramite__slug="permiso-salida-y-regreso").update(anio_vigencia=None)
    html = sopa(
        client.get(
            "/tramites/orientador/",
            {"donde": "mexico", "temor": "no", "situacion": "en-tramite", "objetivo": "salir"},
        )
    )
    contenido = texto(html.select_one(".ms-lista-tramites__elemento"))
    assert "$0" not in contenido
    assert "No localizado: pregunte en la oficina" in contenido
