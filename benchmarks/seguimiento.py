"""Seguimiento: consulta de estado con 100 k solicitudes en PostgreSQL, y fuerza bruta.

    .venv/bin/python benchmarks/seguimiento.py [--solicitudes 100000] [--segundos 10]
        [--clientes 32] [--trabajadores 2] [--hilos 1] [--intentos 1000]
        [--redis redis://127.0.0.1:6379/14 | --sin-redis]

Base nueva bench_seguimiento en 127.0.0.1:5432 y Redis (base 14, que se vacía) como caché,
gunicorn con DEBUG=0 y HTTPS=0. Con --sin-redis, la caché de páginas queda en la memoria de
cada proceso y los límites de intentos en una tabla de PostgreSQL (config/limites.py). Detrás
de un proxy de confianza (PROXIES_DE_CONFIANZA=1): cada petición dice su IP en X-Forwarded-For,
como las personas que consultan desde su casa.

1. Población: trámites cargados y `--solicitudes` solicitudes inventadas (BENCH-000001…) con su
   historial, como las del generador de muestra. Todas comparten una contraseña y su cifrado
   (cifrar 100 k contraseñas solo alarga la preparación: comprobar una cuesta lo mismo con
   cualquier sal). Imprime cuánto cuesta comprobar una contraseña con el cifrado de seguimiento
   y con el de Django, y cuánto tarda en calcularse /tramites/tiempos/ con esas solicitudes.
2. Consulta: wrk con `--clientes` conexiones a la vez, cada petición un POST a /seguimiento/ con
   un número al azar, su contraseña y una IP al azar; se comprueba que cada respuesta sea la
   página de estado. Línea base en la misma corrida: esa misma página de estado copiada como
   archivo estático y servida por WhiteNoise en el mismo gunicorn, y /salud/ (la vista más
   simple que toca la base y la caché: el piso de Django en esta máquina). Meta: p99 < 50 ms.
3. Fuerza bruta: `--intentos` contraseñas equivocadas para un número desde una IP (32 a la vez).
   Cuenta cuántas llegaron a compararse (respuesta «no son correctos») y cuántas se bloquearon
   (429). Meta: a lo más SEGUIMIENTO_INTENTOS_POR_NUT. También desde una IP contra muchos
   números (meta: a lo más SEGUIMIENTO_INTENTOS_POR_IP) y contra un número desde muchas IP.
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from comun import PYTHON, RAIZ, base_postgres, directorio_temporal, entorno, gunicorn, manage, wrk  # noqa: E402

BASE_PG = "bench_seguimiento"
PREFIJO = "BENCH-"
# Dato de la prueba, no un secreto: así se escribe una contraseña generada por la oficina.
CONTRASENA = "BENC-HMAR-K234"  # noqa: S105
EQUIVOCADA = "ESTA-NOES-LABU"
INTENTOS_POR_NUT = 5
INTENTOS_POR_IP = 20
GENERICO = "no son correctos"
LOTE = 5000


# --- 1. Población (corre en un proceso aparte, con Django configurado para la base nueva) ---


def poblar(total: int) -> None:
    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password
    from django.db import transaction
    from django.utils import timezone

    from seguimiento import contrasenas, muestra, registro, tiempos
    from seguimiento.calendario import calendario_inm
    from seguimiento.models import CambioEstatus, Solicitud
    from tramites.models import Tramite

    def costo(cifrado: str, veces: int) -> float:
        inicio = time.perf_counter()
        for _ in range(veces):
            check_password(EQUIVOCADA, cifrado)
        return (time.perf_counter() - inicio) / veces * 1000

    propio = costo(contrasenas.cifrar(CONTRASENA), 200)
    django_ = costo(make_password(CONTRASENA, hasher=PBKDF2PasswordHasher()), 3)
    print(
        f"Comprobar una contraseña: {propio:.2f} ms con {contrasenas.HASHER.algorithm} "
        f"({contrasenas.HASHER.iterations:,} iteraciones) · {django_:.0f} ms con el PBKDF2 de "
        f"Django ({PBKDF2PasswordHasher.iterations:,}) · razón {django_ / propio:,.0f}×"
    )

    azar = random.Random(2026)  # noqa: S311 — datos inventados reproducibles
    calendario = calendario_inm()
    hoy = timezone.localdate()
    tramites = list(Tramite.objects.publicados().prefetch_related("modalidades"))
    ingresos = muestra._habiles_en(calendario, hoy - timedelta(days=muestra.DIAS_ATRAS), hoy)
    cifrado = contrasenas.cifrar(CONTRASENA)
    inicio = time.perf_counter()
    cambios_total = 0
    for desde in range(1, total + 1, LOTE):
        nuevas = []
        for numero in range(desde, min(desde + LOTE, total + 1)):
            tramite = azar.choice(tramites)
            ingreso = azar.choice(ingresos)
            plazo = tramite.plazo_resolucion_dias_habiles or muestra.PLAZO_SUPUESTO
            cambios = [
                CambioEstatus(estatus=e, fecha=f, requerimiento=r, fecha_limite=lim)
                for e, f, r, lim in muestra._historial(azar, ingreso, plazo, calendario)
                if f <= hoy
            ]
            modalidades = list(tramite.modalidades.all())
            solicitud = Solicitud(
                nut=f"{PREFIJO}{numero:06d}",
                contrasena=cifrado,
                tramite=tramite,
                modalidad=azar.choice(modalidades) if modalidades else None,
                fecha_ingreso=ingreso,
                es_muestra=True,
            )
            registro.aplicar(solicitud, registro.derivar(ingreso, cambios))
            nuevas.append((solicitud, cambios))
        with transaction.atomic():
            Solicitud.objects.bulk_create([s for s, _c in nuevas])
            todos = []
            for solicitud, cambios in nuevas:
                for cambio in cambios:
                    cambio.solicitud = solicitud
                    todos.append(cambio)
            CambioEstatus.objects.bulk_create(todos, batch_size=LOTE)
        cambios_total += len(todos)
    print(
        f"Pobladas {total:,} solicitudes con {cambios_total:,} cambios de estatus en "
        f"{time.perf_counter() - inicio:.1f} s."
    )
    inicio = time.perf_counter()
    resultado = tiempos.calcular(hoy=hoy, calendario=calendario)
    print(
        f"/tramites/tiempos/ con {resultado.resueltas:,} resueltas y {resultado.pendientes:,} "
        f"pendientes: calculada en {time.perf_counter() - inicio:.2f} s (se guarda en la caché "
        "de páginas hasta el siguiente cambio)."
    )


# --- 2. Consulta con wrk ---


GUION_LUA = """
-- POST a /seguimiento/ con un número al azar y una IP al azar; cuenta las páginas de estado.
local hilos = {{}}
function setup(hilo)
  hilo:set("semilla", #hilos + 1)
  table.insert(hilos, hilo)
end
function init(argumentos)
  math.randomseed(os.time() * 1000 + semilla)
  estado, otras = 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = "csrftoken={cookie}"
end
function request()
  wrk.headers["X-Forwarded-For"] = string.format(
    "10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  local cuerpo = string.format(
    "csrfmiddlewaretoken={token}&nut={prefijo}%06d&contrasena={contrasena}",
    math.random(1, {total}))
  return wrk.format(nil, nil, nil, cuerpo)
end
function response(codigo, encabezados, cuerpo)
  if codigo == 200 and string.find(cuerpo, "ms-historial-estatus", 1, true) then
    estado = estado + 1
  else
    otras = otras + 1
  end
end
function done(resumen, latencia, peticiones)
  local e, o = 0, 0
  for _, hilo in ipairs(hilos) do
    e = e + hilo:get("estado")
    o = o + hilo:get("otras")
  end
  io.write(string.format("CONSULTAS estado=%d otras=%d\\n", e, o))
end
"""


def _csrf(url: str) -> tuple[str, str]:
    """Cookie y campo CSRF de una visita al formulario (valen para todas las peticiones)."""
    with urllib.request.urlopen(f"{url}/seguimiento/") as respuesta:  # noqa: S310
        cookie = re.search(r"csrftoken=([^;]+)", respuesta.headers["Set-Cookie"])[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', respuesta.read().decode())
    return cookie, token[1]


def _post(url: str, csrf: tuple[str, str], *, nut: str, contrasena: str, ip: str):
    cookie, token = csrf
    datos = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "nut": nut, "contrasena": contrasena}
    ).encode()
    peticion = urllib.request.Request(  # noqa: S310
        f"{url}/seguimiento/",
        data=datos,
        headers={"Cookie": f"csrftoken={cookie}", "X-Forwarded-For": ip},
    )
    try:
        with urllib.request.urlopen(peticion, timeout=30) as respuesta:  # noqa: S310
            return respuesta.status, respuesta.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _vaciar_cache(args) -> None:
    """Sin contadores de límites (ni páginas guardadas) de la medición anterior."""
    if args.sin_redis:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-d", BASE_PG, "-c"]
            + ["DELETE FROM limites_contadores"],
            check=True,
        )
        return
    import redis

    redis.Redis.from_url(args.redis).flushdb()


def medir_consulta(env: dict, args, temporal: Path) -> dict:
    copia = Path(env["STATIC_ROOT"]) / "bench" / "estado.html"
    copia.parent.mkdir(exist_ok=True)
    with gunicorn(env, trabajadores=args.trabajadores, hilos=args.hilos) as (url, _proceso):
        codigo, pagina = _post(
            url, _csrf(url), nut=f"{PREFIJO}000001", contrasena=CONTRASENA, ip="10.0.0.1"
        )
        if codigo != HTTPStatus.OK or "ms-historial-estatus" not in pagina:
            raise RuntimeError(f"La consulta no dio la página de estado: {codigo} {pagina[:500]}")
    copia.write_text(pagina, encoding="utf-8")
    _vaciar_cache(args)
    # WhiteNoise indexa los estáticos al arrancar: se reinicia para que sirva la copia.
    with gunicorn(env, trabajadores=args.trabajadores, hilos=args.hilos) as (url, _proceso):
        cookie, token = _csrf(url)
        guion = temporal / "consulta.lua"
        guion.write_text(
            GUION_LUA.format(
                cookie=cookie,
                token=token,
                prefijo=PREFIJO,
                contrasena=CONTRASENA,
                total=args.solicitudes,
            ),
            encoding="utf-8",
        )
        medir = {"conexiones": args.clientes, "hilos": 2}
        rutas = {
            "estático": (f"{url}/static/bench/estado.html", None),
            # Piso de Django en esta máquina: la vista más simple que toca la base y la caché
            # (una consulta, una lectura de la caché, 60 bytes de JSON).
            "salud (piso de Django)": (f"{url}/salud/", None),
            "formulario": (f"{url}/seguimiento/", None),
            "consulta": (f"{url}/seguimiento/", guion),
        }
        for ruta, script in rutas.values():
            wrk(ruta, segundos=2, script=script, **medir)  # calentamiento
        resultado = {
            nombre: wrk(ruta, segundos=args.segundos, script=script, **medir)
            for nombre, (ruta, script) in rutas.items()
        }
        # Sin cola: lo que tarda una consulta sola (el piso de la latencia).
        sola = wrk(
            f"{url}/seguimiento/", segundos=args.segundos, script=guion, conexiones=1, hilos=1
        )
    estatico, consulta = resultado["estático"], resultado["consulta"]
    cuenta = re.search(r"CONSULTAS estado=(\d+) otras=(\d+)", consulta.salida)
    estado, otras = int(cuenta[1]), int(cuenta[2])
    razon = consulta.peticiones_s / estatico.peticiones_s
    print(
        f"\nConsulta de estado · {args.clientes} clientes a la vez · {len(pagina):,} bytes por "
        f"respuesta · gunicorn {args.trabajadores} procesos × {args.hilos} hilos"
    )
    for nombre, m in (*resultado.items(), ("consulta sola (1 cliente)", sola)):
        print(
            f"  {nombre:26} {m.peticiones_s:8.0f} pet/s   p50 {m.p50_ms:7.2f} ms   "
            f"p99 {m.p99_ms:7.2f} ms   errores {m.errores}"
        )
    print(
        f"  páginas de estado correctas: {estado:,}; otras respuestas: {otras:,}\n"
        f"  razón consulta/estático: {razon:.3f} (pet/s) · consulta/formulario: "
        f"{consulta.peticiones_s / resultado['formulario'].peticiones_s:.2f} · consulta/salud: "
        f"{consulta.peticiones_s / resultado['salud (piso de Django)'].peticiones_s:.2f} · p99 "
        f"{consulta.p99_ms:.1f} ms (meta < 50 ms) · p99 consulta/estático "
        f"{consulta.p99_ms / estatico.p99_ms:.1f}×"
    )
    return {"p99": consulta.p99_ms, "fallas": otras + consulta.errores, "razon": razon}


# --- 3. Fuerza bruta ---


def _ataque(url: str, csrf, intentos: int, clientes: int, objetivo) -> dict[str, int]:
    """`intentos` contraseñas equivocadas a la vez; `objetivo(i)` da (número, IP) del intento i."""

    def intentar(indice: int) -> str:
        nut, ip = objetivo(indice)
        codigo, cuerpo = _post(url, csrf, nut=nut, contrasena=f"MALA-{indice:04d}-XXXX", ip=ip)
        if codigo == HTTPStatus.OK and GENERICO in cuerpo:
            return "comparadas"
        if codigo == HTTPStatus.TOO_MANY_REQUESTS:
            return "bloqueadas"
        return f"otra respuesta {codigo}"

    with ThreadPoolExecutor(max_workers=clientes) as grupo:
        resultados = list(grupo.map(intentar, range(intentos)))
    return {clave: resultados.count(clave) for clave in sorted(set(resultados))}


def medir_fuerza_bruta(env: dict, args) -> bool:
    ataques = [
        (
            "un número desde una IP",
            lambda i: (f"{PREFIJO}000001", "198.51.100.7"),
            INTENTOS_POR_NUT,
        ),
        (
            "muchos números desde una IP",
            lambda i: (f"{PREFIJO}{i % args.solicitudes + 1:06d}", "198.51.100.8"),
            INTENTOS_POR_IP,
        ),
        (
            "un número desde muchas IP",
            lambda i: (f"{PREFIJO}000002", f"10.{i // 250}.{i % 250}.9"),
            INTENTOS_POR_NUT,
        ),
    ]
    bien = True
    print(f"\nFuerza bruta: {args.intentos:,} contraseñas equivocadas, 32 a la vez")
    with gunicorn(env, trabajadores=args.trabajadores, hilos=args.hilos) as (url, _proceso):
        csrf = _csrf(url)
        for nombre, objetivo, permitidos in ataques:
            _vaciar_cache(args)
            inicio = time.perf_counter()
            cuenta = _ataque(url, csrf, args.intentos, 32, objetivo)
            segundos = time.perf_counter() - inicio
            comparadas = cuenta.get("comparadas", 0)
            cumple = comparadas <= permitidos and set(cuenta) <= {"comparadas", "bloqueadas"}
            bien &= cumple
            print(
                f"  {nombre:28} llegaron a compararse {comparadas:4} (permitidas "
                f"{permitidos}) · {cuenta} · {segundos:.1f} s · "
                f"{'cumple' if cumple else 'NO CUMPLE'}"
            )
        # Pasado el ataque, la persona con su contraseña correcta sigue bloqueada hasta que
        # termine la ventana (lo que se espera), y otro número no se ve afectado.
        codigo, _cuerpo = _post(
            url, csrf, nut=f"{PREFIJO}000003", contrasena=CONTRASENA, ip="192.0.2.1"
        )
        print(f"  otro número desde otra IP tras los ataques: {codigo} (se espera 200)")
        bien &= codigo == HTTPStatus.OK
    return bien


# --- Orquestación ---


def _postgres(accion: str) -> None:
    base_postgres(accion, BASE_PG)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--solicitudes", type=int, default=100_000)
    parser.add_argument("--segundos", type=int, default=10)
    parser.add_argument("--clientes", type=int, default=32)
    parser.add_argument("--trabajadores", type=int, default=2)
    parser.add_argument("--hilos", type=int, default=1)
    parser.add_argument("--intentos", type=int, default=1000)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--sin-redis", action="store_true")
    parser.add_argument("--poblar", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.poblar:
        poblar(args.solicitudes)
        return
    temporal = directorio_temporal("seguimiento")
    env = entorno(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{BASE_PG}",
        CACHE_URL="locmem://" if args.sin_redis else args.redis,
        CACHE_KEY_PREFIX="bench-seguimiento",
        STATIC_ROOT=str(temporal / "static"),
        PROXIES_DE_CONFIANZA="1",
        SEGUIMIENTO_INTENTOS_POR_NUT=str(INTENTOS_POR_NUT),
        SEGUIMIENTO_INTENTOS_POR_IP=str(INTENTOS_POR_IP),
        SEGUIMIENTO_VENTANA_MINUTOS="15",
    )
    try:
        _postgres("DROP")
        _postgres("CREATE")
        manage("collectstatic", "--noinput", "-v0", env=env)
        manage("migrate", "--noinput", "-v0", env=env)
        subprocess.run(
            [PYTHON, "manage.py", "cargar_tramites"],
            cwd=RAIZ,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            [PYTHON, __file__, "--poblar", "--solicitudes", str(args.solicitudes)],
            cwd=RAIZ,
            env=env,
            check=True,
        )
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-d", BASE_PG, "-c", "ANALYZE"],
            check=True,
        )
        consulta = medir_consulta(env, args, temporal)
        fuerza_bruta = medir_fuerza_bruta(env, args)
    finally:
        _postgres("DROP")
        if not args.sin_redis:
            _vaciar_cache(args)
        shutil.rmtree(temporal, ignore_errors=True)
    fallas = []
    if consulta["p99"] >= 50:
        fallas.append(f"p99 de la consulta {consulta['p99']:.1f} ms ≥ 50 ms")
    if consulta["fallas"]:
        fallas.append(f"{consulta['fallas']} consultas sin página de estado")
    if not fuerza_bruta:
        fallas.append("la fuerza bruta pasó más intentos de los permitidos")
    print(
        "\nMetas cumplidas."
        if not fallas
        else "\nMetas NO cumplidas: " + "; ".join(textwrap.shorten(f, 120) for f in fallas)
    )


if __name__ == "__main__":
    os.chdir(RAIZ)
    main()
