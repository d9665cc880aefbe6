"""El validador HTML de W3C (Nu Html Checker, paquete npm `vnu-jar`) sobre una carpeta de páginas.

`make validador` lo instala en node_modules/ con `npm ci --ignore-scripts` (el paquete trae un
script que descargaría su propio Java: se usa el de Debian). Una sola ejecución revisa toda la
carpeta: arrancar la máquina de Java cuesta más que revisar cien páginas.
"""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

VNU = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def falta_el_validador() -> str:
    """Qué falta para correr el validador, o "" si está todo."""
    if shutil.which("java") is None:
        return "Falta Java (paquete de Debian default-jre-headless): corra `make sistema-pruebas`."
    if not VNU.exists():
        return f"Falta {VNU.relative_to(settings.BASE_DIR)}: corra `make validador` (npm ci)."
    return ""


def errores(carpeta: Path) -> dict[str, list[str]]:
    """Los errores de cada archivo .html de `carpeta`, por nombre de archivo."""
    resultado = subprocess.run(  # noqa: S603 - argumentos fijos, sin entrada de nadie
        [
            shutil.which("java") or "java",
            "-Xss2m",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            str(carpeta),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    por_archivo: dict[str, list[str]] = {}
    for mensaje in json.loads(resultado.stdout)["messages"]:
        archivo = Path(unquote(urlsplit(mensaje.get("url", "")).path)).name or "?"
        linea = mensaje.get("lastLine", "?")
        fragmento = " ".join(mensaje.get("extract", "").split())[:120]
        por_archivo.setdefault(archivo, []).append(
            f"línea {linea}: {mensaje['message']} — «{fragmento}»"
        )
    return por_archivo
