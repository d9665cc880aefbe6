"""Camino rápido de los PDF con datos: plantilla en blanco de WeasyPrint y valores estampados.

WeasyPrint dibuja una sola vez cada plantilla sin valores (por documento, trámite, modalidad,
idioma y día). Cada campo (`id="campo-<nombre>"`) guarda un espacio de ancho cero, que WeasyPrint
deja como un texto vacío en la línea base, etiquetado dentro del elemento de estructura del
campo. Al preparar la plantilla ese texto vacío se cambia por una forma (Form XObject) vacía del
tamaño de la caja del campo. Por petición, reportlab escribe cada valor en una página del tamaño
de su caja (Noto Sans incrustada como subconjunto, con su mapa ToUnicode) y pikepdf pone esa
página como la forma del campo. El valor queda en el contenido marcado del campo: un lector de
pantalla lo lee junto a su etiqueta y pdftotext lo extrae igual que del render completo.

Lo escrito no se guarda: todo ocurre en memoria, por petición, y no se registra.
"""

import logging
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from io import BytesIO

import pikepdf
from fontTools.ttLib import TTFont as ArchivoFuente
from pikepdf import ContentStreamInstruction, Name, Operator
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tramites import pdf

logger = logging.getLogger(__name__)

# Lo que la plantilla pone en un campo vacío: WeasyPrint deja ahí un texto vacío etiquetado.
ESPACIO_CERO = "\u200b"
# La fuente regular de static/css/pdf.css: el valor se ve como en el render completo.
FUENTE = "fonts/noto-sans-400-normal.ttf"
NOMBRE_FUENTE = "NotoSans-Valores"
# Menor tamaño al que se reduce un valor largo para que quepa en su campo.
ESCALA_MINIMA = 0.6
# line-height de .ms-campo-pdf--parrafo en static/css/pdf.css.
INTERLINEADO = 1.35
# PDF/UA-1 se apoya en ISO 32000-1, es decir, PDF 1.7.
VERSION_PDF = "1.7"


@dataclass(frozen=True)
class Fuente:
    caracteres: frozenset[int]
    descenso: float  # bajo la línea base, en em


@cache
def _fuente() -> Fuente:
    """Registra en reportlab la fuente de los valores y dice qué letras tiene."""
    ruta = pdf.ruta_estatico(FUENTE)
    pdfmetrics.registerFont(TTFont(NOMBRE_FUENTE, str(ruta)))
    archivo = ArchivoFuente(ruta)
    return Fuente(
        caracteres=frozenset(archivo.getBestCmap()),
        descenso=-archivo["hhea"].descent / archivo["head"].unitsPerEm,
    )


def _cubre(texto: str) -> bool:
    """¿Todas las letras del texto están en la fuente incrustada?"""
    caracteres = _fuente().caracteres
    texto = unicodedata.normalize("NFC", texto)
    return all(ord(letra) in caracteres for letra in texto if letra not in "\n\r\t")


@dataclass(frozen=True)
class Campo:
    nombre: str
    pagina: int
    forma: Name  # recurso de la página que se dibuja en la caja del campo
    ancho: float  # caja del campo, en px CSS
    alto: float
    # Donde WeasyPrint dejó el texto vacío, desde la esquina inferior izquierda de la caja: la
    # primera línea base, y en x el inicio, el centro o el final de la línea según `alineacion`.
    x: float
    y: float
    tamano: float  # tamaño de letra del campo, en px CSS
    alineacion: str  # "izquierda", "centro" o "derecha" (text-align del campo)

    @property
    def disponible(self) -> float:
        """Ancho de línea que tiene el valor."""
        if self.alineacion == "centro":
            return 2 * min(self.x, self.ancho - self.x)
        return self.x if self.alineacion == "derecha" else self.ancho - self.x


@dataclass(frozen=True)
class PlantillaEnBlanco:
    pdf: bytes
    campos: tuple[Campo, ...]


def _instruccion(operador: str, *operandos) -> ContentStreamInstruction:
    return ContentStreamInstruction(list(operandos), Operator(operador))


def _hueco(bloque: list, cajas: dict) -> tuple[str, float, float, float] | None:
    """Campo, punto de la línea base y tamaño de un bloque de texto BT…ET que no muestra nada."""
    matriz = tamano = None
    for instruccion in bloque:
        operador, operandos = str(instruccion.operator), instruccion.operands
        if operador == "Tm":
            matriz = [float(v) for v in operandos]
        elif operador == "Tf":
            tamano = float(operandos[1])
        elif operador == "TJ":
            if any(isinstance(v, pikepdf.String) and bytes(v) for v in operandos[0]):
                return None
        elif operador in ("Tj", "'", '"'):
            return None
    # WeasyPrint escribe cada línea con Tm 1 0 0 -1 x y (el eje y de la página va hacia abajo).
    if matriz is None or tamano is None or matriz[:4] != [1, 0, 0, -1]:
        return None
    x, y = matriz[4], matriz[5]
    for nombre, (x1, y1, x2, y2) in cajas.items():
        if x1 - 1 <= x <= x2 + 1 and y1 - 1 <= y <= y2 + 1:
            return nombre, x, y, tamano
    return None


def _alineacion(izquierda: float, derecha: float) -> str:
    """text-align del campo, visto en dónde quedó su texto de ancho cero dentro de la caja."""
    if abs(izquierda - derecha) <= 1 and izquierda > 1:
        return "centro"
    return "derecha" if derecha <= 1 < izquierda else "izquierda"


def _agrupar(instrucciones) -> Iterator[list]:
    """Las instrucciones de un contenido, con cada bloque de texto BT…ET en un solo grupo."""
    bloque = None
    for instruccion in instrucciones:
        operador = str(instruccion.operator)
        if bloque is None:
            if operador != "BT":
                yield [instruccion]
                continue
            bloque = []
        bloque.append(instruccion)
        if operador == "ET":
            yield bloque
            bloque = None


def _formas_en_los_huecos(
    documento: pikepdf.Pdf, numero: int, cajas: dict[str, tuple]
) -> list[Campo]:
    """Cambia el texto vacío de cada campo de la página por una forma vacía de su tamaño."""
    pagina = documento.pages[numero]
    pendientes = dict(cajas)
    campos, nuevas = [], []
    for grupo in _agrupar(pikepdf.parse_content_stream(pagina)):
        hueco = _hueco(grupo, pendientes)
        if hueco is None:
            nuevas += grupo
            continue
        nombre, x, y, tamano = hueco
        x1, y1, x2, y2 = pendientes.pop(nombre)
        forma = documento.make_stream(b"", Type=Name.XObject, Subtype=Name.Form)
        forma.BBox = [0, 0, x2 - x1, y2 - y1]
        recurso = pagina.add_resource(forma, Name.XObject, prefix="Campo")
        # La forma va donde estaba el texto vacío: dentro del contenido marcado del campo.
        nuevas += [
            _instruccion("q"),
            _instruccion("cm", 1, 0, 0, -1, x1, y2),
            _instruccion("Do", recurso),
            _instruccion("Q"),
        ]
        campos.append(
            Campo(
                nombre=nombre,
                pagina=numero,
                forma=recurso,
                ancho=x2 - x1,
                alto=y2 - y1,
                x=x - x1,
                y=y2 - y,
                tamano=tamano,
                alineacion=_alineacion(x - x1, x2 - x),
            )
        )
    pagina.Contents = documento.make_stream(pikepdf.unparse_content_stream(nuevas))
    return campos


def preparar(*, plantilla: str, contexto: dict) -> PlantillaEnBlanco | None:
    """Dibuja la plantilla sin valores y deja una forma vacía en cada campo.

    None si algún campo no dejó su hueco (la plantilla no sirve para estampar).
    """
    documento = pdf.renderizar(plantilla, {**contexto, "valores": {}})
    blanco = pikepdf.open(BytesIO(pdf.a_pdf(documento)))
    campos, esperados = [], set()
    for numero, pagina in enumerate(documento.pages):
        # Page.anchors: caja de cada elemento con id, en px CSS desde arriba a la izquierda.
        cajas = {
            nombre.removeprefix("campo-"): caja
            for nombre, caja in pagina.anchors.items()
            if nombre.startswith("campo-")
        }
        if cajas:
            esperados |= set(cajas)
            campos += _formas_en_los_huecos(blanco, numero, cajas)
    faltan = esperados - {campo.nombre for campo in campos}
    if faltan:
        logger.warning("PDF: %s sin hueco para %s; se dibujará completo", plantilla, sorted(faltan))
        return None
    salida = BytesIO()
    blanco.save(salida, force_version=VERSION_PDF)
    return PlantillaEnBlanco(pdf=salida.getvalue(), campos=tuple(campos))


def _acomodar(campo: Campo, valor: str) -> tuple[list[str], float]:
    """Líneas y tamaño de letra para que el valor quepa en la caja, como lo pondría WeasyPrint."""
    disponible = campo.disponible
    if campo.alto <= campo.tamano * INTERLINEADO * 1.5:
        # Campo de una línea (white-space: nowrap): los espacios y saltos cuentan como uno.
        linea = " ".join(valor.split())
        ancho = pdfmetrics.stringWidth(linea, NOMBRE_FUENTE, campo.tamano)
        if ancho <= disponible:
            return [linea], campo.tamano
        return [linea], max(campo.tamano * disponible / ancho, campo.tamano * ESCALA_MINIMA)
    # Párrafo (white-space: pre-wrap): se conservan los saltos y las líneas en blanco.
    parrafos = valor.replace("\r\n", "\n").replace("\t", " ").split("\n")
    tamano = campo.tamano
    while True:
        lineas = [
            linea
            for parrafo in parrafos
            for linea in simpleSplit(parrafo, NOMBRE_FUENTE, tamano, disponible) or [""]
        ]
        alto = (len(lineas) - 1) * tamano * INTERLINEADO + tamano * _fuente().descenso
        if alto <= campo.y or tamano <= campo.tamano * ESCALA_MINIMA:
            return lineas, tamano
        tamano = max(tamano * 0.92, campo.tamano * ESCALA_MINIMA)


def _paginas_de_valores(campos: list[Campo], valores: list[str]) -> pikepdf.Pdf:
    """Un PDF de reportlab con una página por valor, del tamaño de la caja de su campo."""
    _fuente()  # registra la fuente en reportlab antes de usarla
    salida = BytesIO()
    lienzo = canvas.Canvas(salida, initialFontName=NOMBRE_FUENTE, pageCompression=1)
    for campo, valor in zip(campos, valores, strict=True):
        lineas, tamano = _acomodar(campo, valor)
        lienzo.setPageSize((campo.ancho, campo.alto))
        lienzo.setFont(NOMBRE_FUENTE, tamano)
        escribir = {
            "izquierda": lienzo.drawString,
            "centro": lienzo.drawCentredString,
            "derecha": lienzo.drawRightString,
        }[campo.alineacion]
        for indice, linea in enumerate(lineas):
            escribir(campo.x, campo.y - indice * tamano * INTERLINEADO, linea)
        lienzo.showPage()
    return pikepdf.open(BytesIO(lienzo.getpdfdata()))


def estampar(*, plantilla: PlantillaEnBlanco, valores: dict[str, str]) -> bytes:
    """Pone cada valor en la forma de su campo y guarda el PDF (1.7) con pikepdf."""
    campos, textos = [], []
    for campo in plantilla.campos:
        # Forma compuesta: reportlab no compone acentos sueltos como lo hace WeasyPrint.
        valor = unicodedata.normalize("NFC", str(valores.get(campo.nombre) or ""))
        if valor.strip():
            campos.append(campo)
            textos.append(valor)
    documento = pikepdf.open(BytesIO(plantilla.pdf))
    if campos:
        paginas = _paginas_de_valores(campos, textos)
        for campo, pagina in zip(campos, paginas.pages, strict=True):
            forma = documento.copy_foreign(pagina.as_form_xobject())
            documento.pages[campo.pagina].add_resource(forma, Name.XObject, campo.forma)
    salida = BytesIO()
    documento.save(salida, force_version=VERSION_PDF)
    return salida.getvalue()


# Plantillas en blanco por proceso: pocas (documento × trámite × modalidad × idioma × día).
_PLANTILLAS: OrderedDict[tuple, PlantillaEnBlanco | None] = OrderedDict()
_CANDADO = threading.Lock()
MAXIMO_PLANTILLAS = 256


def plantilla_en_blanco(
    *, clave: tuple, plantilla: str, contexto: dict
) -> PlantillaEnBlanco | None:
    with _CANDADO:
        if clave in _PLANTILLAS:
            _PLANTILLAS.move_to_end(clave)
            return _PLANTILLAS[clave]
    preparada = preparar(plantilla=plantilla, contexto=contexto)
    with _CANDADO:
        _PLANTILLAS[clave] = preparada
        while len(_PLANTILLAS) > MAXIMO_PLANTILLAS:
            _PLANTILLAS.popitem(last=False)
    return preparada


def generar(*, clave: tuple, plantilla: str, contexto: dict, valores: dict[str, str]) -> bytes:
    """PDF con los valores: la plantilla en blanco en caché más los valores estampados.

    Si algún valor trae letras que la fuente incrustada no tiene (p. ej. escrituras no
    latinas), se dibuja todo con WeasyPrint, que busca otra fuente para ellas.
    """
    if not all(_cubre(str(v)) for v in valores.values() if v):
        return pdf.generar_directo(plantilla, contexto, valores)
    en_blanco = plantilla_en_blanco(clave=clave, plantilla=plantilla, contexto=contexto)
    if en_blanco is None:
        return pdf.generar_directo(plantilla, contexto, valores)
    return estampar(plantilla=en_blanco, valores=valores)
