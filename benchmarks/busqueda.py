"""Búsqueda en el proceso: acierto entre los tres primeros por idioma y p50/p95 de cada consulta.

    .venv/bin/python benchmarks/busqueda.py [--vueltas 5] [--solo sqlite|postgres]

Por cada base (SQLite temporal y una base PostgreSQL temporal en 127.0.0.1, con PGPASSWORD si
hace falta) migra, carga los trámites y las frases (`cargar_tramites`, que llena el índice) y
corre las consultas de tests/tramites/consultas_busqueda.yaml en su idioma. Mide `calcular`, la
búsqueda sin lo que el proceso guarda de las anteriores (el costo de una consulta nueva). Línea
base medida en la misma corrida: una consulta trivial a la base (la fila de un trámite por su slug, con el ORM).
Meta: p50 < 10 ms en las dos bases y ≥ 95 % entre los tres primeros.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "benchmarks"))
sys.path.insert(0, str(RAIZ))

from comun import PYTHON, base_postgres, directorio_temporal, entorno  # noqa: E402

BASE_PG = "bench_busqueda"
CODIGOS = {"es": "es-mx", "en": "en", "fr": "fr", "ht": "ht"}


def _percentil(tiempos: list[float], p: float) -> float:
    ordenados = sorted(tiempos)
    return ordenados[min(len(ordenados) - 1, int(len(ordenados) * p))]


def medir(vueltas: int) -> dict:
    """Corre dentro del proceso hijo, con la base ya elegida por el entorno."""
    import django

    django.setup()
    import yaml
    from django.core.management import call_command
    from django.utils import translation

    from tramites.busqueda import calcular
    from tramites.models import Tramite

    call_command("migrate", verbosity=0)
    call_command("cargar_tramites", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    ruta = RAIZ / "tests" / "tramites" / "consultas_busqueda.yaml"
    consultas = yaml.safe_load(ruta.read_text(encoding="utf-8"))["consultas"]

    aciertos, totales = Counter(), Counter()
    tiempos, base = [], []
    for vuelta in range(vueltas + 1):  # la primera calienta cachés y conexiones
        for consulta in consultas:
            with translation.override(CODIGOS[consulta["idioma"]]):
                inicio = time.perf_counter()
                tramite = Tramite.objects.filter(slug=consulta["espera"]).first()
                medio = time.perf_counter()
                resultado = calcular(consulta["q"])
                fin = time.perf_counter()
            del tramite
            if vuelta == 0:
                totales[consulta["idioma"]] += 1
                if consulta["espera"] in resultado.destinos()[:3]:
                    aciertos[consulta["idioma"]] += 1
            else:
                base.append((medio - inicio) * 1000)
                tiempos.append((fin - medio) * 1000)
    return {
        "por_idioma": {i: [aciertos[i], totales[i]] for i in totales},
        "p50": statistics.median(tiempos),
        "p95": _percentil(tiempos, 0.95),
        "base_p50": statistics.median(base),
        "base_p95": _percentil(base, 0.95),
        "consultas": len(tiempos),
    }


def correr(nombre: str, vueltas: int) -> dict:
    temporal = directorio_temporal("busqueda")
    extra = {"SQLITE_PATH": str(temporal / "bench.sqlite3")}
    if nombre == "postgres":
        base_postgres("DROP", BASE_PG)
        base_postgres("CREATE", BASE_PG)
        clave = os.environ.get("PGPASSWORD", "postgres")
        extra["DATABASE_URL"] = f"postgres://postgres:{clave}@127.0.0.1:5432/{BASE_PG}"
    try:
        salida = subprocess.run(
            [PYTHON, __file__, "--medir", "--vueltas", str(vueltas)],
            cwd=RAIZ,
            env=entorno(**extra),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        if nombre == "postgres":
            base_postgres("DROP", BASE_PG)
    return json.loads(salida.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vueltas", type=int, default=5)
    parser.add_argument("--solo", choices=["sqlite", "postgres"])
    parser.add_argument("--medir", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.medir:
        print(json.dumps(medir(args.vueltas)))
        return
    os.environ.setdefault("PGPASSWORD", "postgres")
    for nombre in [args.solo] if args.solo else ["sqlite", "postgres"]:
        r = correr(nombre, args.vueltas)
        total = sum(a for a, _ in r["por_idioma"].values()) / sum(
            t for _, t in r["por_idioma"].values()
        )
        idiomas = " · ".join(
            f"{i} {a}/{t} ({a / t:.0%})" for i, (a, t) in sorted(r["por_idioma"].items())
        )
        print(f"{nombre}: entre los tres primeros {total:.1%} — {idiomas}")
        print(
            f"  búsqueda      p50 {r['p50']:6.2f} ms · p95 {r['p95']:6.2f} ms "
            f"({r['consultas']} consultas)"
        )
        print(f"  línea base    p50 {r['base_p50']:6.2f} ms · p95 {r['base_p95']:6.2f} ms")
        print(f"  razón p50 búsqueda/línea base: {r['p50'] / r['base_p50']:.1f}×")


if __name__ == "__main__":
    main()
