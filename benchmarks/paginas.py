"""Velocidad de la ficha de un trámite contra un archivo estático del mismo tamaño.

    .venv/bin/python benchmarks/paginas.py [--segundos 10] [--solo sqlite|postgresql]

Levanta gunicorn (2 procesos) con SQLite y luego con PostgreSQL (base nueva tm_bench_paginas en
127.0.0.1:5432), carga los trámites, y mide con wrk la ficha /tramites/<slug>/ y una copia
estática de esa misma página servida por WhiteNoise en el mismo gunicorn. Imprime peticiones/s,
p50 y p99 de cada una y la razón ficha/estático. Meta: razón ≥ 0,7 y p99 < 50 ms.
"""

import argparse
import shutil
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from comun import base_postgres, directorio_temporal, entorno, gunicorn, manage, wrk  # noqa: E402

SLUG = "expedicion-documento-renovacion-reposicion"
BASE_PG = "tm_bench_paginas"


def _postgres(accion: str) -> None:
    base_postgres(accion, BASE_PG)


def medir(nombre: str, env: dict, segundos: int) -> dict:
    manage("migrate", "--noinput", "-v0", env=env)
    manage("cargar_tramites", env=env)
    with gunicorn(env) as (url, _proceso):
        pagina = urllib.request.urlopen(f"{url}/tramites/{SLUG}/").read()  # noqa: S310
        # La copia estática vive en STATIC_ROOT; WhiteNoise la indexa al arrancar, así que se
        # escribe y se reinicia el servidor para servirla.
    copia = Path(env["STATIC_ROOT"]) / "bench" / "ficha.html"
    copia.parent.mkdir(exist_ok=True)
    copia.write_bytes(pagina)
    with gunicorn(env) as (url, _proceso):
        rutas = {"ficha": f"{url}/tramites/{SLUG}/", "estatico": f"{url}/static/bench/ficha.html"}
        for ruta in rutas.values():
            wrk(ruta, segundos=2)  # calentamiento
        resultado = {clave: wrk(ruta, segundos=segundos) for clave, ruta in rutas.items()}
    ficha, estatico = resultado["ficha"], resultado["estatico"]
    razon = ficha.peticiones_s / estatico.peticiones_s
    print(f"\n{nombre}  ({len(pagina):,} bytes por respuesta)")
    for clave, m in resultado.items():
        print(
            f"  {clave:9} {m.peticiones_s:9.0f} pet/s   p50 {m.p50_ms:6.2f} ms   "
            f"p99 {m.p99_ms:6.2f} ms   errores {m.errores}"
        )
    print(f"  razón ficha/estático: {razon:.2f}  (meta ≥ 0,70; p99 ficha < 50 ms)")
    return {"razon": razon, "p99": ficha.p99_ms, "errores": ficha.errores + estatico.errores}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segundos", type=int, default=10)
    parser.add_argument("--solo", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    temporal = directorio_temporal("paginas")
    estaticos = temporal / "static"
    comun = {"STATIC_ROOT": str(estaticos)}
    manage("collectstatic", "--noinput", "-v0", env=entorno(**comun))
    resultados = {}
    try:
        if args.solo in (None, "sqlite"):
            env = entorno(SQLITE_PATH=str(temporal / "bench.sqlite3"), **comun)
            resultados["SQLite"] = medir("SQLite", env, args.segundos)
        if args.solo in (None, "postgresql"):
            _postgres("DROP")
            _postgres("CREATE")
            env = entorno(DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{BASE_PG}", **comun)
            resultados["PostgreSQL"] = medir("PostgreSQL", env, args.segundos)
    finally:
        _postgres("DROP")
        shutil.rmtree(temporal, ignore_errors=True)
    fallas = [
        n for n, r in resultados.items() if r["razon"] < 0.7 or r["p99"] >= 50 or r["errores"]
    ]
    print("\nMetas cumplidas." if not fallas else f"\nMetas NO cumplidas en: {', '.join(fallas)}")


if __name__ == "__main__":
    main()
