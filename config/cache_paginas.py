"""Caché de páginas completas para visitantes anónimos, invalidada al cambiar el contenido.

Las páginas públicas son iguales para todos; servirlas desde la caché antes de sesiones,
idioma, CSRF y plantillas las hace casi tan baratas como un archivo estático, y las mantiene
en pie si la base de datos cae un momento. Una vista entra aquí solo si se marca con
`@pagina_cacheable`. La clave incluye una versión del contenido que cambia con cada escritura
de los modelos de contenido (señales conectadas por cada app en su `ready()`; las cargas masivas
que no pasan por `save()` llaman a `invalidar()`).
"""

import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone

from config import purga, rutas

logger = logging.getLogger(__name__)
T = TypeVar("T")

CLAVE_VERSION = "paginas:version"
# Versión de lo que cambió en cada app (`version_de`); «*» es la de los cambios sin app conocida
# (cargas masivas que llaman a `invalidar()` sin más): cuenta para todas.
CLAVE_VERSION_APP = "paginas:version:{}"
TODAS = "*"
SEGUNDOS = 3600
# Tras un cambio de contenido, mientras un proceso calcula de nuevo una página, los demás sirven
# la copia anterior a lo más estos segundos (stale-while-revalidate): sin estampida en la base.
SEGUNDOS_COPIA_ANTERIOR = 30
# Cuánto espera el candado de quien recalcula antes de soltarse solo (si su proceso muere).
SEGUNDOS_CANDADO = 30
# Cookies con las que la página puede ser distinta: avisos pendientes o sesión del personal.
COOKIES_PERSONALES = ("messages", "sessionid", "csrftoken")


def version() -> str:
    valor = cache.get(CLAVE_VERSION)
    if valor is None:
        valor = str(time.time_ns())
        cache.add(CLAVE_VERSION, valor, None)
        valor = cache.get(CLAVE_VERSION, valor)
    return valor


def version_de(*apps: str) -> str:
    """Versión de lo guardado en estas apps: cambia solo cuando cambia algo de ellas.

    Para los trozos que muestran contenido de pocas apps (el cuerpo de una ficha): un cambio en
    otra parte del sitio cambia `version()`, pero no los tira.
    """
    claves = [CLAVE_VERSION_APP.format(app) for app in (TODAS, *apps)]
    guardadas = cache.get_many(claves)
    faltan = {clave: str(time.time_ns()) for clave in claves if clave not in guardadas}
    if faltan:
        for clave, valor in faltan.items():
            cache.add(clave, valor, None)
        guardadas = {**guardadas, **cache.get_many(list(faltan))}
    return "-".join(guardadas.get(clave, faltan.get(clave, "")) for clave in claves)


_calculados: dict[str, tuple[str, object]] = {}


def calculado(nombre: str, version: str, calcular: Callable[[], T]) -> T:
    """`calcular()`, guardado en el proceso mientras `version` no cambie.

    Para lo que solo depende del contenido y cuesta armar en cada petición (las cuotas de todos
    los trámites): se calcula una vez por versión y por proceso. `version` lleva `version_de(…)`
    o `version()` y lo demás de que dependa (el año, el día); `nombre` no, para guardar uno solo
    por nombre. Quien lo usa no lo modifica.
    """
    guardado = _calculados.get(nombre)
    if guardado and guardado[0] == version:
        return guardado[1]
    valor = calcular()
    _calculados[nombre] = (version, valor)
    return valor


# Se envía una vez confirmada la transacción que cambió el contenido: config/purga.py pide a los
# proxies (Varnish, una CDN) que olviden sus copias.
contenido_cambiado = Signal()
contenido_cambiado.connect(purga.purgar, dispatch_uid="config.purga")


def _nueva_version(claves=(CLAVE_VERSION,)) -> None:
    valor = str(time.time_ns())
    try:
        cache.set_many(dict.fromkeys(claves, valor), None)
    except Exception:  # noqa: BLE001 - sin caché no hay nada que invalidar
        logger.warning("No se pudo invalidar la caché de páginas", exc_info=True)


def _al_confirmar(marca) -> None:
    # Una transacción que guarda muchas filas deja una llamada por fila: solo la última purga.
    if getattr(connection, "_paginas_marca", None) is not marca:
        return
    claves = connection._paginas_claves
    connection._paginas_claves = set()
    # Otra vez, ya confirmado: una página calculada entre el cambio y la confirmación (con los
    # datos de antes) no queda como vigente.
    _nueva_version(claves)
    contenido_cambiado.send(sender=None)


def invalidar(sender=None, **_kwargs) -> None:
    """Nueva versión del contenido: las páginas guardadas dejan de usarse.

    Con `sender` (un modelo, desde las señales) cambia también la versión de su app; sin él
    (cargas masivas) la de todas.
    """
    app = sender._meta.app_label if hasattr(sender, "_meta") else TODAS
    claves = {CLAVE_VERSION, CLAVE_VERSION_APP.format(app)}
    _nueva_version(claves)
    # Las claves tocadas en la transacción se renuevan juntas al confirmar (solo la última).
    connection._paginas_claves = getattr(connection, "_paginas_claves", set()) | claves
    marca = connection._paginas_marca = object()
    transaction.on_commit(lambda: _al_confirmar(marca))


def conectar(app_config, excepto: tuple[str, ...] = ()) -> None:
    """Invalida las páginas cuando se guarda o borra cualquier modelo de la app (menos los
    nombrados en `excepto`: lo que se guarda sin ser un cambio de contenido)."""
    for modelo in app_config.get_models():
        if modelo.__name__ in excepto:
            continue
        uid = f"cache_paginas:{modelo._meta.label}"
        post_save.connect(invalidar, sender=modelo, dispatch_uid=uid + ":save")
        post_delete.connect(invalidar, sender=modelo, dispatch_uid=uid + ":delete")
    m2m_changed.connect(invalidar, dispatch_uid=f"cache_paginas:{app_config.label}:m2m")


def pagina_cacheable(segundos: int = SEGUNDOS):
    """Marca una vista (función o `View.as_view()`) como igual para todo visitante anónimo."""

    def decorador(vista):
        @wraps(vista)
        def envoltura(*args, **kwargs):
            return vista(*args, **kwargs)

        envoltura.segundos_en_cache = segundos
        return envoltura

    return decorador


def _clave(request, idioma: str) -> str:
    # El año entra en la clave: qué cuota está vigente cambia cada enero. La dirección va como
    # huella: una búsqueda larga no debe dar una clave de cientos de caracteres. La versión del
    # contenido no entra: va junto a la página guardada, para poder servir la anterior un momento.
    direccion = hashlib.sha256(
        f"{request.get_host()}:{request.get_full_path()}".encode()
    ).hexdigest()
    return f"paginas:{timezone.localdate().year}:{idioma}:{request.method == 'HEAD'}:{direccion}"


def _edad_de_la_version(actual: str) -> float:
    """Segundos desde el último cambio de contenido (la versión es su hora en nanosegundos)."""
    try:
        return time.time() - int(actual) / 1e9
    except ValueError:
        return float("inf")


class CachePaginasMiddleware:
    """Va justo después de WhiteNoise: sirve la página guardada sin tocar nada más."""

    def __init__(self, get_response):
        self.get_response = get_response

    def _segundos(self, request) -> tuple[int, str]:
        if request.method not in ("GET", "HEAD") or not settings.PAGINAS_EN_CACHE:
            return 0, ""
        if any(nombre in request.COOKIES for nombre in COOKIES_PERSONALES):
            return 0, ""
        funcion, idioma = rutas.vista(request)
        return getattr(funcion, "segundos_en_cache", 0), idioma

    def __call__(self, request):
        segundos, idioma = self._segundos(request)
        if not segundos:
            return self.get_response(request)
        # Antes que nada, el Host: uno que no está en ALLOWED_HOSTS recibe 400 también aquí, y la
        # clave lo incluye para que cada dominio tenga sus propias direcciones absolutas.
        request.get_host()
        try:
            clave = _clave(request, idioma)
            actual = version()
            guardada = cache.get(clave)
        except Exception:  # noqa: BLE001 - si la caché falla, la página se calcula
            logger.warning("Caché de páginas no disponible", exc_info=True)
            return self.get_response(request)
        candado = None
        if guardada is not None:
            version_guardada, respuesta = guardada
            if version_guardada == actual:
                return respuesta
            if _edad_de_la_version(actual) <= SEGUNDOS_COPIA_ANTERIOR:
                # Solo quien toma el candado calcula la página nueva; los demás, la anterior.
                candado = f"{clave}:recalculando:{actual}"
                if not _tomar(candado):
                    return respuesta
        try:
            return self._calcular(request, clave, actual, segundos)
        finally:
            if candado:
                _soltar(candado)

    def _calcular(self, request, clave: str, actual: str, segundos: int):
        respuesta = self.get_response(request)
        if (
            respuesta.status_code == 200
            and not respuesta.streaming
            and not respuesta.cookies
            and "Cookie" not in respuesta.get("Vary", "")
        ):
            try:
                # La copia dura más que su vigencia: tras un cambio sirve de «anterior».
                cache.set(clave, (actual, respuesta), segundos + SEGUNDOS_COPIA_ANTERIOR)
            except Exception:  # noqa: BLE001
                logger.warning("No se pudo guardar la página en caché", exc_info=True)
        return respuesta


def _tomar(candado: str) -> bool:
    try:
        return cache.add(candado, 1, SEGUNDOS_CANDADO)
    except Exception:  # noqa: BLE001 - sin caché, cada proceso calcula
        return True


def _soltar(candado: str) -> None:
    try:
        cache.delete(candado)
    except Exception:  # noqa: BLE001
        logger.warning("No se pudo soltar el candado de la caché de páginas", exc_info=True)
