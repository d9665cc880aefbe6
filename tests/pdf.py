"""Lectura de PDF en las pruebas: texto con poppler (pdftotext) y metadatos con pypdf."""

import subprocess
from io import BytesIO

from pypdf import PdfReader


def texto_pdf(datos: bytes) -> str:
    salida = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=datos, capture_output=True, check=True
    )
    return " ".join(salida.stdout.decode().split())


def lector(datos: bytes) -> PdfReader:
    return PdfReader(BytesIO(datos))


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
