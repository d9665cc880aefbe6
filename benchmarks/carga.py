"""Carga mixta: 200 conexiones a la vez contra gunicorn + PostgreSQL + Redis.

    .venv/bin/python benchmarks/carga.py [--segundos 60] [--base-segundos 20]
                                         [--trabajadores 5] [--hilos 4]

Prepara una base nueva (tm_bench_carga en 127.0.0.1:5432) con todo el contenido de muestra
(trámites, ventanillas, datos abiertos, seguimiento) y levanta gunicorn como en producción
(DEBUG=0, Redis como caché). Luego, en la misma corrida:

1. Línea base: solo las páginas (fichas, listas, búsqueda, ventanillas, datos filtrados),
   con las mismas conexiones que tendrán en la mezcla.
2. Mezcla: esas páginas más PDF de solicitud (POST), descargas CSV completas y consultas de
   estado (POST), 200 conexiones en total durante `--segundos`.

Cada ruta la mide su propio wrk, todos a la vez, así que cada una tiene su p50/p99 y sus
errores (de socket o respuestas que no son 2xx/3xx). Imprime la tabla, los errores totales
(meta: 0) y, para las páginas, la razón p99 mezcla / p99 línea base (meta ≤ 3: el PDF y el CSV
tienen cupo por proceso —config/concurrencia.py— y no dejan sin hilos a las páginas).
Todas las conexiones salen de 127.0.0.1: la prueba sube los límites por IP de la consulta de
estado, que con tráfico real se reparten entre muchas direcciones.
"""

import argparse
import json
import re
import subprocess
import sys
import textwrap
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from comun import PYTHON, RAIZ, base_postgres, directorio_temporal, entorno, gunicorn, manage, wrk  # noqa: E402

BASE_PG = "tm_bench_carga"
REDIS = "redis://127.0.0.1:6379/13"
NUT, CONTRASENA = "MUESTRA-000001", "MUES-TRA2-2026"  # de generar_muestra_seguimiento

# (nombre, ruta, conexiones). Las páginas suman 140; el trabajo pesado y las consultas, 60.
PAGINAS = [
    ("inicio", "/", 10),
    ("lista de trámites", "/tramites/", 15),
    ("ficha de trámite", "/tramites/permiso-para-trabajar/", 30),
    ("búsqueda", "/tramites/buscar/?q=residente", 15),
    ("tiempos", "/tramites/tiempos/", 10),
    ("ventanillas", "/ventanillas/", 15),
    ("ventanilla", "/ventanillas/{ventanilla}/", 10),
    ("cercanas", "/ventanillas/cercanas/?estado=07", 10),
    ("datos filtrados", "/datos/personas-presentadas/?entidad=07&sexo=mujer", 15),
    ("catálogo de datos", "/datos/", 10),
]
PESADAS = [
    ("PDF de solicitud (POST)", "/tramites/permiso-para-trabajar/solicitud/", 15),
    ("CSV completo", "/datos/personas-presentadas.csv", 15),
    ("consulta de estado (POST)", "/seguimiento/", 30),
]

SOLICITUD = {
    "nombre": "Marisol Esperanza",
    "primer_apellido": "Quintero",
    "segundo_apellido": "Núñez",
    "sexo": "mujer",
    "fecha_nacimiento_dia": "25",
    "fecha_nacimiento_mes": "12",
    "fecha_nacimiento_anio": "1990",
    "pais_nacimiento": "VE",
    "lugar_nacimiento": "Maracaibo",
    "nacionalidad": "VE",
    "tipo_documento": "pasaporte",
    "numero_documento": "AB1234567",
    "curp": "",
    "calle_numero": "Calle Cuarta Poniente 128",
    "colonia": "Centro",
    "municipio": "Tapachula",
    "entidad": "07",
    "codigo_postal": "30700",
    "telefono": "962 123 4567",
    "correo": "marisol@example.org",
    "situacion": "residente-temporal",
    "modalidad": "con-empleador",
    "oficina": "Oficina de Representación en Chiapas",
}

GUION_POST = """
wrk.method = "POST"
wrk.body = "{cuerpo}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrftoken={cookie}"
"""


def _postgres(accion: str) -> None:
    base_postgres(accion, BASE_PG)


def _csrf(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url) as respuesta:  # noqa: S310 - servidor local
        cookie = re.search(r"csrftoken=([^;]+)", respuesta.headers["Set-Cookie"])[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', respuesta.read().decode())
    return cookie, token[1]


def _guion_post(url: str, datos: dict, destino: Path) -> Path:
    cookie, token = _csrf(url)
    cuerpo = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **datos})
    destino.write_text(GUION_POST.format(cuerpo=cuerpo, cookie=cookie), encoding="utf-8")
    return destino


def _comprobar(url: str, guion: Path | None, esperado: str) -> None:
    """Una petición de prueba antes de medir: la ruta responde lo que debe."""
    salida = subprocess.run(
        ["wrk", "-t1", "-c1", "-d1s", *(["-s", str(guion)] if guion else []), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in salida or "Socket errors" in salida:
        raise RuntimeError(f"{url} no responde bien antes de medir ({esperado}):\n{salida}")


def _medir(rutas: list[tuple[str, str, int, Path | None]], segundos: int) -> list[dict]:
    with ThreadPoolExecutor(max_workers=len(rutas)) as grupo:
        futuros = [
            (
                nombre,
                conexiones,
                grupo.submit(
                    wrk,
                    url,
                    segundos=segundos,
                    conexiones=conexiones,
                    hilos=1,
                    script=guion,
                    tiempo_limite="10s",
                ),
            )
            for nombre, url, conexiones, guion in rutas
        ]
        return [
            {"ruta": nombre, "conexiones": conexiones, **vars(futuro.result())}
            for nombre, conexiones, futuro in futuros
        ]


def _detalle_errores(salida: str) -> str:
    """Qué clase de errores contó wrk: de socket (connect/read/write/timeout) o HTTP ≥ 400."""
    partes = re.findall(r"(connect|read|write|timeout) (\d+)", salida)
    http = re.search(r"Non-2xx or 3xx responses: (\d+)", salida)
    detalle = [f"{nombre} {n}" for nombre, n in partes if n != "0"]
    if http:
        detalle.append(f"HTTP≥400 {http[1]}")
    return ", ".join(detalle)


def _tabla(titulo: str, filas: list[dict]) -> None:
    print(f"\n{titulo}")
    print(f"{'ruta':<28}{'conex.':>7}{'pet/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errores':>9}")
    for f in filas:
        print(
            f"{f['ruta']:<28}{f['conexiones']:>7}{f['peticiones_s']:>9.1f}"
            f"{f['p50_ms']:>9.1f}{f['p99_ms']:>9.1f}{f['errores']:>9}"
            + (f"  ({_detalle_errores(f['salida'])})" if f["errores"] else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segundos", type=int, default=60)
    parser.add_argument("--base-segundos", type=int, default=20)
    parser.add_argument("--trabajadores", type=int, default=5)
    parser.add_argument("--hilos", type=int, default=4)
    args = parser.parse_args()

    temporal = directorio_temporal("carga")
    env = entorno(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{BASE_PG}",
        CACHE_URL=REDIS,
        CACHE_KEY_PREFIX="bench-carga",
        STATIC_ROOT=str(temporal / "static"),
        SEGUIMIENTO_INTENTOS_POR_IP="1000000",
        SEGUIMIENTO_INTENTOS_POR_NUT="1000000",
    )
    try:
        _postgres("DROP")
        _postgres("CREATE")
        manage("collectstatic", "--noinput", "-v0", env=env)
        manage("migrate", "--noinput", "-v0", env=env)
        for orden in (
            "cargar_tramites",
            "cargar_ventanillas",
            "cargar_datos_abiertos",
            "generar_muestra_seguimiento",
        ):
            subprocess.run(
                [PYTHON, "manage.py", orden], cwd=RAIZ, env=env, check=True, capture_output=True
            )
        import redis

        redis.Redis.from_url(REDIS).flushdb()
        with gunicorn(env, trabajadores=args.trabajadores, hilos=args.hilos) as (url, _proceso):
            lugares = json.load(urllib.request.urlopen(f"{url}/ventanillas.json"))  # noqa: S310
            ventanilla = next(
                f["properties"]["slug"]
                for f in lugares["features"]
                if f["properties"]["tipo"] == "ventanilla"
            )
            paginas = [
                (nombre, url + ruta.format(ventanilla=ventanilla), conexiones, None)
                for nombre, ruta, conexiones in PAGINAS
            ]
            guiones = {
                "/tramites/permiso-para-trabajar/solicitud/": _guion_post(
                    url + PESADAS[0][1], SOLICITUD, temporal / "pdf.lua"
                ),
                "/seguimiento/": _guion_post(
                    url + "/seguimiento/",
                    {"nut": NUT, "contrasena": CONTRASENA},
                    temporal / "consulta.lua",
                ),
            }
            pesadas = [
                (nombre, url + ruta, conexiones, guiones.get(ruta))
                for nombre, ruta, conexiones in PESADAS
            ]
            for nombre, direccion, _c, guion in paginas + pesadas:
                _comprobar(direccion, guion, nombre)
            base = _medir(paginas, args.base_segundos)
            mezcla = _medir(paginas + pesadas, args.segundos)
    finally:
        _postgres("DROP")
        subprocess.run(["rm", "-rf", str(temporal)], check=False)

    _tabla(f"Línea base: solo páginas, {args.base_segundos} s", base)
    _tabla(
        f"Mezcla: {sum(f['conexiones'] for f in mezcla)} conexiones, {args.segundos} s, "
        f"gunicorn {args.trabajadores}×{args.hilos} hilos",
        mezcla,
    )
    errores = sum(f["errores"] for f in mezcla) + sum(f["errores"] for f in base)
    base_p99 = {f["ruta"]: f["p99_ms"] for f in base}
    razones = {
        f["ruta"]: f["p99_ms"] / base_p99[f["ruta"]] for f in mezcla if f["ruta"] in base_p99
    }
    peor = max(razones, key=razones.get)
    print(f"\nErrores totales: {errores}")
    print(
        "Páginas, p99 mezcla / p99 solo páginas: "
        + ", ".join(f"{r} {v:.2f}" for r, v in razones.items())
    )
    fallas = []
    if errores:
        fallas.append(f"{errores} errores")
    if razones[peor] > 3:
        fallas.append(f"{peor}: p99 con PDF/CSV {razones[peor]:.1f}× el de solo páginas")
    print(
        "\nMetas cumplidas."
        if not fallas
        else "\nMetas NO cumplidas: " + "; ".join(textwrap.shorten(f, 120) for f in fallas)
    )


if __name__ == "__main__":
    main()
