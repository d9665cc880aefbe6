"""Defensas contra envíos abusivos, sin servicios de terceros ni captchas.

- Campo trampa (honeypot): un campo oculto que las personas no ven ni llenan; los robots sí.
- Tiempo mínimo: el formulario lleva firmada la hora en que se mostró; enviarlo en menos de
  unos segundos delata a un programa.
- Límites por IP: contadores en la caché con la IP resumida (SHA-256 con la clave del sitio),
  que caducan solos; la IP nunca se guarda en la base de datos.
- Mismo origen: el formulario de opinión va en páginas guardadas en caché, sin ficha CSRF; en
  su lugar se exige que el navegador diga (cabecera Origin o Referer) que viene de este sitio,
  la defensa que OWASP recomienda junto a la ficha.
"""

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

TIEMPO_MINIMO = 3  # segundos entre mostrar y enviar un formulario
TIEMPO_MAXIMO = 6 * 3600  # después, el formulario caduca
_FIRMA = "participa.formulario"


def sello() -> str:
    """Hora firmada en que se mostró el formulario."""
    return signing.TimestampSigner(salt=_FIRMA).sign(str(int(time.time())))


def segundos_desde(valor: str) -> float | None:
    """Segundos desde que se mostró el formulario, o None si el sello es falso o caducó."""
    try:
        mostrado = int(signing.TimestampSigner(salt=_FIRMA).unsign(valor, max_age=TIEMPO_MAXIMO))
    except (signing.BadSignature, ValueError):
        return None
    return time.time() - mostrado


def ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _clave(tipo: str, request, ventana: int) -> str:
    resumen = hashlib.sha256(f"{settings.SECRET_KEY}|{ip(request)}".encode()).hexdigest()[:24]
    return f"participa:limite:{tipo}:{resumen}:{int(time.time()) // ventana}"


def contar(request, tipo: str, *, maximo: int, ventana: int = 3600) -> bool:
    """Suma un envío; devuelve False si esta IP ya pasó el máximo en la ventana."""
    clave = _clave(tipo, request, ventana)
    if cache.add(clave, 1, ventana):
        return True
    try:
        return cache.incr(clave) <= maximo
    except ValueError:  # la clave caducó entre add e incr
        cache.add(clave, 1, ventana)
        return True


def mismo_origen(request) -> bool:
    """¿La petición viene de una página de este sitio (Origin o, si falta, Referer)?"""
    propio = f"{request.scheme}://{request.get_host()}"
    confiables = {propio, *getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    origen = request.META.get("HTTP_ORIGIN")
    if origen:
        return origen in confiables
    referente = request.META.get("HTTP_REFERER", "")
    return any(referente == o or referente.startswith(o + "/") for o in confiables)
