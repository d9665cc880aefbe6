"""Participa en Chromium sin JavaScript: opinar sobre una página y, desde una ficha, enviar y
seguir un reporte anónimo; desde una oficina, el reporte llega con ella elegida."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("contenido")]


def test_dar_una_opinion_sobre_un_tramite(pagina_movil_sin_js, live_server):
    pagina = pagina_movil_sin_js
    pagina.goto(live_server.url + "/tramites/permiso-para-trabajar/")
    opinion = pagina.locator("#opinion")
    opinion.get_by_role("radio", name="No").check()
    opinion.get_by_label("¿Qué le faltó o qué podemos mejorar?").fill("Faltan los horarios")
    opinion.get_by_role("button", name="Enviar opinión").click()
    expect(pagina).to_have_url(live_server.url + "/tramites/permiso-para-trabajar/")
    expect(pagina.get_by_role("alert")).to_contain_text("Gracias por su opinión")


@pytest.fixture
def moderadora(transactional_db):
    # Se crea antes de abrir el navegador: así la cuenta existe cuando el servidor la busque.
    return User.objects.create_superuser("moderadora", "m@example.org", "clave-muy-larga-123")


def test_reporte_anonimo_desde_la_ficha_con_folio_que_cambia_cuando_el_personal_lo_atiende(
    moderadora, navegador, pagina_sin_js, live_server
):
    pagina = pagina_sin_js
    pagina.goto(live_server.url + "/tramites/permiso-para-trabajar/")
    pagina.get_by_role("link", name="Reportar que me pidieron algo distinto").click()
    # El trámite llega elegido; la oficina la elige la persona.
    expect(pagina.get_by_label("Trámite (opcional)")).to_have_value("permiso-para-trabajar")
    pagina.get_by_label("Oficina del INM (opcional)").select_option("inm-tapachula")
    pagina.get_by_role("radio", name="Me pidieron un requisito que no está publicado").check()
    pagina.get_by_label("Cuéntenos qué ocurrió").fill(
        "Me pidieron una carta que no está publicada."
    )
    pagina.wait_for_timeout(3200)  # una persona tarda más que el tiempo mínimo
    pagina.get_by_role("button", name="Enviar el reporte").click()
    folio = pagina.locator(".ms-folio").inner_text()
    assert len(folio) == 12
    principal = pagina.locator("main")
    expect(principal).to_contain_text("Nuevo")
    expect(principal).to_contain_text("Permiso para trabajar")
    expect(principal).to_contain_text("Tapachula")
    # Qué sigue, hasta cuándo y cómo seguirlo: el enlace lleva al caso.
    que_sigue = pagina.get_by_role("region", name="Qué sigue")
    expect(que_sigue).to_contain_text("A más tardar el")
    que_sigue.get_by_role("link", name="Ver el estado de mi caso").click()
    expect(pagina).to_have_url(f"{live_server.url}/participa/folio/?folio={folio}")
    expect(pagina.locator(".ms-folio")).to_have_count(0)

    # El personal lo atiende en el admin.
    contexto_admin = navegador.new_context(java_script_enabled=False, locale="es-MX")
    admin = contexto_admin.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.get_by_label("Nombre de usuario").fill("moderadora")
    admin.get_by_label("Contraseña").fill("clave-muy-larga-123")
    admin.get_by_role("button", name="Identificarse").click()
    admin.goto(live_server.url + "/admin/participa/reporte/")
    admin.get_by_role("link", name=folio).click()
    admin.get_by_label("Estado").select_option("atendido")
    admin.get_by_label("Respuesta a la persona").fill("Hablamos con la oficina; no debe pedirla.")
    admin.get_by_role("button", name="Guardar", exact=True).click()
    expect(admin.locator(".messagelist")).to_be_visible()
    contexto_admin.close()

    pagina.goto(live_server.url + "/participa/folio/")
    pagina.get_by_label("Folio").fill(folio)
    pagina.get_by_role("button", name="Consultar").click()
    principal = pagina.locator("main")
    expect(principal).to_contain_text("Atendido")
    expect(principal).to_contain_text("Hablamos con la oficina; no debe pedirla.")


def test_desde_una_oficina_el_reporte_llega_con_ella_elegida(pagina_movil_sin_js, live_server):
    pagina = pagina_movil_sin_js
    pagina.goto(live_server.url + "/ventanillas/inm-tapachula/")
    pagina.get_by_role(
        "link", name="Reportar que en esta oficina me pidieron algo distinto"
    ).click()
    expect(pagina.get_by_label("Oficina del INM (opcional)")).to_have_value("inm-tapachula")
    expect(pagina.get_by_label("Trámite (opcional)")).to_have_value("")
