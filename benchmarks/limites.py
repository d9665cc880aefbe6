"""Límites de intentos: cuánto cuesta una consulta correcta en el limitador, con cada almacén.

    .venv/bin/python benchmarks/limites.py [--consultas 1000] [--corridas 5]
        [--redis redis://127.0.0.1:6379/14]

Una consulta correcta de /seguimiento/ aparta un intento en el contador de su IP y en el de su
número y luego lo devuelve (config/limites.py). Se mide eso solo, en un proceso, con los tres
almacenes: Redis (la base de --redis, que se vacía al terminar), una tabla en PostgreSQL
(base nueva bench_limites en 127.0.0.1:5432) y una tabla en un archivo SQLite. Imprime la
mediana de las corridas en ms por consulta. Para comparar con otro commit, corra este mismo
guion en una copia de ese commit (`git worktree add`), en seguida, con la misma carga.
"""

import argparse
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
    from django.conf import settings
    from django.core.management import call_command

    from config import limites
    from config.models import ContadorIntentos

    call_command("migrate", verbosity=0)
    prefijo = uuid.uuid4().hex[:8]

    def nuevo(i: int, ronda: str) -> None:
        reserva = limites.reservar(
            contadores=[
                limites.CONSULTA_POR_IP.contador(f"{ronda}-ip-{i % 50}"),
                limites.CONSULTA_POR_NUT.contador(f"{ronda}-{i}"),
            ]
        )
        limites.devolver(reserva)

    almacen = "Redis, un guion de Lua" if settings.LIMITES_REDIS_URL else "tabla, una sentencia"
    casos = {f"config/limites.py ({almacen})": nuevo}
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
    if settings.LIMITES_REDIS_URL:
        import redis

        cliente = redis.Redis.from_url(settings.LIMITES_REDIS_URL)
        for clave in cliente.scan_iter(f"{settings.LIMITES_PREFIJO}:*"):
            cliente.delete(clave)
    else:
        ContadorIntentos.objects.all().delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consultas", type=int, default=1000)
    parser.add_argument("--corridas", type=int, default=5)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--medir", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.medir:
        medir(args)
        return
    temporal = Path(tempfile.mkdtemp(prefix="bench-limites-"))
    almacenes = {
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
                + ["--corridas", str(args.corridas)],
                cwd=RAIZ,
                env=entorno(**variables),
                check=True,
            )
    finally:
        base_postgres("DROP", BASE_PG)


if __name__ == "__main__":
    os.chdir(RAIZ)
    main()
