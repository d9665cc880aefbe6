"""Los comandos de importación rechazan, antes de leerlos, archivos enormes o disfrazados."""

import io

import pytest
from django.core.management import CommandError, call_command

from config import archivos


def test_un_archivo_que_pasa_del_maximo_se_rechaza_sin_leerlo(tmp_path, settings):
    settings.IMPORTACION_MAXIMO_MB = 1
    enorme = tmp_path / "estatus.csv"
    with enorme.open("wb") as f:  # disperso: ocupa 2 MB para el sistema sin escribirlos
        f.truncate(2 * 1024 * 1024)
    assert archivos.problema(enorme) == (
        "estatus.csv pesa 2 MB; el máximo es 1 MB. Divídalo (por ejemplo, un archivo por año)."
    )


@pytest.mark.parametrize(
    ("nombre", "contenido", "mensaje"),
    [
        ("a.xlsx", b"nut,estatus\n", "no es un archivo XLSX de verdad"),
        ("a.xls", b"PK\x03\x04zip", "no es un archivo XLS de verdad"),
        ("a.csv", b"\x00\x01\x02", "no es un CSV de texto"),
        ("a.csv", b"", "está vacío"),
    ],
)
def test_un_archivo_disfrazado_se_rechaza(tmp_path, nombre, contenido, mensaje):
    ruta = tmp_path / nombre
    ruta.write_bytes(contenido)
    assert mensaje in archivos.problema(ruta)


def test_un_archivo_sano_pasa(tmp_path):
    ruta = tmp_path / "a.csv"
    ruta.write_text("nut,estatus,fecha\nA-1,recibido,2026-10-01\n", encoding="utf-8")
    assert archivos.problema(ruta) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "comando",
    [
        ["importar_estatus"],
        ["importar_directorio_ventanillas"],
        ["importar_estadisticas", "--conjunto", "personas-presentadas", "--anio", "2024"],
    ],
    ids=lambda c: c[0],
)
def test_cada_comando_de_importacion_rechaza_un_archivo_enorme(tmp_path, settings, comando):
    if comando[0] == "importar_estadisticas":
        from tests.datos_abiertos.conftest import cargar_datos_abiertos

        cargar_datos_abiertos(["personas-presentadas"])
    settings.IMPORTACION_MAXIMO_MB = 1
    enorme = tmp_path / "archivo.csv"
    with enorme.open("wb") as f:
        f.truncate(3 * 1024 * 1024)
    salida, errores = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(*comando, str(enorme), stdout=salida, stderr=errores)
    assert "no se" in str(error.value).lower()  # no se importó / no se guardó nada
    assert "el máximo es 1 MB" in salida.getvalue() + errores.getvalue() + str(error.value)
