"""La solicitud de cada trámite tiene las secciones de su formato oficial y sale en español."""

from http import HTTPStatus

import pytest

from tests.html import sopa, texto
from tests.pdf import texto_pdf
from tests.tramites.test_documentos import datos_solicitud, fecha_en_cajas
from tramites.models import Tramite

pytestmark = pytest.mark.django_db

ESTANCIA = [
    "Datos de la persona extranjera",
    "Domicilio en México",
    "Contacto",
    "Su trámite",
]
VISA_FAMILIAR = [
    "Promovente en México (quien pide la visa)",
    "Domicilio del promovente en México",
    "Contacto del promovente",
]
# Lo que pide el formato oficial de cada trámite, sección por sección.
SECCIONES = {
    "visa-oferta-de-empleo": (
        "solicitud_internacion.html",
        [
            "Empleador que ofrece el trabajo",
            "Domicilio del empleador en México",
            "Contacto del empleador",
            "Persona extranjera a quien se ofrece el empleo (en el exterior)",
            "Su trámite",
        ],
    ),
    "visa-union-familiar": (
        "solicitud_internacion.html",
        [*VISA_FAMILIAR, "Familiar que recibirá la visa (en el exterior)", "Su trámite"],
    ),
    "visa-razones-humanitarias": (
        "solicitud_internacion.html",
        [*VISA_FAMILIAR, "Persona extranjera que recibirá la visa (en el exterior)", "Su trámite"],
    ),
}


def _casos():
    # Los 13 trámites con formato de solicitud y cada una de sus modalidades (fixtures).
    import json
    from pathlib import Path

    datos = json.loads(Path("fixtures/tramites.json").read_text())
    for tramite in datos["tramites"]:
        if not any(f["nombre"].startswith("Formato para solicitar") for f in tramite["formatos"]):
            continue
        for modalidad in [m["slug"] for m in tramite["modalidades"]] or [""]:
            yield tramite["slug"], modalidad


@pytest.mark.parametrize(("slug", "modalidad"), list(_casos()))
def test_cada_tramite_y_modalidad_muestra_las_secciones_de_su_formato(client, slug, modalidad):
    url = f"/tramites/{slug}/solicitud/"
    html = sopa(client.get(url, {"modalidad": modalidad} if modalidad else {}))
    formato, secciones = SECCIONES.get(slug, ("estancia.html", ESTANCIA))
    assert [texto(e) for e in html.select("form legend.ms-titulo-m")] == secciones
    enlace = html.find("a", string="Formato oficial en el portal del INM")
    assert enlace["href"].startswith("https://www.inm.gob.mx/tramites/publico/")
    assert enlace["href"].endswith(formato)
    # Cada control con su etiqueta.
    for control in html.select("form input[type=text], form select"):
        assert html.find("label", attrs={"for": control["id"]}), control["name"]
    if modalidad:
        tramite = Tramite.objects.get(slug=slug)
        opciones = [o["value"] for o in html.select("select[name=modalidad] option") if o["value"]]
        assert opciones == list(tramite.modalidades.values_list("slug", flat=True))
        assert html.select_one("select[name=modalidad] option[selected]")["value"] == modalidad


def datos_oferta(**cambios):
    datos = {
        "razon_social": "Ingeniería del Sureste, S.A. de C.V.",
        "rfc": "ISU-180524-P76",
        "constancia_empleador": "cie-2026-000123",
        "representante_legal": "Laura Méndez Ruiz",
        "calle_numero": "Calle 60 número 401",
        "colonia": "Centro",
        "municipio": "Mérida",
        "entidad": "31",
        "codigo_postal": "97000",
        "telefono": "999 123 4567",
        "correo": "",
        "extranjero_nombre": "Carlos Andrés",
        "extranjero_primer_apellido": "Pérez",
        "extranjero_segundo_apellido": "",
        "extranjero_sexo": "hombre",
        **fecha_en_cajas("extranjero_fecha_nacimiento", "3/7/1988"),
        "extranjero_nacionalidad": "HN",
        "extranjero_pasaporte": "G1234567",
        "consulado": "Consulado de México en San Pedro Sula",
        "modalidad": "residente-temporal",
        "oficina": "Oficina de Representación en Yucatán",
    }
    datos.update(cambios)
    return datos


OFERTA = "/tramites/visa-oferta-de-empleo/solicitud/"


def test_la_visa_por_oferta_de_empleo_lleva_rfc_y_constancia_del_empleador(client):
    respuesta = client.post(OFERTA, datos_oferta())
    assert respuesta["Content-Type"] == "application/pdf"
    contenido = texto_pdf(respuesta.content)
    for valor in (
        "Empleador que ofrece el trabajo",
        "RFC del empleador",
        "ISU180524P76",
        "Número de constancia de inscripción de empleador",
        "CIE-2026-000123",
        "Laura Méndez Ruiz",
        "Consulado de México en San Pedro Sula",
        "G1234567",
        "Honduras",
        "Hombre",
        "03/07/1988",
        "Formato para solicitar autorización de visa ante el Instituto",
        "Nombre y firma del representante legal del empleador",
    ):
        assert valor in contenido, valor
    # El formulario del empleador no pide datos personales de estancia.
    assert "CURP" not in contenido
    assert "Situación migratoria actual" not in contenido


@pytest.mark.parametrize(
    ("campo", "valor", "mensaje"),
    [
        ("rfc", "ABC12", "Revise el RFC: 12 letras y números si es empresa"),
        ("rfc", "", "Escriba el RFC del empleador como aparece en su constancia"),
        ("constancia_empleador", "", "Escriba el número que aparece en la constancia"),
        ("extranjero_pasaporte", "", "Escriba el número del pasaporte vigente"),
        ("consulado", "", "Escriba el consulado de México donde la persona pedirá la visa"),
    ],
)
def test_los_errores_del_empleador_dicen_que_hacer(client, campo, valor, mensaje):
    html = sopa(client.post(OFERTA, datos_oferta(**{campo: valor})))
    assert mensaje in texto(html.find(id=f"id_{campo}_error"))
    assert html.find("input", attrs={"name": "razon_social"})["value"] == (
        "Ingeniería del Sureste, S.A. de C.V."
    )


def test_los_errores_se_resumen_en_el_orden_de_los_campos(client):
    datos = datos_oferta(rfc="", consulado="", calle_numero="", extranjero_nombre="")
    html = sopa(client.post(OFERTA, datos))
    enlaces = [a["href"] for a in html.select(".ms-resumen-errores a")]
    assert enlaces == ["#id_rfc", "#id_calle_numero", "#id_extranjero_nombre", "#id_consulado"]
    en_pagina = [f"#{e['id'].removesuffix('_error')}" for e in html.select(".ms-campo__error")]
    assert en_pagina == enlaces


def test_desde_la_pagina_en_ingles_el_pdf_sale_en_espanol(client):
    pagina = sopa(client.get(f"/en{SOLICITUD_EN}"))
    principal = texto(pagina.find("main"))
    assert "The document is in Spanish" in principal
    fecha = pagina.find("input", attrs={"name": "fecha_nacimiento_dia"}).find_parent("fieldset")
    assert [texto(e) for e in fecha.select("label")] == ["Day", "Month", "Year"]
    respuesta = client.post(
        f"/en{SOLICITUD_EN}", datos_solicitud(nacionalidad="HT", pais_nacimiento="HT")
    )
    assert respuesta["Content-Type"] == "application/pdf"
    contenido = texto_pdf(respuesta.content)
    for espanol in ("Mujer", "Haití", "Pasaporte", "Nombre o nombres", "Fecha de nacimiento"):
        assert espanol in contenido, espanol
    for ingles in ("Woman", "Haiti ", "Passport", "First name", "Date of birth"):
        assert ingles not in contenido, ingles


SOLICITUD_EN = "/tramites/permiso-para-trabajar/solicitud/"


def test_una_solicitud_de_visa_familiar_pide_promovente_y_familiar(client):
    respuesta = client.get("/tramites/visa-union-familiar/solicitud/")
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    nombres = {c["name"] for c in html.select("form [name]")}
    assert {"tipo_identificacion", "numero_identificacion", "vinculo", "consulado"} <= nombres
    assert {"extranjero_fecha_nacimiento_dia", "extranjero_pasaporte"} <= nombres
    assert "curp" not in nombres


@pytest.mark.parametrize("slug", [*SECCIONES, "permiso-para-trabajar"])
def test_una_solicitud_vacia_dice_que_escribir_en_cada_campo_y_en_orden(client, slug):
    html = sopa(client.post(f"/tramites/{slug}/solicitud/", {}))
    errores = [texto(e) for e in html.select(".ms-campo__error")]
    assert errores
    for error in errores:
        # Nada genérico: cada mensaje dice qué escribir o elegir.
        assert "Escriba este dato" not in error and "obligatorio" not in error, error
        assert error.startswith(("Error: Escriba", "Error: Elija")), error
    # El resumen va en el orden de los campos y cada enlace lleva a un control que existe.
    enlaces = [a["href"] for a in html.select(".ms-resumen-errores a")]
    campos = [f"#{e['id'].removesuffix('_error')}" for e in html.select(".ms-campo__error")]
    assert [e.removesuffix("_dia") for e in enlaces] == campos
    assert all(html.find(id=e[1:]) for e in enlaces)
