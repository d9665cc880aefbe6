"""Tiempo de procesador por página, dentro de un proceso, contra /salud/ medido en la misma corrida.

    .venv/bin/python benchmarks/cpu_paginas.py [--veces 10] [--solo sqlite|postgresql]
        [--paginas tramites,cuotas,...] [--perfil cuotas,buscar]

wrk mide pet/s por la red y sufre cuando la máquina está cargada (la cola del procesador entra
en la medida). Esto mide lo que cuesta la página al procesador: carga la misma base que
`benchmarks/paginas.py` (trámites, ventanillas, datos abiertos, 200 solicitudes; PostgreSQL con
Redis, como allí), y en un proceso con DEBUG=0 y la caché de páginas apagada (`PAGINAS_EN_CACHE=0`; la de trozos viva, como
en producción) pide cada página con el cliente de pruebas de Django: una de calentamiento y luego
`--veces`, con `time.process_time`, alternando cada petición con una a /salud/. La razón es CPU
de /salud/ (la medida a la par) ÷ CPU de la página: los pet/s que tendría la página respecto de
/salud/ si el procesador fuera lo único que cuenta (meta ≥ 0,25, búsqueda ≥ 0,5, como en
paginas.py). `--perfil PAGINA,…` imprime además las 45 funciones con más tiempo acumulado de esas
páginas (cProfile).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from comun import (  # noqa: E402
    PYTHON,
    RAIZ,
    directorio_temporal,
    entorno,
    manage,
    redis_como_en_produccion,
)
from paginas import BASE_PG, META, PAGINAS, _postgres, preparar  # noqa: E402


def medir_en_proceso(veces: int, paginas: set | None, perfil: str | None) -> None:
    """Corre dentro del proceso hijo, con el entorno ya puesto."""
    import cProfile
    import pstats
    import statistics
    import time

    import django

    sys.path.insert(0, str(RAIZ))
    django.setup()
    from django.test import Client
    from paginas import _seguimiento

    bench_seguimiento = _seguimiento()

    datos = json.loads(os.environ["BENCH_DATOS"])
    cliente = Client(HTTP_HOST="127.0.0.1")
    rutas = {"salud": ("/salud/", None)}
    for clave, ruta in PAGINAS.items():
        if paginas and clave not in paginas:
            continue
        if clave == "estado":
            rutas[clave] = (
                "/seguimiento/",
                {
                    "nut": f"{bench_seguimiento.PREFIJO}000001",
                    "contrasena": bench_seguimiento.CONTRASENA,
                },
            )
        else:
            rutas[clave] = (ruta.format(**datos), None)

    def pedir(ruta, cuerpo):
        respuesta = cliente.post(ruta, cuerpo) if cuerpo else cliente.get(ruta)
        if respuesta.status_code >= 400:
            raise RuntimeError(f"{ruta}: {respuesta.status_code}")
        if getattr(respuesta, "streaming", False):
            b"".join(respuesta.streaming_content)

    def muestra(ruta, cuerpo) -> float:
        inicio = time.process_time()
        pedir(ruta, cuerpo)
        return (time.process_time() - inicio) * 1000

    salud = rutas.pop("salud")
    pedir(*salud)  # calentamiento
    pisos, costos, razones = [], {}, {}
    for clave, (ruta, cuerpo) in rutas.items():
        pedir(ruta, cuerpo)  # calentamiento
        # /salud/ se mide alternando con cada página: con la máquina ocupada por otros el
        # procesador rinde distinto de un minuto a otro, y la razón compara lo medido a la par.
        propios, muestras = [], []
        for _ in range(veces):
            propios.append(muestra(*salud))
            muestras.append(muestra(ruta, cuerpo))
        pisos += propios
        costos[clave] = statistics.median(muestras)
        razones[clave] = statistics.median(propios) / costos[clave]
        if perfil and clave in perfil.split(","):
            print(f"\n--- perfil de {clave}")
            perfilador = cProfile.Profile()
            perfilador.enable()
            for _ in range(veces):
                pedir(ruta, cuerpo)
            perfilador.disable()
            pstats.Stats(perfilador).sort_stats("cumulative").print_stats(45)
    pisos = pisos or [muestra(*salud) for _ in range(veces)]
    print(
        f"  /salud/ {statistics.median(pisos):.2f} ms de CPU "
        f"(mediana de {len(pisos)}, alternada con cada página)"
    )
    for clave, ms in costos.items():
        razon = razones[clave]
        meta = META.get(clave, 0.25)
        marca = "" if razon >= meta else "  ← NO"
        print(f"  {clave:16} {ms:8.2f} ms   razón {razon:5.2f}{marca}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--veces", type=int, default=10)
    parser.add_argument("--solo", choices=["sqlite", "postgresql"])
    parser.add_argument(
        "--paginas", type=lambda v: set(v.split(",")), help="Solo estos tipos (separados por coma)."
    )
    parser.add_argument(
        "--perfil", help="Perfila estas páginas, separadas por coma (cProfile, 45 funciones)."
    )
    parser.add_argument("--hijo", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.hijo:
        medir_en_proceso(args.veces, args.paginas, args.perfil)
        return
    temporal = directorio_temporal("cpu")
    comun = {"STATIC_ROOT": str(temporal / "static"), "PAGINAS_EN_CACHE": "0"}
    manage("collectstatic", "--noinput", "-v0", env=entorno(**comun))
    hijo = [PYTHON, __file__, "--hijo", "--veces", str(args.veces)]
    if args.paginas:
        hijo += ["--paginas", ",".join(args.paginas)]
    if args.perfil:
        hijo += ["--perfil", args.perfil]
    bancos = Path(__file__).resolve().parent
    try:
        for nombre, extra in (
            ("sqlite", {"SQLITE_PATH": str(temporal / "bench.sqlite3")}),
            (
                "postgresql",
                {
                    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{BASE_PG}",
                    **redis_como_en_produccion(),
                },
            ),
        ):
            if args.solo and args.solo != nombre:
                continue
            if nombre == "postgresql":
                _postgres("DROP")
                _postgres("CREATE")
            env = entorno(**comun, **extra)
            datos = preparar(env)
            print(f"\n{nombre} · CPU por petición en el proceso, sin caché de páginas")
            subprocess.run(
                hijo,
                cwd=RAIZ,
                env={
                    **env,
                    "BENCH_DATOS": json.dumps(datos),
                    "PYTHONPATH": f"{RAIZ}{os.pathsep}{bancos}",
                },
                check=True,
            )
    finally:
        _postgres("DROP")
        shutil.rmtree(temporal, ignore_errors=True)


if __name__ == "__main__":
    main()
