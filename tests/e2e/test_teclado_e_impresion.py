"""Solo con el teclado: llenar la solicitud, equivocarse, llegar al error desde el resumen,
corregirlo y descargar el PDF. Y la ficha impresa (hoja de estilo de impresión) trae los
requisitos."""

import pytest
from playwright.sync_api import expect

from tests.pdf import texto_pdf
from tests.tramites.test_documentos import datos_solicitud

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("contenido")]

SOLICITUD = "/tramites/permiso-para-trabajar/solicitud/"
# Los datos de las pruebas de documentos, con una CURP mal escrita que se corrige después.
VALORES = datos_solicitud(curp="MALA", numero_documento="AB1234567")
ENFOCADO = """() => {
  const e = document.activeElement;
  const etiqueta = e.tagName === "SELECT" && e.selectedIndex >= 0 ? e.options[e.selectedIndex].text : "";
  return {tag: e.tagName, tipo: e.type || "", nombre: e.name || "", valor: e.value || "",
          texto: e.textContent.trim(), etiqueta};
}"""
OPCION = """([nombre, valor]) => {
  const opcion = [...document.querySelector(`select[name="${nombre}"]`).options]
    .find(o => o.value === valor);
  return opcion ? opcion.text : null;
}"""


def _enfocado(pagina) -> dict:
    return pagina.evaluate(ENFOCADO)


def _llenar_con_teclado(pagina) -> None:
    """Desde el campo enfocado, Tab a Tab hasta el botón de enviar."""
    for _ in range(100):
        campo = _enfocado(pagina)
        if campo["tag"] == "BUTTON":
            return
        deseado = VALORES.get(campo["nombre"])
        if deseado is not None:
            if campo["tag"] == "SELECT":
                # Escribir el comienzo de la opción la elige, como hace una persona.
                pagina.keyboard.type(pagina.evaluate(OPCION, [campo["nombre"], deseado]))
                assert _enfocado(pagina)["valor"] == deseado, campo
            elif campo["tipo"] == "radio":
                pagina.keyboard.press("Space")
                while _enfocado(pagina)["valor"] != deseado:
                    pagina.keyboard.press("ArrowDown")
            elif campo["tipo"] == "date":
                anio, mes, dia = deseado.split("-")
                # El orden de los segmentos lo pone el idioma de Chromium (en-US: mm/dd/aaaa).
                pagina.keyboard.type(f"{mes}{dia}{anio}")
                assert _enfocado(pagina)["valor"] == deseado
            else:
                pagina.keyboard.type(deseado)
        pagina.keyboard.press("Tab")
    raise AssertionError("No se llegó al botón de enviar con Tab")


def _tab_hasta(pagina, condicion, limite=80) -> None:
    for _ in range(limite):
        pagina.keyboard.press("Tab")
        if condicion(_enfocado(pagina)):
            return
    raise AssertionError("El elemento buscado no se alcanza con Tab")


def test_la_solicitud_con_un_error_solo_con_el_teclado(pagina, live_server, tmp_path):
    pagina.goto(live_server.url + SOLICITUD)
    # El enlace para saltar es lo primero; lleva al contenido y de ahí al primer campo.
    pagina.keyboard.press("Tab")
    assert _enfocado(pagina)["texto"] == "Saltar al contenido principal"
    pagina.keyboard.press("Enter")
    _tab_hasta(pagina, lambda e: e["nombre"] == "nombre")
    _llenar_con_teclado(pagina)
    pagina.keyboard.press("Enter")

    resumen = pagina.get_by_role("alert")
    expect(resumen).to_contain_text("CURP")
    # Lo escrito sigue ahí, y desde el resumen se llega al campo con el error.
    expect(pagina.get_by_label("Nombre o nombres")).to_have_value("Marisol Esperanza")
    # Desde el contenido, Tab a Tab (pasando el enlace al formato oficial) hasta el resumen.
    _tab_hasta(pagina, lambda e: e["tag"] == "A" and "CURP" in e["texto"])
    pagina.keyboard.press("Enter")
    expect(pagina.locator("[name=curp]")).to_be_focused()
    pagina.keyboard.press("Control+A")
    pagina.keyboard.press("Delete")  # la CURP es opcional: se deja vacía
    with pagina.expect_download() as descarga:
        pagina.keyboard.press("Enter")
    ruta = tmp_path / "solicitud.pdf"
    descarga.value.save_as(ruta)
    texto = texto_pdf(ruta.read_bytes())
    assert "Quintero" in texto
    assert "Maracaibo" in texto


def test_la_ficha_impresa_trae_los_requisitos_y_no_los_menus(navegador, live_server, tmp_path):
    contexto = navegador.new_context(locale="es-MX")
    try:
        pagina = contexto.new_page()
        pagina.goto(live_server.url + "/tramites/permiso-para-trabajar/")
        pdf = pagina.pdf(format="Letter", print_background=False)
    finally:
        contexto.close()
    texto = texto_pdf(pdf)
    assert "Requisitos" in texto
    assert "Cuánto cuesta" in texto
    assert "Permiso para trabajar" in texto
    # Lo que no sirve en papel no se imprime: menú, selector de idioma, formulario de opinión.
    assert "Saltar al contenido principal" not in texto
    assert "¿Le fue útil esta página?" not in texto
    assert "English" not in texto
