"""El catálogo se carga del fixture sin repetir nada, y cada cifra del fixture está en la referencia."""

import re

import pytest
from django.core.management import call_command

from datos_abiertos import catalogo, catalogos
from datos_abiertos.models import CifraPublicada, ConjuntoDatos
from fuentes.models import Fuente
from tramites.models import Tramite

pytestmark = pytest.mark.django_db


def test_repetir_la_carga_del_catalogo_no_cambia_nada():
    assert not catalogo.cargar().hubo_cambios


def test_la_orden_dice_que_todo_esta_al_dia(capsys):
    call_command("cargar_datos_abiertos", "--hasta", "2026-09")
    salida = capsys.readouterr().out
    assert "Catálogo al día" in salida
    assert "personas-presentadas: muestra al día hasta 2026-09" in salida


def test_estan_los_siete_conjuntos_con_licencia_y_fuente():
    slugs = set(ConjuntoDatos.objects.values_list("slug", flat=True))
    assert slugs == {
        "tramites-migratorios",
        "documentos-migratorios",
        "regularizaciones",
        "personas-presentadas",
        "personas-devueltas",
        "solicitudes-refugio",
        "atenciones-ventanillas",
    }
    for conjunto in ConjuntoDatos.objects.all():
        assert conjunto.licencia == "Términos de Libre Uso MX"
        assert conjunto.licencia_url == "https://datos.gob.mx/libreusomx"
        assert conjunto.publicador


def test_los_tramites_del_conjunto_son_los_de_la_app_tramites():
    tramites = ConjuntoDatos.objects.get(slug="tramites-migratorios")
    slugs = set(Tramite.objects.values_list("slug", flat=True))
    assert len(slugs) == 14
    assert {v[0] for v in tramites.categoria["valores"]} == slugs
    regularizaciones = ConjuntoDatos.objects.get(slug="regularizaciones")
    assert {v[0] for v in regularizaciones.categoria["valores"]} <= slugs


def test_cada_cifra_del_fixture_aparece_en_la_referencia_con_su_fuente(referencia_datos):
    fuentes = {f["url"] for f in catalogos.leer_fixture()["fuentes"]}
    for cifra in catalogos.leer_fixture()["cifras"]:
        assert f"{cifra['valor']:,}" in referencia_datos, cifra
        assert cifra["fuente"] in fuentes
        dominio = re.sub(r"^https?://(www\.)?", "", cifra["fuente"]).split("/")[0]
        assert dominio in referencia_datos, cifra["fuente"]


def test_las_fuentes_guardan_su_fecha_de_consulta():
    assert Fuente.objects.filter(fecha_consulta__isnull=True).count() == 0
    assert CifraPublicada.objects.count() == len(catalogos.leer_fixture()["cifras"])


def test_claves_inegi_de_las_32_entidades():
    entidades = catalogos.entidades()
    assert len(entidades) == 32
    assert entidades["01"] == "Aguascalientes"
    assert entidades["07"] == "Chiapas"
    assert entidades["09"] == "Ciudad de México"
    assert entidades["32"] == "Zacatecas"


@pytest.mark.parametrize(
    ("texto", "codigo"),
    [
        ("Dominicana, Rep.", "DO"),
        ("Corea, Rep. (Sur)", "KR"),
        ("Países Bajos (Holanda)", "NL"),
        ("Martinica (Terr. Ultram. Francia)", "MQ"),
        ("Apátridas", "ZZ"),
        ("Estados Unidos de América", "US"),
        ("Venezuela", "VE"),
        ("Haití", "HT"),
    ],
)
def test_reconoce_los_nombres_de_pais_del_catalogo_segob(texto, codigo):
    assert catalogos.reconocer_pais(texto) == codigo


def test_reconoce_las_entidades_con_sus_nombres_comunes():
    assert catalogos.reconocer_entidad("Estado de México") == "15"
    assert catalogos.reconocer_entidad("Coahuila") == "05"
    assert catalogos.reconocer_entidad("Distrito Federal") == "09"
    assert catalogos.reconocer_entidad("Narnia") is None
