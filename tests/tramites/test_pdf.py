"""El motor de PDF: solo lee estáticos del sitio, y cada documento es un PDF/UA sano."""

import http.server
import threading

import pytest

from tests.html import sopa
from tests.pdf import fuentes, lector, revision_qpdf, texto_etiquetado, texto_pdf
from tests.tramites.test_documentos import ESCRITO, SOLICITUD, datos_escrito, datos_solicitud
from tramites import pdf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/imagen.png",
        "https://example.org/fuente.woff2",
        "file:///etc/passwd",
        "data:text/plain,hola",
        pdf.BASE_URL + "static/../../config/settings.py",
        pdf.BASE_URL + "otra/cosa.css",
    ],
)
def test_el_lector_de_recursos_rechaza_todo_lo_que_no_es_estatico_del_sitio(url):
    with pytest.raises(pdf.RecursoRechazado):
        pdf.obtener_recurso(url)


def test_el_lector_de_recursos_entrega_los_estaticos_del_sitio():
    respuesta = pdf.obtener_recurso(pdf.BASE_URL + "static/css/pdf.css")
    assert b"@page" in respuesta.read()


@pytest.fixture
def servidor_espia():
    """Un servidor HTTP local que cuenta las peticiones que recibe."""
    peticiones = []

    class Manejador(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            peticiones.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    servidor = http.server.HTTPServer(("127.0.0.1", 0), Manejador)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{servidor.server_port}", peticiones
    servidor.shutdown()


def test_weasyprint_no_pide_nada_afuera_aunque_la_plantilla_lo_intente(
    servidor_espia, tmp_path, settings
):
    url, peticiones = servidor_espia
    plantillas = tmp_path / "plantillas"
    plantillas.mkdir()
    (plantillas / "ataque.html").write_text(
        f'<html lang="es"><head><title>x</title><link rel="stylesheet" href="{url}/a.css">'
        f'<style>@import url("{url}/b.css"); body {{ background: url("{url}/c.png") }}</style>'
        f'</head><body><img src="{url}/d.png"><p>Hola</p></body></html>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [plantillas, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    datos = pdf.a_pdf(pdf.renderizar("ataque.html", {}))
    assert "Hola" in texto_pdf(datos)
    assert peticiones == []


def test_lo_que_escribe_la_persona_no_se_vuelve_html(client, servidor_espia):
    url, peticiones = servidor_espia
    respuesta = client.post(
        "/tramites/permiso-para-trabajar/solicitud/",
        datos_solicitud(
            lugar_nacimiento=f'<img src="{url}/x.png">', oficina=f"<script>{url}</script>"
        ),
    )
    assert respuesta["Content-Type"] == "application/pdf"
    assert f'<img src="{url}/x.png">' in texto_pdf(respuesta.content)
    assert peticiones == []


def _solicitud(client):
    valores = ["Marisol Esperanza", "Quintero", "Ñúñez", "25/12/1990", "AB1234567"]
    return client.post(SOLICITUD, datos_solicitud()), valores


def _escrito(client):
    valores = ["Jean-Baptiste Louverture, de nacionalidad haitiana", "Av. Revolución 100"]
    return client.post(ESCRITO, datos_escrito()), valores


def _pago(client):
    url = "/tramites/permiso-para-trabajar/pago/"
    escenario = sopa(client.get(url)).select_one("input[name=escenario]")["value"]
    return client.get(url, {"escenario": escenario}), ["Permiso para trabajar"]


def _lista(client):
    url = "/tramites/permiso-para-trabajar/lista/"
    respuesta = client.get(url, {"modalidad": "cuenta-propia", "formato": "pdf"})
    return respuesta, ["Por cuenta propia: escrito bajo protesta"]


def _solicitud_oferta_en_ingles(client):
    from tests.tramites.test_solicitudes import OFERTA, datos_oferta

    respuesta = client.post(f"/en{OFERTA}", datos_oferta())
    return respuesta, ["ISU180524P76", "CIE-2026-000123", "Honduras", "Hombre"]


def _escrito_oferta(client):
    datos = datos_escrito(
        nombre_completo="Laura Méndez Ruiz",
        empresa="Ingeniería del Sureste",
        constancia="CIE-2026-000123",
        puesto="Ingeniera",
        lugar_trabajo="Mérida",
        duracion="24 meses",
        remuneracion="$45,000 al mes",
        nombre_extranjero="Carla Pérez",
        sexo_extranjero="mujer",
        nacionalidad_extranjero="CO",
    )
    respuesta = client.post("/tramites/visa-oferta-de-empleo/escrito-libre/", datos)
    return respuesta, ["Carla Pérez, ciudadana colombiana", "CIE-2026-000123"]


def _lista_en_frances(client):
    url = "/fr/tramites/permiso-para-trabajar/lista/"
    return client.get(url, {"modalidad": "cuenta-propia", "formato": "pdf"}), ["Permis"]


def _pago_en_criollo(client):
    url = "/ht/tramites/permiso-para-trabajar/pago/"
    escenario = sopa(client.get(url)).select_one("input[name=escenario]")["value"]
    return client.get(url, {"escenario": escenario}), ["e5cinco"]


@pytest.mark.parametrize(
    "documento",
    [
        _solicitud,
        _escrito,
        _pago,
        _lista,
        _solicitud_oferta_en_ingles,
        _escrito_oferta,
        _lista_en_frances,
        _pago_en_criollo,
    ],
)
def test_cada_documento_es_un_pdf_ua_sano_con_lo_escrito_legible_y_etiquetado(client, documento):
    respuesta, textos = documento(client)
    assert respuesta["Content-Type"] == "application/pdf"
    datos = respuesta.content
    revision = revision_qpdf(datos)
    assert revision.returncode == 0, revision.stdout + revision.stderr
    # PDF/UA-1 se declara sobre PDF 1.7: encabezado y versión del documento.
    assert datos.startswith(b"%PDF-1.7\n")
    documento_pdf = lector(datos)
    assert documento_pdf.pdf_version == "1.7"
    assert documento_pdf.Root.MarkInfo.Marked
    assert "/StructTreeRoot" in documento_pdf.Root
    assert str(documento_pdf.Root.Lang)
    assert str(documento_pdf.docinfo.Title)
    usadas = fuentes(datos)
    assert usadas
    assert all(f.incrustada and f.subconjunto for f in usadas), usadas
    visible, etiquetado = texto_pdf(datos), texto_etiquetado(datos)
    for texto in textos:
        assert texto in visible, texto
        assert texto in etiquetado, texto
