"""Documentos: la persona llena un formulario y descarga el PDF; nada de lo escrito se guarda."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from tests.html import sopa, texto
from tests.pdf import lector, texto_pdf

pytestmark = pytest.mark.django_db

SOLICITUD = "/tramites/permiso-para-trabajar/solicitud/"
CAJAS = ("dia", "mes", "anio")


def fecha_en_cajas(campo: str, fecha: str) -> dict:
    """«25/12/1990» como lo escribe la persona en las tres cajas de día, mes y año."""
    dia, mes, anio = (fecha.split("/") + ["", "", ""])[:3]
    return {f"{campo}_dia": dia, f"{campo}_mes": mes, f"{campo}_anio": anio}


def datos_solicitud(**cambios):
    datos = {
        "nombre": "Marisol Esperanza",
        "primer_apellido": "Quintero",
        "segundo_apellido": "Ñúñez",
        "sexo": "mujer",
        "fecha_nacimiento_dia": "25",
        "fecha_nacimiento_mes": "12",
        "fecha_nacimiento_anio": "1990",
        "pais_nacimiento": "VE",
        "lugar_nacimiento": "Maracaibo",
        "nacionalidad": "VE",
        "tipo_documento": "pasaporte",
        "numero_documento": "ab 123-4567",
        "curp": "",
        "calle_numero": "Calle Cuarta Poniente 128",
        "colonia": "Centro",
        "municipio": "Tapachula",
        "entidad": "07",
        "codigo_postal": "30700",
        "telefono": "962 123 4567",
        "correo": "marisol@example.org",
        "situacion": "residente-temporal",
        "modalidad": "con-empleador",
        "oficina": "Oficina de Representación en Chiapas",
    }
    for campo in ("fecha_nacimiento", "extranjero_fecha_nacimiento"):
        if campo in cambios:
            datos.update(fecha_en_cajas(campo, cambios.pop(campo)))
    datos.update(cambios)
    return datos


def test_la_pagina_de_la_solicitud_pide_los_datos_y_avisa_que_no_guarda_nada(client):
    respuesta = client.get(SOLICITUD)
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert "No guardamos nada de lo que escribe" in texto(html.find("main"))
    for nombre in (
        "nombre",
        "primer_apellido",
        "fecha_nacimiento_dia",
        "fecha_nacimiento_mes",
        "fecha_nacimiento_anio",
        "numero_documento",
        "curp",
        "telefono",
        "modalidad",
        "codigo_postal",
    ):
        control = html.find(attrs={"name": nombre})
        assert control is not None, nombre
        assert html.find("label", attrs={"for": control["id"]}) or control.find_parent("fieldset")


def test_la_solicitud_se_descarga_con_lo_escrito_y_la_cuota(client, dia_de_la_referencia):
    respuesta = client.post(SOLICITUD, datos_solicitud())
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"] == "application/pdf"
    assert (
        respuesta["Content-Disposition"]
        == 'attachment; filename="solicitud-permiso-para-trabajar.pdf"'
    )
    assert "no-store" in respuesta["Cache-Control"]
    contenido = texto_pdf(respuesta.content)
    for valor in (
        "Marisol Esperanza",
        "Quintero",
        "Ñúñez",
        "25/12/1990",
        "Venezuela",
        "AB1234567",
        "+52 962 123 4567",
        "30700",
        "Chiapas",
    ):
        assert valor in contenido, valor
    assert "Obtener permiso para trabajar con empleador" in contenido
    assert "$4,341" in contenido
    assert "Permiso para trabajar · Generado el" in contenido


def test_el_pdf_es_carta_etiquetado_con_titulo_e_idioma(client):
    pdf = lector(client.post(SOLICITUD, datos_solicitud()).content)
    assert pdf.Root.Lang == "es-mx"
    assert pdf.Root.MarkInfo.Marked
    assert "/StructTreeRoot" in pdf.Root
    assert pdf.docinfo.Title == "Solicitud: Permiso para trabajar"
    assert [round(float(v)) for v in pdf.pages[0].mediabox[2:]] == [612, 792]


@pytest.mark.parametrize(
    ("campo", "valor", "mensaje"),
    [
        ("curp", "NO-ES-CURP", "La CURP tiene 18 letras y números"),
        (
            "curp",
            "QUNM901226MNEXXX09",
            "La fecha de la CURP no coincide con su fecha de nacimiento",
        ),
        (
            "fecha_nacimiento",
            (timezone.localdate() + timedelta(days=3)).strftime("%d/%m/%Y"),
            "no puede ser posterior a hoy",
        ),
        ("fecha_nacimiento", "01/01/1850", "de 1900 en adelante"),
        ("fecha_nacimiento", "31/02/1990", "deben formar una fecha real"),
        ("fecha_nacimiento", "25//1990", "Escriba el día, el mes y el año"),
        ("fecha_nacimiento", "", "Escriba el día, el mes y el año de nacimiento"),
        ("numero_documento", "12", "con 5 a 20 letras y números"),
        ("telefono", "12345", "Escriba un teléfono completo con lada"),
        ("correo", "marisol@", "Escriba un correo como nombre@ejemplo.com"),
        ("codigo_postal", "3070", "cinco números"),
        ("nacionalidad", "ZZ", "Elija un país de la lista"),
        ("nombre", "", "Escriba el nombre como aparece en el pasaporte"),
        ("modalidad", "inventada", "Elija una modalidad de la lista"),
    ],
)
def test_un_dato_malo_da_un_mensaje_junto_al_campo_y_conserva_lo_escrito(
    client, campo, valor, mensaje
):
    respuesta = client.post(SOLICITUD, datos_solicitud(**{campo: valor}))
    assert respuesta.status_code == HTTPStatus.OK
    assert respuesta["Content-Type"].startswith("text/html")
    assert "no-store" in respuesta["Cache-Control"]
    html = sopa(respuesta)
    assert mensaje in texto(html.find(id=f"id_{campo}_error"))
    resumen = html.find(class_="ms-resumen-errores")
    destino = f"id_{campo}_dia" if campo == "fecha_nacimiento" else f"id_{campo}"
    assert resumen.find("a", href=f"#{destino}")
    assert html.find(id=destino)
    # Lo demás que escribió sigue en el formulario.
    assert html.find("input", attrs={"name": "primer_apellido"})["value"] == "Quintero"
    if html.find("input", attrs={"name": campo, "type": ["text", "email", "date", None]}):
        assert html.find("input", attrs={"name": campo}).get("value", "") == valor
    if campo == "fecha_nacimiento":
        escrito = [html.find("input", attrs={"name": f"{campo}_{c}"})["value"] for c in CAJAS]
        assert escrito == list(fecha_en_cajas(campo, valor).values())


def test_una_curp_valida_que_coincide_se_acepta(client):
    respuesta = client.post(SOLICITUD, datos_solicitud(curp="qunm901225mnexxx09"))
    assert respuesta["Content-Type"] == "application/pdf"
    assert "QUNM901225MNEXXX09" in texto_pdf(respuesta.content)


def test_un_nombre_en_otra_escritura_tambien_da_un_pdf(client):
    respuesta = client.post(SOLICITUD, datos_solicitud(nombre="王小明", primer_apellido="Ли"))
    assert respuesta["Content-Type"] == "application/pdf"
    assert lector(respuesta.content).pages


def test_un_tramite_sin_formato_de_solicitud_no_tiene_pagina(client):
    url = "/tramites/tarjeta-visitante-trabajador-fronterizo/solicitud/"
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert client.get("/tramites/no-existe/solicitud/").status_code == HTTPStatus.NOT_FOUND


ESCRITO = "/tramites/notificacion-cambio-domicilio/escrito-libre/"


def datos_escrito(**cambios):
    hoy = timezone.localdate()
    datos = {
        "nombre_completo": "Jean-Baptiste Louverture",
        "sexo": "hombre",
        "nacionalidad": "HT",
        "domicilio": "Calle Hidalgo 45, Centro, Tijuana, Baja California, 22000",
        "oficina": "02",
        "lugar": "Tijuana, Baja California",
        "fecha": hoy.isoformat(),
        "dato_anterior": "Av. Revolución 100, Zona Centro",
        "dato_nuevo": "Calle Hidalgo 45, Centro",
        "fecha_cambio": (hoy - timedelta(days=10)).isoformat(),
        "numero_tarjeta": "",
    }
    datos.update(cambios)
    return datos


def test_el_escrito_libre_lleva_los_elementos_que_pide_la_ley(client):
    respuesta = client.post(ESCRITO, datos_escrito())
    assert respuesta["Content-Type"] == "application/pdf"
    assert "no-store" in respuesta["Cache-Control"]
    contenido = texto_pdf(respuesta.content)
    assert (
        "Instituto Nacional de Migración, Oficina de Representación en Baja California" in contenido
    )
    assert "Jean-Baptiste Louverture, de nacionalidad haitiana" in contenido
    assert "en mi calidad de ciudadano haitiano residente en México" in contenido
    assert "domicilio para oír y recibir notificaciones" in contenido
    assert "Bajo protesta de decir verdad" in contenido
    assert "Av. Revolución 100, Zona Centro" in contenido
    assert "artículo 63 de la Ley de Migración" in contenido
    # El fundamento del trámite, lo que se pide en concreto y la protesta.
    assert "con fundamento en Ley de Migración, art. 63" in contenido
    assert "Único. Tener por presentado en tiempo el aviso de cambio de domicilio" in contenido
    assert "manifiesto que los datos de este escrito son ciertos" in contenido
    assert "Documentos que anexo: Ninguno." in contenido
    assert "Tijuana, Baja California, a" in contenido
    assert "Jean-Baptiste Louverture Promovente Nombre y firma" in contenido
    assert "patria potestad" not in contenido


def test_el_escrito_conyugal_tiene_dos_firmas(client):
    datos = datos_escrito(nombre_conyuge="Ana María López", tipo_vinculo="matrimonio")
    respuesta = client.post(
        "/tramites/cambio-residente-permanente-vinculo-familiar/escrito-libre/", datos
    )
    contenido = texto_pdf(respuesta.content)
    assert contenido.count("Nombre y firma") == 2
    assert "Ana María López" in contenido
    assert "dos años previos" in contenido


def test_el_escrito_con_fecha_lejana_pide_corregirla(client):
    respuesta = client.post(ESCRITO, datos_escrito(fecha="2020-01-01"))
    html = sopa(respuesta)
    assert "Escriba una fecha cercana a hoy" in texto(html.find(id="id_fecha_error"))


def test_un_tramite_sin_escrito_libre_no_tiene_pagina(client):
    assert client.get("/tramites/permiso-salida-y-regreso/escrito-libre/").status_code == 404


def test_la_hoja_de_pago_lleva_monto_articulo_y_no_inventa_referencias(
    client, dia_de_la_referencia
):
    pagina = sopa(client.get("/tramites/expedicion-documento-renovacion-reposicion/pago/"))
    opciones = [i["value"] for i in pagina.select("input[name=escenario]")]
    # Siete documentos que se renuevan y cuatro que se reponen, cada uno con su cuota.
    assert len(opciones) == 11
    segunda = next(
        o
        for o in opciones
        if o.startswith("expedicion-documento-renovacion-reposicion:renovacion:")
    )
    respuesta = client.get(
        "/tramites/expedicion-documento-renovacion-reposicion/pago/", {"escenario": segunda}
    )
    assert respuesta["Content-Type"] == "application/pdf"
    contenido = texto_pdf(respuesta.content)
    assert "$11,141" in contenido
    assert "Art. 8o., fr. VI, inciso a)" in contenido
    assert "No publicada en las fuentes consultadas" in contenido
    assert "Instituto Nacional de Migración" in contenido


def test_una_opcion_de_pago_alterada_da_mensaje(client):
    respuesta = client.get("/tramites/permiso-para-trabajar/pago/", {"escenario": "x"})
    assert respuesta["Content-Type"].startswith("text/html")
    assert "Elija una opción de la lista." in texto(sopa(respuesta).find(id="id_escenario_error"))


def test_la_lista_de_documentos_de_una_modalidad_se_imprime_y_se_descarga(client):
    url = "/tramites/permiso-para-trabajar/lista/"
    assert sopa(client.get(url)).find("input", attrs={"name": "modalidad"})
    html = sopa(client.get(url, {"modalidad": "cuenta-propia"}))
    casillas = [texto(li) for li in html.select(".ms-casillas li")]
    assert any(c.startswith("Por cuenta propia") for c in casillas)
    assert not any(c.startswith("Con empleador") for c in casillas)
    respuesta = client.get(url, {"modalidad": "cuenta-propia", "formato": "pdf"})
    assert respuesta["Content-Type"] == "application/pdf"
    assert "Por cuenta propia: escrito bajo protesta" in texto_pdf(respuesta.content)


def test_la_lista_sin_modalidades_va_directo(client):
    html = sopa(client.get("/tramites/notificacion-cambio-domicilio/lista/"))
    assert len(html.select(".ms-casillas li")) == 5


def test_la_ficha_enlaza_los_documentos_que_existen(client):
    html = sopa(client.get("/tramites/notificacion-cambio-domicilio/"))
    enlaces = {a["href"] for a in html.select(".ms-documentos a")}
    assert enlaces == {
        "/tramites/notificacion-cambio-domicilio/solicitud/",
        "/tramites/notificacion-cambio-domicilio/escrito-libre/",
        "/tramites/notificacion-cambio-domicilio/pago/",
        "/tramites/notificacion-cambio-domicilio/lista/",
        "/seguimiento/",
    }
    frontera = sopa(client.get("/tramites/tarjeta-visitante-trabajador-fronterizo/"))
    assert {a["href"] for a in frontera.select(".ms-documentos a")} == {
        "/tramites/tarjeta-visitante-trabajador-fronterizo/pago/",
        "/tramites/tarjeta-visitante-trabajador-fronterizo/lista/",
        "/seguimiento/",
    }


def test_el_escrito_de_una_colombiana_concuerda_con_ella_y_enlista_sus_anexos(client):
    pagina = sopa(client.get(ESCRITO))
    anexos = [i["value"] for i in pagina.select("input[name=anexos]")]
    assert len(anexos) == 5
    datos = datos_escrito(
        nombre_completo="Marisol Quintero", sexo="mujer", nacionalidad="CO", anexos=anexos[:2]
    )
    contenido = texto_pdf(client.post(ESCRITO, datos).content)
    assert "Marisol Quintero, de nacionalidad colombiana" in contenido
    assert "en mi calidad de ciudadana colombiana residente en México" in contenido
    assert "1. " in contenido and "2. " in contenido and "3. " not in contenido
    etiquetas = [texto(e) for e in pagina.select("label[for^=id_anexos_]")]
    assert etiquetas[0].split(" ")[0] in contenido


def test_sin_sexo_indicado_el_escrito_no_elige_genero(client):
    datos = datos_escrito(sexo="otro", nacionalidad="HN")
    contenido = texto_pdf(client.post(ESCRITO, datos).content)
    assert "de nacionalidad hondureña" in contenido
    assert "en mi calidad de nacional de Honduras residente en México" in contenido


def test_si_la_persona_es_menor_firma_quien_ejerce_la_patria_potestad(client):
    sin_tutor = sopa(client.post(ESCRITO, datos_escrito(menor="on")))
    assert "Escriba el nombre de la madre, el padre o la persona tutora" in texto(
        sin_tutor.find(id="id_nombre_tutor_error")
    )
    datos = datos_escrito(menor="on", nombre_tutor="Claudette Louverture")
    contenido = texto_pdf(client.post(ESCRITO, datos).content)
    assert (
        "Claudette Louverture Quien ejerce la patria potestad o la tutela de "
        "Jean-Baptiste Louverture" in contenido
    )


def test_la_carta_de_oferta_la_firma_el_representante_y_nombra_al_trabajador(client):
    datos = datos_escrito(
        nombre_completo="Laura Méndez Ruiz",
        empresa="Ingeniería del Sureste, S.A. de C.V.",
        constancia="CIE-2026-000123",
        puesto="Ingeniero de estructuras",
        lugar_trabajo="Mérida, Yucatán",
        duracion="24 meses",
        remuneracion="$45,000 al mes",
        nombre_extranjero="Carlos Andrés Pérez",
        sexo_extranjero="hombre",
        nacionalidad_extranjero="HN",
    )
    respuesta = client.post("/tramites/visa-oferta-de-empleo/escrito-libre/", datos)
    contenido = texto_pdf(respuesta.content)
    assert "ofrece empleo a Carlos Andrés Pérez, ciudadano hondureño" in contenido
    assert "constancia de inscripción de empleador número CIE-2026-000123" in contenido
    assert "Representante legal de Ingeniería del Sureste, S.A. de C.V." in contenido
    assert "Bajo protesta" not in contenido
    assert "Lineamientos Generales para la expedición de visas" in contenido


# Encabezados y textos propios de la lista en español: ninguno debe quedar en la de otro idioma.
ENCABEZADOS_EN_ESPANOL = (
    "Lista de documentos",
    "Modalidad:",
    "Marque cada documento",
    "Cuota de derechos",
    "Concepto y qué tan seguro es",
    "Monto a pagar",
    "Generado el",
    "Nombre oficial en español",
    "Página",
)


def test_la_lista_en_ingles_esta_en_ingles_con_el_nombre_oficial_de_cada_documento(client):
    from tramites.documentos import requisitos_de
    from tramites.models import Tramite

    respuesta = client.get(
        "/en/tramites/permiso-para-trabajar/lista/",
        {"modalidad": "cuenta-propia", "formato": "pdf"},
    )
    assert respuesta["Content-Type"] == "application/pdf"
    assert lector(respuesta.content).Root.Lang == "en"
    contenido = texto_pdf(respuesta.content)
    for ingles in ("Document list", "Official name in Spanish:", "Generated on", "Page 1 of"):
        assert ingles in contenido, ingles
    tramite = Tramite.objects.con_detalle().get(slug="permiso-para-trabajar")
    modalidad = tramite.modalidades.get(slug="cuenta-propia")
    sin_nombres_oficiales = contenido
    for requisito in requisitos_de(tramite, modalidad):
        oficial = " ".join(requisito.texto_es_mx.split())
        if requisito.texto_en and requisito.texto_en != requisito.texto_es_mx:
            assert oficial in contenido, oficial
        sin_nombres_oficiales = sin_nombres_oficiales.replace(oficial, "")
    for espanol in ENCABEZADOS_EN_ESPANOL:
        assert espanol not in sin_nombres_oficiales, espanol


def test_la_hoja_de_pago_da_los_pasos_para_la_referencia_e5cinco_con_sus_fuentes(client):
    url = "/tramites/permiso-para-trabajar/pago/"
    escenario = sopa(client.get(url)).select_one("input[name=escenario]")["value"]
    contenido = texto_pdf(client.get(url, {"escenario": escenario}).content)
    assert "Cómo obtener la referencia e5cinco y pagar" in contenido
    assert "1. Obtenga la hoja de ayuda e5cinco" in contenido
    assert "4. Entregue el recibo al INM" in contenido
    # Cada paso con sus fuentes y su tipo; la oficial del INM primero.
    assert "Fuente oficial. Fuentes: http" in contenido
    assert "inm.gob.mx/mpublic/publico/inm-tramites.html" in contenido.replace(" ", "")
    assert "(Fuente no oficial" not in contenido  # el tipo de cada fuente, no la postura
    assert "Art. 13" in contenido
