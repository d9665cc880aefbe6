"""Participa: opiniones, reportes con folio, solicitudes públicas, cifras y defensas contra abuso."""

import time
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from participa import abuso
from participa.models import (
    ALFABETO_FOLIO,
    Estado,
    Opinion,
    Reporte,
    SolicitudDatos,
    nuevo_folio,
)
from participa.moderacion import cambiar_estado, purgar_contactos
from participa.resultados import resultados
from tests.html import sopa, texto

pytestmark = pytest.mark.django_db
ORIGEN = {"HTTP_ORIGIN": "http://testserver"}


def sello_viejo(segundos: int = 30) -> str:
    return signing.TimestampSigner(salt=abuso._FIRMA).sign(str(int(time.time()) - segundos))


# --- Opinión en cada página ------------------------------------------------------------------


def test_cada_pagina_de_contenido_trae_el_formulario_de_opinion(client):
    for url in ("/", "/tramites/", "/tramites/permiso-para-trabajar/", "/participa/"):
        formulario = sopa(client.get(url)).select_one("#opinion form")
        assert formulario["action"] == "/participa/opinion/", url
        assert formulario.find("input", attrs={"name": "pagina"})["value"] == url
    # No en los formularios largos: distrae de lo que la persona está haciendo.
    assert sopa(client.get("/participa/reportar/")).select_one("#opinion") is None


def test_una_opinion_se_guarda_y_vuelve_a_la_pagina_con_agradecimiento(client):
    respuesta = client.post(
        "/participa/opinion/",
        {
            "pagina": "/tramites/permiso-para-trabajar/",
            "util": "no",
            "comentario": "Falta el horario",
        },
        follow=True,
        **ORIGEN,
    )
    assert respuesta.redirect_chain[-1][0] == "/tramites/permiso-para-trabajar/"
    assert "Gracias por su opinión" in texto(sopa(respuesta).find(role="alert"))
    opinion = Opinion.objects.get()
    assert (opinion.pagina, opinion.util, opinion.comentario) == (
        "/tramites/permiso-para-trabajar/",
        False,
        "Falta el horario",
    )


def test_una_opinion_desde_otro_sitio_se_rechaza(client):
    for cabeceras in (
        {"HTTP_ORIGIN": "https://malicioso.example"},
        {},
        {"HTTP_REFERER": "https://malicioso.example/x"},
    ):
        respuesta = client.post("/participa/opinion/", {"pagina": "/", "util": "si"}, **cabeceras)
        assert respuesta.status_code == HTTPStatus.FORBIDDEN
    assert not Opinion.objects.exists()
    ok = client.post(
        "/participa/opinion/", {"pagina": "/", "util": "si"}, HTTP_REFERER="http://testserver/"
    )
    assert ok.status_code == HTTPStatus.FOUND


def test_un_comentario_demasiado_largo_muestra_el_error_y_conserva_lo_escrito(client):
    largo = "palabra " * 80
    respuesta = client.post(
        "/participa/opinion/", {"pagina": "/", "util": "si", "comentario": largo}, **ORIGEN
    )
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert "Escriba como máximo 500 caracteres" in texto(html.find(id="id_comentario_error"))
    assert html.find("textarea", attrs={"name": "comentario"}).text.strip() == largo.strip()
    assert not Opinion.objects.exists()


def test_la_opinion_de_un_robot_se_descarta_en_silencio(client):
    respuesta = client.post(
        "/participa/opinion/", {"pagina": "/", "util": "si", "sitio_web": "http://spam"}, **ORIGEN
    )
    assert respuesta.status_code == HTTPStatus.FOUND
    assert not Opinion.objects.exists()


def test_una_opinion_no_redirige_a_otro_sitio(client):
    respuesta = client.post(
        "/participa/opinion/", {"pagina": "https://malicioso.example/", "util": "si"}, **ORIGEN
    )
    assert respuesta["Location"] == "/"


def test_demasiadas_opiniones_desde_una_conexion_piden_esperar(client):
    for _ in range(20):
        client.post("/participa/opinion/", {"pagina": "/", "util": "si"}, **ORIGEN)
    respuesta = client.post(
        "/participa/opinion/", {"pagina": "/", "util": "si", "comentario": "otra"}, **ORIGEN
    )
    assert respuesta.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Espere una hora" in respuesta.content.decode()
    assert "otra" in respuesta.content.decode()
    assert Opinion.objects.count() == 20


# --- Reportes con folio ----------------------------------------------------------------------


def datos_reporte(**cambios):
    datos = {
        "tipo": "requisito",
        "tramite": "permiso-para-trabajar",
        "oficina": "Tapachula",
        "fecha_hechos": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "descripcion": "Me pidieron una carta de antecedentes penales que no está publicada.",
        "sello": sello_viejo(),
        "sitio_web": "",
    }
    datos.update(cambios)
    return datos


def test_un_reporte_anonimo_da_un_folio_que_se_puede_seguir(client):
    respuesta = client.post("/participa/reportar/", datos_reporte(), follow=True)
    reporte = Reporte.objects.get()
    assert not reporte.tiene_contacto
    html = sopa(respuesta)
    assert texto(html.select_one(".ms-folio")) == reporte.folio
    consulta = sopa(client.get("/participa/folio/", {"folio": reporte.folio.lower()}))
    assert "Nuevo" in texto(consulta.find("main"))
    cambiar_estado(reporte, Estado.ATENDIDO)
    Reporte.objects.filter(pk=reporte.pk).update(respuesta="Se habló con la oficina.")
    consulta = texto(sopa(client.get("/participa/folio/", {"folio": reporte.folio})).find("main"))
    assert "Atendido" in consulta
    assert "Se habló con la oficina." in consulta


def test_enviado_demasiado_rapido_es_un_robot_y_no_se_guarda(client):
    sello_ahora = abuso.sello()
    respuesta = client.post("/participa/reportar/", datos_reporte(sello=sello_ahora))
    assert respuesta.status_code == HTTPStatus.FOUND
    assert not Reporte.objects.exists()


def test_con_el_campo_trampa_lleno_es_un_robot(client):
    client.post("/participa/reportar/", datos_reporte(sitio_web="compra ya"))
    assert not Reporte.objects.exists()


def test_un_sello_alterado_pide_reenviar_sin_perder_nada(client):
    respuesta = client.post("/participa/reportar/", datos_reporte(sello="falso"))
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert "El formulario caducó" in texto(html.find("main"))
    assert "antecedentes penales" in html.find("textarea", attrs={"name": "descripcion"}).text
    assert abuso.segundos_desde(html.find("input", attrs={"name": "sello"})["value"]) is not None
    assert not Reporte.objects.exists()


@pytest.mark.parametrize(
    ("cambios", "campo", "mensaje"),
    [
        ({"descripcion": ""}, "descripcion", "Cuéntenos qué ocurrió"),
        ({"descripcion": "x" * 2001}, "descripcion", "como máximo 2,000 caracteres"),
        ({"tipo": "inventado"}, "tipo", "Elija una opción de la lista"),
        ({"fecha_hechos": "2999-01-01"}, "fecha_hechos", "no puede ser posterior a hoy"),
        ({"contacto_correo": "no-es-correo"}, "contacto_correo", "Escriba un correo"),
    ],
)
def test_un_reporte_con_errores_los_muestra_junto_al_campo(client, cambios, campo, mensaje):
    respuesta = client.post("/participa/reportar/", datos_reporte(**cambios))
    html = sopa(respuesta)
    assert mensaje in texto(html.find(id=f"id_{campo}_error"))
    assert html.find("input", attrs={"name": "oficina"})["value"] == "Tapachula"
    assert not Reporte.objects.exists()


def test_el_html_de_un_reporte_se_escapa_al_mostrarlo(client, admin_client):
    client.post("/participa/reportar/", datos_reporte(oficina="<script>alert(1)</script>"))
    reporte = Reporte.objects.get()
    pagina = admin_client.get(f"/admin/participa/reporte/{reporte.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in pagina
    assert "&lt;script&gt;" in pagina


def test_demasiados_reportes_desde_una_conexion(client):
    for _ in range(5):
        client.post("/participa/reportar/", datos_reporte())
    respuesta = client.post("/participa/reportar/", datos_reporte(descripcion="El sexto"))
    assert respuesta.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "El sexto" in respuesta.content.decode()
    assert Reporte.objects.count() == 5


def test_detras_del_proxy_cada_persona_tiene_su_limite_de_reportes(client, settings):
    settings.PROXIES_DE_CONFIANZA = 1
    detras = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        client.post(
            "/participa/reportar/", datos_reporte(), HTTP_X_FORWARDED_FOR="1.1.1.1", **detras
        )
    sexto = client.post(
        "/participa/reportar/", datos_reporte(), HTTP_X_FORWARDED_FOR="1.1.1.1", **detras
    )
    assert sexto.status_code == HTTPStatus.TOO_MANY_REQUESTS
    otra = client.post(
        "/participa/reportar/", datos_reporte(), HTTP_X_FORWARDED_FOR="2.2.2.2", **detras
    )
    assert otra.status_code == HTTPStatus.FOUND
    assert Reporte.objects.count() == 6


def test_sin_proxy_una_x_forwarded_for_inventada_no_libra_el_limite(client, settings):
    settings.PROXIES_DE_CONFIANZA = 0
    for numero in range(5):
        client.post("/participa/reportar/", datos_reporte(), HTTP_X_FORWARDED_FOR=f"1.1.1.{numero}")
    sexto = client.post("/participa/reportar/", datos_reporte(), HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert sexto.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_el_folio_no_se_puede_adivinar():
    folios = {nuevo_folio() for _ in range(20000)}
    assert len(folios) == 20000
    assert all(len(f) == 12 and set(f) <= set(ALFABETO_FOLIO) for f in folios)
    # Cada posición usa todo el alfabeto (no hay partes fijas ni secuenciales).
    for posicion in range(12):
        assert len({f[posicion] for f in folios}) == len(ALFABETO_FOLIO)
    # 31^12 ≈ 7.9 × 10^17 combinaciones: con el límite de 30 consultas por hora, adivinar un
    # folio tomaría más que la edad del universo.
    assert len(ALFABETO_FOLIO) ** 12 > 10**17


def test_un_folio_que_no_existe_lo_dice(client):
    html = sopa(client.get("/participa/folio/", {"folio": "ABCDEFGHJKMN"}))
    assert "No encontramos ese folio" in texto(html.find("main"))
    html = sopa(client.get("/participa/folio/", {"folio": "0000"}))
    assert "El folio tiene 12 letras y números" in texto(html.find(id="id_folio_error"))


# --- Solicitudes de datos ------------------------------------------------------------------------


def test_una_solicitud_se_publica_solo_despues_de_revisarla_y_se_puede_apoyar(client):
    client.post(
        "/participa/solicitar-datos/",
        {
            "titulo": "Tarjetas por municipio",
            "descripcion": "Para un estudio.",
            "contacto_correo": "yo@example.org",
            "sello": sello_viejo(),
            "sitio_web": "",
        },
    )
    solicitud = SolicitudDatos.objects.get()
    assert "Tarjetas por municipio" not in client.get("/participa/solicitudes/").content.decode()
    SolicitudDatos.objects.filter(pk=solicitud.pk).update(publicada=True, estado=Estado.EN_REVISION)
    pagina = client.get("/participa/solicitudes/").content.decode()
    assert "Tarjetas por municipio" in pagina
    assert "yo@example.org" not in pagina
    client.post(f"/participa/solicitudes/{solicitud.folio}/apoyar/")
    client.post(f"/participa/solicitudes/{solicitud.folio}/apoyar/")
    solicitud.refresh_from_db()
    assert solicitud.apoyos == 1


# --- Moderación, purga y cifras ----------------------------------------------------------------


def test_el_personal_modera_y_exporta_a_csv(admin_client):
    reporte = Reporte.objects.create(
        tipo="cuota", descripcion="Me cobraron de más", oficina="=HYPERLINK(1)"
    )
    respuesta = admin_client.post(
        "/admin/participa/reporte/",
        {"action": "marcar_atendido", "_selected_action": [reporte.pk]},
    )
    assert respuesta.status_code == HTTPStatus.FOUND
    reporte.refresh_from_db()
    assert reporte.estado == Estado.ATENDIDO
    assert reporte.cerrado is not None
    csv = admin_client.post(
        "/admin/participa/reporte/",
        {"action": "exportar_csv", "_selected_action": [reporte.pk]},
    )
    contenido = csv.content.decode("utf-8")
    assert contenido.startswith("\ufeff")
    assert "'=HYPERLINK(1)" in contenido
    assert "Me cobraron de más" in contenido


def test_la_purga_borra_los_contactos_vencidos_y_deja_los_vigentes():
    ahora = timezone.now()
    viejo = Reporte.objects.create(
        tipo="otro", descripcion="a", contacto_correo="viejo@example.org"
    )
    cambiar_estado(viejo, Estado.ATENDIDO)
    Reporte.objects.filter(pk=viejo.pk).update(cerrado=ahora - timedelta(days=181))
    abierto_antiguo = Reporte.objects.create(tipo="otro", descripcion="b", contacto_nombre="Ana")
    Reporte.objects.filter(pk=abierto_antiguo.pk).update(creado=ahora - timedelta(days=366))
    reciente = Reporte.objects.create(tipo="otro", descripcion="c", contacto_telefono="5555555555")
    cambiar_estado(reciente, Estado.ATENDIDO)

    purgar_contactos()
    viejo.refresh_from_db()
    abierto_antiguo.refresh_from_db()
    reciente.refresh_from_db()
    assert (viejo.contacto_correo, viejo.contacto_purgado is not None) == ("", True)
    assert abierto_antiguo.contacto_nombre == ""
    assert reciente.contacto_telefono == "5555555555"
    # El historial nunca guardó los contactos: borrarlos aquí los borra de verdad.
    assert not hasattr(viejo.history.first(), "contacto_correo")
    assert viejo.descripcion == "a"


def test_la_orden_de_purga_informa(capsys):
    call_command("purgar_contactos")
    assert "contactos borrados" in capsys.readouterr().out


def test_las_cifras_publicas(client):
    for tipo in ("requisito", "requisito", "cuota"):
        Reporte.objects.create(tipo=tipo, descripcion="x", oficina="Tijuana")
    Opinion.objects.create(pagina="/tramites/", util=True)
    Opinion.objects.create(pagina="/tramites/", util=False)
    solicitud = SolicitudDatos.objects.create(titulo="t", descripcion="d")
    cambiar_estado(solicitud, Estado.ATENDIDO)
    SolicitudDatos.objects.filter(pk=solicitud.pk).update(
        cerrado=solicitud.creado + timedelta(days=4)
    )
    cifras = resultados()
    por_tipo = {b.etiqueta: b.valor for b in cifras["reportes_tipo"].barras}
    assert por_tipo["Me pidieron un requisito que no está publicado"] == 2
    assert por_tipo["Me cobraron una cuota distinta a la publicada"] == 1
    assert cifras["solicitudes"] == {"recibidas": 1, "atendidas": 1, "mediana_dias": 4.0}
    assert cifras["opiniones"][0] == {"pagina": "/tramites/", "si": 1, "no": 1, "total": 2}
    html = sopa(client.get("/participa/resultados/"))
    assert html.find("svg", attrs={"role": "img"})
    assert "Tijuana" in texto(html.find("main"))
