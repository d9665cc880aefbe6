"""Cuadros con el formato del Boletín (referencia datos.md, sección 3), hechos para las pruebas,
y lectura de los archivos que el sitio entrega."""

import csv
import io
import json
import struct
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq

MESES = [
    "Enero",
    "Febrero",
    "Marzo",
    "Abril",
    "Mayo",
    "Junio",
    "Julio",
    "Agosto",
    "Septiembre",
    "Octubre",
    "Noviembre",
    "Diciembre",
]

# (país como lo escribe el catálogo de la UPMRIP, código ISO, cifras de enero a diciembre)
PAISES = [
    ("Venezuela", "VE", [120, 95, 130, 0, 88, 101, 77, 90, 60, 55, 70, 81]),
    ("Dominicana, Rep.", "DO", [3, 0, 1, 2, 0, 0, 4, 1, 0, 2, 1, 0]),
    ("Corea, Rep. (Sur)", "KR", [0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0]),
    ("Honduras", "HN", [210, 180, 199, 150, 160, 170, 140, 130, 120, 110, 100, 90]),
]


def filas_cuadro(paises=PAISES, meses=12, total=True, agregados=True):
    """Las filas del cuadro 3.1.1: título, notas, encabezado, agregados, países y nota al pie."""
    filas = [
        [
            "Cuadro 3.1.1 Eventos de personas extranjeras presentadas y canalizadas por la autoridad migratoria, según continente y país de nacionalidad, 2023"
        ],
        ["Cifras preliminares"],
        [],
        [],
        ["Continente y país de nacionalidad", *MESES[:meses], *(["Total"] if total else [])],
    ]
    if agregados:
        sumas = [sum(p[2][m] for p in paises) for m in range(meses)]
        filas.append(["Total general", *sumas, *([sum(sumas)] if total else [])])
        filas.append(["América", *sumas, *([sum(sumas)] if total else [])])
    for nombre, _codigo, valores in paises:
        filas.append([nombre, *valores[:meses], *([sum(valores[:meses])] if total else [])])
    filas += [
        [],
        ["Fuente: Centro de Estudios Migratorios, con base en registros administrativos del INM."],
    ]
    return filas


def escribir_xlsx(ruta: Path, filas) -> Path:
    libro = openpyxl.Workbook()
    hoja = libro.active
    for fila in filas:
        hoja.append(fila)
    libro.save(ruta)
    return ruta


def escribir_csv(ruta: Path, filas, encoding="utf-8") -> Path:
    ancho = max(len(f) for f in filas)
    pd.DataFrame([f + [""] * (ancho - len(f)) for f in filas]).to_csv(
        ruta, header=False, index=False, encoding=encoding
    )
    return ruta


def escribir_xlsx_con_subcolumnas(ruta: Path, paises=PAISES, meses=3) -> Path:
    """Desde 2021: cada mes con subcolumnas Presentadas / Canalizadas / Subtotal (celdas combinadas)."""
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.append(["Cuadro 3.1.1 ... 2024"])
    hoja.append([])
    hoja.append([])
    hoja.append([])
    encabezado = ["Continente y país de nacionalidad"]
    subencabezado = [""]
    for mes in MESES[:meses]:
        encabezado += [mes, None, None]
        subencabezado += ["Presentadas", "Canalizadas", "Subtotal"]
    hoja.append(encabezado)
    hoja.append(subencabezado)
    for indice in range(meses):
        columna = 2 + indice * 3
        hoja.merge_cells(start_row=5, start_column=columna, end_row=5, end_column=columna + 2)
    for nombre, _codigo, valores in paises:
        fila = [nombre]
        for valor in valores[:meses]:
            canalizadas = valor // 3
            fila += [valor - canalizadas, canalizadas, valor]
        hoja.append(fila)
    libro.save(ruta)
    return ruta


def _registro(tipo: int, datos: bytes) -> bytes:
    return struct.pack("<HH", tipo, len(datos)) + datos


def _bof(tipo_hoja: int) -> bytes:
    # BIFF8 (0x0600): 0x0005 = libro, 0x0010 = hoja.
    return _registro(0x0809, struct.pack("<HHHHII", 0x0600, tipo_hoja, 0x0DBB, 0x07CC, 0, 6))


def _texto_biff8(texto: str, largo: str) -> bytes:
    # Cadena Unicode de BIFF8: largo, opciones (1 = UTF-16LE) y los caracteres.
    return struct.pack(largo, len(texto)) + b"\x01" + texto.encode("utf-16-le")


def escribir_xls(ruta: Path, filas) -> Path:
    """Un .xls de Excel 97-2003 (BIFF8, el formato de los cuadros del Boletín), sin xlwt.

    Flujo BIFF sin el contenedor OLE, que xlrd también lee: un libro con una hoja, textos en
    registros LABEL y números en registros NUMBER.
    """
    celdas = b""
    for r, fila in enumerate(filas):
        for c, valor in enumerate(fila):
            if valor is None or valor == "":
                continue
            if isinstance(valor, int | float):
                celdas += _registro(0x0203, struct.pack("<HHHd", r, c, 0, float(valor)))
            else:
                celdas += _registro(
                    0x0204, struct.pack("<HHH", r, c, 0) + _texto_biff8(valor, "<H")
                )
    fin = _registro(0x000A, b"")
    nombre = _texto_biff8("Cuadro", "<B")
    globales_sin_hoja = _bof(0x0005) + _registro(0x0042, struct.pack("<H", 1200))
    largo_hoja = 4 + 6 + len(nombre)
    inicio_hoja = len(globales_sin_hoja) + largo_hoja + len(fin)
    hoja = _registro(0x0085, struct.pack("<IBB", inicio_hoja, 0, 0) + nombre)
    ruta.write_bytes(globales_sin_hoja + hoja + fin + _bof(0x0010) + celdas + fin)
    return ruta


def filas_descargadas(formato: str, cuerpo: bytes) -> int:
    """Cuántas filas de datos trae un archivo descargado (CSV, JSON o Parquet)."""
    if formato == "csv":
        return len(list(csv.reader(io.StringIO(cuerpo.decode("utf-8-sig"))))) - 1
    if formato == "json":
        datos = json.loads(cuerpo)
        assert datos["total_filas"] == len(datos["filas"])
        return datos["total_filas"]
    if formato == "xlsx":
        from openpyxl import load_workbook

        hoja = load_workbook(io.BytesIO(cuerpo), read_only=True)["datos"]
        return sum(1 for _fila in hoja.iter_rows(values_only=True)) - 1
    return pq.read_table(io.BytesIO(cuerpo)).num_rows
