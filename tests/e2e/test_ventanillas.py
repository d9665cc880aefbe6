"""Recorridos de ventanillas en Chromium: buscar lo cercano sin JS en un teléfono, el mapa y el
registro rápido de una atención con el teclado."""

import importlib.util
import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from ventanillas.agregados import atenciones_mensuales
from ventanillas.models import Atencion

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("contenido")]


def test_elegir_un_estado_ver_lo_cercano_y_llamar(pagina_movil_sin_js, live_server):
    pagina = pagina_movil_sin_js
    pagina.goto(live_server.url + "/ventanillas/")
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 360
    pagina.get_by_role("link", name="Buscar las más cercanas a su estado o municipio").click()
    pagina.get_by_label("Estado donde está").select_option(label="Tabasco")
    pagina.get_by_role("button", name="Buscar").click()
    expect(pagina.get_by_role("heading", name=re.compile("Los más cercanos"))).to_be_visible()
    resultados = pagina.locator(".ms-lugares__elemento")
    expect(resultados).to_have_count(10)
    primero = resultados.first
    expect(primero).to_contain_text("Oficina del INM en Villahermosa")
    # El servicio, con su postura: solo lo dice la prensa.
    expect(primero.locator("dd").last).to_have_text(
        "Presentar trámites migratorios Fuente no oficial: confírmelo"
    )
    expect(pagina.get_by_text(re.compile("Distancias aproximadas"))).to_be_visible()
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 360
    # Afinar por municipio, sin JavaScript: el formulario ya ofrece los de Tabasco.
    expect(pagina.get_by_label("Municipio, para afinar")).to_be_visible()
    primero.get_by_role("link").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text(
        "Oficina del INM en Villahermosa (Oficina de Representación en Tabasco)"
    )
    llamar = pagina.get_by_role("link", name="993 313 6105")
    expect(llamar).to_have_attribute("href", "tel:+529933136105")
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 360


def test_un_estado_desconocido_en_la_direccion_se_explica(pagina_movil_sin_js, live_server):
    pagina = pagina_movil_sin_js
    pagina.goto(live_server.url + "/ventanillas/cercanas/?estado=narnia")
    expect(pagina.get_by_role("alert")).to_contain_text("Elija un estado de la lista.")


def test_el_mapa_muestra_todos_los_marcadores_sin_javascript(pagina_movil_sin_js, live_server):
    pagina = pagina_movil_sin_js
    pagina.goto(live_server.url + "/ventanillas/mapa/")
    marcadores = pagina.locator("svg a.ms-mapa__marcador")
    expect(marcadores).to_have_count(62)
    for indice in range(62):
        expect(marcadores.nth(indice)).to_be_visible()
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 360
    pagina.locator("#marcador-inm-merida").click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Mérida")


def test_con_javascript_se_ofrece_usar_la_ubicacion(navegador, live_server):
    contexto = navegador.new_context(
        geolocation={"latitude": 32.51, "longitude": -117.03},
        permissions=["geolocation"],
        locale="es-MX",
    )
    pagina = contexto.new_page()
    peticiones = []
    pagina.on("request", lambda r: peticiones.append(r.url))
    pagina.goto(live_server.url + "/ventanillas/cercanas/")
    pagina.get_by_role("button", name="Usar mi ubicación").click()
    expect(pagina.get_by_role("heading", name="Los más cercanos a su ubicación")).to_be_visible()
    expect(pagina.locator(".ms-lugares__donde").first).to_contain_text("Tijuana")
    assert all(u.startswith(live_server.url) for u in peticiones)
    contexto.close()


def _entrar(pagina, live_server, usuario):
    pagina.goto(live_server.url + "/ventanillas/registro/")
    pagina.get_by_label("Nombre de usuario").fill(usuario)
    pagina.get_by_label("Contraseña").fill("clave-de-prueba-larga-123")
    pagina.get_by_role("button", name=re.compile("Identificarse|Iniciar sesión|Log in")).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Registrar una atención")


def test_registrar_una_atencion_solo_con_el_teclado(navegador, live_server):
    from tests.ventanillas.conftest import crear_personal

    crear_personal("slp", "ventanilla-san-luis-potosi")
    crear_personal("tapachula", "ventanilla-tapachula")
    contexto = navegador.new_context(java_script_enabled=False, locale="es-MX")
    pagina = contexto.new_page()
    _entrar(pagina, live_server, "slp")

    teclas_de_movimiento = 0

    def mover(tecla):
        nonlocal teclas_de_movimiento
        teclas_de_movimiento += 1
        pagina.keyboard.press(tecla)

    # El foco ya está en «Sexo». Las demás teclas son elecciones.
    expect(pagina.locator("input[name=sexo]").first).to_be_focused()
    pagina.keyboard.press("Space")  # Mujer
    mover("Tab")
    pagina.keyboard.press("ArrowRight")  # 12 a 17
    pagina.keyboard.press("ArrowRight")  # 18 a 29
    mover("Tab")
    pagina.keyboard.press("Space")  # En tránsito
    mover("Tab")
    # Búsqueda por las primeras letras de la lista; pocas letras para que la pausa entre
    # teclas de una máquina cargada no reinicie la búsqueda del navegador.
    pagina.keyboard.type("Ho")
    expect(pagina.get_by_label("Nacionalidad")).to_have_value("HN")
    mover("Tab")
    pagina.keyboard.press("Space")  # Orientación sobre trámites migratorios
    mover("Enter")
    assert teclas_de_movimiento < 10

    expect(pagina.locator(".ms-aviso--success")).to_contain_text("Atención guardada")
    atencion = Atencion.objects.get()
    assert (atencion.sexo, atencion.grupo_edad, atencion.perfil) == ("mujer", "18-29", "transito")
    assert atencion.nacionalidad.code == "HN"
    assert list(atencion.servicios.values_list("servicio", flat=True)) == ["orientacion-tramites"]
    assert atencion.ventanilla.slug == "ventanilla-san-luis-potosi"

    # Otra ventanilla no ve este registro.
    contexto.clear_cookies()
    _entrar(pagina, live_server, "tapachula")
    pagina.goto(live_server.url + "/ventanillas/registro/atenciones/")
    expect(pagina.get_by_text("Todavía no hay atenciones registradas.")).to_be_visible()

    # El agregado del mes ya cuenta esta atención.
    fila = atenciones_mensuales()[0]
    assert fila["ventanilla"] == "ventanilla-san-luis-potosi"
    assert fila["entidad"] == "24"
    assert fila["nacionalidad"] == "HN"
    assert fila["atenciones"] == 1
    # …y aparece en el conjunto de datos abiertos (suprimida: es una sola atención).
    if importlib.util.find_spec("datos_abiertos.publicacion"):
        from datos_abiertos import catalogo
        from datos_abiertos.models import ConjuntoDatos, Observacion

        if not ConjuntoDatos.objects.filter(slug="atenciones-ventanillas").exists():
            catalogo.cargar()
        call_command("publicar_atenciones", stdout=StringIO())
        celda = Observacion.objects.get(
            conjunto__slug="atenciones-ventanillas",
            ventanilla="ventanilla-san-luis-potosi",
            periodo=fila["periodo"],
        )
        assert celda.suprimido
    contexto.close()


def test_una_casilla_urgente_muestra_el_directorio_al_instante_sin_javascript(
    pagina_sin_js, live_server
):
    from tests.ventanillas.conftest import crear_personal

    crear_personal("slp", "ventanilla-san-luis-potosi")
    pagina = pagina_sin_js
    _entrar(pagina, live_server, "slp")
    directorio = pagina.locator(".ms-registro__directorio")
    expect(directorio).to_be_hidden()
    pagina.get_by_label(re.compile("Quiere pedir refugio")).check()
    expect(directorio).to_be_visible()
    expect(directorio).to_contain_text("No tenemos todavía instituciones de canalización")
    expect(directorio.get_by_role("link", name="800 004 6264")).to_be_visible()
    assert User.objects.filter(username="slp").exists()
