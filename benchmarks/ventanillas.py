"""Ventanillas: páginas contra su copia estática, importación del directorio y agregados.

    .venv/bin/python benchmarks/ventanillas.py [--segundos 5] [--filas 2000] [--atenciones 20000]

Base SQLite nueva en un directorio temporal. (1) Con gunicorn (2 procesos) y wrk mide la lista,
lugares cercanos y el mapa contra una copia estática de cada página servida por WhiteNoise en el
mismo gunicorn, con la caché de páginas completas (meta: razón ≥ 0,70) y sin ella (el costo de
calcularlas; meta: p50 < 100 ms). (2) Importa un directorio de `--filas` filas y lo compara con solo
leerlo con pandas (meta: < 20 ms por fila). (3) Calcula los agregados mensuales de
`--atenciones` atenciones (meta: < 2 s).
"""

import argparse
import csv
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from comun import directorio_temporal, entorno, gunicorn, manage, wrk  # noqa: E402

PAGINAS = {
    "lista": "/ventanillas/",
    "cercanas": "/ventanillas/cercanas/?estado=chiapas&municipio=07089",
    "mapa": "/ventanillas/mapa/",
}


def medir_paginas(env: dict, segundos: int) -> None:
    import urllib.request

    copias = Path(env["STATIC_ROOT"]) / "bench"
    copias.mkdir(parents=True, exist_ok=True)
    with gunicorn(env) as (url, _proceso):
        for nombre, ruta in PAGINAS.items():
            (copias / f"{nombre}.html").write_bytes(urllib.request.urlopen(url + ruta).read())  # noqa: S310
    # Con la caché de páginas (lo que ve un visitante) y sin ella (el costo de calcularlas).
    for etiqueta, extra in (("con caché", {}), ("sin caché", {"CACHE_URL": "dummy://"})):
        with gunicorn({**env, **extra}) as (url, _proceso):
            for nombre, ruta in PAGINAS.items():
                tamano = (copias / f"{nombre}.html").stat().st_size
                wrk(url + ruta, segundos=1)
                pagina = wrk(url + ruta, segundos=segundos)
                estatico = wrk(f"{url}/static/bench/{nombre}.html", segundos=segundos)
                razon = pagina.peticiones_s / estatico.peticiones_s
                print(
                    f"{etiqueta} {nombre:9} ({tamano:,} bytes) página {pagina.peticiones_s:7.0f} "
                    f"pet/s p50 {pagina.p50_ms:7.2f} ms p99 {pagina.p99_ms:7.2f} ms · estático "
                    f"{estatico.peticiones_s:7.0f} pet/s · razón {razon:.2f} · errores "
                    f"{pagina.errores + estatico.errores}"
                )


def _csv_directorio(ruta: Path, filas: int) -> None:
    from ventanillas.models import Municipio

    municipios = list(Municipio.objects.select_related("estado")[:filas])
    with ruta.open("w", encoding="utf-8", newline="") as archivo:
        escritor = csv.writer(archivo)
        escritor.writerow(
            [
                "tipo",
                "nombre",
                "estado",
                "municipio",
                "telefono",
                "horario",
                "servicios",
                "fuente_url",
                "fecha_consulta",
            ]
        )
        for i in range(filas):
            municipio = municipios[i % len(municipios)]
            escritor.writerow(
                [
                    "oficina",
                    f"Oficina de prueba {i}",
                    municipio.estado.clave,
                    municipio.clave,
                    "55 5387 2400",
                    "lunes a viernes, 09:00 a 14:30",
                    "tramites-inm",
                    "https://www.gob.mx/inm/benchmark",
                    "2026-11-23",
                ]
            )


def medir_importacion(temporal: Path, filas: int) -> None:
    import pandas as pd
    from django.db import transaction

    from ventanillas import directorio

    ruta = temporal / "directorio.csv"
    _csv_directorio(ruta, filas)
    inicio = time.perf_counter()
    pd.read_csv(ruta, dtype=str, keep_default_na=False)
    lectura = time.perf_counter() - inicio
    inicio = time.perf_counter()
    with transaction.atomic():
        resultado = directorio.importar(ruta)
        transaction.set_rollback(True)
    total = time.perf_counter() - inicio
    print(
        f"importación de {filas:,} filas ({len(resultado.creados):,} nuevas): {total:.2f} s "
        f"= {1000 * total / filas:.2f} ms/fila · solo leer con pandas {1000 * lectura:.1f} ms "
        f"· razón {total / lectura:.0f}×"
    )


def medir_agregados(cuantas: int) -> None:
    from ventanillas.agregados import atenciones_mensuales
    from ventanillas.models import (
        Atencion,
        GrupoEdad,
        Lugar,
        PerfilMigratorio,
        ServicioAtendido,
        Sexo,
    )

    azar = random.Random(7)  # noqa: S311 - datos de prueba, no criptografía
    ventanillas = list(Lugar.objects.ventanillas())
    atenciones = Atencion.objects.bulk_create(
        Atencion(
            ventanilla=azar.choice(ventanillas),
            fecha=date(2026, 1, 1) + timedelta(days=azar.randrange(330)),
            nacionalidad=azar.choice(["HN", "GT", "SV", "VE", "CU", "HT", ""]),
            sexo=azar.choice(Sexo.values),
            grupo_edad=azar.choice(GrupoEdad.values),
            perfil=azar.choice(PerfilMigratorio.values),
        )
        for _ in range(cuantas)
    )
    ServicioAtendido.objects.bulk_create(
        ServicioAtendido(atencion=a, servicio=s)
        for a in atenciones
        for s in azar.sample(
            ["orientacion-tramites", "canalizacion-proteccion", "otro"], azar.randint(1, 2)
        )
    )
    inicio = time.perf_counter()
    filas = atenciones_mensuales()
    total = time.perf_counter() - inicio
    print(f"agregados de {cuantas:,} atenciones: {len(filas):,} filas en {total:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segundos", type=int, default=5)
    parser.add_argument("--filas", type=int, default=2000)
    parser.add_argument("--atenciones", type=int, default=20000)
    args = parser.parse_args()
    temporal = directorio_temporal("ventanillas")
    env = entorno(SQLITE_PATH=str(temporal / "bench.sqlite3"), STATIC_ROOT=str(temporal / "static"))
    manage("collectstatic", "--noinput", "-v0", env=env)
    manage("migrate", "--noinput", "-v0", env=env)
    manage("cargar_ventanillas", env=env)
    medir_paginas(env, args.segundos)
    os.environ.update(env)
    import django

    django.setup()
    medir_importacion(temporal, args.filas)
    medir_agregados(args.atenciones)


if __name__ == "__main__":
    main()
