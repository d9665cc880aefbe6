"""Registro de atenciones del personal: solo su ventanilla, sin datos personales, canalización."""

from datetime import date, timedelta
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from tests.html import datos_formulario, sopa, texto
from tests.ventanillas.conftest import crear_personal
from ventanillas.models import (
    Atencion,
    DirectorioCanalizacion,
    Estado,
    Fuente,
    Lugar,
    ServicioAtendido,
)

pytestmark = pytest.mark.django_db

URL = "/ventanillas/registro/"


def _formulario(client) -> dict:
    return datos_formulario(sopa(client.get(URL)).find("form", class_="ms-registro"))


def _registrar(client, **elecciones):
    datos = _formulario(client)
    datos.update(
        {
            "sexo": "mujer",
            "grupo_edad": "18-29",
            "perfil": "transito",
            "servicios": ["orientacion-tramites"],
        }
    )
    datos.update(elecciones)
    return client.post(URL, datos)


def test_sin_sesion_lleva_al_inicio_de_sesion(client):
    respuesta = client.get(URL)
    assert respuesta.status_code == HTTPStatus.FOUND
    assert respuesta["Location"].startswith("/admin/login/")


def test_una_cuenta_sin_ventanilla_no_puede_registrar(client):
    usuario = User.objects.create_user(
        "suelto", password="clave-de-prueba-larga-123", is_staff=True
    )
    usuario.user_permissions.add(Permission.objects.get(codename="add_atencion"))
    client.force_login(usuario)
    assert client.get(URL).status_code == HTTPStatus.FORBIDDEN


def test_el_formulario_trae_hoy_y_la_ventanilla_de_la_cuenta(client, personal_slp):
    client.force_login(personal_slp)
    html = sopa(client.get(URL))
    formulario = html.find("form", class_="ms-registro")
    datos = datos_formulario(formulario)
    assert datos["fecha"] == timezone.localdate().isoformat()
    assert datos["ventanilla"] == str(Lugar.objects.get(slug="ventanilla-san-luis-potosi").pk)
    assert "Ventanilla informativa para personas migrantes de San Luis Potosí" in texto(formulario)
    # El primer control recibe el foco; no hay ningún campo de texto libre (ni nombre ni documento).
    assert formulario.find("input", autofocus=True)["name"] == "sexo"
    libres = formulario.find_all("input", type=["text", "number"]) + formulario.find_all("textarea")
    assert libres == []
    assert not [n for n in datos if "nombre" in n or "documento" in n]


def test_registrar_una_atencion_en_un_solo_envio(client, personal_slp):
    client.force_login(personal_slp)
    respuesta = _registrar(
        client, nacionalidad="HN", servicios=["orientacion-tramites", "vinculacion-laboral"]
    )
    assert respuesta.status_code == HTTPStatus.FOUND
    atencion = Atencion.objects.get()
    assert atencion.ventanilla.slug == "ventanilla-san-luis-potosi"
    assert atencion.fecha == timezone.localdate()
    assert atencion.nacionalidad.code == "HN"
    assert atencion.registrada_por == personal_slp
    assert sorted(atencion.servicios.values_list("servicio", flat=True)) == [
        "orientacion-tramites",
        "vinculacion-laboral",
    ]
    siguiente = client.get(respuesta["Location"])
    assert "Atención guardada" in texto(sopa(siguiente).find(class_="ms-aviso--success"))
    # Vuelve vacío para la siguiente persona.
    assert "sexo" not in datos_formulario(sopa(siguiente).find("form", class_="ms-registro"))


def test_errores_junto_al_campo_sin_perder_lo_elegido(client, personal_slp):
    client.force_login(personal_slp)
    datos = _formulario(client)
    datos.update(
        {"sexo": "hombre", "servicios": [], "fecha": (date.today() + timedelta(days=3)).isoformat()}
    )
    respuesta = client.post(URL, datos)
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    html = sopa(respuesta)
    resumen = texto(html.select_one(".ms-resumen-errores"))
    assert "Elija el grupo de edad." in resumen
    assert "Marque al menos un servicio." in resumen
    assert "La fecha no puede ser posterior a hoy." in resumen
    assert html.find("input", attrs={"name": "sexo", "value": "hombre"}).has_attr("checked")
    assert Atencion.objects.count() == 0


def test_no_puede_registrar_para_otra_ventanilla(client, personal_slp):
    client.force_login(personal_slp)
    otra = Lugar.objects.get(slug="ventanilla-tapachula")
    respuesta = _registrar(client, ventanilla=str(otra.pk))
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    assert "Solo puede registrar atenciones de su ventanilla." in texto(
        sopa(respuesta).find("main")
    )
    assert Atencion.objects.count() == 0


def test_cada_ventanilla_ve_solo_sus_atenciones(client, personal_slp, personal_tapachula):
    client.force_login(personal_tapachula)
    _registrar(client, nacionalidad="GT")
    client.force_login(personal_slp)
    _registrar(client, nacionalidad="VE")
    lista = texto(sopa(client.get("/ventanillas/registro/atenciones/")).find("main"))
    assert "Venezuela" in lista
    assert "Guatemala" not in lista
    # Tampoco en el admin.
    personal_slp.user_permissions.add(Permission.objects.get(codename="view_atencion"))
    admin = client.get("/admin/ventanillas/atencion/")
    assert admin.status_code == HTTPStatus.OK
    filas = sopa(admin).select("#result_list tbody tr")
    assert len(filas) == 1
    assert "San Luis Potosí" in texto(filas[0])
    ajena = Atencion.objects.get(ventanilla__slug="ventanilla-tapachula")
    assert client.get(f"/admin/ventanillas/atencion/{ajena.pk}/change/").status_code in (
        HTTPStatus.FOUND,
        HTTPStatus.NOT_FOUND,
    )
    # Ni a través del enlace de confirmación de otra ventanilla.
    pagina = sopa(client.get(f"{URL}?guardada={ajena.pk}"))
    assert not pagina.select(".ms-canalizar")


def test_el_superusuario_ve_todas(client, personal_slp, personal_tapachula):
    client.force_login(personal_tapachula)
    _registrar(client)
    client.force_login(personal_slp)
    _registrar(client)
    jefe = User.objects.create_superuser("jefa", password="clave-de-prueba-larga-123")
    client.force_login(jefe)
    html = sopa(client.get("/ventanillas/registro/atenciones/"))
    assert len(html.select("tbody tr")) == 2
    # Y elige la ventanilla en una lista.
    assert sopa(client.get(URL)).find("select", attrs={"name": "ventanilla"})


def test_una_situacion_urgente_muestra_el_directorio_del_estado_al_guardar(client, personal_slp):
    client.force_login(personal_slp)
    respuesta = _registrar(client, vulnerabilidades=["nna_no_acompanado"], grupo_edad="12-17")
    html = sopa(client.get(respuesta["Location"]))
    alerta = html.select_one(".ms-canalizar")
    assert alerta["role"] == "alert"
    contenido = texto(alerta)
    assert "Niña, niño o adolescente sin compañía de un adulto" in contenido
    # La referencia no trae instituciones de canalización: lo dice y da la línea del INM.
    assert (
        "No tenemos todavía instituciones de canalización con fuente para San Luis Potosí"
        in contenido
    )
    assert alerta.find("a", href="tel:+528000046264")
    assert "911" not in contenido  # no consta en ninguna fuente del sitio


def test_el_directorio_muestra_solo_entradas_con_fuente_del_estado(client, personal_slp):
    fuente = Fuente.objects.create(
        url="https://www.gob.mx/comar/prueba", fecha_consulta="2026-11-23"
    )
    DirectorioCanalizacion.objects.create(
        estado=Estado.objects.get(clave="24"), tipo="comar", nombre="COMAR de prueba", fuente=fuente
    )
    DirectorioCanalizacion.objects.create(
        estado=Estado.objects.get(clave="07"),
        tipo="comar",
        nombre="COMAR de Chiapas",
        fuente=fuente,
    )
    client.force_login(personal_slp)
    respuesta = _registrar(client, vulnerabilidades=["solicita_refugio"])
    alerta = texto(sopa(client.get(respuesta["Location"])).select_one(".ms-canalizar"))
    assert "COMAR de prueba" in alerta
    assert "COMAR de Chiapas" not in alerta
    # El mismo directorio está en el formulario, visible al marcar una casilla urgente (CSS).
    formulario = sopa(client.get(URL)).find("form", class_="ms-registro")
    assert "COMAR de prueba" in texto(formulario.select_one(".ms-registro__directorio"))
    assert len(formulario.select("input.ms-urgente")) == 4


def test_sin_situacion_urgente_no_hay_alerta(client, personal_slp):
    client.force_login(personal_slp)
    respuesta = _registrar(client, vulnerabilidades=["embarazo"])
    assert not sopa(client.get(respuesta["Location"])).select(".ms-canalizar")


def test_un_servicio_no_se_repite_en_la_base():
    atencion = Atencion.objects.create(
        ventanilla=Lugar.objects.get(slug="ventanilla-tapachula"),
        fecha=date(2026, 11, 2),
        sexo="mujer",
        grupo_edad="0-11",
        perfil="destino",
    )
    ServicioAtendido.objects.create(atencion=atencion, servicio="otro")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ServicioAtendido.objects.create(atencion=atencion, servicio="otro")
    with pytest.raises(IntegrityError), transaction.atomic():
        Atencion.objects.filter(pk=atencion.pk).update(sexo="desconocido")


def test_crear_personal_para_otra_prueba():
    # La ayuda de las pruebas deja una cuenta lista para registrar.
    usuario = crear_personal("prueba", "ventanilla-puebla")
    assert usuario.has_perm("ventanillas.add_atencion")


def test_una_coordinadora_con_permiso_ve_todas_sin_ser_superusuaria(
    client, personal_slp, personal_tapachula
):
    client.force_login(personal_tapachula)
    _registrar(client, nacionalidad="GT")
    client.force_login(personal_slp)
    _registrar(client, nacionalidad="VE")
    coordinadora = User.objects.create_user(
        "coordinadora", password="clave-de-prueba-larga-123", is_staff=True
    )
    coordinadora.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="ventanillas",
            codename__in=["add_atencion", "view_atencion", "ver_todas_atenciones"],
        )
    )
    client.force_login(coordinadora)
    lista = texto(sopa(client.get("/ventanillas/registro/atenciones/")).find("main"))
    assert "Venezuela" in lista
    assert "Guatemala" in lista
    assert (
        len(sopa(client.get("/admin/ventanillas/atencion/")).select("#result_list tbody tr")) == 2
    )
    # Sin el permiso «ver todas», la misma cuenta sin ventanilla asignada no ve ninguna.
    coordinadora.user_permissions.remove(Permission.objects.get(codename="ver_todas_atenciones"))
    coordinadora = User.objects.get(pk=coordinadora.pk)
    client.force_login(coordinadora)
    assert client.get("/ventanillas/registro/atenciones/").status_code == HTTPStatus.FORBIDDEN
    assert not sopa(client.get("/admin/ventanillas/atencion/")).select("#result_list tbody tr")
