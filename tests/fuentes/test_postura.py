"""La postura de un hecho sale de sus fuentes con una sola regla; un total vale su parte menos segura."""

from datetime import date

from django.template.loader import render_to_string

from fuentes import postura
from fuentes.models import Fuente
from fuentes.postura import Postura

OFICIAL = Fuente(
    url="https://www.diputados.gob.mx/LeyesBiblio/pdf/LFD.pdf", fecha_consulta=date(2026, 12, 3)
)
PRENSA = Fuente(url="https://www.unotv.com/nacional/pago", fecha_consulta=date(2026, 11, 23))
MUESTRA = Fuente(url="/datos/", fecha_consulta=date(2026, 11, 23))


def test_la_mejor_fuente_decide():
    assert postura.de_fuentes([PRENSA, OFICIAL]) == Postura.OFICIAL
    assert postura.de_fuentes([PRENSA]) == Postura.SECUNDARIA
    assert postura.de_fuentes([MUESTRA]) == Postura.MUESTRA
    assert postura.de_fuentes([]) == Postura.NO_LOCALIZADO
    # Con fuente pero sin el dato (un monto que nadie publica): no localizado.
    assert postura.de_fuentes([OFICIAL], conocido=False) == Postura.NO_LOCALIZADO


def test_un_total_vale_lo_que_su_parte_menos_segura():
    assert postura.minima([Postura.OFICIAL, Postura.OFICIAL]) == Postura.OFICIAL
    assert postura.minima([Postura.OFICIAL, Postura.SECUNDARIA]) == Postura.SECUNDARIA
    assert postura.minima([Postura.SECUNDARIA, Postura.NO_LOCALIZADO]) == Postura.NO_LOCALIZADO


def test_las_oficiales_primero():
    assert postura.ordenar([PRENSA, MUESTRA, OFICIAL]) == [OFICIAL, PRENSA, MUESTRA]


def test_el_respaldo_lleva_su_fundamento_solo_si_hay_dato():
    assert postura.respaldo(fuente=OFICIAL, fundamento="LFD art. 8o. fr. VII").a_dict() == {
        "postura": "oficial",
        "fundamento": "LFD art. 8o. fr. VII",
        "fuente": OFICIAL.url,
    }
    assert postura.respaldo(fuente=OFICIAL, conocido=False, fundamento="x").a_dict() == {
        "postura": "no_localizado",
        "fundamento": None,
        "fuente": None,
    }


def test_el_componente_dice_la_postura_con_palabras_y_explica():
    html = render_to_string(
        "components/postura.html",
        {"respaldo": postura.respaldo(fuente=PRENSA), "explicar": True},
    )
    assert "ms-postura--secundaria" in html
    assert "Fuente no oficial: confírmelo" in html
    assert "confírmelo en la oficina del INM antes de pagar" in html
