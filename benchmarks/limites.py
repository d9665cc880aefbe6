"""Límites de intentos: cuánto cuesta una consulta correcta en el limitador, con cada almacén.

    .venv/bin/python benchmarks/limites.py [--consultas 1000] [--corridas 5]
        [--redis redis://127.0.0.1:6379/14] [--antes COMMIT]

Una consulta correcta de /seguimiento/ aparta un intento en el contador de su IP y en el de su
número y luego lo devuelve (config/limites.py). Se mide eso solo, en un proceso, con los tres
almacenes: Redis (la base de --redis, que se vacía al terminar), una tabla en PostgreSQL
(base nueva bench_limites en 127.0.0.1:5432) y una tabla en un archivo SQLite. Con --antes, lo
mismo con el limitador de seguimiento de ese commit (seguimiento/limites.py, el de un guion Lua
en Redis). Imprime la mediana de las corridas en ms por consulta.
"""

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from comun import PYTHON, RAIZ, base_postgres, entorno  # noqa: E402

BASE_PG = "bench_limites"


def medir(args) -> None:
    """En el proceso hijo: Django configurado con el almacén que dice el entorno."""
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command

    from config import limites

    call_command("createcachetable", verbosity=0)
    prefijo = uuid.uuid4().hex[:8]

    def nuevo(i: int, ronda: str) -> None:
        reserva = limites.reservar(
            contadores=[
                limites.CONSULTA_POR_IP.contador(f"{ronda}-ip-{i % 50}"),
                limites.CONSULTA_POR_NUT.contador(f"{ronda}-{i}"),
            ]
        )
        limites.devolver(reserva)

    casos = {f"config/limites.py ({type(caches['limites']).__name__})": nuevo}
    if args.antes_archivo:
        spec = importlib.util.spec_from_file_location("limites_antes", args.antes_archivo)
        antes = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(antes)

        def viejo(i: int, ronda: str) -> None:
            antes.devolver(antes.intentar(nut=f"{ronda}-{i}", ip=f"{ronda}-ip-{i % 50}"))

        casos[f"{args.antes} seguimiento/limites.py"] = viejo
    tiempos = {nombre: [] for nombre in casos}
    for corrida in range(args.corridas):
        for nombre, ciclo in casos.items():
            ronda = f"{prefijo}-{corrida}"
            for i in range(50):  # calentamiento
                ciclo(i, ronda + "c")
            inicio = time.perf_counter()
            for i in range(args.consultas):
                ciclo(i, ronda)
            tiempos[nombre].append((time.perf_counter() - inicio) / args.consultas * 1000)
    for nombre, valores in tiempos.items():
        print(
            f"  {nombre:52} {statistics.median(valores):6.2f} ms por consulta · corridas "
            + ", ".join(f"{v:.2f}" for v in valores)
        )
    caches["limites"].clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consultas", type=int, default=1000)
    parser.add_argument("--corridas", type=int, default=5)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--antes", help="commit con seguimiento/limites.py (el limitador viejo)")
    parser.add_argument("--medir", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--antes-archivo", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.medir:
        medir(args)
        return
    temporal = Path(tempfile.mkdtemp(prefix="bench-limites-"))
    antes = []
    if args.antes:
        archivo = temporal / "limites_antes.py"
        archivo.write_text(
            subprocess.run(
                ["git", "show", f"{args.antes}:seguimiento/limites.py"],
                cwd=RAIZ,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        antes = ["--antes", args.antes, "--antes-archivo", str(archivo)]
    almacenes = {
        # La caché por omisión en Redis: ahí también buscaba el limitador viejo.
        "Redis": {"CACHE_URL": args.redis, "CACHE_KEY_PREFIX": f"bench-limites-{os.getpid()}"},
        "PostgreSQL, sin Redis": {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{BASE_PG}",
            "CACHE_URL": "locmem://",
        },
        "SQLite (archivo), sin Redis": {
            "SQLITE_PATH": str(temporal / "limites.sqlite3"),
            "CACHE_URL": "locmem://",
        },
    }
    base_postgres("DROP", BASE_PG)
    base_postgres("CREATE", BASE_PG)
    try:
        for nombre, variables in almacenes.items():
            print(f"{nombre}: reservar en dos contadores y devolver, {args.consultas} consultas")
            subprocess.run(
                [PYTHON, __file__, "--medir", "--consultas", str(args.consultas)]
                + ["--corridas", str(args.corridas)]
                + (antes if nombre == "Redis" else []),
                cwd=RAIZ,
                env=entorno(**variables),
                check=True,
            )
    finally:
        base_postgres("DROP", BASE_PG)


if __name__ == "__main__":
    os.chdir(RAIZ)
    main()
