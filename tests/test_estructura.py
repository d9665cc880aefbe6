"""La estructura del código se revisa, no se recuerda: capas, vistas y herramientas de construcción."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

RAIZ = Path(settings.BASE_DIR)
PAQUETES = (
    "config",
    "fuentes",
    "tramites",
    "ventanillas",
    "datos_abiertos",
    "participa",
    "seguimiento",
    "referencia",
)


def _lint_imports(raiz: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=raiz,
        env={"PYTHONPATH": str(raiz), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def copia(tmp_path_factory) -> Path:
    """Los paquetes del sitio (solo .py) y pyproject.toml en una carpeta aparte."""
    destino = tmp_path_factory.mktemp("arbol")
    shutil.copy(RAIZ / "pyproject.toml", destino)
    for paquete in PAQUETES:
        for ruta in (RAIZ / paquete).rglob("*.py"):
            nueva = destino / ruta.relative_to(RAIZ)
            nueva.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ruta, nueva)
    return destino


def test_los_contratos_de_capas_se_cumplen(copia):
    resultado = _lint_imports(copia)
    assert resultado.returncode == 0, resultado.stdout[-3000:]


@pytest.mark.parametrize(
    ("archivo", "importacion", "mensaje"),
    [
        # config no sabe de ninguna app.
        ("config/paginas.py", "from tramites import models", "config is not allowed to import"),
        # Una app de abajo no usa una de arriba.
        ("tramites/cuotas.py", "import ventanillas.models", "tramites is not allowed to import"),
        # Ninguna app monta las vistas de otra.
        ("seguimiento/urls.py", "from tramites import views", "seguimiento.urls -> tramites.views"),
        # El sitio en marcha no usa los convertidores de la referencia.
        (
            "tramites/carga.py",
            "from referencia import tramites",
            "not allowed to import referencia",
        ),
    ],
)
def test_una_importacion_hacia_arriba_rompe_el_lint(copia, tmp_path, archivo, importacion, mensaje):
    arbol = tmp_path / "arbol"
    shutil.copytree(copia, arbol)
    ruta = arbol / archivo
    ruta.write_text(f"{importacion}  # noqa\n" + ruta.read_text(encoding="utf-8"))
    resultado = _lint_imports(arbol)
    assert resultado.returncode == 1
    assert mensaje in resultado.stdout


def test_ninguna_app_busca_modelos_de_otra_por_nombre():
    """apps.get_model esconde una dependencia que import-linter no ve (salvo en migraciones)."""
    escondidas = []
    for paquete in PAQUETES:
        for ruta in (RAIZ / paquete).rglob("*.py"):
            if "migrations" in ruta.parts:
                continue
            for etiqueta in re.findall(r"get_model\(\s*[\"'](\w+)[\"']\s*,", ruta.read_text()):
                if etiqueta != paquete:
                    escondidas.append(f"{ruta.relative_to(RAIZ)}: {etiqueta}")
    assert escondidas == []
