"""PDF de los trámites con WeasyPrint, rápidos y accesibles, sin guardar lo que se escribió.

Dos caminos producen el mismo documento:

- `renderizar`: WeasyPrint dibuja la plantilla completa con los valores (lento, cientos de ms).
- `generar`: WeasyPrint dibuja una sola vez la plantilla «en blanco» (por documento, trámite,
  modalidad, idioma y día) y luego, por petición, se escriben los valores en su lugar. Cada campo
  de la plantilla es un elemento con `id="campo-<nombre>"` que contiene un espacio de ancho cero;
  WeasyPrint lo deja como un bloque de texto vacío dentro de su propia etiqueta del árbol de
  estructura (PDF/UA). Aquí se reemplaza ese texto vacío por el valor, con una copia completa de
  Noto Sans incrustada: el valor queda etiquetado (lo lee un lector de pantalla), se puede
  seleccionar y copiar (pdftotext lo muestra) y se ve igual que en el camino lento.

WeasyPrint solo puede leer los archivos estáticos del propio sitio (`obtener_recurso`):
cualquier otra dirección se rechaza, venga de una plantilla o de lo que escribió la persona.
"""

import logging
import mimetypes
import re
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Las plantillas piden los estáticos con esta base; no es una dirección real de la red.
BASE_URL = "https://documentos.invalid/"
ESPACIO_CERO = "\u200b"
FUENTES_VALORES = (
    "fonts/noto-sans-latin-400-normal.woff2",
    "fonts/noto-sans-latin-ext-400-normal.woff2",
)
# Menor tamaño al que se reduce un valor largo para que quepa en su campo.
ESCALA_MINIMA = 0.6
INTERLINEADO = 1.35


class RecursoRechazado(ValueError):
    """WeasyPrint quiso leer algo que no es un estático del sitio."""


def _ruta_estatico(relativa: str) -> Path | None:
    relativa = relativa.split("?", 1)[0].split("#", 1)[0]
    if ".." in Path(relativa).parts:
        return None
    recolectado = Path(settings.STATIC_ROOT) / relativa
    if recolectado.is_file():
        return recolectado
    encontrado = finders.find(relativa)
    if encontrado:
        return Path(encontrado)
    # Nombre con huella (sitio.ab12cd.css) sin recolectar: se busca el original.
    sin_huella = re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", relativa)
    encontrado = finders.find(sin_huella) if sin_huella != relativa else None
    return Path(encontrado) if encontrado else None


class RecursosDelSitio(URLFetcher):
    """url_fetcher de WeasyPrint: solo estáticos del propio sitio, leídos del disco.

    Nunca abre la red: no llama a `URLFetcher.fetch`, que sí lo haría.
    """

    def fetch(self, url, headers=None):
        prefijo = BASE_URL.rstrip("/") + settings.STATIC_URL
        if not url.startswith(prefijo):
            logger.warning("PDF: recurso rechazado (no es un estático del sitio)")
            raise RecursoRechazado(url[:80])
        ruta = _ruta_estatico(url[len(prefijo) :])
        if ruta is None:
            raise RecursoRechazado(url[:80])
        tipo, _ = mimetypes.guess_type(ruta.name)
        return URLFetcherResponse(
            url, ruta.read_bytes(), {"Content-Type": tipo or "application/octet-stream"}
        )


obtener_recurso = RecursosDelSitio()


def _html(plantilla: str, contexto: dict) -> str:
    return render_to_string(plantilla, contexto)


def renderizar(plantilla: str, contexto: dict) -> weasyprint.Document:
    return weasyprint.HTML(
        string=_html(plantilla, contexto), base_url=BASE_URL, url_fetcher=obtener_recurso
    ).render()


def a_pdf(documento: weasyprint.Document) -> bytes:
    # PDF/UA: etiquetado, con título e idioma tomados del <title> y del lang de la plantilla.
    return documento.write_pdf(pdf_variant="pdf/ua-1")


def generar_directo(plantilla: str, contexto: dict, valores: dict) -> bytes:
    """Camino lento de referencia: WeasyPrint dibuja todo con los valores."""
    return a_pdf(renderizar(plantilla, {**contexto, "valores": valores}))


# ---------------------------------------------------------------------------------------------
# Fuentes para escribir los valores


@dataclass(frozen=True)
class FuenteValores:
    nombre: str  # nombre del recurso en la página, p. ej. /FV0
    ttf: bytes
    glifos: dict[int, int]  # punto de código → glifo
    anchos: dict[int, int]  # glifo → avance en milésimas de em
    ascenso: float  # en em


@cache
def fuentes_valores() -> tuple[FuenteValores, ...]:
    fuentes = []
    for indice, relativa in enumerate(FUENTES_VALORES):
        ruta = _ruta_estatico(relativa)
        fuente = TTFont(ruta)
        fuente.flavor = None
        salida = BytesIO()
        fuente.save(salida)
        por_em = fuente["head"].unitsPerEm
        orden = {nombre: i for i, nombre in enumerate(fuente.getGlyphOrder())}
        glifos = {codigo: orden[nombre] for codigo, nombre in fuente.getBestCmap().items()}
        anchos = {
            orden[nombre]: round(avance * 1000 / por_em)
            for nombre, (avance, _lsb) in fuente["hmtx"].metrics.items()
        }
        fuentes.append(
            FuenteValores(
                nombre=f"/FV{indice}",
                ttf=salida.getvalue(),
                glifos=glifos,
                anchos=anchos,
                ascenso=fuente["hhea"].ascent / por_em,
            )
        )
    return tuple(fuentes)


def cubre(texto: str) -> bool:
    """¿Todas las letras del texto están en las fuentes incrustables?"""
    fuentes = fuentes_valores()
    return all(any(ord(c) in f.glifos for f in fuentes) for c in texto if c not in "\n\r\t")


def _agregar_fuente(escritor: PdfWriter, fuente: FuenteValores):
    """Type0/CIDFontType2 con Identity-H y ToUnicode completo (como las de WeasyPrint)."""
    archivo = StreamObject()
    archivo.set_data(fuente.ttf)
    archivo[NameObject("/Length1")] = NumberObject(len(fuente.ttf))
    archivo = archivo.flate_encode()
    tt = TTFont(BytesIO(fuente.ttf))
    por_em = tt["head"].unitsPerEm

    def escala(valor):
        return NumberObject(round(valor * 1000 / por_em))

    base = NameObject("/" + f"TMVAL{fuente.nombre[3:]}+NotoSans-Regular")
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): base,
            NameObject("/Flags"): NumberObject(32),
            NameObject("/FontBBox"): ArrayObject(
                [
                    escala(tt["head"].xMin),
                    escala(tt["head"].yMin),
                    escala(tt["head"].xMax),
                    escala(tt["head"].yMax),
                ]
            ),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): escala(tt["hhea"].ascent),
            NameObject("/Descent"): escala(tt["hhea"].descent),
            NameObject("/CapHeight"): escala(getattr(tt["OS/2"], "sCapHeight", tt["hhea"].ascent)),
            NameObject("/StemV"): NumberObject(80),
            NameObject("/FontFile2"): escritor._add_object(archivo),
        }
    )
    total = max(fuente.anchos) + 1
    anchos = ArrayObject(
        [
            NumberObject(0),
            ArrayObject([NumberObject(fuente.anchos.get(g, 0)) for g in range(total)]),
        ]
    )
    cid = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType2"),
            NameObject("/BaseFont"): base,
            NameObject("/CIDSystemInfo"): DictionaryObject(
                {
                    NameObject("/Registry"): TextStringObject("Adobe"),
                    NameObject("/Ordering"): TextStringObject("Identity"),
                    NameObject("/Supplement"): NumberObject(0),
                }
            ),
            NameObject("/FontDescriptor"): escritor._add_object(descriptor),
            NameObject("/W"): anchos,
            NameObject("/CIDToGIDMap"): NameObject("/Identity"),
        }
    )
    inverso: dict[int, int] = {}
    for codigo, glifo in sorted(fuente.glifos.items()):
        inverso.setdefault(glifo, codigo)
    lineas = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    pares = sorted(inverso.items())
    for inicio in range(0, len(pares), 100):
        bloque = pares[inicio : inicio + 100]
        lineas.append(f"{len(bloque)} beginbfchar")
        lineas += [f"<{g:04X}> <{_utf16(c)}>" for g, c in bloque]
        lineas.append("endbfchar")
    lineas.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    cmap = DecodedStreamObject()
    cmap.set_data("\n".join(lineas).encode("ascii"))
    tipo0 = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type0"),
            NameObject("/BaseFont"): base,
            NameObject("/Encoding"): NameObject("/Identity-H"),
            NameObject("/DescendantFonts"): ArrayObject([escritor._add_object(cid)]),
            NameObject("/ToUnicode"): escritor._add_object(cmap.flate_encode()),
        }
    )
    return escritor._add_object(tipo0)


def _utf16(codigo: int) -> str:
    return chr(codigo).encode("utf-16-be").hex().upper()


# ---------------------------------------------------------------------------------------------
# Plantillas en blanco y estampado

# Bloque de texto vacío que WeasyPrint deja por cada espacio de ancho cero de un campo.
_HUECO = re.compile(
    rb"BT\s+1 0 0 -1 (?P<x>-?[\d.]+) (?P<y>-?[\d.]+) Tm\s+/(?P<fuente>\w+) (?P<tam>[\d.]+) Tf\s+"
    rb"\[<>0(?:\.0)?\] TJ\s+ET"
)


@dataclass
class Hueco:
    campo: str
    x: float
    y: float  # línea base, en px CSS desde arriba
    tamano: float
    ancho: float  # ancho disponible
    alto: float  # alto disponible desde la línea base hacia abajo (varias líneas)


@dataclass
class Plantilla:
    """PDF en blanco listo para estampar con una actualización incremental (sin reescribirlo)."""

    pdf: bytes
    # Por página con campos: número del objeto de su contenido, trozos fijos y huecos.
    paginas: list[tuple[int, list[bytes], list[Hueco]]]
    trailer: bytes  # entradas del trailer que se repiten en la actualización (Root, Info, ID)
    tamano: int  # /Size del archivo
    xref: int  # posición de la tabla de referencias del archivo en blanco


def _campo_en(anclas: dict, x: float, y: float) -> tuple[str, tuple] | None:
    for nombre, caja in anclas.items():
        if not nombre.startswith("campo-"):
            continue
        x1, y1, x2, y2 = caja
        if x1 - 1 <= x <= x2 + 1 and y1 - 1 <= y <= y2 + 1:
            return nombre.removeprefix("campo-"), caja
    return None


def _referencia(objeto) -> bytes:
    referencia = objeto.indirect_reference
    return f"{referencia.idnum} {referencia.generation} R".encode()


def preparar_plantilla(plantilla: str, contexto: dict) -> Plantilla:
    """Dibuja la plantilla sin valores, agrega las fuentes y ubica el hueco de cada campo."""
    documento = renderizar(plantilla, {**contexto, "valores": {}})
    escritor = PdfWriter(clone_from=PdfReader(BytesIO(a_pdf(documento))))
    fuentes = [(f, _agregar_fuente(escritor, f)) for f in fuentes_valores()]
    paginas = []
    for numero, pagina in enumerate(escritor.pages):
        dic_fuentes = pagina["/Resources"]["/Font"].get_object()
        for fuente, referencia in fuentes:
            dic_fuentes[NameObject(fuente.nombre)] = referencia
        datos = pagina.get_contents().get_data()
        trozos, huecos, inicio = [], [], 0
        anclas = documento.pages[numero].anchors
        for encontrado in _HUECO.finditer(datos):
            x, y = float(encontrado["x"]), float(encontrado["y"])
            campo = _campo_en(anclas, x, y)
            if campo is None:
                continue
            nombre, (_x1, _y1, x2, y2) = campo
            trozos.append(datos[inicio : encontrado.start()])
            huecos.append(
                Hueco(nombre, x, y, float(encontrado["tam"]), ancho=x2 - x, alto=max(y2 - y, 0))
            )
            inicio = encontrado.end()
        if not huecos:
            continue
        trozos.append(datos[inicio:])
        # Un solo flujo de contenido por página: el estampado lo reemplaza entero.
        contenido = StreamObject()
        contenido.set_data(datos)
        referencia = escritor._add_object(contenido.flate_encode())
        pagina[NameObject("/Contents")] = referencia
        paginas.append((referencia.idnum, trozos, huecos))
    salida = BytesIO()
    escritor.write(salida)
    blanco = salida.getvalue()
    lector = PdfReader(BytesIO(blanco))
    trailer = b" /Root " + _referencia(lector.trailer["/Root"])
    if "/Info" in lector.trailer:
        trailer += b" /Info " + _referencia(lector.trailer["/Info"])
    if "/ID" in lector.trailer:
        ids = lector.trailer["/ID"]
        trailer += (
            b" /ID [<"
            + bytes(ids[0]).hex().encode()
            + b"> <"
            + bytes(ids[1]).hex().encode()
            + b">]"
        )
    return Plantilla(
        pdf=blanco,
        paginas=paginas,
        trailer=trailer,
        tamano=int(lector.trailer["/Size"]),
        xref=int(re.findall(rb"startxref\s+(\d+)", blanco)[-1]),
    )


def _ancho(texto: str, tamano: float) -> float:
    fuentes = fuentes_valores()
    total = 0
    for letra in texto:
        fuente = next((f for f in fuentes if ord(letra) in f.glifos), fuentes[0])
        total += fuente.anchos.get(fuente.glifos.get(ord(letra), 0), 0)
    return total * tamano / 1000


def _lineas(texto: str, tamano: float, ancho: float) -> list[str]:
    lineas = []
    for parrafo in texto.replace("\r\n", "\n").split("\n"):
        actual = ""
        for palabra in parrafo.split(" "):
            propuesta = f"{actual} {palabra}" if actual else palabra
            if actual and _ancho(propuesta, tamano) > ancho:
                lineas.append(actual)
                actual = palabra
            else:
                actual = propuesta
        lineas.append(actual)
    return lineas


def _tj(texto: str, tamano: float) -> bytes:
    """Operadores de texto con cambios de fuente donde la letra no está en la primera."""
    fuentes = fuentes_valores()
    partes, actual, glifos = [], None, []
    for letra in texto:
        fuente = next((f for f in fuentes if ord(letra) in f.glifos), fuentes[0])
        if fuente is not actual and glifos:
            partes.append(f"{actual.nombre} {tamano:.4f} Tf [<{''.join(glifos)}>] TJ")
            glifos = []
        actual = fuente
        glifos.append(f"{fuente.glifos.get(ord(letra), 0):04X}")
    if glifos:
        partes.append(f"{actual.nombre} {tamano:.4f} Tf [<{''.join(glifos)}>] TJ")
    return " ".join(partes).encode("ascii")


def _texto_hueco(hueco: Hueco, valor: str) -> bytes:
    valor = valor.replace("\t", " ")
    multilinea = hueco.alto > hueco.tamano * INTERLINEADO * 1.5
    tamano = hueco.tamano
    if multilinea:
        while True:
            lineas = _lineas(valor, tamano, hueco.ancho)
            alto = (len(lineas) - 1) * tamano * INTERLINEADO
            if alto <= hueco.alto or tamano <= hueco.tamano * ESCALA_MINIMA:
                break
            tamano *= 0.92
    else:
        lineas = [" ".join(valor.split())]
        ancho = _ancho(lineas[0], tamano)
        if ancho > hueco.ancho:
            tamano = max(tamano * hueco.ancho / ancho, hueco.tamano * ESCALA_MINIMA)
    salto = tamano * INTERLINEADO
    cuerpo = [f"BT 1 0 0 -1 {hueco.x:.4f} {hueco.y:.4f} Tm".encode()]
    for indice, linea in enumerate(lineas):
        if indice:
            cuerpo.append(f"0 {-salto:.4f} Td".encode())
        cuerpo.append(_tj(linea, tamano))
    cuerpo.append(b"ET")
    return b"\n".join(cuerpo)


def estampar(plantilla: Plantilla, valores: dict[str, str]) -> bytes:
    """Escribe los valores en los huecos con una actualización incremental del PDF en blanco.

    Solo se agregan al final los flujos de contenido nuevos de las páginas con campos, una
    tabla de referencias y un trailer que apunta a la anterior: no se reescribe el archivo.
    """
    salida = bytearray(plantilla.pdf)
    posiciones = {}
    for objeto, trozos, huecos in plantilla.paginas:
        partes = [trozos[0]]
        for hueco, trozo in zip(huecos, trozos[1:], strict=True):
            valor = str(valores.get(hueco.campo) or "")
            if valor:
                partes.append(_texto_hueco(hueco, valor))
            partes.append(trozo)
        datos = zlib.compress(b"\n".join(partes), 6)
        posiciones[objeto] = len(salida)
        salida += (
            f"{objeto} 0 obj\n<< /Length {len(datos)} /Filter /FlateDecode >>\nstream\n".encode()
        )
        salida += datos + b"\nendstream\nendobj\n"
    inicio_xref = len(salida)
    salida += b"xref\n"
    for objeto in sorted(posiciones):
        salida += f"{objeto} 1\n{posiciones[objeto]:010d} 00000 n \n".encode()
    salida += (
        b"trailer\n<< /Size "
        + str(plantilla.tamano).encode()
        + plantilla.trailer
        + b" /Prev "
        + str(plantilla.xref).encode()
        + b" >>\n"
        + b"startxref\n"
        + str(inicio_xref).encode()
        + b"\n%%EOF\n"
    )
    return bytes(salida)


# Plantillas en blanco por proceso: pocas (documento × trámite × modalidad × idioma × día).
_PLANTILLAS: OrderedDict[tuple, Plantilla] = OrderedDict()
_CANDADO = threading.Lock()
MAXIMO_PLANTILLAS = 256


def plantilla_en_blanco(clave: tuple, plantilla: str, contexto: dict) -> Plantilla:
    with _CANDADO:
        if clave in _PLANTILLAS:
            _PLANTILLAS.move_to_end(clave)
            return _PLANTILLAS[clave]
    preparada = preparar_plantilla(plantilla, contexto)
    with _CANDADO:
        _PLANTILLAS[clave] = preparada
        while len(_PLANTILLAS) > MAXIMO_PLANTILLAS:
            _PLANTILLAS.popitem(last=False)
    return preparada


def generar(*, clave: tuple, plantilla: str, contexto: dict, valores: dict[str, str]) -> bytes:
    """Camino rápido: plantilla en blanco en caché + valores escritos en su lugar.

    Si algún valor trae letras que la fuente incrustada no tiene (p. ej. escrituras no
    latinas), se dibuja todo con WeasyPrint, que busca otra fuente para ellas.
    """
    if not all(cubre(str(v)) for v in valores.values() if v):
        return generar_directo(plantilla, contexto, valores)
    return estampar(plantilla_en_blanco(clave, plantilla, contexto), valores)
