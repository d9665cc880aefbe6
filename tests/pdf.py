"""Lectura de PDF en las pruebas: texto, estructura y fuentes con poppler, revisión con qpdf."""

import subprocess
import tempfile
from dataclasses import dataclass
from io import BytesIO

import pikepdf


def _poppler(*orden: str, datos: bytes) -> str:
    # Las herramientas de poppler leen el PDF de la entrada estándar con «-».
    return subprocess.run(orden, input=datos, capture_output=True, check=True).stdout.decode()


def texto_pdf(datos: bytes) -> str:
    """El texto como se ve en la página (pdftotext -layout), con los espacios normalizados."""
    return " ".join(_poppler("pdftotext", "-layout", "-", "-", datos=datos).split())


def texto_en_orden(datos: bytes) -> str:
    """El texto en el orden del contenido (pdftotext -raw), aunque algo se salga de su caja."""
    return " ".join(_poppler("pdftotext", "-raw", "-", "-", datos=datos).split())


def texto_etiquetado(datos: bytes) -> str:
    """El texto de los elementos del árbol de estructura, en su orden: lo que lee un lector de
    pantalla (pdfinfo -struct-text pone cada trozo de texto entre comillas en su propia línea)."""
    lineas = _poppler("pdfinfo", "-struct-text", "-", datos=datos).splitlines()
    trozos = [linea.strip()[1:-1] for linea in lineas if linea.strip().startswith('"')]
    return " ".join(" ".join(trozos).split())


@dataclass(frozen=True)
class Fuente:
    nombre: str
    incrustada: bool
    subconjunto: bool


def fuentes(datos: bytes) -> list[Fuente]:
    """Las fuentes que usa el documento, como las lista pdffonts (columnas emb y sub)."""
    lineas = _poppler("pdffonts", "-", datos=datos).splitlines()[2:]
    return [
        Fuente(partes[0], partes[-5] == "yes", partes[-4] == "yes")
        for partes in (linea.split() for linea in lineas)
    ]


def revision_qpdf(datos: bytes) -> subprocess.CompletedProcess:
    """`qpdf --check` del documento: código 0 sin errores ni advertencias (2 errores, 3 avisos)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as archivo:
        archivo.write(datos)
        archivo.flush()
        return subprocess.run(["qpdf", "--check", archivo.name], capture_output=True, text=True)


def lector(datos: bytes) -> pikepdf.Pdf:
    return pikepdf.open(BytesIO(datos))


def imagenes(datos: bytes, resolucion: int = 50) -> list:
    """Cada página como imagen en grises (pdftoppm), para comparar dos PDF a la vista."""
    from PIL import Image

    salida = subprocess.run(
        ["pdftoppm", "-r", str(resolucion), "-gray", "-"],
        input=datos,
        capture_output=True,
        check=True,
    ).stdout
    paginas, resto = [], salida
    while resto:
        imagen = Image.open(BytesIO(resto))
        imagen.load()
        paginas.append(imagen)
        # PGM: encabezado + ancho × alto bytes.
        cabecera = resto.split(b"\n", 3)
        tamano = len(b"\n".join(cabecera[:3])) + 1 + imagen.width * imagen.height
        resto = resto[tamano:]
    return paginas
