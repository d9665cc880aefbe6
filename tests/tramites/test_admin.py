"""El personal edita en el admin; cada cambio pide un motivo que se publica en el historial."""

from http import HTTPStatus

import pytest

from tests.html import datos_formulario, sopa, texto
from tramites.models import Requisito, Tramite

pytestmark = pytest.mark.django_db


def _formulario(cliente, tramite):
    html = sopa(cliente.get(f"/admin/tramites/tramite/{tramite.pk}/change/"))
    return datos_formulario(html.find("form", id="tramite_form"))


def test_el_admin_pide_un_motivo_para_guardar(personal):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    datos = _formulario(personal, tramite)
    datos["resumen_es_mx"] = "Resumen nuevo"
    respuesta = personal.post(f"/admin/tramites/tramite/{tramite.pk}/change/", datos)
    assert respuesta.status_code == HTTPStatus.OK
    assert "Escriba por qué hace este cambio." in texto(sopa(respuesta))
    tramite.refresh_from_db()
    assert tramite.resumen != "Resumen nuevo"


def test_un_requisito_editado_en_linea_queda_en_el_historial_con_su_motivo(personal, client):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    datos = _formulario(personal, tramite)
    requisito = Requisito.objects.filter(tramite=tramite).order_by("orden").first()
    indice = next(
        k.split("-")[1]
        for k, v in datos.items()
        if k.endswith("-id") and v == str(requisito.pk) and k.startswith("requisitos-")
    )
    datos[f"requisitos-{indice}-texto_es_mx"] = "Formato de solicitud firmado (texto revisado)."
    datos["motivo_cambio"] = "Corrección de redacción según la ficha oficial"
    respuesta = personal.post(f"/admin/tramites/tramite/{tramite.pk}/change/", datos)
    assert respuesta.status_code == HTTPStatus.FOUND, texto(
        sopa(respuesta).find(class_="errornote") or sopa(respuesta)
    )
    requisito.refresh_from_db()
    assert requisito.texto == "Formato de solicitud firmado (texto revisado)."
    assert requisito.history.first().texto == "Formato de solicitud firmado (texto revisado)."
    assert requisito.history.first().history_change_reason == (
        "Corrección de redacción según la ficha oficial"
    )
    # La ficha pública ya muestra el cambio, y el historial su motivo.
    assert "texto revisado" in client.get("/tramites/permiso-para-trabajar/").content.decode()
    historial = texto(sopa(client.get("/tramites/permiso-para-trabajar/historial/")).find("main"))
    assert "Corrección de redacción según la ficha oficial" in historial


def test_el_personal_edita_la_traduccion_al_frances_y_al_criollo(personal):
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    datos = _formulario(personal, tramite)
    assert datos["nombre_fr"] == "Permis de travail"
    assert datos["nombre_ht"] == "Pèmi pou travay"
    datos["nombre_ht"] = "Pèmi pou w travay"
    datos["motivo_cambio"] = "Redacción más sencilla en criollo"
    respuesta = personal.post(f"/admin/tramites/tramite/{tramite.pk}/change/", datos)
    assert respuesta.status_code == HTTPStatus.FOUND
    tramite.refresh_from_db()
    assert tramite.nombre_ht == "Pèmi pou w travay"
    assert tramite.nombre_fr == "Permis de travail"
    assert (
        texto(sopa(personal.get("/ht/tramites/permiso-para-trabajar/")).h1) == "Pèmi pou w travay"
    )


def test_si_el_personal_cambia_el_espanol_la_traduccion_vieja_deja_de_verse(personal, client):
    """La regla de la carga también en el admin: un español nuevo no lleva una traducción que ya
    no dice lo mismo; la ficha en francés muestra el español nuevo con el aviso."""
    tramite = Tramite.objects.get(slug="permiso-para-trabajar")
    requisito = Requisito.objects.filter(tramite=tramite).order_by("orden").first()
    assert tramite.nombre_fr and requisito.texto_fr
    datos = _formulario(personal, tramite)
    indice = next(
        k.split("-")[1]
        for k, v in datos.items()
        if k.endswith("-id") and v == str(requisito.pk) and k.startswith("requisitos-")
    )
    datos["nombre_es_mx"] = "Permiso para trabajar (nombre revisado)"
    datos[f"requisitos-{indice}-texto_es_mx"] = "Formato de solicitud firmado (texto revisado)."
    datos["motivo_cambio"] = "Nombre y requisito revisados"
    respuesta = personal.post(f"/admin/tramites/tramite/{tramite.pk}/change/", datos)
    assert respuesta.status_code == HTTPStatus.FOUND
    tramite.refresh_from_db()
    requisito.refresh_from_db()
    # Lo que no cambió en español conserva su traducción.
    assert tramite.nombre_fr is None and tramite.nombre_ht is None and tramite.nombre_en is None
    assert requisito.texto_fr is None
    assert tramite.resumen_fr
    html = sopa(client.get("/fr/tramites/permiso-para-trabajar/"))
    assert texto(html.h1) == "Permiso para trabajar (nombre revisado)"
    assert "texto revisado" in texto(html.find("main"))
    avisos = [texto(a) for a in html.select(".ms-aviso")]
    assert any("pas encore entièrement traduite" in a for a in avisos), avisos
