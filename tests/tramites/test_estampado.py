"""El camino rápido (plantilla en blanco + valores estampados) da el mismo documento que WeasyPrint."""

import pytest
from django.utils import translation
from PIL import ImageChops

from tests.pdf import imagenes, texto_en_orden, texto_etiquetado, texto_pdf
from tests.tramites.test_documentos import datos_escrito, datos_solicitud
from tramites import documentos, estampado, pdf
from tramites.escritos import ESCRITOS, valores_escrito
from tramites.models import Tramite
from tramites.solicitudes import SolicitudForm

pytestmark = pytest.mark.django_db

PARRAFOS = "\n\n".join(
    f"Párrafo {numero}: el señor Muñoz pidió una corrección del año pasado, según consta en el "
    "acuse de recibo que se anexa, sin que hasta la fecha haya respuesta del Instituto."
    for numero in range(1, 5)
)


def _solicitud() -> tuple[str, dict, dict]:
    tramite = Tramite.objects.con_detalle().get(slug="permiso-para-trabajar")
    modalidad = tramite.modalidades.get(slug="con-empleador")
    formulario = SolicitudForm(datos_solicitud(), tramite=tramite)
    assert formulario.is_valid(), formulario.errors
    with translation.override("es-mx"):
        contexto = documentos.contexto_solicitud(
            tramite=tramite,
            modalidad=modalidad,
            declaracion=formulario.declaracion,
            sitio="http://testserver",
        )
    return "documentos/solicitud.html", contexto, formulario.valores()


def _escrito() -> tuple[str, dict, dict]:
    tramite = Tramite.objects.con_detalle().get(slug="notificacion-cambio-domicilio")
    tipo = ESCRITOS[tramite.slug]
    formulario = tipo.formulario(datos_escrito())
    assert formulario.is_valid(), formulario.errors
    with translation.override("es-mx"):
        contexto = documentos.contexto_escrito(
            tramite=tramite, tipo=tipo, sitio="http://testserver"
        )
    return "documentos/escrito.html", contexto, valores_escrito(tipo, formulario)


def _los_dos_caminos(documento, cambios: dict, clave: str) -> tuple[bytes, bytes]:
    plantilla, extra, valores = documento()
    contexto = {
        "sitio": "http://testserver",
        "generado": documentos._hoy(),
        "hueco": estampado.ESPACIO_CERO,
        "idioma": "es-mx",
        **extra,
    }
    valores = {**valores, **cambios}
    with translation.override("es-mx"):
        directo = pdf.generar_directo(plantilla, contexto, valores)
        rapido = estampado.generar(
            clave=(clave,), plantilla=plantilla, contexto=contexto, valores=valores
        )
    return directo, rapido


def _pixeles_distintos(a: bytes, b: bytes) -> float:
    paginas_a, paginas_b = imagenes(a), imagenes(b)
    assert len(paginas_a) == len(paginas_b)
    return max(
        ImageChops.difference(x, y).point(lambda v: 255 if v > 96 else 0).histogram()[255]
        / (x.width * x.height)
        for x, y in zip(paginas_a, paginas_b, strict=True)
    )


# Valores que caben a su tamaño: el mismo texto en la página y la misma imagen, salvo el
# interletrado (kerning), que aplica WeasyPrint y el estampado no: en renglones largos corre
# algunas letras un píxel.
@pytest.mark.parametrize(
    ("documento", "cambios", "pixeles_distintos"),
    [
        pytest.param(_solicitud, {}, 0.0005, id="solicitud-con-acentos-y-enie"),
        pytest.param(_escrito, {}, 0.006, id="escrito-con-parrafos-que-se-parten"),
        pytest.param(
            _escrito,
            {"cuerpo": "Primera línea\nSegunda línea\n\nTras una línea en blanco"},
            # La petición, de dos renglones, sigue partiéndose con su interletrado.
            0.003,
            id="escrito-con-saltos-de-linea",
        ),
    ],
)
def test_el_camino_rapido_se_ve_y_se_lee_como_el_render_completo(
    documento, cambios, pixeles_distintos, request
):
    directo, rapido = _los_dos_caminos(documento, cambios, request.node.name)
    assert texto_pdf(rapido) == texto_pdf(directo)
    assert texto_en_orden(rapido) == texto_en_orden(directo)
    assert _pixeles_distintos(directo, rapido) < pixeles_distintos


# Valores que no caben: el estampado reduce la letra hasta que caben en su caja (WeasyPrint
# los corta en el borde, pero su texto sigue ahí); en el orden del contenido es el mismo texto.
@pytest.mark.parametrize(
    ("documento", "campo", "valor"),
    [
        pytest.param(
            _solicitud,
            "nombre",
            "María de los Ángeles Guadalupe Fernández Ñúñez",
            id="nombre-largo",
        ),
        pytest.param(
            _escrito, "cuerpo", f"{PARRAFOS}\n\n{PARRAFOS}\n\n{PARRAFOS}", id="cuerpo-largo"
        ),
    ],
)
def test_un_valor_largo_se_reduce_y_queda_entero_en_su_caja(documento, campo, valor, request):
    directo, rapido = _los_dos_caminos(documento, {campo: valor}, request.node.name)
    assert texto_en_orden(rapido) == texto_en_orden(directo)
    # En la página se lee de corrido: no se encima con el campo de al lado ni con la firma.
    assert " ".join(valor.split()) in texto_pdf(rapido)


def test_un_lector_de_pantalla_lee_cada_valor_junto_a_su_etiqueta():
    _directo, rapido = _los_dos_caminos(_solicitud, {}, "etiquetas")
    etiquetado = texto_etiquetado(rapido)
    for etiqueta_y_valor in (
        "Nombre o nombres Marisol Esperanza",
        "Primer apellido Quintero",
        "Segundo apellido Ñúñez",
        "Fecha de nacimiento 25/12/1990",
        "Calle y número Calle Cuarta Poniente 128",
    ):
        assert etiqueta_y_valor in etiquetado


def test_letras_que_la_fuente_no_tiene_se_dibujan_con_el_render_completo():
    cambios = {"nombre": "Ильич", "primer_apellido": "Ли"}
    directo, rapido = _los_dos_caminos(_solicitud, cambios, "otra-escritura")
    assert "Ильич" in texto_pdf(rapido)
    assert "Ли" in texto_pdf(rapido)
    # WeasyPrint buscó otra fuente para esas letras: el documento es idéntico al completo.
    assert _pixeles_distintos(directo, rapido) == 0


def test_una_plantilla_con_un_campo_sin_hueco_se_dibuja_completa(tmp_path, settings):
    plantillas = tmp_path / "plantillas"
    plantillas.mkdir()
    # Sin el espacio de ancho cero, el campo vacío no deja dónde estampar su valor.
    (plantillas / "sin_hueco.html").write_text(
        '<html lang="es-mx"><head><title>Prueba</title></head><body>'
        '<p>Nombre: <span id="campo-nombre">{{ valores.nombre }}</span></p></body></html>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [plantillas, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    datos = estampado.generar(
        clave=("sin-hueco",), plantilla="sin_hueco.html", contexto={}, valores={"nombre": "Ana"}
    )
    assert "Nombre: Ana" in texto_pdf(datos)
