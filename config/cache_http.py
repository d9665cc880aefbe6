"""Cabeceras de caché HTTP y compresión, para navegadores, una CDN o Varnish delante del sitio.

- `CacheHttpMiddleware` decide `Cache-Control`: las páginas públicas (las marcadas con
  `@pagina_cacheable`, iguales para todo visitante anónimo) se guardan en proxies con `s-maxage` y
  `stale-while-revalidate`; lo personal (la respuesta que usa el token CSRF, pone cookies o
  viene de alguien con sesión o avisos pendientes) va `private, no-store`; lo demás, `no-cache`
  (se puede guardar, pero se pregunta antes con el ETag). Pone un ETag débil (el mismo contenido
  comprimido o no) y, en las públicas, `Last-Modified` = el último cambio del contenido o el
  arranque del proceso (un despliegue cambia las plantillas). El 304 lo da Django
  (`ConditionalGetMiddleware`, por fuera de este). Quita `Vary: Accept-Language` donde el idioma
  sale de la dirección (/en/…; sin prefijo, español): la respuesta no depende de esa cabecera.
- `CompresionMiddleware` comprime HTML, JSON y texto con Brotli o gzip solo si la respuesta no
  lleva secretos: nunca la que es `private`/`no-store` (token CSRF, datos de una persona), para
  que BREACH no pueda adivinarlos midiendo tamaños. Las públicas se comprimen una vez por ETag y
  codificación (memoria de cada proceso), no en cada petición.
"""

import gzip
import hashlib
import time
from collections import OrderedDict
from functools import lru_cache
from threading import Lock

from django.conf import settings
from django.urls import Resolver404, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from config import cache_paginas, rutas

try:  # Brotli viene con whitenoise[brotli]; sin él, solo gzip.
    import brotli
except ImportError:  # pragma: no cover - dependencia declarada en pyproject.toml
    brotli = None

# Segundos que un navegador guarda una página pública sin preguntar; los proxies usan s-maxage
# (la duración de la caché de páginas) y reciben una purga al cambiar el contenido.
MAX_AGE_NAVEGADOR = 300
STALE_WHILE_REVALIDATE = 60
STALE_IF_ERROR = 86400
ARRANQUE = time.time()
# La cookie csrftoken sola no hace personal una página: solo la que muestra el token (un
# formulario) lo es, y eso lo dice CSRF_COOKIE_USED.
COOKIES_PERSONALES = ("sessionid", "messages")

COMPRIMIBLES = (
    "text/html",
    "text/plain",
    "text/css",
    "text/csv",
    "text/xml",
    "application/json",
    "application/ld+json",
    "application/xml",
    "application/atom+xml",
    "application/geo+json",
    "image/svg+xml",
)
MINIMO_BYTES = 200


def es_personal(request, respuesta) -> bool:
    """La respuesta es de una persona: lleva el token CSRF, pone cookies o hay sesión/avisos."""
    control = respuesta.get("Cache-Control", "")
    return bool(
        request.META.get("CSRF_COOKIE_USED")
        or respuesta.cookies
        or "private" in control
        or "no-store" in control
        or any(nombre in request.COOKIES for nombre in COOKIES_PERSONALES)
        or "cookie" in respuesta.get("Vary", "").lower()
    )


def _idioma_en_la_direccion(request) -> bool:
    """La ruta está bajo i18n_patterns: el idioma sale de la dirección, no de Accept-Language."""
    _funcion, idioma = rutas.vista(request)
    return _bajo_prefijo_de_idioma(rutas.urlconf(), request.path_info, idioma)


@lru_cache(maxsize=rutas.RUTAS_GUARDADAS)
def _bajo_prefijo_de_idioma(urlconf, direccion: str, idioma: str | None) -> bool:
    resolutor = next(
        (
            p
            for p in get_resolver(urlconf).url_patterns
            if isinstance(getattr(p, "pattern", None), LocalePrefixPattern)
        ),
        None,
    )
    if resolutor is None:
        return False
    with translation.override(idioma):
        try:
            resolutor.resolve(direccion.lstrip("/"))
        except Resolver404:
            return False
    return True


def _quitar_vary(respuesta, nombre: str) -> None:
    valores = [v.strip() for v in respuesta.get("Vary", "").split(",") if v.strip()]
    restantes = [v for v in valores if v.lower() != nombre.lower()]
    if restantes:
        respuesta["Vary"] = ", ".join(restantes)
    elif "Vary" in respuesta:
        del respuesta["Vary"]


def ultimo_cambio() -> float:
    """Segundos epoch del último cambio de contenido (o del arranque, si es posterior)."""
    try:
        cambio = int(cache_paginas.version()) / 1e9
    except (TypeError, ValueError):
        cambio = 0
    return max(cambio, ARRANQUE)


class CacheHttpMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        respuesta = self.get_response(request)
        if (
            request.method not in ("GET", "HEAD")
            or respuesta.status_code >= 500
            or request.path_info.startswith(settings.STATIC_URL)
        ):
            return respuesta
        if _idioma_en_la_direccion(request):
            _quitar_vary(respuesta, "Accept-Language")
        funcion, _idioma = rutas.vista(request)
        segundos = getattr(funcion, "segundos_en_cache", 0)
        if es_personal(request, respuesta):
            add_never_cache_headers(respuesta)
            patch_cache_control(respuesta, private=True, no_store=True)
            return respuesta
        if "Cache-Control" not in respuesta:
            if segundos and respuesta.status_code == 200:
                patch_cache_control(
                    respuesta,
                    public=True,
                    max_age=min(MAX_AGE_NAVEGADOR, segundos),
                    s_maxage=segundos,
                    stale_while_revalidate=STALE_WHILE_REVALIDATE,
                    stale_if_error=STALE_IF_ERROR,
                )
                if not respuesta.has_header("Last-Modified"):
                    respuesta["Last-Modified"] = http_date(ultimo_cambio())
            else:
                patch_cache_control(respuesta, no_cache=True)
        if (
            respuesta.status_code == 200
            and not respuesta.streaming
            and not respuesta.has_header("ETag")
        ):
            # Débil: la misma página comprimida o no es la misma para quien pregunta.
            respuesta["ETag"] = (
                f'W/"{hashlib.md5(respuesta.content, usedforsecurity=False).hexdigest()}"'
            )
        return respuesta


class _Memoria:
    """Cuerpos ya comprimidos de las respuestas públicas, por (ETag, codificación)."""

    def __init__(self, maximo: int = 256):
        self.maximo = maximo
        self.datos: OrderedDict = OrderedDict()
        self.candado = Lock()

    def obtener(self, clave, calcular):
        with self.candado:
            if clave in self.datos:
                self.datos.move_to_end(clave)
                return self.datos[clave]
        valor = calcular()
        with self.candado:
            self.datos[clave] = valor
            if len(self.datos) > self.maximo:
                self.datos.popitem(last=False)
        return valor


_memoria = _Memoria()


def _codificacion(request) -> str | None:
    aceptadas = set()
    for parte in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        nombre, _sep, parametros = parte.partition(";")
        calidad = parametros.strip().removeprefix("q=") if parametros else "1"
        try:
            if float(calidad) <= 0:
                continue
        except ValueError:
            continue
        aceptadas.add(nombre.strip().lower())
    if brotli is not None and "br" in aceptadas:
        return "br"
    if "gzip" in aceptadas:
        return "gzip"
    return None


def _comprimir(contenido: bytes, codificacion: str) -> bytes:
    if codificacion == "br":
        return brotli.compress(contenido, quality=5)
    return gzip.compress(contenido, compresslevel=6, mtime=0)


class CompresionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.activa = getattr(settings, "COMPRIMIR_RESPUESTAS", True)

    def __call__(self, request):
        respuesta = self.get_response(request)
        if respuesta.status_code == 304 and not es_personal(request, respuesta):
            # El 304 repite la Vary de la respuesta completa, que sí depende de Accept-Encoding.
            patch_vary_headers(respuesta, ("Accept-Encoding",))
            return respuesta
        if not self.activa or respuesta.streaming or respuesta.has_header("Content-Encoding"):
            return respuesta
        tipo = respuesta.get("Content-Type", "").split(";")[0].strip().lower()
        if tipo not in COMPRIMIBLES or len(respuesta.content) < MINIMO_BYTES:
            return respuesta
        if respuesta.status_code != 200 or es_personal(request, respuesta):
            # Con secretos en el cuerpo, sin compresión (BREACH).
            return respuesta
        patch_vary_headers(respuesta, ("Accept-Encoding",))
        codificacion = _codificacion(request)
        if codificacion is None:
            return respuesta
        etag = respuesta.get("ETag")
        if etag:
            cuerpo = _memoria.obtener(
                (etag, codificacion), lambda: _comprimir(respuesta.content, codificacion)
            )
        else:
            cuerpo = _comprimir(respuesta.content, codificacion)
        if len(cuerpo) >= len(respuesta.content):
            return respuesta
        respuesta.content = cuerpo
        respuesta["Content-Length"] = str(len(cuerpo))
        respuesta["Content-Encoding"] = codificacion
        if etag and not etag.startswith("W/"):
            # Otros bytes, la misma representación: como hace Django al comprimir.
            respuesta["ETag"] = "W/" + etag
        return respuesta
