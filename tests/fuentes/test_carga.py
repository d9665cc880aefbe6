"""Las cargas de contenido guardan sus fuentes en el modelo único y rechazan las que no valen."""

import copy
import json
from datetime import date
from http import HTTPStatus

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from config.sincronizacion import Sincronizacion
from datos_abiertos import catalogos
from fuentes import carga, clasificacion
from fuentes.carga import FuenteDeclarada
from fuentes.models import Fuente
from tramites import carga as carga_tramites
from tramites.models import Tramite
from ventanillas import carga as carga_ventanillas

pytestmark = pytest.mark.django_db

IMITADORA = "https://www.inm-gob.mx/mpublic/publico/inmtramites"


def test_ningun_fixture_cita_una_imitacion_o_un_proxy():
    urls = set(carga_ventanillas.urls_fuentes(carga_ventanillas.leer_fixture()))
    tramites = carga_tramites.leer_fixture()
    urls |= {u for t in tramites["tramites"] for u in t["fuentes"]}
    urls |= {u for t in tramites["temas"] for u in t["fuentes"]}
    urls |= {f["url"] for f in catalogos.leer_fixture()["fuentes"]}
    rechazadas = {u: m for u in urls if (m := clasificacion.motivo_de_rechazo(u))}
    assert rechazadas == {}
    assert len(urls) > 100


def test_tramites_ventanillas_y_datos_comparten_las_fuentes():
    # Una misma página citada por dos apps es una sola fila.
    compartida = Fuente.objects.filter(tramites__isnull=False, lugares__isnull=False).first()
    assert compartida is not None
    assert Fuente.objects.filter(url=compartida.url).count() == 1


def test_una_imitacion_se_rechaza_sin_guardar_nada():
    antes = Fuente.objects.count()
    with pytest.raises(clasificacion.FuenteRechazada, match="inm-gob.mx.*imita"):
        carga.guardar(
            Sincronizacion(),
            [
                FuenteDeclarada("https://www.gob.mx/inm/nueva", date(2026, 12, 1)),
                FuenteDeclarada(IMITADORA, date(2026, 12, 1)),
            ],
        )
    assert Fuente.objects.count() == antes


def test_se_conserva_la_consulta_mas_reciente_y_el_titulo():
    url = "https://www.gob.mx/inm/prensa/algo"
    sinc = Sincronizacion()
    carga.guardar(sinc, [FuenteDeclarada(url, date(2026, 11, 30), titulo="Boletín")])
    carga.guardar(sinc, [FuenteDeclarada(url, date(2026, 1, 5))])
    fuente = Fuente.objects.get(url=url)
    assert fuente.fecha_consulta == date(2026, 11, 30)
    assert fuente.titulo == "Boletín"


def test_cargar_tramites_con_una_fuente_imitadora_dice_cual_y_no_cambia_nada(tmp_path):
    datos = copy.deepcopy(carga_tramites.leer_fixture())
    datos["tramites"][0]["fuentes"].append(IMITADORA)
    datos["tramites"][0]["nombre"] = "Nombre que no debe guardarse"
    archivo = tmp_path / "tramites.json"
    archivo.write_text(json.dumps(datos, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="inm-gob.mx"):
        call_command("cargar_tramites", str(archivo))
    assert not Tramite.objects.filter(nombre="Nombre que no debe guardarse").exists()


def test_el_admin_rechaza_una_fuente_imitadora_junto_al_campo(client):
    client.force_login(User.objects.create_superuser("admin", password="clave-de-prueba-larga-123"))
    respuesta = client.post(
        "/admin/fuentes/fuente/add/", {"url": IMITADORA, "fecha_consulta": "2026-12-01"}
    )
    assert respuesta.status_code == HTTPStatus.OK
    assert "imita al dominio oficial inm.gob.mx" in respuesta.content.decode()
    assert not Fuente.objects.filter(url=IMITADORA).exists()


def test_el_admin_muestra_el_tipo_y_la_regla(client):
    client.force_login(User.objects.create_superuser("admin", password="clave-de-prueba-larga-123"))
    fuente = Fuente.objects.filter(url__contains="gob.mx").first()
    contenido = client.get(f"/admin/fuentes/fuente/{fuente.pk}/change/").content.decode()
    assert "fuente oficial" in contenido
    assert "dominio oficial (gob.mx)" in contenido
