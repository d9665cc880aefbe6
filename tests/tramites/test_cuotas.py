"""Cuotas: vigencia por año, redondeo del art. 6 LFD, combinaciones y calculadora."""

from datetime import date
from decimal import Decimal
from http import HTTPStatus

import pytest

from fuentes.models import Fuente
from fuentes.postura import Postura
from tests.html import sopa, texto
from tramites import cuotas
from tramites.models import Cuota, EstadoCuota, Tramite

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("monto", "esperado"),
    [
        ("13578.96", "13579"),
        ("13578.51", "13579"),
        ("13578.50", "13578"),
        ("13578.01", "13578"),
        ("4341", "4341"),
        ("0", "0"),
    ],
)
def test_redondeo_del_articulo_6_lfd(monto, esperado):
    assert cuotas.redondear_lfd(Decimal(monto)) == Decimal(esperado)


def test_el_estado_de_una_cuota_depende_del_anio():
    cuota = Cuota(monto=Decimal("4341"), anio_vigencia=2026)
    assert cuota.estado(2026) == EstadoCuota.VIGENTE
    # En enero de 2027 el monto de 2026 deja de ser el vigente.
    assert cuota.estado(2027) == EstadoCuota.DESACTUALIZADA
    assert Cuota(monto=None).estado(2026) == EstadoCuota.DESCONOCIDA
    assert Cuota(monto=Decimal(0), anio_vigencia=None).estado(2026) == EstadoCuota.SIN_COSTO
    assert (
        Cuota(monto=Decimal("1702"), anio_vigencia=None).estado(2026) == EstadoCuota.DESACTUALIZADA
    )


def _tramite(slug):
    return Tramite.objects.con_detalle().get(slug=slug)


def test_las_alternativas_se_pagan_una_a_la_vez():
    lista = cuotas.escenarios(_tramite("expedicion-documento-renovacion-reposicion"))
    renovacion = [e for e in lista if e.modalidad.slug == "renovacion"]
    reposicion = [e for e in lista if e.modalidad.slug == "reposicion"]
    # Residente temporal 1 a 4 años, residente permanente, visitante con fines de adopción y
    # visitante por razones humanitarias (exento); la reposición, según el documento.
    assert len(renovacion) == 7
    assert len(reposicion) == 4
    assert all(len(e.cuotas) == 1 for e in lista)


def test_los_pagos_sucesivos_se_suman():
    lista = cuotas.escenarios(_tramite("regularizacion-razones-humanitarias-vinculo-familiar"))
    vinculo = next(e for e in lista if e.modalidad.slug == "vinculo-familiar")
    assert len(vinculo.cuotas) == 3
    humanitaria = next(e for e in lista if e.modalidad.slug == "razones-humanitarias")
    assert [c.monto for c in humanitaria.cuotas] == [Decimal(0)]


def test_calculo_de_dos_personas_con_redondeo_por_pago():
    escenario = next(
        e
        for e in cuotas.escenarios(_tramite("cambio-residente-temporal-a-permanente"))
        if e.modalidad.slug == "cuatro-anos"
    )
    calculo = cuotas.calcular(escenario, 2, anio=2026)
    # Estudio (LFD art. 9o.) y tarjeta (art. 8o. fr. VII): 1,847.13 + 13,578.96 sin ajustar.
    assert calculo.por_persona == Decimal("15426.09")
    assert calculo.por_persona_redondeado == Decimal("15426")
    assert calculo.total == Decimal("30852")
    assert calculo.completo
    assert calculo.respaldo.oficial


def test_un_total_sin_la_multa_dice_que_falta():
    escenario = next(
        e
        for e in cuotas.escenarios(_tramite("regularizacion-razones-humanitarias-vinculo-familiar"))
        if e.modalidad.slug == "vinculo-familiar"
    )
    calculo = cuotas.calcular(escenario, 1, anio=2026)
    # La multa la fija el INM en cada caso: el total lo dice y no la cuenta como cero.
    assert not calculo.completo
    assert [linea.cuota.concepto for linea in calculo.faltantes] == [
        "Regularización por vínculo familiar: 2o pago, multa"
    ]
    assert calculo.respaldo.postura == Postura.NO_LOCALIZADO


def test_un_monto_de_otro_anio_no_se_suma_como_vigente():
    de_2018 = Cuota(pk=1, monto=Decimal("339"), anio_vigencia=2018, fuente=PRENSA, orden=0)
    escenario = cuotas.Escenario("x", Tramite(slug="x"), None, (de_2018,))
    calculo = cuotas.calcular(escenario, 1, anio=2026)
    assert calculo.total == 0
    assert not calculo.completo


def test_personas_debe_ser_positivo():
    escenario = cuotas.escenarios(_tramite("permiso-para-trabajar"))[0]
    with pytest.raises(ValueError, match="al menos 1"):
        cuotas.calcular(escenario, 0)


def test_resumen_para_la_lista():
    assert (
        cuotas.resumir(list(_tramite("notificacion-cambio-domicilio").cuotas.all()), 2026).tipo
        == "sin_costo"
    )
    rango = cuotas.resumir(
        list(_tramite("expedicion-documento-renovacion-reposicion").cuotas.all()), 2026
    )
    # De la reposición de la tarjeta de trabajador fronterizo (580.76) a la residencia temporal
    # por cuatro años (25,057.82), ya ajustados al peso.
    assert (rango.tipo, rango.minimo, rango.maximo) == ("rango", Decimal("581"), Decimal("25058"))
    assert cuotas.resumir([], 2026).tipo == "desconocida"


def _monto_de_prensa(slug):
    """Da a las cuotas del trámite una nota de prensa como única fuente (y renueva su caché)."""
    prensa = Fuente.objects.create(url=PRENSA.url, fecha_consulta=PRENSA.fecha_consulta)
    Cuota.objects.filter(tramite__slug=slug).update(fuente=prensa)
    Tramite.objects.get(slug=slug).save()


OFICIAL = Fuente(
    url="https://www.diputados.gob.mx/LeyesBiblio/pdf/LFD.pdf", fecha_consulta=date(2026, 12, 3)
)
PRENSA = Fuente(url="https://www.unotv.com/nacional/pago", fecha_consulta=date(2026, 11, 23))


def test_se_paga_ajustado_al_peso_y_la_cifra_de_ley_queda_al_lado():
    cuota = Cuota(monto=Decimal("13578.96"), anio_vigencia=2026, fuente=OFICIAL)
    monto = cuotas.monto(cuota, 2026)
    assert monto.a_pagar == Decimal("13579")
    assert monto.cifra_de_ley == Decimal("13578.96")
    assert monto.respaldo.postura == Postura.OFICIAL
    # Sin centavos no hay cifra aparte; de otro año no se paga.
    assert cuotas.monto(Cuota(monto=Decimal("4341"), anio_vigencia=2026), 2026).cifra_de_ley is None
    assert cuotas.monto(cuota, 2027).a_pagar is None


def test_un_monto_sin_dato_es_no_localizado_y_no_cero():
    monto = cuotas.monto(Cuota(monto=None, fuente=OFICIAL), 2026)
    assert monto.respaldo.postura == Postura.NO_LOCALIZADO
    assert monto.a_pagar is None


def test_un_total_con_un_monto_no_oficial_lo_dice():
    oficial = Cuota(pk=1, monto=Decimal("1847.13"), anio_vigencia=2026, fuente=OFICIAL, orden=0)
    prensa = Cuota(pk=2, monto=Decimal("13578.96"), anio_vigencia=2026, fuente=PRENSA, orden=1)
    tramite = Tramite(slug="x")
    todo_oficial = cuotas.calcular(cuotas.Escenario("x", tramite, None, (oficial,)), 1, anio=2026)
    assert todo_oficial.respaldo.postura == Postura.OFICIAL
    mezcla = cuotas.calcular(cuotas.Escenario("x", tramite, None, (oficial, prensa)), 1, anio=2026)
    # Art. 6: se suman las cuotas sin ajuste y solo el total se ajusta.
    assert mezcla.por_persona_redondeado == Decimal("15426")
    assert mezcla.respaldo.postura == Postura.SECUNDARIA
    sin_dato = Cuota(pk=3, monto=None, fuente=None, orden=2)
    incompleto = cuotas.calcular(
        cuotas.Escenario("x", tramite, None, (oficial, sin_dato)), 1, anio=2026
    )
    assert incompleto.respaldo.postura == Postura.NO_LOCALIZADO


def test_sin_costo_solo_se_afirma_con_fuente_oficial():
    gratis_prensa = cuotas.resumir([Cuota(monto=Decimal(0), fuente=PRENSA)], 2026)
    assert gratis_prensa.tipo == "sin_costo"
    assert gratis_prensa.respaldo.postura == Postura.SECUNDARIA
    gratis_ley = cuotas.resumir([Cuota(monto=Decimal(0), fuente=OFICIAL)], 2026)
    assert gratis_ley.respaldo.oficial


def test_la_calculadora_dice_junto_al_total_que_falta_confirmarlo(client, dia_de_la_referencia):
    _monto_de_prensa("permiso-para-trabajar")
    html = sopa(
        client.get(
            "/tramites/cuotas/",
            {"escenario": "permiso-para-trabajar:con-empleador", "personas": "1"},
        )
    )
    respaldo = texto(html.select_one(".ms-total__respaldo"))
    # El único monto viene de una nota de prensa (el ejemplo del aviso: $4,341).
    assert "Fuente no oficial: confírmelo" in respaldo
    assert "confírmelo en la oficina del INM antes de pagar" in respaldo


def test_la_calculadora_dice_cuando_el_total_lo_fija_la_ley(client, dia_de_la_referencia):
    html = sopa(
        client.get(
            "/tramites/cuotas/",
            {"escenario": "permiso-para-trabajar:con-empleador", "personas": "1"},
        )
    )
    assert "Fuente oficial" in texto(html.select_one(".ms-total__respaldo"))


def test_la_calculadora_muestra_cada_linea_y_el_total(client, dia_de_la_referencia):
    html = sopa(
        client.get(
            "/tramites/cuotas/",
            {"escenario": "permiso-para-trabajar:con-empleador", "personas": "3"},
        )
    )
    resultado = html.select_one(".ms-resultado")
    assert "Permiso para trabajar (pago único)" in texto(resultado)
    assert "$13,023" in texto(resultado.select_one(".ms-total"))
    assert "El total no está completo" not in texto(resultado)


def test_la_calculadora_avisa_cuando_falta_un_monto(client):
    escenario = next(
        e
        for e in cuotas.escenarios(_tramite("regularizacion-razones-humanitarias-vinculo-familiar"))
        if e.modalidad.slug == "vinculo-familiar"
    )
    html = sopa(client.get("/tramites/cuotas/", {"escenario": escenario.clave, "personas": "1"}))
    assert "El total no está completo" in texto(html.select_one(".ms-resultado"))


@pytest.mark.parametrize("personas", ["-2", "0", "51", "dos", "1e9", ""])
def test_numero_de_personas_invalido_da_mensaje_y_conserva_lo_escrito(client, personas):
    respuesta = client.get(
        "/tramites/cuotas/",
        {"escenario": "permiso-para-trabajar:con-empleador", "personas": personas},
    )
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    error = texto(html.find(id="id_personas_error"))
    assert "personas" in error
    assert html.find("input", attrs={"name": "personas"}).get("value", "") == personas
    seleccion = html.find("select", attrs={"name": "escenario"}).find("option", selected=True)
    assert seleccion["value"] == "permiso-para-trabajar:con-empleador"
    assert html.select_one(".ms-resultado") is None


def test_escenario_alterado_da_mensaje(client):
    html = sopa(client.get("/tramites/cuotas/", {"escenario": "x:y:999", "personas": "1"}))
    assert "Elija un trámite y una modalidad de la lista." in texto(
        html.find(id="id_escenario_error")
    )


def test_la_tabla_del_anio_lista_todos_los_tramites_con_su_articulo(client):
    html = sopa(client.get("/tramites/cuotas/"))
    tabla = texto(html.select_one("#tabla-cuotas ~ div table, section table:last-of-type"))
    assert "Art. 8o., fr. VII" in tabla
    assert len(html.select("tr.ms-tabla__grupo")) == 14


def test_sin_costo_sin_fuente_no_se_afirma():
    monto = cuotas.monto(Cuota(monto=Decimal(0), fuente=None), 2026)
    assert monto.estado == EstadoCuota.DESCONOCIDA
    assert monto.a_pagar is None


def test_un_cambio_de_cuota_se_ve_enseguida_en_la_tabla_la_calculadora_y_la_lista(client):
    # La tabla, las opciones de la calculadora y la lista se guardan ya hechas por versión del
    # contenido: guardar una cuota o una modalidad debe verse en la siguiente petición.
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    for url in ("/tramites/cuotas/", "/tramites/"):
        client.get(url)
    cuota = tramite.cuotas.first()
    cuota.concepto = "Concepto corregido por el personal"
    cuota.save()
    modalidad = Cuota.objects.filter(modalidad__isnull=False).first().modalidad
    modalidad.nombre = "Modalidad corregida"
    modalidad.save()
    html = sopa(client.get("/tramites/cuotas/"))
    assert "Concepto corregido por el personal" in texto(html.select_one("#tabla-cuotas ~ div"))
    assert "Modalidad corregida" in texto(html.select_one("#id_escenario"))
    tramite.nombre = "Permiso para trabajar (nombre corregido)"
    tramite.save()
    assert "Permiso para trabajar (nombre corregido)" in texto(sopa(client.get("/tramites/")))
