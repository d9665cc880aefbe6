"""schemathesis prueba la API contra su contrato (/api/v1/openapi.json) en un servidor vivo.

Genera peticiones de cada operación (los ejemplos del documento, los bordes de cada parámetro y
unas pocas más, siempre las mismas: modo determinista) y falla ante cualquier 5xx, un código de
estado o un tipo de contenido que el contrato no describe, una respuesta que no cumple su esquema
o un método equivocado que no recibe 405 con Allow. Unos 450 casos, menos de un minuto.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from datos_abiertos.models import ConjuntoDatos
from tests.datos_abiertos.conftest import cargar_datos_abiertos

pytestmark = [pytest.mark.contrato, pytest.mark.usefixtures("contenido")]

CHEQUEOS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "unsupported_method",
    "allow_header_conformance",
)


def test_schemathesis_no_encuentra_fallas_en_la_api(live_server, tmp_path):
    # El conjunto de los ejemplos del contrato (la base del servidor vivo se vacía entre pruebas).
    if not ConjuntoDatos.objects.filter(slug="personas-presentadas", filas__gt=0).exists():
        cargar_datos_abiertos(["personas-presentadas"])
    comando = [
        str(Path(sys.executable).parent / "st"),
        "run",
        f"{live_server.url}/api/v1/openapi.json",
        "--checks",
        ",".join(CHEQUEOS),
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        "10",
        "--generation-deterministic",
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--max-redirects",
        "0",
        "--no-color",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
    ]
    resultado = subprocess.run(  # noqa: S603 - el ejecutable del entorno virtual
        comando, capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path
    )
    assert resultado.returncode == 0, resultado.stdout[-8000:] + resultado.stderr[-2000:]
