import os

import pytest
import yaml

from tramites.referencia import directorio_referencia


@pytest.fixture(scope="session")
def referencia():
    """La referencia de ../shared/reference; en CI (REFERENCIA_OBLIGATORIA=1) debe existir."""
    ruta = directorio_referencia() / "tramites.yaml"
    if not ruta.exists():
        if os.environ.get("REFERENCIA_OBLIGATORIA") == "1":
            pytest.fail(f"Falta la referencia {ruta}")
        pytest.skip(f"Sin la referencia {ruta} (se compara en CI)")
    with ruta.open(encoding="utf-8") as archivo:
        return yaml.safe_load(archivo)
