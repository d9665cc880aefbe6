"""Límites de intentos de consulta por número de trámite y por dirección IP, con la caché.

Cada consulta *reserva* un intento en los dos contadores antes de comprobar la contraseña, con
operaciones atómicas de la caché (`add` + `incr`: Redis en producción, memoria local por
omisión). Si la contraseña es correcta, el intento se devuelve; si no, queda contado. Así, ni
con mil peticiones simultáneas pasan a comprobarse más contraseñas que las permitidas: cada
una recibe un número distinto del contador y solo las primeras caben.

Al pasar el límite, la consulta de ese número (o desde esa IP) queda bloqueada hasta que
termina la ventana que empezó con el primer intento fallido; la persona ve a qué hora puede
volver a intentar.
"""

import hashlib
import ipaddress
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache

PREFIJO = "seguimiento:intentos"


@dataclass(frozen=True)
class Bloqueo:
    """Demasiados intentos: no se vuelve a comprobar nada hasta `hasta` (con zona horaria)."""

    hasta: datetime

    @property
    def segundos(self) -> int:
        return max(1, int(self.hasta.timestamp() - time.time()) + 1)


@dataclass(frozen=True)
class Reserva:
    """Intento apartado en los contadores; se devuelve si la consulta fue correcta."""

    claves: tuple[str, ...]


def ip_cliente(request) -> str:
    """La IP de quien consulta; las IPv6 se agrupan por su red /64 (la de un hogar)."""
    ip = request.META.get("REMOTE_ADDR", "")
    proxies = settings.SEGUIMIENTO_PROXIES
    if proxies > 0:
        cadena = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        cadena = [p for p in cadena if p]
        if len(cadena) >= proxies:
            ip = cadena[-proxies]
    try:
        direccion = ipaddress.ip_address(ip)
    except ValueError:
        return ip or "desconocida"
    if direccion.version == 6:
        return str(ipaddress.ip_network(f"{direccion}/64", strict=False))
    return str(direccion)


def _ventana() -> int:
    return settings.SEGUIMIENTO_VENTANA_MINUTOS * 60


def _clave(tipo: str, valor: str) -> str:
    # Huella: la clave no guarda el número ni la IP y no depende de qué caracteres traigan.
    huella = hashlib.sha256(f"{tipo}:{valor}".encode()).hexdigest()[:32]
    return f"{PREFIJO}:{tipo}:{huella}"


def _contadores(*, nut: str, ip: str) -> list[tuple[str, int]]:
    return [
        (_clave("ip", ip), settings.SEGUIMIENTO_INTENTOS_POR_IP),
        (_clave("nut", nut), settings.SEGUIMIENTO_INTENTOS_POR_NUT),
    ]


def _fin_de_ventana(inicio) -> datetime:
    comienzo = float(inicio) if inicio is not None else time.time()
    return datetime.fromtimestamp(comienzo + _ventana(), tz=UTC)


def _sumar(clave: str) -> int:
    """Suma un intento al contador; lo crea (con el inicio de su ventana) si no existe."""
    for _intento in range(3):
        try:
            valor = cache.incr(clave)
        except ValueError:
            ahora = time.time()
            cache.add(clave + ":inicio", ahora, _ventana())
            cache.add(clave, 0, _ventana())
            continue
        if valor == 1:
            # Primer intento de la ventana: si la clave caducó justo antes del incr, Redis la
            # habría recreado sin caducidad; así siempre caduca.
            cache.touch(clave, _ventana())
        return valor
    raise RuntimeError("No se pudo contar el intento en la caché.")


def intentar(*, nut: str, ip: str) -> Reserva | Bloqueo:
    """Aparta un intento para este número y esta IP, o dice hasta cuándo están bloqueados."""
    contadores = _contadores(nut=nut, ip=ip)
    claves = [c for c, _l in contadores]
    guardado = cache.get_many(claves + [c + ":inicio" for c in claves])
    bloqueos = [
        _fin_de_ventana(guardado.get(clave + ":inicio"))
        for clave, limite in contadores
        if guardado.get(clave, 0) >= limite
    ]
    if bloqueos:
        return Bloqueo(hasta=max(bloqueos))
    reservadas = []
    for clave, limite in contadores:
        valor = _sumar(clave)
        reservadas.append(clave)
        if valor > limite:
            return Bloqueo(hasta=_fin_de_ventana(cache.get(clave + ":inicio")))
    return Reserva(claves=tuple(reservadas))


def devolver(reserva: Reserva) -> None:
    """La consulta fue correcta: el intento no cuenta."""
    for clave in reserva.claves:
        try:
            if cache.decr(clave) < 0:
                cache.set(clave, 0, _ventana())
        except ValueError:
            # La ventana terminó mientras se consultaba: no hay nada que devolver.
            pass
