"""El personal registra solicitudes y estatus en el admin; la contraseña se ve una sola vez."""

from datetime import date
from http import HTTPStatus

import pytest
from django.contrib.auth.models import User

from seguimiento import contrasenas
from seguimiento.models import CambioEstatus, DiaInhabil, Estatus, Solicitud
from tests.html import datos_formulario, sopa, texto
from tramites.models import Tramite

pytestmark = pytest.mark.django_db
AGREGAR = "/admin/seguimiento/solicitud/add/"


@pytest.fixture
def personal(client):
    usuario = User.objects.create_superuser("personal", "personal@example.org", "clave-larga-123")
    client.force_login(usuario)
    return client


def _datos(cliente, url):
    return datos_formulario(sopa(cliente.get(url)).find("form", id="solicitud_form"))


def _nueva(personal, **cambios):
    datos = _datos(personal, AGREGAR)
    datos.update(
        nut="inm-2026-0500",
        tramite=str(Tramite.objects.get(slug="permiso-para-trabajar").pk),
        fecha_ingreso="2026-11-02",
        **cambios,
    )
    return personal.post(AGREGAR, datos)


def test_una_solicitud_nueva_recibe_contrasena_que_se_muestra_una_vez(personal, hoy):
    respuesta = _nueva(personal)
    assert respuesta.status_code == HTTPStatus.OK
    assert "no-store" in respuesta["Cache-Control"]
    contrasena = texto(sopa(respuesta).select_one("#content-main strong"))
    solicitud = Solicitud.objects.get(nut="INM-2026-0500")
    assert contrasenas.verificar(contrasena, solicitud.contrasena)
    assert contrasena not in solicitud.contrasena
    assert len(contrasena.replace("-", "")) == 12
    # Sin cambios en línea: queda «recibida» en su fecha de ingreso.
    assert list(solicitud.cambios.values_list("estatus", "fecha")) == [
        (Estatus.RECIBIDO, date(2026, 11, 2))
    ]
    # Al volver a la ficha no se ve la contraseña.
    ficha = personal.get(f"/admin/seguimiento/solicitud/{solicitud.pk}/change/")
    assert contrasena not in ficha.content.decode()


def test_un_requerimiento_sin_fecha_limite_recibe_diez_dias_habiles(personal, hoy):
    respuesta = _nueva(
        personal,
        **{
            "cambios-0-estatus": Estatus.REQUIERE_INFORMACION,
            "cambios-0-fecha": "2026-11-13",
            "cambios-0-requerimiento": "Copia legible del pasaporte",
        },
    )
    assert respuesta.status_code == HTTPStatus.OK, texto(
        sopa(respuesta).find(class_="errornote") or sopa(respuesta)
    )
    solicitud = Solicitud.objects.get(nut="INM-2026-0500")
    assert solicitud.estatus == Estatus.REQUIERE_INFORMACION
    cambio = solicitud.cambios.get(estatus=Estatus.REQUIERE_INFORMACION)
    # 13 de noviembre + 10 días hábiles, sin el lunes 16 (Revolución).
    assert cambio.fecha_limite == date(2026, 11, 30)


def test_errores_del_historial_se_dicen_junto_al_campo(personal, hoy):
    respuesta = _nueva(
        personal,
        **{
            "cambios-0-estatus": Estatus.EN_REVISION,
            "cambios-0-fecha": "2026-10-01",
            "cambios-0-requerimiento": "No va aquí",
        },
    )
    pagina = texto(sopa(respuesta))
    assert "La fecha no puede ser anterior al ingreso." in pagina
    assert "Solo se llena con «Requiere información adicional»." in pagina
    assert not Solicitud.objects.exists()


def test_generar_contrasena_nueva_cambia_la_anterior(personal, crear_solicitud, hoy):
    solicitud = crear_solicitud("INM-2026-0600")
    url = f"/admin/seguimiento/solicitud/{solicitud.pk}/change/"
    datos = _datos(personal, url)
    datos["nueva_contrasena"] = "on"
    respuesta = personal.post(url, datos)
    nueva = texto(sopa(respuesta).select_one("#content-main strong"))
    solicitud.refresh_from_db()
    assert contrasenas.verificar(nueva, solicitud.contrasena)
    assert not contrasenas.verificar("PRUE-BA23-4567", solicitud.contrasena)


def test_guardar_sin_pedir_contrasena_nueva_no_la_cambia(personal, crear_solicitud, hoy):
    solicitud = crear_solicitud("INM-2026-0601")
    url = f"/admin/seguimiento/solicitud/{solicitud.pk}/change/"
    datos = _datos(personal, url)
    datos["cambios-1-estatus"] = Estatus.RESUELTO_FAVORABLE
    datos["cambios-1-fecha"] = "2026-11-20"
    respuesta = personal.post(url, datos)
    assert respuesta.status_code == HTTPStatus.FOUND
    solicitud.refresh_from_db()
    assert contrasenas.verificar("PRUE-BA23-4567", solicitud.contrasena)
    assert solicitud.estatus == Estatus.RESUELTO_FAVORABLE
    assert solicitud.fecha_resolucion == date(2026, 11, 20)
    assert CambioEstatus.objects.filter(solicitud=solicitud).count() == 2


def test_los_dias_inhabiles_se_agregan_en_el_admin(personal):
    url = "/admin/seguimiento/diainhabil/add/"
    datos = datos_formulario(sopa(personal.get(url)).find("form", id="diainhabil_form"))
    datos.update(fecha="2026-12-28", motivo="Periodo vacacional de prueba")
    assert personal.post(url, datos).status_code == HTTPStatus.FOUND
    assert DiaInhabil.objects.get().fecha == date(2026, 12, 28)
