"""Importación del directorio oficial: validada, atómica, con errores por fila y columna."""

from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from ventanillas import directorio
from ventanillas.models import Lugar, Origen

pytestmark = pytest.mark.django_db

ENCABEZADO = (
    "tipo,nombre,estado,municipio,direccion,codigo_postal,telefono,correo,horario,"
    "latitud,longitud,servicios,fuente_url,fecha_consulta\n"
)
BUENA = (
    "oficina,Oficina de prueba en Tapachula,Chiapas,Tapachula,Calle 1,30700,962 123 4567,"
    'prueba@inm.gob.mx,"lunes a viernes, 09:00 a 14:30",,,tramites-inm,'
    "https://www.gob.mx/inm/prueba,2026-11-30\n"
)


def _archivo(tmp_path: Path, contenido: str, nombre="directorio.csv") -> Path:
    ruta = tmp_path / nombre
    ruta.write_text(contenido, encoding="utf-8")
    return ruta


def test_importa_un_csv_valido(tmp_path):
    resultado = directorio.importar(_archivo(tmp_path, ENCABEZADO + BUENA))
    assert resultado.creados == ["inm-oficina-de-prueba-en-tapachula"]
    lugar = Lugar.objects.get(slug="inm-oficina-de-prueba-en-tapachula")
    assert lugar.origen == Origen.DIRECTORIO
    assert lugar.municipio.clave == "07089"
    assert lugar.codigo_postal == "30700"
    assert lugar.horarios.count() == 5
    assert [s.servicio.slug for s in lugar.servicios_lugar.all()] == ["tramites-inm"]
    assert lugar.fuentes.get().url == "https://www.gob.mx/inm/prueba"
    # La fuente de la fila respalda cada dato que trae: la ficha los da por oficiales.
    assert lugar.respaldo_direccion.oficial and lugar.respaldo_telefono.oficial
    assert lugar.respaldo_horario.oficial and lugar.respaldo_servicios.oficial
    # Repetir la importación actualiza, no duplica.
    assert directorio.importar(_archivo(tmp_path, ENCABEZADO + BUENA)).actualizados == [lugar.slug]


def test_importa_un_excel_sin_perder_ceros(tmp_path):
    ruta = tmp_path / "directorio.xlsx"
    pd.DataFrame(
        [
            {
                "tipo": "ventanilla",
                "nombre": "Ventanilla de prueba",
                "estado": "07",
                "municipio": "089",
                "codigo_postal": "06600",
                "latitud": "14.9",
                "longitud": "-92.26",
                "fuente_url": "https://www.gob.mx/prueba",
                "fecha_consulta": "2026-11-30",
            }
        ]
    ).to_excel(ruta, index=False)
    directorio.importar(ruta)
    lugar = Lugar.objects.get(slug="ventanilla-ventanilla-de-prueba")
    assert lugar.codigo_postal == "06600"
    assert str(lugar.latitud) == "14.90000"
    assert lugar.municipio.nombre == "Tapachula"


@pytest.mark.parametrize(
    ("fila", "error"),
    [
        (
            BUENA.replace("Chiapas", "Atlántida"),
            "Fila 2, columna «estado»: «Atlántida» no es una entidad federativa",
        ),
        (
            BUENA.replace(",Tapachula,", ",Tijuana,"),
            "Fila 2, columna «municipio»: «Tijuana» no es un municipio de Chiapas",
        ),
        (
            BUENA.replace(",,,tramites-inm", ",95.5,-92.2,tramites-inm"),
            "Fila 2, columna «latitud»: 95.5 está fuera de rango (de −90 a 90).",
        ),
        (
            BUENA.replace(",,,tramites-inm", ",14.9,,tramites-inm"),
            "Fila 2, columna «longitud»: está vacía",
        ),
        (BUENA.replace("30700", "307"), "Fila 2, columna «codigo_postal»"),
        (BUENA.replace("962 123 4567", "12"), "Fila 2, columna «telefono»"),
        (BUENA.replace("prueba@inm.gob.mx", "sin-arroba"), "Fila 2, columna «correo»"),
        (
            BUENA.replace("tramites-inm", "magia"),
            "Fila 2, columna «servicios»: «magia» no es un servicio",
        ),
        (BUENA.replace("2026-11-30", "30/11/2026"), "Fila 2, columna «fecha_consulta»"),
        (
            BUENA.replace("https://www.gob.mx/inm/prueba", "no es url"),
            "Fila 2, columna «fuente_url»",
        ),
        (BUENA.replace("oficina,", "consulado,", 1), "Fila 2, columna «tipo»"),
    ],
)
def test_un_archivo_con_un_error_no_cambia_nada_y_dice_fila_y_columna(tmp_path, fila, error):
    antes = Lugar.objects.count()
    otra = BUENA.replace("Oficina de prueba en Tapachula", "Otra buena")
    with pytest.raises(directorio.ArchivoInvalido) as excepcion:
        directorio.importar(_archivo(tmp_path, ENCABEZADO + otra + fila.replace("Fila 2", "")))
    mensajes = "\n".join(excepcion.value.errores)
    assert error.replace("Fila 2", "Fila 3") in mensajes
    assert Lugar.objects.count() == antes


def test_columnas_que_faltan_o_sobran(tmp_path):
    with pytest.raises(directorio.ArchivoInvalido) as excepcion:
        directorio.importar(_archivo(tmp_path, "nombre,estado,telefno\nA,Chiapas,1\n"))
    errores = excepcion.value.errores
    assert "Falta la columna «tipo»." in errores
    assert any(e.startswith("Columna desconocida «telefno»") for e in errores)


@pytest.mark.parametrize(
    ("contenido", "nombre", "error"),
    [
        ("", "vacio.csv", "vacio.csv está vacío."),
        (ENCABEZADO, "sin_filas.csv", "El archivo no tiene filas de datos."),
        ("hola", "directorio.pdf", "Formato no admitido"),
        ("esto no es un excel", "roto.xlsx", "roto.xlsx no es un archivo XLSX de verdad"),
        ("a,b\x00\x00\x01", "binario.csv", "no es un CSV de texto"),
    ],
)
def test_archivos_ilegibles(tmp_path, contenido, nombre, error):
    with pytest.raises(directorio.ArchivoInvalido) as excepcion:
        directorio.importar(_archivo(tmp_path, contenido, nombre))
    assert error in excepcion.value.errores[0]


def test_la_orden_informa_errores_y_no_guarda(tmp_path):
    ruta = _archivo(tmp_path, ENCABEZADO + BUENA.replace("Chiapas", "Atlántida"))
    errores = StringIO()
    with pytest.raises(CommandError, match="1 errores; no se guardó nada"):
        call_command("importar_directorio_ventanillas", str(ruta), stderr=errores)
    assert "Fila 2, columna «estado»" in errores.getvalue()


def test_la_orden_importa_y_resume(tmp_path):
    salida = StringIO()
    call_command(
        "importar_directorio_ventanillas",
        str(_archivo(tmp_path, ENCABEZADO + BUENA)),
        stdout=salida,
    )
    assert "Directorio importado: 1 nuevos, 0 actualizados." in salida.getvalue()
    salida = StringIO()
    call_command(
        "importar_directorio_ventanillas",
        str(_archivo(tmp_path, ENCABEZADO + BUENA.replace("Calle 1", "Calle 2"))),
        "--simular",
        stdout=salida,
    )
    assert "Simulación" in salida.getvalue()
    assert Lugar.objects.get(slug="inm-oficina-de-prueba-en-tapachula").direccion == "Calle 1"


def test_el_directorio_real_del_sitio_se_reimporta_sin_errores_ni_duplicados(client, tmp_path):
    """Los 62 lugares de la referencia, tal como los descarga cualquiera en /ventanillas.csv,
    pasan por la importación (Excel) y actualizan cada lugar en su sitio."""
    import csv
    import io

    respuesta = client.get("/ventanillas.csv")
    exportadas = list(csv.DictReader(io.StringIO(b"".join(respuesta.streaming_content).decode())))
    tabla = pd.DataFrame(
        [
            {
                **{c: f[c] for c in directorio.COLUMNAS if c in f and c != "estado"},
                "estado": f["estado_clave"],
                "municipio": f["municipio_clave"],
                "fuente_url": f["fuentes"].split()[0],
                "fecha_consulta": "2026-11-23",
            }
            for f in exportadas
        ]
    )
    ruta = tmp_path / "directorio.xlsx"
    tabla.to_excel(ruta, index=False)
    antes = {
        lugar.slug: (lugar.estado_id, lugar.municipio_id, lugar.telefono, lugar.codigo_postal)
        for lugar in Lugar.objects.all()
    }
    fuentes_antes = {lugar.slug: set(lugar.fuentes.all()) for lugar in Lugar.objects.all()}
    resultado = directorio.importar(ruta)
    assert resultado.creados == []
    assert sorted(resultado.actualizados) == sorted(antes) and len(antes) == 62
    despues = {
        lugar.slug: (lugar.estado_id, lugar.municipio_id, lugar.telefono, lugar.codigo_postal)
        for lugar in Lugar.objects.all()
    }
    assert despues == antes
    # Las fuentes de cada lugar se conservan (sus notas siguen en la ficha).
    assert {lugar.slug: set(lugar.fuentes.all()) for lugar in Lugar.objects.all()} == fuentes_antes
    assert set(Lugar.objects.values_list("origen", flat=True)) == {Origen.DIRECTORIO}
    # Los horarios claros se vuelven a leer igual: «abierto ahora» sigue saliendo.
    assert Lugar.objects.get(slug="inm-oficinas-centrales").horarios.count() == 5
    pagina = client.get("/ventanillas/inm-villahermosa/").content.decode()
    assert 'href="tel:+529933136105"' in pagina
