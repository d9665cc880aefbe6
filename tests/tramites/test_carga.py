"""La carga del fixture: idempotente, atómica y con historial."""

import copy
import json

import pytest
from django.core.management import call_command

from tramites import carga
from tramites.models import Cuota, Requisito, Tramite

pytestmark = pytest.mark.django_db


def test_repetir_la_carga_no_cambia_nada_ni_agrega_historial():
    versiones = Requisito.history.count() + Cuota.history.count() + Tramite.history.count()
    informe = carga.cargar(carga.leer_fixture(), motivo="otra vez")
    assert not informe.hubo_cambios
    assert Requisito.history.count() + Cuota.history.count() + Tramite.history.count() == versiones


def test_un_cambio_se_guarda_con_su_motivo_y_se_reporta(capsys):
    datos = copy.deepcopy(carga.leer_fixture())
    tramite = next(t for t in datos["tramites"] if t["slug"] == "permiso-para-trabajar")
    tramite["cuotas"][0]["monto"] = "4500.00"
    tramite["requisitos"].pop()
    antes = Tramite.objects.get(slug="permiso-para-trabajar").actualizado
    informe = carga.cargar(datos, motivo="Cuotas 2027 publicadas")
    assert informe.actualizados["cuotas"] == 1
    assert informe.borrados["requisitos"] == 1
    cuota = Cuota.objects.get(tramite__slug="permiso-para-trabajar", orden=0)
    assert str(cuota.monto) == "4500.00"
    assert cuota.history.first().history_change_reason == "Cuotas 2027 publicadas"
    # La ficha cambió: su fecha de actualización también (y con ella la caché).
    assert Tramite.objects.get(slug="permiso-para-trabajar").actualizado > antes


def test_un_fixture_con_error_no_cambia_nada():
    datos = copy.deepcopy(carga.leer_fixture())
    datos["tramites"][0]["nombre"] = "Nombre cambiado"
    datos["tramites"][1]["categoria"] = "no-existe"
    with pytest.raises(KeyError):
        carga.cargar(datos, motivo="roto")
    assert Tramite.objects.get(slug=datos["tramites"][0]["slug"]).nombre != "Nombre cambiado"


def test_la_orden_dice_que_nada_cambio(capsys):
    call_command("cargar_tramites")
    assert "nada cambió" in capsys.readouterr().out


def test_la_simulacion_no_guarda(tmp_path, capsys):
    datos = copy.deepcopy(carga.leer_fixture())
    datos["tramites"][0]["resumen"] = "Resumen simulado"
    archivo = tmp_path / "t.json"
    archivo.write_text(json.dumps(datos, ensure_ascii=False), encoding="utf-8")
    call_command("cargar_tramites", str(archivo), "--simular")
    salida = capsys.readouterr().out
    assert "Simulación" in salida
    assert "resumen" in salida
    assert not Tramite.objects.filter(resumen="Resumen simulado").exists()
