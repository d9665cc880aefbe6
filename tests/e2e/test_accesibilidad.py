"""axe-core no encuentra violaciones de WCAG 2.2 AA en ninguna plantilla de página, en los cuatro
idiomas, a 360 y a 1280 px; y la Content-Security-Policy no bloquea nada de ellas.

Cada prueba es una página: la recorre en cada idioma y ancho (la base se vacía entre pruebas de
navegador, así que cargar el contenido una vez por página ahorra minutos). El mensaje de falla
dice en qué idioma y ancho está cada violación.
"""

import pytest

from tests.datos_abiertos.conftest import cargar_datos_abiertos
from tests.e2e.accesibilidad import violaciones
from tests.e2e.navegador import ESCRITORIO, MOVIL, vigilar_csp

pytestmark = [pytest.mark.e2e, pytest.mark.accesibilidad, pytest.mark.usefixtures("contenido")]

IDIOMAS = ["", "/en", "/fr", "/ht"]
ANCHOS = {"360px": MOVIL, "1280px": ESCRITORIO}

PAGINAS = [
    "/",
    "/aviso-de-privacidad/",
    "/no-existe/",
    "/tramites/",
    "/tramites/expedicion-documento-renovacion-reposicion/",
    "/tramites/buscar/?q=residente",
    "/tramites/buscar/?q=",
    "/tramites/orientador/",
    "/tramites/orientador/?donde=mexico&situacion=residente-temporal&objetivo=avisar&cambio=domicilio",
    "/tramites/orientador/?donde=mexico&situacion=inventada",
    "/tramites/orientador/?donde=mexico&temor=si",
    "/tramites/cuotas/?escenario=permiso-para-trabajar:con-empleador&personas=2",
    "/tramites/cuotas/?escenario=x&personas=-1",
    "/tramites/tiempos/",
    "/tramites/permiso-para-trabajar/historial/",
    "/tramites/permiso-para-trabajar/solicitud/",
    "/tramites/notificacion-cambio-domicilio/escrito-libre/",
    "/tramites/permiso-para-trabajar/pago/",
    "/tramites/permiso-para-trabajar/lista/?modalidad=con-empleador",
    "/datos/",
    "/datos/personas-presentadas/?entidad=07&sexo=mujer",
    "/datos/personas-presentadas/?desde=2024-05&hasta=2023-01&entidad=99",
    "/datos/personas-presentadas/diccionario/",
    "/ventanillas/",
    "/ventanillas/?tipo=ventanilla&estado=07",
    "/ventanillas/{ventanilla}/",
    "/ventanillas/{oficina}/",
    "/ventanillas/{otro_lugar}/",
    "/ventanillas/cercanas/?estado=07",
    "/ventanillas/cercanas/?estado=99",
    "/ventanillas/mapa/",
    "/ventanillas/actividades/",
    "/seguimiento/",
    "/participa/",
    "/participa/reportar/",
    "/participa/solicitar-datos/",
    "/participa/solicitudes/",
    "/participa/folio/?folio=XXXX",
    "/participa/resultados/",
    "/proteccion/",
    "/proteccion/instituciones/",
]


def _ruta(plantilla: str) -> str:
    from ventanillas.models import Lugar, Tipo

    if "{" not in plantilla:
        return plantilla
    return plantilla.format(
        ventanilla=Lugar.objects.filter(tipo=Tipo.VENTANILLA).order_by("slug").first().slug,
        oficina=Lugar.objects.filter(tipo=Tipo.OFICINA).order_by("slug").first().slug,
        otro_lugar=Lugar.objects.filter(tipo=Tipo.OTRO_LUGAR).order_by("slug").first().slug,
    )


@pytest.mark.parametrize("plantilla", PAGINAS)
def test_sin_violaciones_de_accesibilidad_en_ningun_idioma_ni_ancho(
    navegador, live_server, plantilla
):
    if plantilla.startswith("/datos/"):
        cargar_datos_abiertos(["personas-presentadas"])
    ruta = _ruta(plantilla)
    encontradas = {}
    for nombre_ancho, ancho in ANCHOS.items():
        contexto = navegador.new_context(viewport=ancho, locale="es-MX")
        try:
            pagina = contexto.new_page()
            bloqueos = vigilar_csp(pagina)
            for prefijo in IDIOMAS:
                pagina.goto(live_server.url + prefijo + ruta)
                problemas = violaciones(pagina)
                if problemas or bloqueos:
                    encontradas[f"{prefijo or '/es'} {nombre_ancho}"] = problemas + bloqueos
                bloqueos.clear()
        finally:
            contexto.close()
    assert encontradas == {}


def _revisar_en_cada_ancho(navegador, live_server, recorrido) -> dict:
    """Para páginas a las que se llega con un formulario: el recorrido deja la página abierta."""
    encontradas = {}
    for nombre_ancho, ancho in ANCHOS.items():
        contexto = navegador.new_context(viewport=ancho, locale="es-MX")
        try:
            pagina = contexto.new_page()
            bloqueos = vigilar_csp(pagina)
            for prefijo in IDIOMAS:
                recorrido(pagina, live_server.url + prefijo)
                problemas = violaciones(pagina)
                if problemas or bloqueos:
                    encontradas[f"{prefijo or '/es'} {nombre_ancho}"] = problemas + bloqueos
                bloqueos.clear()
        finally:
            contexto.close()
    return encontradas


def test_la_pagina_de_estado_de_una_solicitud(navegador, live_server):
    from seguimiento import muestra

    muestra.generar(solicitudes=5, forzar=True)

    def consultar(pagina, base):
        pagina.goto(base + "/seguimiento/")
        pagina.locator("[name=nut]").fill(muestra.NUT_CONOCIDO)
        pagina.locator("[name=contrasena]").fill(muestra.CONTRASENA_CONOCIDA)
        pagina.locator("main form button[type=submit]").click()
        pagina.locator(".ms-historial-estatus").wait_for()

    assert _revisar_en_cada_ancho(navegador, live_server, consultar) == {}


def test_el_registro_de_atenciones_del_personal(navegador, live_server):
    from tests.ventanillas.conftest import crear_personal

    crear_personal("slp", "ventanilla-san-luis-potosi")

    def registrar(pagina, base):
        pagina.goto(base + "/ventanillas/registro/")
        if pagina.locator("[name=username]").count():
            pagina.locator("[name=username]").fill("slp")
            pagina.locator("[name=password]").fill("clave-de-prueba-larga-123")
            pagina.locator("main form [type=submit]").click()
        # Enviado vacío: la página con sus mensajes de error también debe ser accesible.
        pagina.locator("main form [type=submit]").last.click()
        pagina.locator(".ms-resumen-errores").wait_for()

    assert _revisar_en_cada_ancho(navegador, live_server, registrar) == {}


def test_las_paginas_de_falla(navegador, live_server):
    """503 (base caída) y 403 (formulario sin ficha CSRF): sin plantilla base, igual accesibles."""

    def falla_csrf(pagina, base):
        pagina.goto(base + "/seguimiento/")
        pagina.context.clear_cookies()
        pagina.locator("[name=nut]").fill("X")
        pagina.locator("[name=contrasena]").fill("X")
        pagina.locator("main form button[type=submit]").click()
        pagina.get_by_role("heading", name="No se pudo enviar el formulario").wait_for()

    assert _revisar_en_cada_ancho(navegador, live_server, falla_csrf) == {}

    from config.resiliencia import pagina_503

    # La página de base caída, servida en una dirección del sitio (con su hoja de estilo).
    html = pagina_503().content.decode()

    def base_caida(pagina, base):
        pagina.route(
            base + "/base-caida/",
            lambda ruta: ruta.fulfill(status=503, body=html, content_type="text/html"),
        )
        pagina.goto(base + "/base-caida/")

    assert _revisar_en_cada_ancho(navegador, live_server, base_caida) == {}
