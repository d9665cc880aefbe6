"""Límites de intentos de consulta por número de trámite y por dirección IP, con la caché.

Cada consulta *reserva* un intento en los dos contadores antes de comprobar la contraseña. Si
la contraseña es correcta, el intento se devuelve; si no, queda contado. Así, ni con mil
peticiones simultáneas pasan a comprobarse más contraseñas que las permitidas: cada una recibe
un número distinto del contador y solo las primeras caben.

Con Redis (producción) la revisión y la reserva de los dos contadores son un solo guion Lua:
atómicas y en un viaje a Redis, en lugar de los ~17 que costaban con la API de la caché (unos
2 ms por consulta; benchmarks/seguimiento.py). Con otra caché (memoria local, por omisión) se
usan `add` + `incr`, atómicas dentro del proceso.

Cada contador guarda junto a él cuándo empezó su ventana (el primer intento). Al pasar el
límite, la consulta de ese número (o desde esa IP) queda bloqueada hasta que termina esa
ventana, y la persona ve a qué hora puede volver a intentar. Una ventana termina por el reloj
del sitio, no solo porque la caché borre la clave.
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
    """Intento apartado en los contadores; se devuelve si la consulta fue correcta.

    `claves`: (contador, inicio de su ventana) de cada contador reservado; solo se devuelve el
    intento si la ventana sigue siendo la misma.
    """

    claves: tuple[tuple[str, int], ...]


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


def _fin_de_ventana(inicio: int) -> datetime:
    return datetime.fromtimestamp(inicio + _ventana(), tz=UTC)


def _ahora() -> int:
    # Segundos enteros: en Redis se guardan sin serializar y el guion Lua los compara.
    return int(time.time())


def intentar(*, nut: str, ip: str) -> Reserva | Bloqueo:
    """Aparta un intento para este número y esta IP, o dice hasta cuándo están bloqueados."""
    contadores = _contadores(nut=nut, ip=ip)
    redis = _redis()
    if redis is not None:
        return _intentar_redis(redis, contadores)
    return _intentar_cache(contadores)


def devolver(reserva: Reserva) -> None:
    """La consulta fue correcta: el intento no cuenta."""
    redis = _redis()
    if redis is not None:
        _devolver_redis(redis, reserva.claves)
    else:
        _devolver_cache(reserva.claves)


# --- Cualquier caché de Django (memoria local por omisión) ---


def _intentar_cache(contadores: list[tuple[str, int]]) -> Reserva | Bloqueo:
    ahora = _ahora()
    claves = [c for c, _l in contadores]
    guardado = cache.get_many(claves + [c + ":inicio" for c in claves])
    bloqueos = []
    for clave, limite in contadores:
        inicio = guardado.get(clave + ":inicio")
        if inicio is not None and ahora >= inicio + _ventana():
            # La ventana terminó aunque la caché aún guarde la clave: empieza otra.
            cache.delete_many([clave, clave + ":inicio"])
        elif guardado.get(clave, 0) >= limite:
            bloqueos.append(_fin_de_ventana(inicio if inicio is not None else ahora))
    if bloqueos:
        return Bloqueo(hasta=max(bloqueos))
    reservadas = []
    for clave, limite in contadores:
        valor, inicio = _sumar(clave, ahora)
        if valor > limite:
            # Otra consulta simultánea ganó el último lugar: este intento no se comprueba y
            # tampoco cuenta en los contadores que ya había apartado.
            _devolver_cache(reservadas)
            return Bloqueo(hasta=_fin_de_ventana(inicio))
        reservadas.append((clave, inicio))
    return Reserva(claves=tuple(reservadas))


def _sumar(clave: str, ahora: int) -> tuple[int, int]:
    """Suma un intento al contador (lo crea con el inicio de su ventana si no existe)."""
    for _intento in range(3):
        try:
            valor = cache.incr(clave)
        except ValueError:
            cache.add(clave + ":inicio", ahora, _ventana())
            cache.add(clave, 0, _ventana())
            continue
        inicio = cache.get(clave + ":inicio")
        if inicio is None:
            # Las claves caducaron entre el incr y aquí: la ventana empieza ahora.
            inicio = ahora
            cache.set(clave + ":inicio", ahora, _ventana())
            cache.touch(clave, _ventana())
        return valor, inicio
    raise RuntimeError("No se pudo contar el intento en la caché.")


def _devolver_cache(claves) -> None:
    for clave, inicio in claves:
        if cache.get(clave + ":inicio") != inicio:
            continue  # la ventana terminó mientras se consultaba: no hay nada que devolver
        try:
            if cache.decr(clave) < 0:
                cache.set(clave, 0, _ventana())
        except ValueError:
            pass


# --- Redis: un guion Lua por consulta ---

# KEYS: contador e inicio de cada límite, en pares. ARGV: ahora, ventana y el límite de cada
# par. Devuelve {0, fin del bloqueo} o {1, inicio de la ventana de cada par}.
_LUA_INTENTAR = """
local ahora, ventana = tonumber(ARGV[1]), tonumber(ARGV[2])
local pares = #KEYS / 2
local nuevos, inicios, hasta = {}, {}, 0
for i = 1, pares do
  local inicio = tonumber(redis.call('GET', KEYS[2 * i]))
  if inicio == nil or ahora >= inicio + ventana then
    nuevos[i] = true
  else
    inicios[i] = inicio
    local cuenta = tonumber(redis.call('GET', KEYS[2 * i - 1])) or 0
    if cuenta >= tonumber(ARGV[2 + i]) and inicio + ventana > hasta then
      hasta = inicio + ventana
    end
  end
end
if hasta > 0 then return {0, hasta} end
local resultado = {1}
for i = 1, pares do
  if nuevos[i] then
    redis.call('SET', KEYS[2 * i], ahora, 'EX', ventana)
    redis.call('SET', KEYS[2 * i - 1], 1, 'EX', ventana)
    resultado[i + 1] = ahora
  else
    redis.call('INCR', KEYS[2 * i - 1])
    resultado[i + 1] = inicios[i]
  end
end
return resultado
"""

# KEYS: contador e inicio en pares; ARGV: el inicio de la ventana en que se reservó cada par.
_LUA_DEVOLVER = """
for i = 1, #KEYS / 2 do
  if redis.call('GET', KEYS[2 * i]) == ARGV[i] then
    local cuenta = tonumber(redis.call('GET', KEYS[2 * i - 1])) or 0
    if cuenta > 0 then redis.call('DECR', KEYS[2 * i - 1]) end
  end
end
return 0
"""

_guiones: dict[str, object] = {}


def _redis():
    """(backend, cliente) si la caché por omisión es la de Redis de Django; si no, None."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    # Django arma un cliente nuevo en cada get_client(); el de la consulta se guarda con su
    # caché (el cliente comparte el grupo de conexiones y se puede usar desde varios hilos).
    cliente = getattr(backend, "_cliente_seguimiento", None)
    if cliente is None:
        cliente = backend._cliente_seguimiento = backend._cache.get_client(write=True)
    return backend, cliente


def _guion(cliente, fuente: str):
    if fuente not in _guiones:
        _guiones[fuente] = cliente.register_script(fuente)
    return _guiones[fuente]


def _llaves(backend, claves) -> list[str]:
    llaves = []
    for clave in claves:
        llaves += [
            backend.make_and_validate_key(clave),
            backend.make_and_validate_key(clave + ":inicio"),
        ]
    return llaves


def _intentar_redis(redis, contadores: list[tuple[str, int]]) -> Reserva | Bloqueo:
    backend, cliente = redis
    claves = [c for c, _l in contadores]
    resultado = _guion(cliente, _LUA_INTENTAR)(
        keys=_llaves(backend, claves),
        args=[_ahora(), _ventana(), *(limite for _c, limite in contadores)],
        client=cliente,
    )
    if not resultado[0]:
        return Bloqueo(hasta=datetime.fromtimestamp(int(resultado[1]), tz=UTC))
    return Reserva(claves=tuple(zip(claves, map(int, resultado[1:]), strict=True)))


def _devolver_redis(redis, claves) -> None:
    backend, cliente = redis
    _guion(cliente, _LUA_DEVOLVER)(
        keys=_llaves(backend, [c for c, _i in claves]),
        args=[inicio for _c, inicio in claves],
        client=cliente,
    )
