"""Defensas contra envíos abusivos, sin servicios de terceros ni captchas.

- Campo trampa (honeypot): un campo oculto que las personas no ven ni llenan; los robots sí.
- Tiempo mínimo: el formulario lleva firmada la hora en que se mostró; enviarlo en menos de
  unos segundos delata a un programa.
- Límites por conexión: no están aquí, sino en el limitador de todo el sitio (config/limites.py).
- Mismo origen: el formulario de opinión va en páginas guardadas en caché, sin ficha CSRF; en
  su lugar se exige que el navegador diga (cabecera Origin o Referer) que viene de este sitio,
  la defensa que OWASP recomienda junto a la ficha.
"""

import time

from django.conf import settings
from django.core import signing

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


def mismo_origen(request) -> bool:
    """¿La petición viene de una página de este sitio (Origin o, si falta, Referer)?"""
    propio = f"{request.scheme}://{request.get_host()}"
    confiables = {propio, *getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    origen = request.META.get("HTTP_ORIGIN")
    if origen:
        return origen in confiables
    referente = request.META.get("HTTP_REFERER", "")
    return any(referente == o or referente.startswith(o + "/") for o in confiables)
