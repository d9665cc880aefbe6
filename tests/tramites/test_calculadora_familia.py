"""Calculadora para una familia: varias personas, cada una con su trámite y duración, en un
total; cada monto conserva su postura y lo desconocido nunca se suma como cero."""

from datetime import date
from decimal import Decimal
from http import HTTPStatus

import pytest

from fuentes.models import Fuente
from tests.html import sopa, texto
from tramites import cuotas
from tramites.models import Cuota, Tramite

pytestmark = pytest.mark.django_db

OFICIAL = Fuente(
    url="https://www.diputados.gob.mx/LeyesBiblio/pdf/LFD.pdf", fecha_consulta=date(2026, 12, 3)
)
TRABAJO = "permiso-para-trabajar:con-empleador"


def _escenario(slug, modalidad=None):
    tramite = Tramite.objects.con_detalle().get(slug=slug)
    return next(
        e for e in cuotas.escenarios(tramite) if modalidad is None or e.modalidad.slug == modalidad
    )


def test_cada_persona_paga_ajustado_al_peso_y_el_total_es_la_suma():
    tramite = Tramite(slug="x")
    cuota = Cuota(pk=1, monto=Decimal("100.60"), anio_vigencia=2026, fuente=OFICIAL, orden=0)
    escenario = cuotas.Escenario("x", tramite, None, (cuota,))
    familia = cuotas.calcular_familia([escenario, escenario], 2026)
    # Cada pago se ajusta por separado: 101 + 101, no el ajuste de 201.20.
    assert familia.total == Decimal("202")
    assert familia.respaldo.oficial
    assert familia.completo


def test_tres_personas_con_tramites_distintos_en_un_total(client, dia_de_la_referencia):
    renovacion = _escenario("expedicion-documento-renovacion-reposicion", "renovacion")
    trabajo = _escenario("permiso-para-trabajar", "con-empleador")
    esperado = cuotas.calcular_familia([trabajo, renovacion, trabajo])
    respuesta = client.get(
        "/tramites/cuotas/",
        {"persona1": trabajo.clave, "persona2": renovacion.clave, "persona3": trabajo.clave},
    )
    html = sopa(respuesta)
    seccion = html.find(id="calculadora-familia").find_parent("section")
    filas = seccion.select(".ms-resultado tbody tr")
    assert len(filas) == 3
    total = texto(seccion.select_one(".ms-total"))
    assert f"${esperado.total:,.0f}" in total
    # Cada monto lleva su postura.
    assert all(fila.select_one(".ms-postura") for fila in filas)


def test_un_monto_no_oficial_se_dice_junto_al_total(client, dia_de_la_referencia):
    prensa = Fuente.objects.create(
        url="https://www.unotv.com/nacional/pago", fecha_consulta=date(2026, 11, 23)
    )
    Cuota.objects.filter(tramite__slug="permiso-para-trabajar").update(fuente=prensa)
    Tramite.objects.get(slug="permiso-para-trabajar").save()
    html = sopa(client.get("/tramites/cuotas/", {"persona1": TRABAJO, "persona2": TRABAJO}))
    total = texto(
        html.find(id="calculadora-familia").find_parent("section").select_one(".ms-total")
    )
    assert "fuentes no oficiales" in total


def test_un_monto_desconocido_no_se_suma_como_cero(client):
    escenario = _escenario(
        "regularizacion-razones-humanitarias-vinculo-familiar", "vinculo-familiar"
    )
    Cuota.objects.filter(pk__in=[c.pk for c in escenario.cuotas]).update(monto=None)
    Tramite.objects.get(slug=escenario.tramite.slug).save()
    html = sopa(client.get("/tramites/cuotas/", {"persona1": escenario.clave}))
    resultado = (
        html.find(id="calculadora-familia").find_parent("section").select_one(".ms-resultado")
    )
    assert "No localizado — pregunte en la oficina" in texto(resultado.select_one(".ms-total"))
    assert "$0" not in texto(resultado)
    assert "El total no está completo" in texto(resultado)


@pytest.mark.parametrize(
    ("prefijo", "mensaje"),
    [
        ("", "Elija un trámite y una modalidad de la lista."),
        ("/en", "Choose a procedure and an option from the list."),
    ],
)
def test_un_valor_alterado_da_mensaje_junto_al_campo_y_no_pierde_lo_elegido(
    client, prefijo, mensaje
):
    respuesta = client.get(
        f"{prefijo}/tramites/cuotas/", {"persona1": TRABAJO, "persona2": "x:y:999"}
    )
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert mensaje in texto(html.find(id="familia-persona2_error"))
    elegido = html.find("select", attrs={"name": "persona1"}).find("option", selected=True)
    assert elegido["value"] == TRABAJO
    assert (
        html.find(id="calculadora-familia").find_parent("section").select_one(".ms-resultado")
        is None
    )


def test_sin_ninguna_persona_pide_la_primera(client):
    html = sopa(client.get("/tramites/cuotas/", {"persona1": "", "filas": "3"}))
    assert "Elija el trámite de la primera persona." in texto(
        html.find(id="familia-persona1_error")
    )


def test_agregar_una_persona_sin_javascript_conserva_lo_elegido(client):
    html = sopa(
        client.get("/tramites/cuotas/", {"persona1": TRABAJO, "filas": "3", "agregar": "1"})
    )
    seccion = html.find(id="calculadora-familia").find_parent("section")
    selects = seccion.select("select")
    assert [s["name"] for s in selects] == ["persona1", "persona2", "persona3", "persona4"]
    assert selects[0].find("option", selected=True)["value"] == TRABAJO
    assert seccion.find("input", attrs={"name": "filas"})["value"] == "4"
    assert not seccion.select(".ms-campo__error")


def test_la_calculadora_de_una_persona_sigue_igual(client, dia_de_la_referencia):
    html = sopa(client.get("/tramites/cuotas/", {"escenario": TRABAJO, "personas": "3"}))
    assert "$13,023" in texto(html.select_one(".ms-resultado .ms-total"))


def test_un_error_en_la_calculadora_simple_no_marca_la_de_la_familia(client):
    # «personas» es de la calculadora simple; antes la familia lo tomaba como suyo y mostraba
    # un segundo resumen de errores que la persona no había provocado.
    html = sopa(client.get("/tramites/cuotas/", {"escenario": "x", "personas": "-1"}))
    assert len(html.select(".ms-resumen-errores")) == 1
    familia = html.find(id="calculadora-familia").find_parent("section")
    assert not familia.select(".ms-campo__error")
