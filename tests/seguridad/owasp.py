"""Revisión de lo básico de OWASP contra un sitio en marcha.

    .venv/bin/python -m tests.seguridad.owasp http://127.0.0.1:8000 [--usuario-admin nombre]

Recorre el sitio desde el inicio siguiendo sus enlaces y comprueba:
- CSRF: cada formulario POST que encuentra rechaza (403) un envío sin ficha ni cookie hecho
  desde otro origen;
- sin trazas: entradas hostiles (rutas raras, filtros absurdos, Host falso) nunca dan 500 ni
  muestran una traza, la configuración o la página de depuración de Django;
- el admin pide identificarse y frena los intentos de contraseña (429 tras varios fallos);
- cabeceras de seguridad en cada página recorrida.
Imprime cada hallazgo y sale con código 1 si hay alguno. Las pruebas (tests/seguridad) la corren
contra el servidor de pruebas; en producción se puede correr contra el sitio publicado (el
recorrido solo lee, y los POST que manda son rechazados por diseño).
"""

import argparse
import http.client
import re
import sys
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser

DESCARGAS = re.compile(r"\.(pdf|csv|json|jsonld|parquet|vcf|xlsx|svg|png|woff2?)(\?|$)")
OTRO_IDIOMA = re.compile(r"^/[a-z]{2}(-[a-z]+)?/.+")
TRAZAS = [
    "Traceback",
    'File "/',
    "Request Method:",
    "Django Version:",
    "DEBUG = True",
    "SECRET_KEY",
    "Using the URLconf",
    "django.db.utils",
]
HOSTILES = [
    "/tramites/%ff%fe/",
    "/tramites/buscar/?q=%00%27%22%3Cscript%3E",
    "/tramites/cuotas/?escenario=%27;DROP%20TABLE&personas=-99999999999999999999",
    "/tramites/orientador/?donde=%0d%0aSet-Cookie:x=1",
    "/datos/personas-presentadas/?page=99999999999999999999",
    "/datos/personas-presentadas/?desde=2024-13&hasta=abc&entidad=999",
    "/datos/personas-presentadas.csv?desde=9999-99",
    "/datos/no-existe.json",
    "/ventanillas/?estado=99&servicio=%3Cx%3E",
    "/ventanillas/cercanas/?latitud=999&longitud=abc",
    "/ventanillas/no-existe.vcf",
    "/participa/folio/?folio=%27%20OR%201=1--",
    "/api/v1/tramites/%2e%2e%2f%2e%2e%2fetc%2fpasswd/",
    "/static/../config/settings.py",
    "/admin/../../etc/passwd",
    "/" + "a" * 4000 + "/",
]
CABECERAS = {
    "content-security-policy": "default-src 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
}


@dataclass
class Respuesta:
    estado: int
    cabeceras: dict[str, str]
    cuerpo: str


@dataclass
class Informe:
    paginas: int = 0
    formularios: set[str] = field(default_factory=set)
    hallazgos: list[str] = field(default_factory=list)

    def falla(self, texto: str) -> None:
        self.hallazgos.append(texto)


class _Enlaces(HTMLParser):
    def __init__(self):
        super().__init__()
        self.enlaces: list[str] = []
        self.formularios: list[str] = []

    def handle_starttag(self, etiqueta, atributos):
        atributos = dict(atributos)
        if etiqueta == "a" and atributos.get("href"):
            self.enlaces.append(atributos["href"])
        if etiqueta == "form" and (atributos.get("method") or "").lower() == "post":
            self.formularios.append(atributos.get("action") or "")


class Sitio:
    def __init__(self, base: str):
        partes = urllib.parse.urlsplit(base)
        self.base = base.rstrip("/")
        self.anfitrion = partes.hostname
        self.puerto = partes.port or 80

    def pedir(self, metodo: str, ruta: str, *, cuerpo: str = "", cabeceras=None) -> Respuesta:
        conexion = http.client.HTTPConnection(self.anfitrion, self.puerto, timeout=30)
        encabezados = {"Host": f"{self.anfitrion}:{self.puerto}", **(cabeceras or {})}
        if cuerpo:
            encabezados["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conexion.request(metodo, ruta, body=cuerpo.encode() or None, headers=encabezados)
            r = conexion.getresponse()
            datos = r.read()
            return Respuesta(
                r.status,
                {k.lower(): v for k, v in r.getheaders()},
                datos.decode("utf-8", "replace"),
            )
        finally:
            conexion.close()


def _propia(sitio: Sitio, href: str, desde: str) -> str | None:
    absoluta = urllib.parse.urljoin(sitio.base + desde, href)
    partes = urllib.parse.urlsplit(absoluta)
    if partes.hostname != sitio.anfitrion or (partes.port or 80) != sitio.puerto:
        return None
    ruta = partes.path + (f"?{partes.query}" if partes.query else "")
    if ruta.startswith(("/static/", "/admin/")) or DESCARGAS.search(partes.path):
        return None
    if OTRO_IDIOMA.match(partes.path):
        return None  # las mismas páginas y formularios que en español; basta su inicio
    return ruta


def recorrer(sitio: Sitio, informe: Informe, limite: int) -> None:
    pendientes, vistas = deque(["/"]), {"/"}
    while pendientes and informe.paginas < limite:
        ruta = pendientes.popleft()
        r = sitio.pedir("GET", ruta)
        informe.paginas += 1
        if r.estado >= 500:
            informe.falla(f"{ruta}: respondió {r.estado}")
        _sin_traza(informe, ruta, r)
        if "text/html" not in r.cabeceras.get("content-type", ""):
            continue
        for nombre, valor in CABECERAS.items():
            if valor not in r.cabeceras.get(nombre, ""):
                informe.falla(f"{ruta}: falta o es distinta la cabecera {nombre}")
        lector = _Enlaces()
        lector.feed(r.cuerpo)
        for accion in lector.formularios:
            destino = _propia(sitio, accion or ruta, ruta) or urllib.parse.urlsplit(accion).path
            if destino:
                informe.formularios.add(destino.split("?")[0])
        for href in lector.enlaces:
            siguiente = _propia(sitio, href, ruta)
            # Una muestra de cada lista: sin recorrer cada combinación de filtros y páginas.
            if siguiente and siguiente not in vistas and siguiente.count("=") <= 1:
                vistas.add(siguiente)
                pendientes.append(siguiente)


def _sin_traza(informe: Informe, ruta: str, r: Respuesta) -> None:
    for marca in TRAZAS:
        if marca in r.cuerpo:
            informe.falla(f"{ruta[:80]}: la respuesta muestra «{marca}» (traza o configuración)")


def revisar_csrf(sitio: Sitio, informe: Informe) -> None:
    for accion in sorted(informe.formularios):
        r = sitio.pedir(
            "POST",
            accion,
            cuerpo="nombre=x&texto=prueba&util=si&pagina=/",
            cabeceras={
                "Origin": "https://atacante.example",
                "Referer": "https://atacante.example/",
            },
        )
        if r.estado != 403:
            informe.falla(f"POST {accion} sin ficha CSRF desde otro origen: {r.estado}, no 403")
        _sin_traza(informe, accion, r)


def revisar_entradas_hostiles(sitio: Sitio, informe: Informe) -> None:
    for ruta in HOSTILES:
        r = sitio.pedir("GET", ruta)
        if r.estado >= 500:
            informe.falla(f"GET {ruta[:80]}: {r.estado}")
        _sin_traza(informe, ruta, r)
    r = sitio.pedir("GET", "/", cabeceras={"Host": "sitio-falso.example"})
    if r.estado != 400:
        informe.falla(f"Host falso: {r.estado}, no 400")
    _sin_traza(informe, "Host falso", r)


def revisar_admin(sitio: Sitio, informe: Informe, intentos: int) -> None:
    for ruta in ("/admin/", "/admin/tramites/tramite/", "/admin/auth/user/"):
        r = sitio.pedir("GET", ruta)
        if r.estado != 302 or "/admin/login/" not in r.cabeceras.get("location", ""):
            informe.falla(f"{ruta} sin identificarse: {r.estado}, no redirige al acceso")
    formulario = sitio.pedir("GET", "/admin/login/")
    cookie = re.search(r"csrftoken=([^;]+)", formulario.cabeceras.get("set-cookie", ""))
    ficha = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', formulario.cuerpo)
    if not (cookie and ficha):
        informe.falla("El acceso al admin no trae formulario con ficha CSRF")
        return
    cuerpo = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": ficha[1], "username": "nadie", "password": "no-es-la-clave"}
    )
    estados = [
        sitio.pedir(
            "POST", "/admin/login/", cuerpo=cuerpo, cabeceras={"Cookie": f"csrftoken={cookie[1]}"}
        ).estado
        for _ in range(intentos + 2)
    ]
    if 429 not in estados:
        informe.falla(f"{intentos + 2} contraseñas equivocadas seguidas y ningún 429: {estados}")


def revisar(base: str, *, limite: int = 150, intentos_admin: int = 10) -> Informe:
    sitio = Sitio(base)
    informe = Informe()
    recorrer(sitio, informe, limite)
    revisar_csrf(sitio, informe)
    revisar_entradas_hostiles(sitio, informe)
    revisar_admin(sitio, informe, intentos_admin)
    return informe


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="dirección del sitio, p. ej. http://127.0.0.1:8000")
    parser.add_argument("--paginas", type=int, default=150)
    parser.add_argument("--intentos-admin", type=int, default=10, help="ADMIN_INTENTOS del sitio")
    args = parser.parse_args()
    informe = revisar(args.base, limite=args.paginas, intentos_admin=args.intentos_admin)
    print(f"{informe.paginas} páginas recorridas; {len(informe.formularios)} formularios POST:")
    for accion in sorted(informe.formularios):
        print(f"  {accion}")
    for hallazgo in informe.hallazgos:
        print(f"HALLAZGO: {hallazgo}")
    print("Sin hallazgos." if not informe.hallazgos else f"{len(informe.hallazgos)} hallazgos.")
    sys.exit(1 if informe.hallazgos else 0)


if __name__ == "__main__":
    main()
