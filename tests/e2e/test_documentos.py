"""Llenar la solicitud en Chromium: un error, su corrección y la descarga del PDF."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.pdf import texto_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("contenido")]


def _llenar(pagina):
    pagina.get_by_label("Nombre o nombres").fill("Marisol")
    pagina.get_by_label("Primer apellido").fill("Quintero")
    pagina.get_by_role("radio", name="Mujer").check()
    fecha = pagina.get_by_role("group", name="Fecha de nacimiento")
    fecha.get_by_label("Día").fill("25")
    fecha.get_by_label("Mes").fill("12")
    fecha.get_by_label("Año").fill("1990")
    pagina.get_by_label("País de nacimiento").select_option("VE")
    pagina.get_by_label("Nacionalidad").select_option("VE")
    pagina.get_by_label("Documento de identidad").select_option("pasaporte")
    pagina.get_by_label("Número del documento").fill("AB1234567")
    pagina.get_by_label("Situación migratoria actual").select_option("residente-temporal")
    pagina.get_by_label("Calle y número").fill("Cuarta Poniente 128")
    pagina.get_by_label("Colonia").fill("Centro")
    pagina.get_by_label("Municipio o alcaldía").fill("Tapachula")
    pagina.get_by_label("Estado", exact=True).select_option("07")
    pagina.get_by_label("Código postal").fill("30700")
    pagina.get_by_label("Teléfono").fill("962 123 4567")
    pagina.get_by_label("Modalidad del trámite").select_option("con-empleador")


@pytest.mark.parametrize("javascript", [True, False])
def test_llenar_corregir_y_descargar_la_solicitud(navegador, live_server, javascript, tmp_path):
    contexto = navegador.new_context(
        java_script_enabled=javascript,
        viewport={"width": 360, "height": 740},
        accept_downloads=True,
    )
    pagina = contexto.new_page()
    pagina.goto(live_server.url + "/tramites/permiso-para-trabajar/")
    pagina.get_by_role("link", name="Llenar la solicitud y descargarla en PDF").click()
    _llenar(pagina)
    pagina.get_by_label("CURP").fill("CURP-MALA")
    pagina.get_by_role("button", name="Descargar la solicitud en PDF").click()

    expect(pagina.get_by_role("alert")).to_contain_text("Hay un problema")
    expect(pagina.locator("#id_curp_error")).to_contain_text("La CURP tiene 18 letras y números")
    # Lo que escribió sigue ahí.
    expect(pagina.get_by_label("Primer apellido")).to_have_value("Quintero")
    expect(pagina.get_by_label("Código postal")).to_have_value("30700")
    pagina.get_by_role("link", name="La CURP tiene 18 letras").click()
    expect(pagina.get_by_label("CURP")).to_be_focused()

    pagina.get_by_label("CURP").fill("")
    with pagina.expect_download() as descarga:
        pagina.get_by_role("button", name="Descargar la solicitud en PDF").click()
    assert descarga.value.suggested_filename == "solicitud-permiso-para-trabajar.pdf"
    destino = tmp_path / "solicitud.pdf"
    descarga.value.save_as(destino)
    contenido = texto_pdf(Path(destino).read_bytes())
    # La cuota (LFD art. 13 fr. III): $4,341 a pagar en 2026; después, la de la ley de ese año.
    for valor in ("Marisol", "Quintero", "25/12/1990", "Venezuela", "AB1234567", "$4,34"):
        assert valor in contenido
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 360
    contexto.close()


def test_descargar_la_lista_de_documentos(pagina_sin_js, live_server, tmp_path):
    pagina = pagina_sin_js
    pagina.goto(live_server.url + "/tramites/notificacion-cambio-domicilio/lista/")
    expect(pagina.get_by_role("checkbox")).to_have_count(5)
    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="Descargar la lista en PDF").click()
    destino = tmp_path / "lista.pdf"
    descarga.value.save_as(destino)
    assert "Tarjeta de residente: original y copia." in texto_pdf(destino.read_bytes())


def test_una_fecha_a_medias_se_corrige_desde_el_resumen(pagina_sin_js, live_server):
    pagina = pagina_sin_js
    pagina.goto(live_server.url + "/en/tramites/visa-oferta-de-empleo/solicitud/")
    expect(pagina.get_by_role("region", name="The document is in Spanish")).to_be_visible()
    fecha = pagina.get_by_role("group", name="Date of birth")
    fecha.get_by_label("Day").fill("3")
    fecha.get_by_label("Year").fill("1988")
    pagina.get_by_label("Employer's RFC").fill("ISU180524P76")
    pagina.get_by_role("button", name="Download the application as a PDF").click()
    expect(pagina.get_by_role("alert")).to_be_visible()
    # Lo escrito en las cajas sigue ahí; el enlace del resumen lleva a la primera caja.
    expect(fecha.get_by_label("Day")).to_have_value("3")
    expect(fecha.get_by_label("Year")).to_have_value("1988")
    expect(pagina.get_by_label("Employer's RFC")).to_have_value("ISU180524P76")
    pagina.locator(".ms-resumen-errores a[href='#id_extranjero_fecha_nacimiento_dia']").click()
    expect(fecha.get_by_label("Day")).to_be_focused()
