"""Agregados mensuales para datos abiertos, según el contrato (docs/ventanillas.md)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from ventanillas.agregados import atenciones_mensuales
from ventanillas.models import Atencion, Lugar, ServicioAtendido

pytestmark = pytest.mark.django_db


def _atencion(slug, fecha, servicios, **campos):
    datos = {"sexo": "mujer", "grupo_edad": "18-29", "perfil": "transito", "nacionalidad": "HN"}
    datos.update(campos)
    atencion = Atencion.objects.create(
        ventanilla=Lugar.objects.get(slug=slug), fecha=fecha, **datos
    )
    ServicioAtendido.objects.bulk_create(
        ServicioAtendido(atencion=atencion, servicio=s) for s in servicios
    )
    return atencion


@pytest.fixture
def atenciones():
    for _ in range(6):
        _atencion("ventanilla-san-luis-potosi", date(2026, 11, 3), ["orientacion-tramites"])
    _atencion(
        "ventanilla-san-luis-potosi",
        date(2026, 11, 20),
        ["orientacion-tramites", "vinculacion-laboral"],
    )
    _atencion("ventanilla-tapachula", date(2026, 10, 31), ["otro"], nacionalidad="")
    _atencion("ventanilla-tapachula", date(2026, 11, 1), ["otro"], sexo="hombre")


def test_una_fila_por_combinacion_con_su_cuenta_sin_suprimir(atenciones):
    filas = atenciones_mensuales()
    assert filas == [
        {
            "periodo": date(2026, 10, 1),
            "ventanilla": "ventanilla-tapachula",
            "entidad": "07",
            "servicio": "otro",
            "nacionalidad": "XX",
            "sexo": "mujer",
            "grupo_edad": "18-29",
            "atenciones": 1,
        },
        {
            "periodo": date(2026, 11, 1),
            "ventanilla": "ventanilla-san-luis-potosi",
            "entidad": "24",
            "servicio": "orientacion-tramites",
            "nacionalidad": "HN",
            "sexo": "mujer",
            "grupo_edad": "18-29",
            "atenciones": 7,
        },
        {
            "periodo": date(2026, 11, 1),
            "ventanilla": "ventanilla-san-luis-potosi",
            "entidad": "24",
            "servicio": "vinculacion-laboral",
            "nacionalidad": "HN",
            "sexo": "mujer",
            "grupo_edad": "18-29",
            "atenciones": 1,
        },
        {
            "periodo": date(2026, 11, 1),
            "ventanilla": "ventanilla-tapachula",
            "entidad": "07",
            "servicio": "otro",
            "nacionalidad": "HN",
            "sexo": "hombre",
            "grupo_edad": "18-29",
            "atenciones": 1,
        },
    ]
    assert all(type(f["periodo"]) is date for f in filas)


def test_desde_y_hasta_acotan_el_periodo(atenciones):
    filas = atenciones_mensuales(desde=date(2026, 11, 1), hasta=date(2026, 11, 30))
    assert {f["periodo"] for f in filas} == {date(2026, 11, 1)}
    assert sum(f["atenciones"] for f in filas) == 9  # 8 atenciones, una con dos servicios


def test_sin_atenciones_no_hay_filas():
    assert atenciones_mensuales() == []


def test_el_agregado_del_mes_aparece_en_el_conjunto_de_datos(atenciones):
    from datos_abiertos import catalogo
    from datos_abiertos.models import ConjuntoDatos, Observacion

    if not ConjuntoDatos.objects.filter(slug="atenciones-ventanillas").exists():
        catalogo.cargar()
    salida = StringIO()
    call_command("publicar_atenciones", stdout=salida)
    assert "Publicadas 4 filas" in salida.getvalue()
    celdas = Observacion.objects.filter(
        conjunto__slug="atenciones-ventanillas",
        periodo=date(2026, 11, 1),
        ventanilla="ventanilla-san-luis-potosi",
        es_muestra=False,
    )
    orientacion = celdas.get(categoria="orientacion-tramites")
    assert orientacion.entidad == "24"
    assert orientacion.nacionalidad == "HN"
    assert orientacion.valor == 7
    # Menos de 5 atenciones: se publica la celda vacía y marcada, nunca el 1.
    laboral = celdas.get(categoria="vinculacion-laboral")
    assert laboral.suprimido
    assert laboral.valor is None


def test_lo_registrado_en_el_formulario_se_publica_en_el_conjunto_real(client, personal_slp):
    """Del formulario del personal a la descarga pública, sin pasar por los modelos."""
    import csv
    import io

    from django.utils import timezone

    from datos_abiertos import catalogo
    from datos_abiertos.models import ConjuntoDatos
    from tests.html import datos_formulario, sopa, texto

    if not ConjuntoDatos.objects.filter(slug="atenciones-ventanillas").exists():
        catalogo.cargar()
    client.force_login(personal_slp)
    vacio = datos_formulario(
        sopa(client.get("/ventanillas/registro/")).find("form", class_="ms-registro")
    )
    eleccion = {"sexo": "mujer", "grupo_edad": "30-59", "perfil": "destino", "nacionalidad": "VE"}
    for _ in range(5):
        datos = {**vacio, **eleccion, "servicios": ["orientacion-tramites"]}
        assert client.post("/ventanillas/registro/", datos).status_code == 302
    # Una sexta persona recibe además vinculación laboral: esa celda queda en 1.
    datos = {**vacio, **eleccion, "servicios": ["orientacion-tramites", "vinculacion-laboral"]}
    assert client.post("/ventanillas/registro/", datos).status_code == 302
    client.logout()

    call_command("publicar_atenciones", stdout=StringIO())

    respuesta = client.get("/datos/atenciones-ventanillas.csv")
    assert respuesta.status_code == 200
    contenido = b"".join(respuesta.streaming_content).decode("utf-8-sig")
    filas = list(csv.DictReader(io.StringIO(contenido)))
    mes = timezone.localdate().strftime("%Y-%m")
    # Solo lo registrado: ninguna fila de muestra queda en el conjunto.
    assert all(f["origen"] != "Datos de muestra" for f in filas)
    por_servicio = {f["servicio"]: f for f in filas}
    assert set(por_servicio) == {"orientacion-tramites", "vinculacion-laboral"}
    orientacion = por_servicio["orientacion-tramites"]
    assert (orientacion["periodo"], orientacion["entidad"], orientacion["nacionalidad"]) == (
        mes,
        "24",
        "VE",
    )
    assert (orientacion["valor"], orientacion["suprimido"]) == ("6", "false")
    # Menos de 5 atenciones: la celda va vacía y marcada, nunca el 1.
    laboral = por_servicio["vinculacion-laboral"]
    assert (laboral["valor"], laboral["suprimido"]) == ("", "true")
    pagina = texto(sopa(client.get("/datos/atenciones-ventanillas/")).find("main"))
    assert "Datos de muestra" not in pagina
