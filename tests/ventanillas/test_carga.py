"""Del YAML de referencia al fixture, y del fixture a la base: completo, idempotente y honesto."""

from io import StringIO

import pytest
from django.core.management import call_command

from fuentes.models import Fuente
from ventanillas import carga
from ventanillas.models import DatoLugar, DatoRed, HorarioApertura, Lugar, Municipio, Origen


@pytest.mark.django_db
def test_la_carga_repetida_no_cambia_nada():
    informe = carga.cargar(carga.leer_fixture())
    assert not informe.hubo_cambios, informe.detalles


@pytest.mark.django_db
def test_la_carga_dice_que_cambio_y_restaura_lo_editado():
    lugar = Lugar.objects.get(slug="inm-merida")
    lugar.direccion = "Otra"
    lugar.save()
    HorarioApertura.objects.filter(lugar=lugar).delete()
    informe = carga.cargar(carga.leer_fixture())
    assert "~ lugar inm-merida: direccion" in informe.detalles
    assert informe.creados["horarios de apertura"] == 5
    assert Lugar.objects.get(slug="inm-merida").direccion.startswith("Avenida Colón")


@pytest.mark.django_db
def test_la_carga_no_toca_lo_que_vino_del_directorio_oficial():
    Lugar.objects.filter(slug="inm-merida").update(origen=Origen.DIRECTORIO, direccion="Calle 1")
    informe = carga.cargar(carga.leer_fixture())
    assert Lugar.objects.get(slug="inm-merida").direccion == "Calle 1"
    assert any(d.startswith("= inm-merida") for d in informe.detalles)


@pytest.mark.django_db
def test_un_lugar_que_sale_de_la_referencia_se_borra():
    datos = carga.leer_fixture()
    datos["lugares"] = [x for x in datos["lugares"] if x["slug"] != "inm-tlaxcala"]
    informe = carga.cargar(datos)
    assert not Lugar.objects.filter(slug="inm-tlaxcala").exists()
    assert "- lugar inm-tlaxcala (ya no está en la referencia)" in informe.detalles


@pytest.mark.django_db
def test_la_carga_trae_estados_municipios_y_fuentes_con_fecha():
    assert Municipio.objects.count() == 2465
    fuente = Fuente.objects.get(url="https://diarioyacr.com/?p=1921")
    assert fuente.fecha_consulta.isoformat() == "2026-11-23"
    assert not fuente.oficial
    assert Fuente.objects.get(url="https://migrantinfo.iom.int/en/materials-for-migrants").oficial


@pytest.mark.django_db
def test_orden_de_carga_informa_y_simula():
    salida = StringIO()
    call_command("cargar_ventanillas", stdout=salida)
    assert "nada cambió" in salida.getvalue()
    Lugar.objects.filter(slug="inm-merida").update(direccion="x")
    salida = StringIO()
    call_command("cargar_ventanillas", "--simular", stdout=salida)
    assert "Simulación: no se guardó nada." in salida.getvalue()
    assert Lugar.objects.get(slug="inm-merida").direccion == "x"


def test_orden_que_genera_el_fixture_lo_encuentra_al_dia(ref_ventanillas):
    salida = StringIO()
    call_command("generar_fixture_ventanillas", "--comprobar", stdout=salida, stderr=StringIO())
    assert "ya está al día" in salida.getvalue()


@pytest.mark.django_db
def test_la_carga_trae_la_fuente_de_cada_dato_y_los_datos_con_su_fecha():
    centrales = Lugar.objects.get(slug="inm-oficinas-centrales")
    assert centrales.direccion_fuente.oficial and not centrales.horario_fuente.oficial
    # Las fuentes de la segunda consulta llevan su día.
    aicm = Fuente.objects.get(url="https://www.aicm.com.mx/en/government-entities/inm")
    assert aicm.fecha_consulta.isoformat() == "2026-12-03"
    assert aicm.oficial
    assert DatoLugar.objects.filter(lugar__slug="inm-saltillo").count() == 1
    assert DatoRed.objects.filter(ambito="otro-lugar").count() == 2


@pytest.mark.django_db
def test_la_carga_restaura_un_dato_borrado_y_su_fuente():
    lugar = Lugar.objects.get(slug="inm-queretaro")
    lugar.datos.all().delete()
    Lugar.objects.filter(pk=lugar.pk).update(direccion_fuente=None)
    informe = carga.cargar(carga.leer_fixture())
    assert "~ lugar inm-queretaro: direccion_fuente" in informe.detalles
    assert informe.creados["datos del lugar"] == 1
    assert "Dalila Pérez Aguilar" in Lugar.objects.get(slug="inm-queretaro").datos.get().texto
