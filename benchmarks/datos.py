"""Datos abiertos a escala en PostgreSQL: descarga CSV contra COPY, memoria, página e importación.

    .venv/bin/python benchmarks/datos.py [--escalas 200,2000] [--veces 3] [--paginas 3]
    .venv/bin/python benchmarks/datos.py --solo-importacion

Crea una base nueva (bench_datos en 127.0.0.1:5432), carga el catálogo y llena el conjunto
documentos-migratorios con el generador de muestra (`cargar_datos_abiertos --escala N`) en dos
tamaños: con la escala 2000 pasa de 1.7 M filas. Para cada tamaño levanta gunicorn
(config/gunicorn.py, 1 proceso con 4 hilos, DEBUG=0, HTTPS=0) e imprime, en la misma corrida:

- bytes/s de `COPY (la consulta de la descarga) TO STDOUT` leído directo con psycopg (línea
  base), bytes/s de la descarga completa de /datos/documentos-migratorios.csv por gunicorn
  (curl, sin gzip) y su razón (meta ≥ 0.5);
- cuánto crece la memoria (RSS) del proceso de gunicorn durante las descargas (meta < 50 MB e
  igual en ambos tamaños);
- p50/p95 de la primera visita de 30 combinaciones de filtros nuevas (meta p95 < 100 ms: las
  facetas se cuentan en el cubo del conjunto, datos_abiertos/cubo.py) y de las mismas páginas
  repetidas, ya en la caché (meta p95 < 100 ms);
- filas/s de la carga de la muestra y de `importar_estadisticas` con un cuadro anual sintético
  con el formato del Boletín (rótulos entidad, nacionalidad, sexo y grupo de edad; meses en
  columnas; unas 750 mil celdas) sobre personas-presentadas, nuevo y repetido (meta ≥ 100 000).

El cuadro es inventado y la base se borra al terminar: nada de esto llega al sitio.
"""

import argparse
import csv
import http.client
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from comun import RAIZ, base_postgres, directorio_temporal, entorno, gunicorn, manage  # noqa: E402

BASE_PG = "bench_datos"
URL_PG = f"postgres://postgres@127.0.0.1:5432/{BASE_PG}"
SLUG = "documentos-migratorios"
SLUG_IMPORTACION = "personas-presentadas"
ANIO_IMPORTACION = 2016
MB = 1024 * 1024


def _postgres(accion: str) -> None:
    base_postgres(accion, BASE_PG)


def _percentil(valores: list[float], p: float) -> float:
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, round(p / 100 * (len(ordenados) - 1)))]


# --- Cuadros sintéticos e importación (en este proceso, con Django) -------------------------


def escribir_cuadro(ruta: Path, conjunto, anio: int, nacionalidades: int | None) -> int:
    """Un cuadro anual con el formato del Boletín; devuelve el número de celdas distintas de 0."""
    from datos_abiertos import catalogos

    rng = random.Random(anio)  # noqa: S311 - cifras de prueba
    paises = sorted(
        codigo
        for codigo in catalogos.codigos_nacionalidad()
        # Solo nombres que la importación reconoce tal cual (la prueba es de velocidad).
        if catalogos.reconocer(
            conjunto, "nacionalidad", catalogos.etiqueta(conjunto, "nacionalidad", codigo)
        )
        == codigo
    )
    if nacionalidades:
        paises = paises[:nacionalidades]
    rotulos = [
        [catalogos.etiqueta(conjunto, dimension, codigo) for codigo in codigos]
        for dimension, codigos in (
            ("entidad", list(catalogos.entidades())),
            ("nacionalidad", paises),
            ("sexo", conjunto.sexos),
            ("grupo_edad", conjunto.grupos_edad),
        )
    ]
    meses = ["Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto"]
    meses += ["Septiembre", "Octubre", "Noviembre", "Diciembre"]
    celdas = 0
    with ruta.open("w", newline="", encoding="utf-8") as archivo:
        escritor = csv.writer(archivo)
        escritor.writerow(["Cuadro sintético para medir la importación (no son cifras reales)"])
        escritor.writerow([])
        escritor.writerow(["Entidad", "Nacionalidad", "Sexo", "Grupo de edad", *meses, "Total"])
        for entidad in rotulos[0]:
            for pais in rotulos[1]:
                for sexo in rotulos[2]:
                    for edad in rotulos[3]:
                        valores = [rng.randint(1, 400) for _ in meses]
                        celdas += len(valores)
                        escritor.writerow([entidad, pais, sexo, edad, *valores, sum(valores)])
        escritor.writerow(["Fuente: archivo sintético de benchmarks/datos.py."])
    return celdas


def importar(ruta: Path, conjunto, anio: int) -> tuple[float, object]:
    from datos_abiertos.importacion import importar as importar_cuadro

    inicio = time.perf_counter()
    resultado = importar_cuadro(
        ruta,
        conjunto=conjunto,
        anio=anio,
        dimensiones=["entidad", "nacionalidad", "sexo", "grupo_edad"],
        fuente_url="https://example.org/benchmark-sintetico",
    )
    return time.perf_counter() - inicio, resultado


# --- COPY directo con psycopg ---------------------------------------------------------------


def copy_directo(conjunto) -> tuple[int, float]:
    """Bytes y segundos de COPY (la misma consulta que la descarga) TO STDOUT con psycopg."""
    import psycopg

    from datos_abiertos import export, metadatos

    sql, parametros = export._consulta_copy(conjunto, {}, metadatos.url_cifras_oficiales(conjunto))
    with psycopg.connect(URL_PG.replace("postgres://", "postgresql://")) as conexion:
        cursor = conexion.cursor()
        total = 0
        inicio = time.perf_counter()
        with cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", parametros) as copia:
            for datos in copia:
                total += len(datos)
        return total, time.perf_counter() - inicio


# --- Servidor: memoria del proceso, descarga con curl, páginas ------------------------------


def proceso_trabajador(maestro: int) -> int:
    hijos = Path(f"/proc/{maestro}/task/{maestro}/children").read_text().split()
    if len(hijos) != 1:
        raise RuntimeError(f"Se esperaba un proceso de gunicorn, hay {len(hijos)}")
    return int(hijos[0])


def rss(pid: int, campo: str = "VmRSS") -> int:
    for linea in Path(f"/proc/{pid}/status").read_text().splitlines():
        if linea.startswith(campo + ":"):
            return int(linea.split()[1]) * 1024
    raise RuntimeError(f"Sin {campo} para {pid}")


class Muestreo:
    """Toma el RSS del proceso cada 10 ms mientras dura el bloque `with`."""

    def __init__(self, pid: int):
        self.pid, self.maximo, self._seguir = pid, 0, True

    def _tomar(self):
        while self._seguir:
            self.maximo = max(self.maximo, rss(self.pid))
            time.sleep(0.01)

    def __enter__(self):
        self._hilo = threading.Thread(target=self._tomar, daemon=True)
        self._hilo.start()
        return self

    def __exit__(self, *_):
        self._seguir = False
        self._hilo.join()


def descargar(url: str) -> tuple[int, float, dict]:
    """curl a /dev/null: bytes, segundos y cabeceras de la respuesta."""
    if not shutil.which("curl"):
        sys.exit("Falta curl: apt-get install curl")
    salida = subprocess.run(
        [
            "curl",
            "-sS",
            "-D",
            "-",
            "-o",
            "/dev/null",
            "-w",
            "\n%{size_download} %{time_total}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    *cabeceras, medidas = salida.strip().splitlines()
    estado = cabeceras[0]
    if " 200" not in estado:
        raise RuntimeError(f"{url}: {estado}")
    tamano, segundos = medidas.split()
    campos = {}
    for linea in cabeceras[1:]:
        nombre, _sep, valor = linea.partition(":")
        campos[nombre.strip().lower()] = valor.strip()
    return int(tamano), float(segundos), campos


def consultas_filtradas(conjunto, cantidad: int = 30) -> list[str]:
    """Combinaciones de filtros distintas, como las que armaría una persona en la página."""
    from datos_abiertos import filters

    rng = random.Random(7)  # noqa: S311 - filtros de prueba
    opciones = {
        filters.parametro(conjunto, d): conjunto.valores.get(d, []) for d in conjunto.dimensiones
    }
    nombres = sorted(opciones)
    consultas, vistas = [], set()
    while len(consultas) < cantidad:
        # Una a tres dimensiones, a veces con un año, a veces con la gráfica por otra columna.
        elegidas = rng.sample(nombres, rng.randint(1, min(3, len(nombres))))
        filtros = {n: rng.choice(opciones[n]) for n in elegidas}
        if rng.random() < 0.5:
            anio = rng.randint(2012, 2025)
            filtros.update(desde=f"{anio}-01", hasta=f"{anio}-12")
        if rng.random() < 0.3:
            filtros["desglose"] = rng.choice(nombres)
        clave = urlencode(sorted(filtros.items()))
        if clave not in vistas:
            vistas.add(clave)
            consultas.append(f"/datos/{conjunto.slug}/?{clave}")
    return consultas


def medir_paginas(url: str, rutas: list[str], repeticiones: int) -> tuple[list[float], list[float]]:
    """Milisegundos por página: la primera vuelta (sin caché) y las siguientes (con caché)."""
    partes = urlsplit(url)
    conexion = http.client.HTTPConnection(partes.hostname, partes.port, timeout=60)
    frias, calientes = [], []
    for vuelta in range(repeticiones):
        for ruta in rutas:
            inicio = time.perf_counter()
            conexion.request("GET", ruta)
            respuesta = conexion.getresponse()
            cuerpo = respuesta.read()
            ms = (time.perf_counter() - inicio) * 1000
            if respuesta.status != 200 or b"Datos de muestra" not in cuerpo:
                raise RuntimeError(f"{ruta}: {respuesta.status}")
            (frias if vuelta == 0 else calientes).append(ms)
    conexion.close()
    return frias, calientes


def medir_servidor(env: dict, conjunto, veces: int, repeticiones: int) -> dict:
    ruta_csv = f"/datos/{SLUG}.csv"
    with gunicorn(env, trabajadores=1, hilos=4) as (url, proceso):
        trabajador = proceso_trabajador(proceso.pid)
        # Calentamiento: una descarga pequeña y una página cargan todo el código del camino.
        descargar(f"{url}{ruta_csv}?desde=2016-01&hasta=2016-01&entidad=07")
        descargar(f"{url}/datos/{SLUG}/")
        # La página carga el cubo del conjunto (con su pico al leerlo); VmHWM vuelve a empezar
        # aquí para medir solo las descargas (Linux ≥ 4.0: «5» en clear_refs).
        Path(f"/proc/{trabajador}/clear_refs").write_text("5")
        base = rss(trabajador)
        descargas = []
        with Muestreo(trabajador) as muestreo:
            for _ in range(veces):
                descargas.append(descargar(url + ruta_csv))
        crecimiento = max(muestreo.maximo, rss(trabajador, "VmHWM")) - base
        frias, calientes = medir_paginas(url, consultas_filtradas(conjunto), repeticiones)
    return {
        "descargas": descargas,
        "rss_base": base,
        "crecimiento": crecimiento,
        "frias": frias,
        "calientes": calientes,
    }


def cargar_muestra(env: dict, escala: int) -> float:
    inicio = time.perf_counter()
    manage("cargar_datos_abiertos", "-v0", "--conjunto", SLUG, "--escala", str(escala), env=env)
    return time.perf_counter() - inicio


def medir_importacion(temporal: Path) -> dict:
    from datos_abiertos.models import ConjuntoDatos

    conjunto = ConjuntoDatos.objects.get(slug=SLUG_IMPORTACION)
    ruta = temporal / f"cuadro_{ANIO_IMPORTACION}.csv"
    celdas = escribir_cuadro(ruta, conjunto, ANIO_IMPORTACION, None)
    nueva, resultado = importar(ruta, conjunto, ANIO_IMPORTACION)
    # Todas las celdas del cuadro entran y la muestra de ese año sale.
    assert resultado.cambios.publicadas == celdas, resultado.cambios
    repetida, otra = importar(ruta, conjunto, ANIO_IMPORTACION)
    assert not otra.cambios.hubo_cambios, otra.cambios
    print(
        f"\nimportar_estadisticas: cuadro de {resultado.filas_archivo:,} filas × 12 meses = "
        f"{celdas:,} celdas en {nueva:.1f} s = {celdas / nueva:,.0f} filas/s (reemplaza la "
        f"muestra de {ANIO_IMPORTACION}: {resultado.cambios.borradas:,} filas borradas); "
        f"repetida sin cambios en {repetida:.1f} s = {celdas / repetida:,.0f} filas/s  "
        f"(meta ≥ 100,000)"
    )
    return {"nueva": celdas / nueva, "repetida": celdas / repetida}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--escalas", default="200,2000", help="Escalas de la muestra, en orden.")
    parser.add_argument("--veces", type=int, default=3, help="Descargas y COPY por tamaño.")
    parser.add_argument(
        "--paginas", type=int, default=3, help="Vueltas por las páginas filtradas (la 1.ª, fría)."
    )
    parser.add_argument(
        "--solo-importacion",
        action="store_true",
        help="Solo `importar_estadisticas` (nuevo y repetido), sin las escalas ni gunicorn.",
    )
    args = parser.parse_args()
    if args.paginas < 2 and not args.solo_importacion:
        # La 1.ª vuelta es la primera visita; la página ya vista sale de las demás.
        parser.error("--paginas necesita 2 o más vueltas")
    escalas = [] if args.solo_importacion else [int(e) for e in args.escalas.split(",")]
    temporal = directorio_temporal("datos")
    env = entorno(STATIC_ROOT=str(temporal / "static"), DATABASE_URL=URL_PG)
    _postgres("DROP")
    _postgres("CREATE")
    fallas, resultados = [], {}
    try:
        if escalas:
            manage("collectstatic", "--noinput", "-v0", env=env)
        manage("migrate", "--noinput", "-v0", env=env)
        manage("cargar_tramites", "-v0", env=env)
        manage("cargar_datos_abiertos", "-v0", env=env)
        # Django en este proceso, con la misma base, para importar y para el COPY directo.
        os.environ.update(env)
        sys.path.insert(0, str(RAIZ))
        import django

        django.setup()
        from datos_abiertos.models import ConjuntoDatos

        importacion = medir_importacion(temporal)
        if importacion["nueva"] < 100_000:
            fallas.append("importación")
        for escala in escalas:
            antes = ConjuntoDatos.objects.get(slug=SLUG).filas
            segundos = cargar_muestra(env, escala)
            conjunto = ConjuntoDatos.objects.get(slug=SLUG)
            copias = [copy_directo(conjunto) for _ in range(args.veces)]
            servidor = medir_servidor(env, conjunto, args.veces, args.paginas)
            nombre = f"escala {escala}"
            resultados[nombre] = (conjunto.filas, servidor["crecimiento"])
            print(
                f"\n{nombre}: {conjunto.filas:,} filas en {SLUG} (antes {antes:,}); la carga de "
                f"la muestra tardó {segundos:.1f} s con el arranque de la orden"
            )
            fallas += informe(nombre, copias, servidor)
        if resultados:
            print(
                "\nCrecimiento de memoria en la descarga: "
                + "; ".join(f"{c / MB:.1f} MB con {f:,} filas" for f, c in resultados.values())
            )
    finally:
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        _postgres("DROP")
        shutil.rmtree(temporal, ignore_errors=True)
    print("\nMetas cumplidas." if not fallas else f"\nMetas NO cumplidas: {'; '.join(fallas)}")


def informe(nombre: str, copias, servidor) -> list[str]:
    fallas = []
    velocidad_copy = statistics.median(b / s for b, s in copias)
    descargas = servidor["descargas"]
    velocidad_http = statistics.median(b / s for b, s, _c in descargas)
    razon = velocidad_http / velocidad_copy
    frias, calientes = servidor["frias"], servidor["calientes"]
    p95 = _percentil(frias + calientes, 95)
    largo = [c.get("content-length", "no") for _b, _s, c in descargas]
    print(
        f"  COPY psycopg {copias[0][0] / MB:,.1f} MB, {velocidad_copy / MB:,.1f} MB/s (mediana de "
        f"{len(copias)})"
    )
    print(
        f"  descarga CSV {descargas[0][0] / MB:,.1f} MB, {velocidad_http / MB:,.1f} MB/s; "
        f"Content-Length en cada descarga: {', '.join(largo)}"
    )
    print(f"  razón descarga/COPY: {razon:.2f}  (meta ≥ 0.50)")
    print(
        f"  memoria del proceso: {servidor['rss_base'] / MB:.1f} MB antes, crece "
        f"{servidor['crecimiento'] / MB:.1f} MB en las descargas  (meta < 50 MB)"
    )
    print(
        f"  página filtrada ({len(frias)} combinaciones, {len(calientes) // len(frias)} "
        f"vueltas más): ya calculada p50 {statistics.median(calientes):.1f} ms, p95 "
        f"{_percentil(calientes, 95):.1f} ms  (meta < 100 ms); primera visita p50 "
        f"{statistics.median(frias):.1f} ms, p95 {_percentil(frias, 95):.1f} ms; todas juntas "
        f"p95 {p95:.1f} ms"
    )
    if razon < 0.5:
        fallas.append(f"{nombre}: razón descarga/COPY")
    if servidor["crecimiento"] >= 50 * MB:
        fallas.append(f"{nombre}: memoria")
    # La primera visita de cada combinación cuenta sus facetas en el cubo del conjunto; las
    # siguientes salen de la caché. Ambas con meta.
    if _percentil(calientes, 95) >= 100:
        fallas.append(f"{nombre}: p95 de la página filtrada")
    if _percentil(frias, 95) >= 100:
        fallas.append(f"{nombre}: p95 de la primera visita")
    return fallas


if __name__ == "__main__":
    main()
