"""Límites de intentos de todo el sitio: quién pregunta, cuánto le cabe y un solo contador.

Tres usos, una mecánica: la consulta de seguimiento (por número de trámite y por conexión), los
formularios de participa y el acceso al admin. Cada `Politica` dice qué se cuenta, cuántas veces
cabe y en qué ventana; `ip_cliente` dice quién pregunta; `reservar` aparta un intento en todos
los contadores de una petición (o dice hasta cuándo están llenos) y `devolver` lo regresa cuando
el intento resultó bueno, como una contraseña correcta.

La ventana de un contador empieza con su primer intento; lleno, queda bloqueado hasta que esa
ventana termina. Los contadores los comparten todos los procesos y máquinas: viven en Redis
(`LIMITES_REDIS_URL`, la de la caché) o, sin Redis, en una tabla de la base de datos
(`ContadorIntentos`). En los dos, apartar un intento en todos los contadores de una petición es
una sola operación atómica (un guion de Lua; un INSERT … ON CONFLICT) y devolverlo, otra.
"""

import functools
import hashlib
import hmac
import ipaddress
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import redis
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest
from redis.exceptions import RedisError

from config.models import ContadorIntentos

logger = logging.getLogger(__name__)

MINUTO, HORA, DIA = 60, 3600, 86400


@dataclass(frozen=True)
class Politica:
    """Un uso del limitador: qué se cuenta, cuántos intentos caben y en qué ventana (segundos).

    `limite` y `ventana` pueden ser funciones que leen los ajustes en el momento de contar.
    """

    nombre: str
    cuenta: str
    limite: int | Callable[[], int]
    ventana: int | Callable[[], int]

    def contador(self, quien: str) -> "Contador":
        """El contador de esta política para `quien` (una IP, un número de trámite…)."""
        limite = self.limite() if callable(self.limite) else self.limite
        ventana = self.ventana() if callable(self.ventana) else self.ventana
        return Contador(
            politica=self, clave=_clave(self.nombre, quien), limite=limite, ventana=ventana
        )


@dataclass(frozen=True)
class Contador:
    """Los intentos de alguien bajo una política: su clave en el almacén y los números de hoy."""

    politica: Politica
    clave: str
    limite: int
    ventana: int


@dataclass(frozen=True)
class Bloqueo:
    """Demasiados intentos: no se comprueba nada hasta `hasta` (con zona horaria)."""

    hasta: datetime

    @property
    def segundos(self) -> int:
        return max(1, int(self.hasta.timestamp() - time.time()) + 1)


@dataclass(frozen=True)
class Reserva:
    """Intento apartado: cada contador con el fin (segundos desde 1970) de la ventana en que se
    contó; devolverlo solo resta en esa misma ventana."""

    contados: tuple[tuple[Contador, int], ...]


class AlmacenNoDisponible(Exception):
    """El almacén de los contadores no respondió: no se deja pasar nada sin contarlo."""


# --- Políticas ---

CONSULTA_POR_NUT = Politica(
    nombre="seguimiento:nut",
    cuenta="consultas de estado fallidas por número de trámite",
    limite=lambda: settings.SEGUIMIENTO_INTENTOS_POR_NUT,
    ventana=lambda: settings.SEGUIMIENTO_VENTANA_MINUTOS * MINUTO,
)
CONSULTA_POR_IP = Politica(
    nombre="seguimiento:ip",
    cuenta="consultas de estado fallidas por conexión",
    limite=lambda: settings.SEGUIMIENTO_INTENTOS_POR_IP,
    ventana=lambda: settings.SEGUIMIENTO_VENTANA_MINUTOS * MINUTO,
)
ACCESO_ADMIN = Politica(
    nombre="admin:acceso",
    cuenta="accesos fallidos al admin por conexión",
    limite=lambda: settings.ADMIN_INTENTOS,
    ventana=lambda: settings.ADMIN_VENTANA_SEGUNDOS,
)
OPINIONES = Politica(
    nombre="participa:opinion", cuenta="opiniones por conexión", limite=20, ventana=HORA
)
REPORTES = Politica(
    nombre="participa:reporte", cuenta="reportes por conexión", limite=5, ventana=HORA
)
SOLICITUDES_DE_DATOS = Politica(
    nombre="participa:solicitud", cuenta="solicitudes de datos por conexión", limite=5, ventana=HORA
)
CONSULTAS_DE_FOLIO = Politica(
    nombre="participa:folio", cuenta="consultas de folio por conexión", limite=30, ventana=HORA
)
APOYOS = Politica(nombre="participa:apoyo", cuenta="apoyos por conexión", limite=30, ventana=HORA)
APOYOS_A_UNA_SOLICITUD = Politica(
    nombre="participa:apoyo-solicitud",
    cuenta="apoyos a una misma solicitud por conexión",
    limite=1,
    ventana=DIA,
)


# --- Quién pregunta ---


def ip_cliente(request: HttpRequest) -> str:
    """La IP de quien pregunta; las IPv6 se agrupan por su red /64 (la de un hogar).

    Detrás de PROXIES_DE_CONFIANZA proxies, es la que anotó el primero de ellos en
    X-Forwarded-For (cada proxy agrega al final la dirección de quien le habló); sin proxies, la
    cabecera la escribe cualquiera y no se lee.
    """
    ip = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROXIES_DE_CONFIANZA
    if proxies > 0:
        cadena = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        cadena = [p for p in cadena if p]
        if len(cadena) >= proxies:
            ip = cadena[-proxies]
    try:
        direccion = ipaddress.ip_address(ip)
    except ValueError:
        return ip or "desconocida"
    if direccion.version == 6 and direccion.ipv4_mapped:
        # Un servidor que escucha en IPv6 ve a los clientes IPv4 como ::ffff:a.b.c.d; agrupadas
        # por /64 todas serían una sola.
        return str(direccion.ipv4_mapped)
    if direccion.version == 6:
        return str(ipaddress.ip_network(f"{direccion}/64", strict=False))
    return str(direccion)


def _clave(nombre: str, quien: str) -> str:
    # Huella con la clave del sitio: la tabla de la caché no guarda ni IP ni número de trámite,
    # y sin la clave no se pueden probar las 2^32 IPv4 para descubrirlas.
    huella = hmac.new(
        settings.SECRET_KEY.encode(), f"{nombre}|{quien}".encode(), hashlib.sha256
    ).hexdigest()[:32]
    return f"limites:{nombre}:{huella}"


# --- Reservar y devolver ---


def reservar(*, contadores: Sequence[Contador]) -> Reserva | Bloqueo:
    """Aparta un intento en cada contador, o dice hasta cuándo está bloqueado alguno.

    O cuenta en todos o en ninguno: un intento bloqueado no gasta los demás contadores.
    """
    ahora = int(time.time())
    try:
        if settings.LIMITES_REDIS_URL:
            vencimientos = _reservar_en_redis(contadores, ahora)
        else:
            vencimientos = _reservar_en_la_base(contadores, ahora)
    except (DatabaseError, RedisError) as error:
        raise _no_disponible(error) from error
    if isinstance(vencimientos, Bloqueo):
        return vencimientos
    return Reserva(contados=tuple(zip(contadores, vencimientos, strict=True)))


def devolver(reserva: Reserva) -> None:
    """El intento resultó bueno: deja de contar (si su ventana no ha terminado)."""
    try:
        if settings.LIMITES_REDIS_URL:
            _devolver_en_redis(reserva.contados)
        else:
            _devolver_en_la_base(reserva.contados)
    except (DatabaseError, RedisError) as error:
        raise _no_disponible(error) from error


def _bloqueo(contador: Contador, vence: int) -> Bloqueo:
    logger.info("Límite de %s alcanzado", contador.politica.cuenta)
    return Bloqueo(hasta=datetime.fromtimestamp(vence, tz=UTC))


def _no_disponible(error: Exception) -> AlmacenNoDisponible:
    logger.error(
        "El almacén de los límites de intentos no respondió (%s): %s. Sin Redis, los límites "
        "usan la tabla %s de la base (`manage.py migrate` la crea).",
        type(error).__name__,
        "Redis en LIMITES_REDIS_URL" if settings.LIMITES_REDIS_URL else "la base de datos",
        ContadorIntentos._meta.db_table,
    )
    return AlmacenNoDisponible(str(error))


# --- En la base de datos: una sentencia suma en todos los contadores ---

# Cada fila se inserta con un intento o, si ya existe, suma uno (o abre otra ventana si la suya
# terminó). Del lado derecho de SET se leen los valores de antes de la suma, y la fila queda
# bloqueada hasta el fin de la transacción: dos peticiones no cuentan el mismo lugar.
_SUMAR = """
INSERT INTO {tabla} (clave, vence, intentos) VALUES {filas}
ON CONFLICT (clave) DO UPDATE SET
    intentos = CASE WHEN {tabla}.vence <= %s THEN 1 ELSE {tabla}.intentos + 1 END,
    vence = CASE WHEN {tabla}.vence <= %s THEN excluded.vence ELSE {tabla}.vence END
RETURNING clave, vence, intentos
"""
_RESTAR = "UPDATE {tabla} SET intentos = intentos - 1 WHERE intentos > 0 AND ({donde})"
# Cada proceso borra los contadores vencidos a lo más una vez por LIMPIEZA segundos.
LIMPIEZA = 600
_proxima_limpieza = 0.0


def _reservar_en_la_base(contadores: Sequence[Contador], ahora: int) -> list[int] | Bloqueo:
    tabla = connection.ops.quote_name(ContadorIntentos._meta.db_table)
    # En orden de clave: dos peticiones que comparten contadores los bloquean en el mismo orden
    # (PostgreSQL), y ninguna espera a la otra en cruz.
    por_clave = {c.clave: c for c in sorted(contadores, key=lambda c: c.clave)}
    parametros = []
    for clave, contador in por_clave.items():
        parametros += [clave, ahora + contador.ventana]
    filas = ", ".join(["(%s, %s, 1)"] * len(por_clave))
    with transaction.atomic(durable=True), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Son contadores: no vale esperar a que cada uno llegue al disco (perder los
            # últimos si la base se cae cuesta, a lo más, unos intentos).
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        # En SQLite, BEGIN IMMEDIATE (transaction_mode en settings) ya tomó el candado de
        # escritura: los demás procesos esperan a que esta transacción termine.
        cursor.execute(_SUMAR.format(tabla=tabla, filas=filas), [*parametros, ahora, ahora])
        contados = {clave: (vence, intentos) for clave, vence, intentos in cursor.fetchall()}
        llenos = [
            (por_clave[clave], vence)
            for clave, (vence, intentos) in contados.items()
            if intentos > por_clave[clave].limite
        ]
        if llenos:
            # Lleno (o ganó otra petición el último lugar): este intento no cuenta en nada.
            transaction.set_rollback(True)
            return _bloqueo(*max(llenos, key=lambda par: par[1]))
    _limpiar(tabla, ahora)
    return [contados[c.clave][0] for c in contadores]


def _devolver_en_la_base(contados) -> None:
    tabla = connection.ops.quote_name(ContadorIntentos._meta.db_table)
    donde = " OR ".join(["(clave = %s AND vence = %s)"] * len(contados))
    parametros = [valor for contador, vence in contados for valor in (contador.clave, vence)]
    with connection.cursor() as cursor:
        # Solo en la ventana en que se contó: si ya terminó, otra empezó y no se le regala nada.
        cursor.execute(_RESTAR.format(tabla=tabla, donde=donde), parametros)


def _limpiar(tabla: str, ahora: int) -> None:
    global _proxima_limpieza
    if ahora < _proxima_limpieza:
        return
    _proxima_limpieza = ahora + LIMPIEZA
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {tabla} WHERE vence <= %s", [ahora])  # noqa: S608


# --- En Redis: un guion de Lua por operación, atómico y en un solo viaje ---

# KEYS: los contadores; ARGV[1]: ahora; luego, por contador, su límite y su ventana. Devuelve
# {0, hasta, cuál} si alguno está lleno (y no suma en ninguno) o {1, vence de cada uno}.
_RESERVAR_LUA = """
local ahora = tonumber(ARGV[1])
local hasta = 0
local cual = 0
local vencen = {}
for i, clave in ipairs(KEYS) do
    local limite = tonumber(ARGV[2 * i])
    local ventana = tonumber(ARGV[2 * i + 1])
    local guardado = redis.call('HMGET', clave, 'vence', 'intentos')
    local vence = tonumber(guardado[1]) or 0
    local intentos = tonumber(guardado[2]) or 0
    if vence <= ahora then
        vence = 0
        intentos = 0
    end
    if intentos >= limite then
        local fin = vence
        if fin == 0 then fin = ahora + ventana end
        if fin > hasta then
            hasta = fin
            cual = i
        end
    end
    vencen[i] = vence
end
if hasta > 0 then return {0, hasta, cual} end
local respuesta = {1}
for i, clave in ipairs(KEYS) do
    local ventana = tonumber(ARGV[2 * i + 1])
    local vence = vencen[i]
    if vence == 0 then
        vence = ahora + ventana
        redis.call('HSET', clave, 'vence', vence, 'intentos', 1)
        redis.call('EXPIRE', clave, ventana)
    else
        redis.call('HINCRBY', clave, 'intentos', 1)
    end
    respuesta[i + 1] = vence
end
return respuesta
"""
# KEYS: los contadores; ARGV[i]: el fin de la ventana en que se contó cada uno.
_DEVOLVER_LUA = """
for i, clave in ipairs(KEYS) do
    local guardado = redis.call('HMGET', clave, 'vence', 'intentos')
    if tonumber(guardado[1]) == tonumber(ARGV[i]) and (tonumber(guardado[2]) or 0) > 0 then
        redis.call('HINCRBY', clave, 'intentos', -1)
    end
end
return 0
"""


@functools.cache
def _guiones(url: str):
    """Cliente de Redis (con su propio grupo de conexiones) y los dos guiones registrados."""
    cliente = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    return cliente.register_script(_RESERVAR_LUA), cliente.register_script(_DEVOLVER_LUA)


def _en_redis(clave: str) -> str:
    return f"{settings.LIMITES_PREFIJO}:{clave}"


def _reservar_en_redis(contadores: Sequence[Contador], ahora: int) -> list[int] | Bloqueo:
    reservar_lua, _devolver = _guiones(settings.LIMITES_REDIS_URL)
    argumentos = [ahora]
    for contador in contadores:
        argumentos += [contador.limite, contador.ventana]
    respuesta = reservar_lua(keys=[_en_redis(c.clave) for c in contadores], args=argumentos)
    if respuesta[0] == 0:
        return _bloqueo(contadores[int(respuesta[2]) - 1], int(respuesta[1]))
    return [int(vence) for vence in respuesta[1:]]


def _devolver_en_redis(contados) -> None:
    _reservar, devolver_lua = _guiones(settings.LIMITES_REDIS_URL)
    devolver_lua(
        keys=[_en_redis(contador.clave) for contador, _vence in contados],
        args=[vence for _contador, vence in contados],
    )
