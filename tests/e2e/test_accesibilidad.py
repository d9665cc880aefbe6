"""axe-core no encuentra violaciones de WCAG 2.2 AA en las páginas, a 360 y 1280 px."""

import pytest

from tests.e2e.accesibilidad import violaciones
from tests.e2e.navegador import ESCRITORIO, MOVIL, vigilar_csp

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("contenido")]

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
    "/tramites/cuotas/?escenario=permiso-para-trabajar:con-empleador&personas=2",
    "/tramites/cuotas/?escenario=x&personas=-1",
    "/tramites/permiso-para-trabajar/historial/",
    "/tramites/permiso-para-trabajar/solicitud/",
    "/tramites/notificacion-cambio-domicilio/escrito-libre/",
    "/tramites/permiso-para-trabajar/pago/",
    "/tramites/permiso-para-trabajar/lista/?modalidad=con-empleador",
    "/participa/",
    "/participa/reportar/",
    "/participa/solicitar-datos/",
    "/participa/solicitudes/",
    "/participa/folio/?folio=XXXX",
    "/participa/resultados/",
]


@pytest.fixture(params=[MOVIL, ESCRITORIO], ids=["360px", "1280px"])
def pagina_con_js(request, navegador, live_server):
    contexto = navegador.new_context(viewport=request.param, locale="es-MX")
    pagina = contexto.new_page()
    pagina.bloqueos_csp = vigilar_csp(pagina)
    yield pagina
    contexto.close()


@pytest.mark.parametrize("prefijo", ["", "/en"])
@pytest.mark.parametrize("ruta", PAGINAS)
def test_sin_violaciones_de_accesibilidad(pagina_con_js, live_server, ruta, prefijo):
    pagina_con_js.goto(live_server.url + prefijo + ruta)
    encontradas = violaciones(pagina_con_js)
    assert encontradas == [], encontradas
    assert pagina_con_js.bloqueos_csp == []
