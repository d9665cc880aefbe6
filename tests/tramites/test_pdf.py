"""El motor de PDF: solo lee estáticos del sitio, y el camino rápido se ve como el lento."""

import http.server
import threading

import pytest
from django.utils import translation
from PIL import ImageChops

from tests.pdf import imagenes, lector, texto_pdf
from tests.tramites.test_documentos import datos_solicitud
from tramites import documentos, pdf
from tramites.forms import SolicitudForm
from tramites.models import Tramite

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


def _contexto_y_valores():
    tramite = Tramite.objects.con_detalle().get(slug="permiso-para-trabajar")
    modalidad = tramite.modalidades.get(slug="con-empleador")
    formulario = SolicitudForm(datos_solicitud(), tramite=tramite)
    assert formulario.is_valid(), formulario.errors
    contexto = {
        "tramite": tramite,
        "titulo": f"Solicitud: {tramite.nombre}",
        "sitio": "http://testserver",
        "generado": documentos._hoy(),
        "hueco": pdf.ESPACIO_CERO,
        "idioma": "es-mx",
        "modalidad": modalidad,
        "requisitos": documentos.requisitos_de(tramite, modalidad),
        "cuotas": documentos.cuotas_de(tramite, modalidad),
        "url_formato": "https://www.inm.gob.mx/tramites/publico/estancia.html",
    }
    return contexto, formulario.valores()


def test_el_camino_rapido_se_ve_igual_que_el_lento_y_tiene_el_mismo_texto():
    contexto, valores = _contexto_y_valores()
    with translation.override("es-mx"):
        lento = pdf.generar_directo("documentos/solicitud.html", contexto, valores)
        rapido = pdf.generar(
            clave=("prueba",),
            plantilla="documentos/solicitud.html",
            contexto=contexto,
            valores=valores,
        )
    assert texto_pdf(rapido) == texto_pdf(lento)
    paginas_lento, paginas_rapido = imagenes(lento), imagenes(rapido)
    assert len(paginas_lento) == len(paginas_rapido)
    for a, b in zip(paginas_lento, paginas_rapido, strict=True):
        diferencia = ImageChops.difference(a, b).point(lambda v: 255 if v > 96 else 0)
        distintos = diferencia.histogram()[255]
        # Solo el interletrado (kerning) puede mover algún píxel de lugar.
        assert distintos / (a.width * a.height) < 0.002


def test_el_valor_estampado_queda_en_el_arbol_de_etiquetas():
    """El valor va dentro del contenido marcado del campo: un lector de pantalla lo lee."""
    contexto, valores = _contexto_y_valores()
    with translation.override("es-mx"):
        rapido = pdf.generar(
            clave=("prueba-etiquetas",),
            plantilla="documentos/solicitud.html",
            contexto=contexto,
            valores=valores,
        )
    contenido = lector(rapido).pages[0].get_contents().get_data()
    inicio = contenido.index(b"/FV0")
    # El texto estampado está entre un BDC con MCID y su EMC.
    assert contenido.rfind(b"BDC", 0, inicio) > contenido.rfind(b"EMC", 0, inicio)
