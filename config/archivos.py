"""Revisión previa de los archivos que el personal importa (estadísticas, estatus, directorio).

Antes de dárselos a pandas: que existan, que no pasen del tamaño máximo (un archivo enorme por
error no debe llenar la memoria del servidor) y que por dentro sean lo que dice su extensión
(un .xlsx es un ZIP; un .xls, un documento OLE; un CSV es texto, sin bytes nulos).
"""

from pathlib import Path

from django.conf import settings

FIRMAS = {
    ".xlsx": (b"PK\x03\x04",),
    # Documento OLE (lo que guarda Excel) o el flujo BIFF suelto (registro BOF), que xlrd también lee.
    ".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x09\x08", b"\x09\x04", b"\x09\x02"),
}


def problema(ruta: Path) -> str | None:
    """Qué tiene de malo el archivo antes de leerlo, en una frase; None si se puede leer."""
    ruta = Path(ruta)
    if not ruta.is_file():
        return f"No existe el archivo {ruta}."
    maximo = settings.IMPORTACION_MAXIMO_MB * 1024 * 1024
    tamano = ruta.stat().st_size
    if tamano > maximo:
        return (
            f"{ruta.name} pesa {tamano / 1024 / 1024:,.0f} MB; el máximo es "
            f"{settings.IMPORTACION_MAXIMO_MB} MB. Divídalo (por ejemplo, un archivo por año)."
        )
    if tamano == 0:
        return f"{ruta.name} está vacío."
    with ruta.open("rb") as archivo:
        inicio = archivo.read(65536)
    sufijo = ruta.suffix.lower()
    if sufijo in FIRMAS and not inicio.startswith(FIRMAS[sufijo]):
        return f"{ruta.name} no es un archivo {sufijo[1:].upper()} de verdad (está dañado o es de otro tipo)."
    if sufijo == ".csv" and b"\x00" in inicio:
        return (
            f"{ruta.name} no es un CSV de texto (tiene bytes binarios); guárdelo como «CSV UTF-8»."
        )
    return None
