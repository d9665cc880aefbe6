"""La postura de cada monto viaja a todas partes: ficha, calculadora, hoja de pago (PDF) y API.

Un monto que no viene de una fuente oficial nunca se presenta como «el total a pagar» sin decir
que hay que confirmarlo, y ningún monto a pagar lleva centavos (art. 6 LFD).
"""

import re
from datetime import date

import pytest

from fuentes.models import Fuente
from tests.html import sopa, texto
from tests.pdf import texto_pdf
from tramites import cuotas
from tramites.models import Cuota, Tramite

pytestmark = pytest.mark.django_db

CONFIRMAR = "confírmelo"


def _escenarios_no_oficiales():
    for tramite in Tramite.objects.con_detalle():
        for escenario in cuotas.escenarios(tramite):
            calculo = cuotas.calcular(escenario, 1)
            if not calculo.respaldo.oficial:
                yield escenario, calculo


def test_cada_monto_no_oficial_pide_confirmarlo_en_ficha_calculadora_y_pdf(
    client, dia_de_la_referencia
):
    # Todas las cuotas publicadas son de la LFD o les falta un dato; para comprobar qué se
    # hace con un monto de prensa, uno lo tiene.
    prensa = Fuente.objects.create(
        url="https://www.unotv.com/nacional/pago", fecha_consulta=date(2026, 11, 23)
    )
    Cuota.objects.filter(tramite__slug="permiso-para-trabajar").update(fuente=prensa)
    Tramite.objects.get(slug="permiso-para-trabajar").save()
    revisados, claves = 0, set()
    for escenario, calculo in _escenarios_no_oficiales():
        slug = escenario.tramite.slug
        ficha = texto(sopa(client.get(f"/tramites/{slug}/")).select_one("#cuotas").parent)
        assert CONFIRMAR in ficha or "No localizado" in ficha, slug
        assert "$0" not in ficha
        resultado = texto(
            sopa(
                client.get("/tramites/cuotas/", {"escenario": escenario.clave, "personas": "1"})
            ).select_one(".ms-resultado")
        )
        assert calculo.respaldo.etiqueta in resultado, (slug, escenario.clave)
        pdf = texto_pdf(
            client.get(f"/tramites/{slug}/pago/", {"escenario": escenario.clave}).content
        )
        assert calculo.respaldo.etiqueta in pdf, (slug, escenario.clave)
        assert "Total a pagar" not in pdf, "un total no oficial no se presenta como definitivo"
        claves.add(escenario.clave)
        revisados += 1
    assert "permiso-para-trabajar:con-empleador" in claves
    assert revisados >= 2


def test_ningun_monto_a_pagar_lleva_centavos(client, dia_de_la_referencia):
    for tramite in Tramite.objects.publicados():
        html = sopa(client.get(tramite.get_absolute_url()))
        for importe in html.select(".ms-monto__importe"):
            assert not re.search(r"\.\d\d$", texto(importe)), (tramite.slug, texto(importe))
