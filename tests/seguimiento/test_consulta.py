"""/seguimiento/: el número y la contraseña llevan al estado; todo error dice lo mismo; límites."""

from datetime import date, timedelta
from http import HTTPStatus

import pytest
from django.test import override_settings

from config.models import ContadorIntentos
from seguimiento import contrasenas
from seguimiento.models import DiaInhabil, Estatus
from tests.html import sopa, texto
from tests.seguimiento.conftest import CONTRASENA
from tests.sentencias import sentencias

pytestmark = pytest.mark.django_db
URL = "/seguimiento/"
GENERICO = "El número de trámite o la contraseña no son correctos."


@pytest.fixture
def solicitud(crear_solicitud, hoy):
    return crear_solicitud(
        "PRUEBA-0001",
        ingreso=date(2026, 11, 4),
        cambios=[
            (Estatus.EN_REVISION, date(2026, 11, 5)),
            (
                Estatus.REQUIERE_INFORMACION,
                date(2026, 11, 6),
                "Copia legible del pago",
                date(2026, 11, 20),
            ),
            (Estatus.EN_REVISION, date(2026, 11, 9)),
        ],
    )


def _consultar(client, nut="PRUEBA-0001", contrasena=CONTRASENA, **extra):
    return client.post(URL, {"nut": nut, "contrasena": contrasena}, **extra)


def _principal(respuesta) -> str:
    return texto(sopa(respuesta).find("main"))


def test_el_formulario_dice_que_no_es_el_sistema_del_inm_y_enlaza_el_oficial(client):
    respuesta = client.get(URL)
    assert respuesta.status_code == HTTPStatus.OK
    assert "no-store" in respuesta["Cache-Control"]
    html = sopa(respuesta)
    assert len(html.find_all("h1")) == 1
    pagina = texto(html.find("main"))
    assert "Este sitio no es el sistema del INM" in pagina
    assert "solo aparecen las solicitudes que la oficina registró en este sitio" in pagina
    oficial = html.find("a", string="Consultar el estado oficial en el portal de trámites del INM")
    assert oficial["href"] == "https://www.inm.gob.mx/mpublic/publico/inm-tramites.html"
    assert "20 días hábiles" in pagina and "(art. 128)" in pagina and "(art. 130)" in pagina
    assert html.find(
        "a",
        href="https://www.lexdir.mx/guia/del-procedimiento-administrativo-migratorio-en-materia-de-regulacion-migratoria-491/",
    )
    assert html.find("label", string="Número único de trámite (NUT)")
    assert html.find("input", attrs={"name": "contrasena", "type": "password"})


def _sentencias_de_la_pagina(funcion):
    """Lo que la página pide a la base, sin los contadores de límites (su costo se fija en
    tests/config/test_limites.py)."""
    resultado, todas = sentencias(funcion)
    tabla = ContadorIntentos._meta.db_table
    return resultado, [s for s in todas if tabla not in s and "synchronous_commit" not in s]


def test_con_numero_y_contrasena_se_ve_el_historial_y_el_vencimiento(client, solicitud):
    # La primera consulta del proceso lee además las referencias (temas y sus fuentes,
    # calendario, trámites, modalidades, oficinas); quedan guardadas: luego solo la solicitud
    # y su historial.
    _primera, sentencias = _sentencias_de_la_pagina(lambda: _consultar(client, nut=" prueba-0001 "))
    assert len(sentencias) == 8, sentencias
    respuesta, sentencias = _sentencias_de_la_pagina(
        lambda: _consultar(client, nut=" prueba-0001 ")
    )
    assert len(sentencias) == 2, sentencias
    assert respuesta.status_code == HTTPStatus.OK
    assert "no-store" in respuesta["Cache-Control"]
    html = sopa(respuesta)
    assert texto(html.find("h1")) == "Estado de su solicitud"
    pagina = texto(html.find("main"))
    assert "Solicitud PRUEBA-0001" in pagina
    assert "En revisión desde el 9 de noviembre de 2026" in pagina
    assert "Plazo que marca la ley 20 días hábiles" in pagina
    # 20 días hábiles desde la entrega (9 de noviembre), sin el 16 de noviembre.
    assert "Vence el plazo 8 de diciembre de 2026" in pagina
    assert "Sí. Faltan 11 días hábiles para que venza el plazo." in pagina
    filas = [texto(tr) for tr in html.select(".ms-historial-estatus tbody tr")]
    assert filas[0] == "4 de noviembre de 2026 Recibido"
    assert "Qué se requiere: Copia legible del pago" in filas[2]
    assert "Fecha límite para entregarlo: 20 de noviembre de 2026" in filas[2]
    assert filas[3] == "9 de noviembre de 2026 En revisión"
    assert "Por ahora no tiene que hacer nada" in pagina
    assert "Datos de muestra" not in pagina


def test_un_dia_inhabil_nuevo_mueve_el_vencimiento_en_la_siguiente_consulta(client, solicitud):
    assert "Vence el plazo 8 de diciembre de 2026" in _principal(_consultar(client))
    DiaInhabil.objects.create(fecha=date(2026, 12, 1), motivo="Día inhábil de prueba")
    assert "Vence el plazo 9 de diciembre de 2026" in _principal(_consultar(client))


def test_un_tramite_editado_se_ve_asi_en_la_siguiente_consulta(client, solicitud):
    # El trámite sale de las referencias guardadas en el proceso; editarlo las renueva.
    assert "Permiso para trabajar" in _principal(_consultar(client))
    tramite = solicitud.tramite
    tramite.nombre = "Permiso para trabajar (nombre corregido)"
    tramite.save()
    assert "Permiso para trabajar (nombre corregido)" in _principal(_consultar(client))


def test_requerimiento_pendiente_dice_que_entregar_y_hasta_cuando(client, crear_solicitud, hoy):
    crear_solicitud(
        "PRUEBA-0002",
        ingreso=date(2026, 11, 4),
        cambios=[
            (
                Estatus.REQUIERE_INFORMACION,
                date(2026, 11, 18),
                "Carta de oferta firmada",
                date(2026, 12, 2),
            )
        ],
    )
    pagina = _principal(_consultar(client, nut="PRUEBA-0002"))
    assert "El INM necesita que entregue lo siguiente: Carta de oferta firmada" in pagina
    assert "Entréguelo en la oficina a más tardar el 2 de diciembre de 2026." in pagina
    assert "Le quedan 7 días hábiles." in pagina
    assert "El plazo está detenido" in pagina


def test_una_solicitud_de_muestra_lo_dice(client, crear_solicitud, hoy):
    crear_solicitud("MUESTRA-000001", es_muestra=True)
    assert "Datos de muestra" in _principal(_consultar(client, nut="MUESTRA-000001"))


def test_numero_inexistente_y_contrasena_equivocada_dan_lo_mismo(client, solicitud, monkeypatch):
    comprobaciones = []
    original = contrasenas.check_password

    def contar(*args, **kwargs):
        comprobaciones.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(contrasenas, "check_password", contar)
    equivocada = _consultar(client, contrasena="OTRA-COSA-1234")
    inexistente = _consultar(client, nut="NO-EXISTE-99")
    assert equivocada.status_code == inexistente.status_code == HTTPStatus.OK
    assert _principal(equivocada) == _principal(inexistente)
    assert GENERICO in texto(sopa(equivocada).select_one(".ms-resumen-errores"))
    # En los dos casos se comparó la contraseña contra un cifrado del mismo tipo.
    assert len(comprobaciones) == 2
    assert all(c.startswith("pbkdf2_sha256_tramite$1000$") for c in comprobaciones)
    # Lo escrito se conserva, salvo la contraseña, que nunca vuelve a la página.
    campo = sopa(inexistente).find("input", attrs={"name": "nut"})
    assert campo["value"] == "NO-EXISTE-99"
    assert not sopa(inexistente).find("input", attrs={"name": "contrasena"}).get("value")
    assert "OTRA-COSA-1234" not in equivocada.content.decode()


def test_un_numero_mal_escrito_se_corrige_junto_al_campo_sin_gastar_intentos(client, solicitud):
    for _ in range(10):
        respuesta = _consultar(client, nut="PRUEBA 0001 ¿?")
    html = sopa(respuesta)
    assert respuesta.status_code == HTTPStatus.OK
    assert "letras, números y guiones" in texto(html.select_one(".ms-campo__error"))
    assert html.select_one(".ms-resumen-errores a")["href"] == "#id_nut"
    assert _consultar(client).status_code == HTTPStatus.OK
    assert "Estado de su solicitud" in _principal(_consultar(client))


def test_campos_vacios_piden_lo_que_falta(client):
    pagina = _principal(client.post(URL, {"nut": "", "contrasena": ""}))
    assert "Escriba el número único de trámite que aparece en su comprobante." in pagina
    assert "Escriba la contraseña que aparece en su comprobante." in pagina


@override_settings(SEGUIMIENTO_INTENTOS_POR_NUT=5, SEGUIMIENTO_VENTANA_MINUTOS=15)
def test_demasiados_intentos_bloquean_el_numero_y_dicen_cuando_volver(
    client, solicitud, time_machine
):
    for _ in range(5):
        assert _consultar(client, contrasena="MALA-MALA-MALA").status_code == HTTPStatus.OK
    bloqueada = _consultar(client, contrasena="MALA-MALA-MALA")
    assert bloqueada.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 800 <= int(bloqueada["Retry-After"]) <= 901
    assert "no-store" in bloqueada["Cache-Control"]
    aviso = texto(sopa(bloqueada).select_one(".ms-aviso--error"))
    assert "Demasiados intentos" in aviso
    assert "Vuelva a intentarlo a partir de las" in aviso
    # Ni con la contraseña correcta pasa mientras dure el bloqueo.
    assert _consultar(client).status_code == HTTPStatus.TOO_MANY_REQUESTS
    # Otro número desde otra IP sí puede consultar.
    assert _consultar(client, nut="OTRO-0001", REMOTE_ADDR="10.0.0.9").status_code == HTTPStatus.OK
    # Pasada la ventana, vuelve a funcionar.
    time_machine.shift(timedelta(minutes=16))
    assert "Estado de su solicitud" in _principal(_consultar(client))


@override_settings(SEGUIMIENTO_INTENTOS_POR_IP=20, SEGUIMIENTO_INTENTOS_POR_NUT=5)
def test_una_ip_que_prueba_muchos_numeros_tambien_se_bloquea(client, solicitud):
    for numero in range(20):
        assert _consultar(client, nut=f"INVENTADO-{numero:03d}").status_code == HTTPStatus.OK
    assert _consultar(client, nut="INVENTADO-999").status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert _consultar(client, REMOTE_ADDR="10.1.2.3").status_code == HTTPStatus.OK


@override_settings(SEGUIMIENTO_INTENTOS_POR_NUT=5, SEGUIMIENTO_INTENTOS_POR_IP=5)
def test_las_consultas_correctas_no_gastan_intentos(client, solicitud):
    for _ in range(30):
        assert _consultar(client).status_code == HTTPStatus.OK
    for _ in range(4):
        _consultar(client, contrasena="MALA-MALA-MALA")
    assert "Estado de su solicitud" in _principal(_consultar(client))


@override_settings(SEGUIMIENTO_INTENTOS_POR_NUT=50, SEGUIMIENTO_INTENTOS_POR_IP=3)
def test_detras_del_proxy_cada_persona_tiene_su_contador(client, solicitud, settings):
    settings.PROXIES_DE_CONFIANZA = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(3):
        _consultar(
            client, contrasena="MALA-MALA-MALA", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy
        )
    bloqueada = _consultar(client, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert bloqueada.status_code == HTTPStatus.TOO_MANY_REQUESTS
    # Otra persona detrás del mismo proxy no hereda el bloqueo.
    otra = _consultar(client, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)
    assert "Estado de su solicitud" in _principal(otra)


@override_settings(SEGUIMIENTO_INTENTOS_POR_NUT=50, SEGUIMIENTO_INTENTOS_POR_IP=3)
def test_sin_proxy_una_x_forwarded_for_inventada_no_libra_el_bloqueo(client, solicitud, settings):
    settings.PROXIES_DE_CONFIANZA = 0
    for numero in range(3):
        falsa = {"HTTP_X_FORWARDED_FOR": f"198.51.100.{numero}"}
        _consultar(client, contrasena="MALA-MALA-MALA", **falsa)
    respuesta = _consultar(client, HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert respuesta.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_la_pagina_en_ingles_tambien_funciona(client, solicitud):
    assert client.get("/en" + URL).status_code == HTTPStatus.OK
    respuesta = client.post("/en" + URL, {"nut": "PRUEBA-0001", "contrasena": CONTRASENA})
    assert respuesta.status_code == HTTPStatus.OK
    assert 'lang="en"' in respuesta.content.decode()
    html = sopa(respuesta)
    filas = [texto(tr) for tr in html.select(".ms-historial-estatus tbody tr")]
    assert filas[0] == "Nov. 4, 2026 Received"
    assert filas[-1] == "Nov. 9, 2026 Under review"
    # El mismo proceso sigue dando el estatus y las fechas en español a quien consulta en español.
    filas = [texto(tr) for tr in sopa(_consultar(client)).select(".ms-historial-estatus tbody tr")]
    assert filas[-1] == "9 de noviembre de 2026 En revisión"


def test_el_formulario_vacio_se_guarda_dibujado_pero_nunca_lo_que_se_escribio(client, solicitud):
    # Los campos vacíos salen de la caché de trozos; los que llevan un número escrito, nunca:
    # quien abre el formulario después no ve el número de otra persona, y el token CSRF de cada
    # visita es el suyo.
    client.get(URL)
    respuesta = _consultar(client, contrasena="MALA-CLAV-E999")
    assert sopa(respuesta).find("input", attrs={"name": "nut"})["value"] == "PRUEBA-0001"
    otra = client.get(URL)
    html = sopa(otra)
    assert not html.find("input", attrs={"name": "nut"}).get("value")
    assert "PRUEBA-0001" not in otra.content.decode()
    fichas = {
        sopa(r).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
        for r in (otra, client.get(URL))
    }
    assert len(fichas) == 2


def test_lo_guardado_de_la_pagina_de_estado_sigue_el_idioma_y_la_muestra(client, crear_solicitud):
    """Las migas, el aviso de muestra y los enlaces salen guardados por idioma: nunca los de
    otro idioma, y el aviso solo en una solicitud de muestra."""
    crear_solicitud("PRUEBA-0002", es_muestra=True)
    crear_solicitud("PRUEBA-0003")

    def pagina(prefijo: str, nut: str):
        html = sopa(client.post(f"{prefijo}/seguimiento/", {"nut": nut, "contrasena": CONTRASENA}))
        migas = [texto(li) for li in html.select(".ms-migas li")]
        enlaces = [a["href"] for a in html.select(".ms-lista-acciones a")]
        avisos = [texto(aviso) for aviso in html.select("main .ms-aviso--warning")]
        return migas, enlaces, avisos

    migas, enlaces, avisos = pagina("", "PRUEBA-0002")
    assert migas == ["Inicio", "Consultar el estado de mi solicitud", "Estado de su solicitud"]
    assert enlaces == ["/seguimiento/", "/tramites/tiempos/"]
    assert len(avisos) == 1 and "Datos de muestra" in avisos[0]
    migas, enlaces, avisos = pagina("/en", "PRUEBA-0002")
    assert migas[0] == "Home"
    assert enlaces == ["/en/seguimiento/", "/en/tramites/tiempos/"]
    assert len(avisos) == 1 and "Sample data" in avisos[0]
    assert pagina("", "PRUEBA-0003")[2] == []
