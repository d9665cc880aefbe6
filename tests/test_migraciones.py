from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_hay_migraciones_pendientes():
    salida = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=salida)
    except SystemExit:  # makemigrations --check sale con 1 si falta una migración
        pytest.fail(f"Faltan migraciones:\n{salida.getvalue()}")
