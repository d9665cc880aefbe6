"""Cuadros con el formato del Boletín (referencia datos.md, sección 3), hechos para las pruebas."""

from pathlib import Path

import openpyxl
import pandas as pd

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
