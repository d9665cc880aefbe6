"""Dónde están los archivos de referencia."""

import os
from pathlib import Path

from django.conf import settings


def directorio_referencia() -> Path:
    """../shared/reference junto al repositorio, o REFERENCIA_DIR si se indica."""
    return Path(os.environ.get("REFERENCIA_DIR", settings.BASE_DIR.parent / "shared" / "reference"))
