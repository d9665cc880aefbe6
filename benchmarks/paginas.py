"""Velocidad de cada tipo de página: en caché contra un estático y sin caché contra /salud/.

    .venv/bin/python benchmarks/paginas.py [--segundos 4] [--solo sqlite|postgresql]
        [--sin-estatico] [--paginas ficha-es,lista,...]

Levanta gunicorn (2 procesos síncronos, DEBUG=0, HTTPS=0) con SQLite y luego con PostgreSQL (base
nueva tm_bench_paginas en 127.0.0.1:5432, con Redis como en compose.yaml: base 9 de
127.0.0.1:6379), carga trámites, ventanillas, datos abiertos y unas solicitudes de seguimiento,
y mide con wrk (8 conexiones):

1. En caché (lo que ve la mayoría): la ficha /tramites/<slug>/ contra una copia estática de esa
   misma página servida por WhiteNoise en el mismo gunicorn. Meta: razón ≥ 0,7 y p99 < 50 ms.
2. Sin caché de páginas (`PAGINAS_EN_CACHE=0`: cada petición pasa por sesiones, idioma, CSRF,
   la vista y las plantillas; la caché de trozos y la versión del contenido siguen como en
   producción, en la memoria de cada proceso aquí): cada tipo de página pública
   contra /salud/ (el piso de Django aquí: una consulta y 60 bytes de JSON), medido en la misma
   corrida (al principio, a la mitad y al final; se usa la mediana). Imprime pet/s, p50, p99 y
   la razón. Meta: razón ≥ 0,25 (búsqueda ≥ 0,5) y p99 < 50 ms.
"""

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from comun import (  # noqa: E402
    PYTHON,
    RAIZ,
    base_postgres,
    directorio_temporal,
    entorno,
    gunicorn,
    manage,
    redis_como_en_produccion,
    wrk,
)

SLUG = "expedicion-documento-renovacion-reposicion"
BASE_PG = "tm_bench_paginas"
CONJUNTO = "documentos-migratorios"

# Tipo de página → dirección. `{ventanilla}` y `{filtro}` se llenan con datos de la base.
PAGINAS = {
    "inicio": "/",
    "ficha-es": f"/tramites/{SLUG}/",
    "ficha-en": f"/en/tramites/{SLUG}/",
    "ficha-fr": f"/fr/tramites/{SLUG}/",
    "ficha-ht": f"/ht/tramites/{SLUG}/",
    "tramites": "/tramites/",
    "cuotas": "/tramites/cuotas/",
    "orientador": "/tramites/orientador/",
    "tiempos": "/tramites/tiempos/",
    "buscar": "/tramites/buscar/?q=renovar+tarjeta",
    "ventanillas": "/ventanillas/",
    "ventanilla": "/ventanillas/{ventanilla}/",
    "cercanas": "/ventanillas/cercanas/?estado=chiapas&municipio=07089",
    "mapa": "/ventanillas/mapa/",
    "datos": "/datos/",
    "conjunto": f"/datos/{CONJUNTO}/",
    "conjunto-filtro": f"/datos/{CONJUNTO}/?{{filtro}}",
    "diccionario": f"/datos/{CONJUNTO}/diccionario/",
    "seguimiento": "/seguimiento/",
    "estado": "/seguimiento/ (POST)",
    "participa": "/participa/",
    "opinion": "/participa/opinion/",
    "privacidad": "/aviso-de-privacidad/",
    "proteccion": "/proteccion/",
    "instituciones": "/proteccion/instituciones/",
}
# Las búsquedas se reescriben aparte (otro trabajo); su meta es otra.
META = {"buscar": 0.5}
SOLICITUDES = 200


def _postgres(accion: str) -> None:
    base_postgres(accion, BASE_PG)


def _seguimiento():
    """benchmarks/seguimiento.py como módulo (su nombre choca con la app `seguimiento`)."""
    spec = importlib.util.spec_from_file_location(
        "bench_seguimiento", Path(__file__).with_name("seguimiento.py")
    )
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo


def preparar(env: dict) -> dict:
    manage("migrate", "--noinput", "-v0", env=env)
    for orden in ("cargar_tramites", "cargar_ventanillas", "cargar_datos_abiertos"):
        subprocess.run(
            [PYTHON, "manage.py", orden], cwd=RAIZ, env=env, check=True, capture_output=True
        )
    subprocess.run(
        [PYTHON, "benchmarks/seguimiento.py", "--poblar", "--solicitudes", str(SOLICITUDES)],
        cwd=RAIZ,
        env=env,
        check=True,
        capture_output=True,
    )
    salida = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", _DATOS],
        cwd=RAIZ,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(salida.strip().splitlines()[-1])


# Una ventanilla publicada y un filtro válido del conjunto, leídos de la base cargada.
_DATOS = """
import json
from ventanillas.models import Lugar
lugar = Lugar.objects.publicados().ventanillas().order_by("pk").first()
print(json.dumps({"ventanilla": lugar.slug, "filtro": "desde=2024-01&hasta=2024-06"}))
"""


def _fila(nombre: str, m, razon: float | None = None, meta: float | None = None) -> str:
    texto = (
        f"  {nombre:16} {m.peticiones_s:8.0f} pet/s   p50 {m.p50_ms:6.2f} ms   "
        f"p99 {m.p99_ms:6.2f} ms   errores {m.errores}"
    )
    if razon is not None:
        marca = "" if razon >= meta and m.p99_ms < 50 and not m.errores else "  ← NO"
        texto += f"   razón {razon:5.2f}{marca}"
    return texto


def medir_cache(nombre: str, env: dict, segundos: int) -> list[str]:
    with gunicorn(env) as (url, _proceso):
        pagina = urllib.request.urlopen(f"{url}/tramites/{SLUG}/").read()  # noqa: S310
    # WhiteNoise indexa STATIC_ROOT al arrancar: se escribe la copia y se reinicia el servidor.
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
    print(f"\n{nombre} · en caché ({len(pagina):,} bytes por respuesta)")
    for clave, m in resultado.items():
        print(_fila(clave, m))
    print(f"  razón ficha/estático: {razon:.2f}  (meta ≥ 0,70; p99 ficha < 50 ms)")
    fallas = []
    if razon < 0.7 or ficha.p99_ms >= 50 or ficha.errores + estatico.errores:
        fallas.append("ficha en caché")
    return fallas


def medir_sin_cache(nombre: str, env: dict, segundos: int, datos: dict, solo) -> list[str]:
    bench_seg = _seguimiento()
    temporal = Path(env["STATIC_ROOT"]).parent
    env = {**env, "PAGINAS_EN_CACHE": "0", "PROXIES_DE_CONFIANZA": "1"}
    fallas = []
    with gunicorn(env) as (url, _proceso):
        cookie, token = bench_seg._csrf(url)
        guion = temporal / "estado.lua"
        guion.write_text(
            bench_seg.GUION_LUA.format(
                cookie=cookie,
                token=token,
                prefijo=bench_seg.PREFIJO,
                contrasena=bench_seg.CONTRASENA,
                total=SOLICITUDES,
            ),
            encoding="utf-8",
        )
        rutas = {}
        for clave, ruta in PAGINAS.items():
            if solo and clave not in solo:
                continue
            if clave == "estado":
                rutas[clave] = (f"{url}/seguimiento/", guion)
            else:
                rutas[clave] = (url + ruta.format(**datos), None)
        for clave, (ruta, script) in rutas.items():
            with urllib.request.urlopen(  # noqa: S310
                urllib.request.Request(ruta, method="HEAD" if script else "GET")
            ) as respuesta:
                if respuesta.status != 200:
                    raise RuntimeError(f"{clave}: {respuesta.status}")
        salud = [wrk(f"{url}/salud/", segundos=segundos)]
        medidas = {}
        mitad = len(rutas) // 2
        for indice, (clave, (ruta, script)) in enumerate(rutas.items()):
            if indice == mitad:
                salud.append(wrk(f"{url}/salud/", segundos=segundos))
            wrk(ruta, segundos=1, script=script)  # calentamiento
            medidas[clave] = wrk(ruta, segundos=segundos, script=script)
            if script and "estado=0" in medidas[clave].salida:
                raise RuntimeError("La consulta de seguimiento no dio la página de estado")
        salud.append(wrk(f"{url}/salud/", segundos=segundos))
    piso = statistics.median(m.peticiones_s for m in salud)
    print(f"\n{nombre} · sin caché de páginas (PAGINAS_EN_CACHE=0)")
    print(
        f"  /salud/ {piso:.0f} pet/s (mediana de "
        + ", ".join(f"{m.peticiones_s:.0f}" for m in salud)
        + f"; p99 {max(m.p99_ms for m in salud):.2f} ms)"
    )
    for clave, m in medidas.items():
        meta = META.get(clave, 0.25)
        razon = m.peticiones_s / piso
        print(_fila(clave, m, razon, meta))
        if razon < meta or m.p99_ms >= 50 or m.errores:
            fallas.append(clave)
    return fallas


def medir(nombre: str, env: dict, args) -> list[str]:
    datos = preparar(env)
    fallas = []
    if not args.sin_estatico:
        fallas += medir_cache(nombre, env, args.segundos)
    fallas += medir_sin_cache(nombre, env, args.segundos, datos, args.paginas)
    return [f"{nombre}: {f}" for f in fallas]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segundos", type=int, default=4)
    parser.add_argument("--solo", choices=["sqlite", "postgresql"])
    parser.add_argument("--sin-estatico", action="store_true", help="Omite la medición en caché.")
    parser.add_argument(
        "--paginas", type=lambda v: set(v.split(",")), help="Solo estos tipos (separados por coma)."
    )
    args = parser.parse_args()
    temporal = directorio_temporal("paginas")
    estaticos = temporal / "static"
    comun = {"STATIC_ROOT": str(estaticos)}
    manage("collectstatic", "--noinput", "-v0", env=entorno(**comun))
    fallas = []
    try:
        if args.solo in (None, "sqlite"):
            env = entorno(SQLITE_PATH=str(temporal / "bench.sqlite3"), **comun)
            fallas += medir("SQLite", env, args)
        if args.solo in (None, "postgresql"):
            _postgres("DROP")
            _postgres("CREATE")
            env = entorno(
                DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{BASE_PG}",
                **redis_como_en_produccion(),
                **comun,
            )
            fallas += medir("PostgreSQL", env, args)
    finally:
        _postgres("DROP")
        shutil.rmtree(temporal, ignore_errors=True)
    print("\nMetas cumplidas." if not fallas else f"\nMetas NO cumplidas en: {', '.join(fallas)}")


if __name__ == "__main__":
    main()
