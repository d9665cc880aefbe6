"""Reportes que llevan a algún lado: llegan con el trámite y la oficina ya elegidos desde la ficha
o la oficina, y la confirmación dice qué sigue, hasta cuándo y cómo seguir el folio."""

from datetime import timedelta
from http import HTTPStatus

import pytest

from participa.models import Estado, Reporte
from participa.moderacion import cambiar_estado
from participa.resultados import reportes_por_oficina
from tests.html import sopa, texto
from tests.participa.test_participa import sello_viejo
from ventanillas.models import Lugar

pytestmark = pytest.mark.django_db

FICHA = "/tramites/permiso-para-trabajar/"


def elegida(html, nombre: str) -> str:
    """El valor que el navegador mandaría en la lista `nombre` tal como llega la página."""
    opcion = html.find("select", attrs={"name": nombre}).find("option", selected=True)
    return opcion["value"] if opcion else ""


def reportar(client, **cambios):
    datos = {
        "tipo": "requisito",
        "tramite": "permiso-para-trabajar",
        "lugar": "inm-tapachula",
        "oficina": "",
        "descripcion": "Me pidieron una carta de trabajo que no está publicada.",
        "sello": sello_viejo(),
        "sitio_web": "",
    }
    datos.update(cambios)
    return client.post("/participa/reportar/", datos, follow=True)


def test_desde_la_ficha_el_reporte_llega_con_el_tramite_elegido(client):
    enlace = sopa(client.get(FICHA)).find("a", string="Reportar que me pidieron algo distinto")
    formulario = sopa(client.get(enlace["href"]))
    assert elegida(formulario, "tramite") == "permiso-para-trabajar"
    assert elegida(formulario, "lugar") == ""
    # El trámite elegido se ve como tal, no solo en el valor.
    opcion = formulario.find("select", attrs={"name": "tramite"}).find("option", selected=True)
    assert texto(opcion) == "Permiso para trabajar"


def test_desde_una_oficina_el_reporte_llega_con_la_oficina_elegida(client):
    pagina = sopa(client.get("/ventanillas/inm-tapachula/"))
    enlace = pagina.find("a", string=lambda t: t and t.startswith("Reportar que en esta oficina"))
    formulario = sopa(client.get(enlace["href"]))
    assert elegida(formulario, "lugar") == "inm-tapachula"
    assert elegida(formulario, "tramite") == ""


def test_una_ventanilla_no_ofrece_reportar_una_oficina_del_inm(client):
    pagina = texto(sopa(client.get("/ventanillas/ventanilla-tapachula/")).find("main"))
    assert "Reportar que en esta oficina" not in pagina


def test_la_lista_de_oficinas_trae_solo_oficinas_del_inm_con_su_estado(client):
    lista = sopa(client.get("/participa/reportar/")).find("select", attrs={"name": "lugar"})
    valores = [o["value"] for o in lista.find_all("option") if o["value"]]
    assert len(valores) == Lugar.objects.publicados().oficinas().count()
    assert "ventanilla-tapachula" not in valores
    tapachula = lista.find("option", value="inm-tapachula")
    assert texto(tapachula).startswith("Chiapas — ")


@pytest.mark.parametrize(
    "consulta",
    [
        "?tramite=no-existe&lugar=tampoco",
        # Una ventanilla no es una oficina del INM.
        "?tramite=&lugar=ventanilla-tapachula",
        "?tramite=%00x&lugar=" + "x" * 500,
    ],
)
def test_lo_desconocido_en_la_direccion_se_ignora_sin_error(client, consulta):
    respuesta = client.get("/participa/reportar/" + consulta)
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert html.select_one(".ms-resumen-errores") is None
    assert html.select_one(".ms-campo--error") is None
    assert (elegida(html, "tramite"), elegida(html, "lugar")) == ("", "")


def test_una_oficina_que_no_esta_en_la_lista_al_enviar_es_un_error(client):
    html = sopa(reportar(client, lugar="ventanilla-tapachula"))
    assert "Elija una oficina de la lista" in texto(html.find(id="id_lugar_error"))
    assert not Reporte.objects.exists()


def test_el_reporte_guarda_la_oficina_y_la_confirmacion_dice_que_sigue(
    client, dia_de_la_referencia
):
    respuesta = reportar(client, contacto_correo="ana@example.org")
    reporte = Reporte.objects.get()
    assert reporte.lugar.slug == "inm-tapachula"
    assert reporte.tramite.slug == "permiso-para-trabajar"

    principal = sopa(respuesta).find("main")
    que_sigue = principal.find(id="que-sigue").parent
    lo_que_sigue = texto(que_sigue)
    # Qué pasa: la moderación (estados) y las cifras públicas.
    assert "lo marca «En revisión»" in lo_que_sigue
    assert "«Atendido» o «Descartado»" in lo_que_sigue
    assert que_sigue.find("a", href="/participa/resultados/")
    # Hasta cuándo: 15 días naturales (PARTICIPA_PLAZO_RESPUESTA_DIAS) desde el 23 de noviembre.
    assert "A más tardar el 8 de diciembre de 2026 (15 días después de recibirlo)" in lo_que_sigue
    # Cómo seguirlo: la consulta de folios y un enlace directo al caso.
    assert reporte.folio in lo_que_sigue
    assert que_sigue.find("a", href="/participa/folio/")
    assert que_sigue.find("a", href=f"/participa/folio/?folio={reporte.folio}")
    assert "se borra 180 días después de cerrar su caso" in lo_que_sigue
    assert "no es una queja ante el Instituto" in lo_que_sigue
    # El resumen del caso confirma lo que se eligió.
    resumen = texto(principal.find("dl"))
    assert "Trámite Permiso para trabajar" in resumen
    assert reporte.lugar.nombre in resumen


def test_el_plazo_de_respuesta_sale_de_la_configuracion(client, settings, dia_de_la_referencia):
    settings.PARTICIPA_PLAZO_RESPUESTA_DIAS = 5
    formulario = texto(sopa(client.get("/participa/reportar/")).find("main"))
    assert "Le respondemos en un máximo de 5 días" in formulario
    confirmacion = texto(sopa(reportar(client)).find(id="que-sigue").parent)
    assert "A más tardar el 28 de noviembre de 2026 (5 días después de recibirlo)" in confirmacion


def test_un_caso_cerrado_ya_no_promete_fecha(client):
    reporte = Reporte.objects.create(tipo="cuota", descripcion="Me cobraron de más.")
    cambiar_estado(reporte, Estado.ATENDIDO)
    principal = sopa(client.get("/participa/folio/", {"folio": reporte.folio})).find("main")
    assert principal.find(id="que-sigue") is None
    assert "Atendido" in texto(principal)


def test_un_caso_abierto_que_paso_el_plazo_lo_reconoce_y_el_personal_lo_ve(
    client, admin_client, time_machine, dia_de_la_referencia
):
    atrasado = Reporte.objects.create(tipo="cuota", descripcion="Me cobraron de más.")
    time_machine.move_to(dia_de_la_referencia + timedelta(days=20))
    al_dia = Reporte.objects.create(tipo="plazo", descripcion="No me respondieron.")

    pagina = texto(sopa(client.get("/participa/folio/", {"folio": atrasado.folio})).find("main"))
    assert "Debíamos responderle a más tardar el 8 de diciembre de 2026" in pagina
    pagina = texto(sopa(client.get("/participa/folio/", {"folio": al_dia.folio})).find("main"))
    assert "Debíamos responderle" not in pagina

    cola = texto(sopa(admin_client.get("/admin/participa/reporte/", {"plazo": "vencido"})))
    assert atrasado.folio in cola
    assert al_dia.folio not in cola
    assert "2026-12-08 (vencido)" in cola


def test_la_solicitud_de_datos_dice_que_puede_publicarse(client):
    respuesta = client.post(
        "/participa/solicitar-datos/",
        {
            "titulo": "Tarjetas por municipio",
            "descripcion": "Para un estudio.",
            "sello": sello_viejo(),
            "sitio_web": "",
        },
        follow=True,
    )
    que_sigue = texto(sopa(respuesta).find(id="que-sigue").parent)
    assert "la publicamos sin sus datos personales" in que_sigue
    assert "queja" not in que_sigue


def test_las_cifras_cuentan_la_oficina_elegida_o_la_escrita(client):
    tapachula = Lugar.objects.get(slug="inm-tapachula")
    Reporte.objects.create(tipo="cuota", descripcion="x", lugar=tapachula)
    Reporte.objects.create(tipo="cuota", descripcion="x", lugar=tapachula, oficina="ventanilla 3")
    Reporte.objects.create(tipo="cuota", descripcion="x", oficina="Tijuana")
    Reporte.objects.create(tipo="cuota", descripcion="x")
    desde = Reporte.objects.order_by("creado").first().creado
    cuentas = {b.etiqueta: b.valor for b in reportes_por_oficina(desde).barras}
    assert cuentas == {tapachula.nombre: 2, "Tijuana": 1}
