"""Importar cuadros oficiales: formato real, validación por fila y columna, atomicidad, idempotencia."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from datos_abiertos.importacion import ImportacionInvalida, importar
from datos_abiertos.models import Observacion
from tests.datos_abiertos.archivos import (
    PAISES,
    escribir_csv,
    escribir_xls,
    escribir_xlsx,
    escribir_xlsx_con_subcolumnas,
    filas_cuadro,
)

pytestmark = pytest.mark.django_db


def _foto(conjunto):
    """Todo lo que tiene el conjunto, para comprobar que un error no cambió nada."""
    return sorted(
        Observacion.objects.filter(conjunto=conjunto).values_list(
            "periodo", "entidad", "nacionalidad", "sexo", "grupo_edad", "valor", "es_muestra"
        )
    )


def test_importa_un_xlsx_con_el_formato_del_boletin(tmp_path, conjunto):
    ruta = escribir_xlsx(tmp_path / "cuadro3.1.1.xlsx", filas_cuadro())
    resultado = importar(ruta, conjunto=conjunto, anio=2023, dimensiones=["nacionalidad"])
    del_anio = Observacion.objects.filter(conjunto=conjunto, periodo__year=2023)
    # Reemplaza la muestra de 2023 por las cifras del archivo, sin los agregados.
    assert not del_anio.filter(es_muestra=True).exists()
    assert del_anio.aggregate(t=Sum("valor"))["t"] == sum(sum(p[2]) for p in PAISES)
    assert del_anio.get(periodo=date(2023, 1, 1), nacionalidad="DO").valor == 3
    assert del_anio.get(periodo=date(2023, 6, 1), nacionalidad="KR").valor == 2
    # Los ceros no se guardan (formato largo).
    assert not del_anio.filter(periodo=date(2023, 4, 1), nacionalidad="VE").exists()
    assert resultado.filas_archivo == 4
    assert any("Total general" in d for d in resultado.descartadas)
    fila = del_anio.select_related("fuente").first()
    assert (
        fila.fuente.url
        == "https://portales.segob.gob.mx/es/PoliticaMigratoria/Boletines_Estadisticos"
    )
    # Los otros años siguen con su muestra.
    assert Observacion.objects.filter(
        conjunto=conjunto, periodo__year=2022, es_muestra=True
    ).exists()
    conjunto.refresh_from_db()
    assert not conjunto.solo_muestra and conjunto.es_muestra


def test_reimportar_el_mismo_archivo_no_cambia_nada(tmp_path, conjunto):
    ruta = escribir_xlsx(tmp_path / "cuadro.xlsx", filas_cuadro())
    importar(ruta, conjunto=conjunto, anio=2023, dimensiones=["nacionalidad"])
    conjunto.refresh_from_db()
    version, antes = conjunto.version, _foto(conjunto)
    resultado = importar(ruta, conjunto=conjunto, anio=2023, dimensiones=["nacionalidad"])
    assert not resultado.cambios.hubo_cambios
    assert resultado.cambios.sin_cambio == resultado.observaciones
    conjunto.refresh_from_db()
    assert conjunto.version == version
    assert _foto(conjunto) == antes


def test_importa_csv_en_latin1_del_anio_en_curso_con_meses_publicados(tmp_path, conjunto):
    # El año en curso trae solo los meses publicados; el resto de columnas, vacías.
    filas = filas_cuadro(total=False)
    for fila in filas[5:]:
        if len(fila) > 4:
            fila[4:13] = [""] * 9
    ruta = escribir_csv(tmp_path / "cuadro_2025.csv", filas, encoding="latin-1")
    resultado = importar(ruta, conjunto=conjunto, anio=2025, dimensiones=["nacionalidad"])
    assert resultado.meses == [1, 2, 3]
    assert Observacion.objects.filter(
        conjunto=conjunto, periodo__year=2025, es_muestra=False
    ).aggregate(t=Sum("valor"))["t"] == sum(sum(p[2][:3]) for p in PAISES)
    # Abril en adelante conserva la muestra.
    assert Observacion.objects.filter(
        conjunto=conjunto, periodo=date(2025, 4, 1), es_muestra=True
    ).exists()


def test_importa_el_xls_de_excel_97_2003_que_publica_el_boletin(tmp_path, conjunto):
    ruta = escribir_xls(tmp_path / "cuadro3.1.1.xls", filas_cuadro())
    resultado = importar(ruta, conjunto=conjunto, anio=2023, dimensiones=["nacionalidad"])
    assert resultado.filas_archivo == 4
    del_anio = Observacion.objects.filter(conjunto=conjunto, periodo__year=2023)
    assert not del_anio.filter(es_muestra=True).exists()
    assert del_anio.aggregate(t=Sum("valor"))["t"] == sum(sum(p[2]) for p in PAISES)
    assert del_anio.get(periodo=date(2023, 1, 1), nacionalidad="VE").valor == 120


def test_csv_guardado_por_excel_con_punto_y_coma_y_filas_de_distinto_largo(tmp_path, conjunto):
    # Excel en español guarda con «;», y el título ocupa una sola celda sobre la tabla.
    lineas = [";".join(str(c) for c in fila) for fila in filas_cuadro()]
    ruta = tmp_path / "cuadro_excel.csv"
    ruta.write_text("\r\n".join(lineas) + "\r\n", encoding="utf-8-sig")
    resultado = importar(ruta, conjunto=conjunto, anio=2023, dimensiones=["nacionalidad"])
    assert resultado.filas_archivo == 4
    assert (
        Observacion.objects.get(
            conjunto=conjunto, periodo=date(2023, 6, 1), nacionalidad="KR"
        ).valor
        == 2
    )


def test_toma_la_columna_subtotal_cuando_el_mes_trae_subcolumnas(tmp_path, conjunto):
    ruta = escribir_xlsx_con_subcolumnas(tmp_path / "cuadro_2024.xlsx")
    importar(ruta, conjunto=conjunto, anio=2024, dimensiones=["nacionalidad"])
    venezuela = Observacion.objects.get(
        conjunto=conjunto, periodo=date(2024, 3, 1), nacionalidad="VE"
    )
    assert venezuela.valor == 130


def test_un_archivo_malo_dice_fila_y_columna_y_no_cambia_nada(tmp_path, conjunto):
    filas = filas_cuadro()
    filas[7][3] = "12a"  # Venezuela (fila 8 de la hoja), marzo (columna D)
    filas[8][0] = "Narnia"  # fila 9, columna A
    filas[10][5] = -4  # Honduras (fila 11), mayo (columna F)
    filas[10][13] = 1  # su total ya no cuadra, pero el error es el de mayo
    filas[9][13] = 999  # Corea (fila 10): el total no es la suma
    ruta = escribir_xlsx(tmp_path / "malo.xlsx", filas)
    antes = _foto(conjunto)
    with pytest.raises(ImportacionInvalida) as error:
        importar(ruta, conjunto=conjunto, anio=2023, dimensiones=["nacionalidad"])
    errores = error.value.errores
    assert "Fila 9, columna A: no se reconoce la nacionalidad «Narnia»." in errores
    assert "Fila 8, columna D (marzo): «12a» no es un número entero de casos." in errores
    assert any(e.startswith("Fila 11, columna F (mayo): -4 es negativo") for e in errores)
    assert "Fila 10, columna N (Total): dice «999» pero los meses suman 4." in errores
    assert not any(e.startswith("Fila 11, columna N") for e in errores)
    assert _foto(conjunto) == antes


def test_filas_repetidas_y_meses_salteados_se_rechazan(tmp_path, conjunto):
    filas = filas_cuadro(total=False)
    filas.insert(8, ["Venezuela", *range(12)])
    with pytest.raises(ImportacionInvalida) as error:
        importar(
            escribir_xlsx(tmp_path / "repetida.xlsx", filas),
            conjunto=conjunto,
            anio=2023,
            dimensiones=["nacionalidad"],
        )
    assert "Fila 9, columna A: «Venezuela» repite la fila 8 (VE)." in error.value.errores

    filas = filas_cuadro(total=False)
    filas[4][3] = "Abril"  # «Marzo» no está
    with pytest.raises(ImportacionInvalida) as error:
        importar(
            escribir_xlsx(tmp_path / "sin_marzo.xlsx", filas),
            conjunto=conjunto,
            anio=2023,
            dimensiones=["nacionalidad"],
        )
    assert "faltan las columnas de marzo" in error.value.errores[0]


def test_sin_encabezado_de_meses_o_con_formato_desconocido(tmp_path, conjunto):
    ruta = escribir_xlsx(tmp_path / "otra_cosa.xlsx", [["Hola"], ["a", "b"], ["1", "2"]])
    with pytest.raises(ImportacionInvalida, match="No se encontró la fila de encabezados"):
        importar(ruta, conjunto=conjunto, anio=2023, dimensiones=["nacionalidad"])
    texto = tmp_path / "cuadro.txt"
    texto.write_text("x")
    with pytest.raises(ImportacionInvalida, match="formato no admitido"):
        importar(texto, conjunto=conjunto, anio=2023, dimensiones=["nacionalidad"])
    danado = tmp_path / "danado.xlsx"
    danado.write_bytes(b"no soy un libro de Excel")
    with pytest.raises(ImportacionInvalida, match="no es un archivo XLSX de verdad"):
        importar(danado, conjunto=conjunto, anio=2023, dimensiones=["nacionalidad"])


def test_varias_columnas_de_rotulos_y_categoria_fija(tmp_path):
    from datos_abiertos.models import ConjuntoDatos

    documentos = ConjuntoDatos.objects.get(slug="documentos-migratorios")
    filas = [
        ["Tarjetas de visitante por razones humanitarias por entidad y nacionalidad, 2022"],
        [],
        ["Entidad federativa", "País de nacionalidad", "Enero", "Febrero", "Total"],
        ["Chiapas", "Honduras", 10, 12, 22],
        ["Chiapas", "Haití", 5, 0, 5],
        ["Ciudad de México", "Venezuela", 7, 9, 16],
    ]
    importar(
        escribir_xlsx(tmp_path / "tvrh.xlsx", filas),
        conjunto=documentos,
        anio=2022,
        dimensiones=["entidad", "nacionalidad"],
        categoria="tvrh",
    )
    filas_guardadas = Observacion.objects.filter(
        conjunto=documentos, periodo__year=2022, es_muestra=False
    )
    assert set(filas_guardadas.values_list("entidad", "nacionalidad", "categoria", "valor")) == {
        ("07", "HN", "tvrh", 10),
        ("07", "HN", "tvrh", 12),
        ("07", "HT", "tvrh", 5),
        ("09", "VE", "tvrh", 7),
        ("09", "VE", "tvrh", 9),
    }
    # Solo se reemplazaron las TVRH de enero y febrero: las TRT de muestra siguen.
    assert Observacion.objects.filter(
        conjunto=documentos, periodo=date(2022, 1, 1), categoria="trt"
    ).exists()
    assert not Observacion.objects.filter(
        conjunto=documentos, periodo=date(2022, 1, 1), categoria="tvrh", es_muestra=True
    ).exists()


def test_argumentos_que_no_corresponden_al_conjunto(tmp_path, conjunto):
    ruta = escribir_xlsx(tmp_path / "c.xlsx", filas_cuadro())
    with pytest.raises(ImportacionInvalida) as error:
        importar(ruta, conjunto=conjunto, anio=1990, dimensiones=["ventanilla"], indicador="otro")
    assert len(error.value.errores) == 3


def test_la_orden_resume_y_un_archivo_malo_termina_con_error_sin_cambios(
    tmp_path, conjunto, capsys
):
    ruta = escribir_xlsx(tmp_path / "cuadro3.1.1.xlsx", filas_cuadro())
    salida, errores = StringIO(), StringIO()
    call_command(
        "importar_estadisticas",
        str(ruta),
        "--conjunto",
        "personas-presentadas",
        "--anio",
        "2023",
        stdout=salida,
        stderr=errores,
    )
    texto = salida.getvalue()
    assert "4 filas de datos, meses 01 a 12 de 2023" in texto
    assert "nuevas" in texto and "Importado en" in texto
    # Barra de avance (tqdm) en la salida de errores de la terminal, con las filas cargadas.
    barra = capsys.readouterr().err
    assert "Importando cuadro3.1.1.xlsx: 33 filas" in barra
    salida = StringIO()
    call_command(
        "importar_estadisticas",
        str(ruta),
        "--conjunto",
        "personas-presentadas",
        "--anio",
        "2023",
        stdout=salida,
        stderr=StringIO(),
    )
    assert "Nada cambió" in salida.getvalue()

    filas = filas_cuadro()
    filas[7][2] = "muchos"
    malo = escribir_xlsx(tmp_path / "malo.xlsx", filas)
    antes = _foto(conjunto)
    errores = StringIO()
    with pytest.raises(CommandError, match="no se importó: 1 problema"):
        call_command(
            "importar_estadisticas",
            str(malo),
            "--conjunto",
            "personas-presentadas",
            "--anio",
            "2023",
            stdout=StringIO(),
            stderr=errores,
        )
    assert (
        "Fila 8, columna C (febrero): «muchos» no es un número entero de casos."
        in errores.getvalue()
    )
    assert _foto(conjunto) == antes


def test_la_orden_rechaza_un_conjunto_desconocido(tmp_path):
    with pytest.raises(CommandError, match="No existe el conjunto «inventado»"):
        call_command(
            "importar_estadisticas",
            str(tmp_path / "x.csv"),
            "--conjunto",
            "inventado",
            "--anio",
            "2023",
        )


def test_cada_columna_de_rotulos_llega_a_su_dimension(tmp_path, conjunto):
    filas = [
        ["Eventos por entidad, nacionalidad, sexo y grupo de edad, 2022"],
        [],
        ["Entidad", "País", "Sexo", "Grupo de edad", "Enero", "Febrero", "Total"],
        ["Chiapas", "Honduras", "Mujeres", "12 a 17 años", 4, 0, 4],
    ]
    importar(
        escribir_xlsx(tmp_path / "cuatro.xlsx", filas),
        conjunto=conjunto,
        anio=2022,
        dimensiones=["entidad", "nacionalidad", "sexo", "grupo_edad"],
    )
    guardadas = Observacion.objects.filter(conjunto=conjunto, periodo__year=2022, es_muestra=False)
    assert list(
        guardadas.values_list(
            "periodo",
            "ventanilla",
            "entidad",
            "categoria",
            "nacionalidad",
            "sexo",
            "grupo_edad",
            "indicador",
            "valor",
            "suprimido",
            "fuente__url",
        )
    ) == [
        (
            date(2022, 1, 1),
            "",
            "07",
            "",
            "HN",
            "mujer",
            "12-17",
            "eventos",
            4,
            False,
            "https://portales.segob.gob.mx/es/PoliticaMigratoria/Boletines_Estadisticos",
        )
    ]
