"""Límites de intentos de todo el sitio: quién pregunta, cuánto le cabe y un solo contador.

Tres usos, una mecánica: la consulta de seguimiento (por número de trámite y por conexión), los
formularios de participa y el acceso al admin. Cada `Politica` dice qué se cuenta, cuántas veces
cabe y en qué ventana; `ip_cliente` dice quién pregunta; `reservar` aparta un intento en todos
los contadores de una petición (o dice hasta cuándo están llenos) y `devolver` lo regresa cuando
el intento resultó bueno, como una contraseña correcta.

La ventana de un contador empieza con su primer intento; lleno, queda bloqueado hasta que esa
ventana termina. Los contadores viven en `caches["limites"]`, que comparten todos los procesos y
máquinas: Redis o, sin Redis, una tabla de la base de datos (`manage.py createcachetable`).
"""

import hashlib
import hmac
import ipaddress
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

MINUTO, HORA, DIA = 60, 3600, 86400
# Cada contador es un solo entero, inicio de su ventana × FACTOR + intentos: un incr atómico
# dice a la vez cuántos van y desde cuándo, sin una segunda clave que pueda quedar desfasada.
FACTOR = 1_000_000
# En PostgreSQL, primera mitad de la llave de los candados de estos contadores.
_CANDADO_LIMITES = 0x4C494D  # "LIM"


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
    """Intento apartado: cada contador con el inicio de la ventana en que se contó."""

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
    ahora = time.time()
    with _almacen(contadores) as almacen:
        guardados = almacen.get_many([c.clave for c in contadores])
        llenos = []
        for contador in contadores:
            inicio, intentos = divmod(guardados.get(contador.clave, 0), FACTOR)
            if ahora < inicio + contador.ventana and intentos >= contador.limite:
                llenos.append((contador, inicio))
        if llenos:
            return _bloqueo(llenos)
        contados = []
        for contador in contadores:
            inicio, intentos = _sumar(almacen, contador, ahora, guardados.get(contador.clave))
            contados.append((contador, inicio))
            if intentos > contador.limite:
                # Otra petición simultánea ganó el último lugar: este intento no cuenta en nada.
                _restar(almacen, contados)
                return _bloqueo([(contador, inicio)])
    return Reserva(contados=tuple(contados))


def devolver(reserva: Reserva) -> None:
    """El intento resultó bueno: deja de contar (si su ventana no ha terminado)."""
    with _almacen([c for c, _inicio in reserva.contados]) as almacen:
        _restar(almacen, reserva.contados)


def _sumar(almacen, contador: Contador, ahora: float, guardado: int | None) -> tuple[int, int]:
    """Suma un intento; devuelve el inicio de su ventana y los intentos que van en ella."""
    nuevo = int(ahora) * FACTOR + 1
    for _vuelta in range(3):
        if guardado is None and almacen.add(
            contador.clave, nuevo, _restante(int(ahora), contador.ventana)
        ):
            return int(ahora), 1
        try:
            inicio, intentos = divmod(_incrementar(almacen, contador, 1), FACTOR)
        except ValueError:
            guardado = None  # caducó entre la lectura y la suma: se abre otra ventana
            continue
        if ahora < inicio + contador.ventana:
            return inicio, intentos
        # La ventana terminó por el reloj del sitio y la caché aún guarda el contador. Con los
        # vencimientos de _restante solo pasa si el reloj del sitio se adelanta al de la caché
        # (pruebas con time-machine contra Redis).
        almacen.set(contador.clave, nuevo, _restante(int(ahora), contador.ventana))
        return int(ahora), 1
    raise AlmacenNoDisponible("No se pudo sumar el intento en el almacén de límites.")


def _restar(almacen, contados) -> None:
    for contador, inicio in contados:
        try:
            valor = _incrementar(almacen, contador, -1)
        except ValueError:
            continue  # la ventana terminó y la caché ya la borró: nada que devolver
        if valor // FACTOR != inicio:
            # Es otra ventana (la de la reserva terminó): se deja como estaba.
            _incrementar(almacen, contador, 1)


def _incrementar(almacen, contador: Contador, delta: int) -> int:
    """Suma `delta` a un contador que existe (si no, ValueError) sin cambiar su vencimiento."""
    if isinstance(almacen, DatabaseCache):
        # Dentro de la transacción de _almacen. Es lo que hace el incr de Django con esta caché,
        # salvo que aquel le pone el vencimiento por omisión en lugar del fin de la ventana.
        valor = almacen.get(contador.clave)
        if valor is None:
            raise ValueError(contador.clave)
        valor += delta
        almacen.set(contador.clave, valor, _restante(valor // FACTOR, contador.ventana))
        return valor
    # Redis: INCRBY, atómico, conserva el vencimiento.
    return almacen.incr(contador.clave, delta)


def _restante(inicio: int, ventana: int) -> int:
    # Un segundo antes que el sitio: la caché suelta el contador antes de que el sitio dé su
    # ventana por terminada, así nunca hay que reiniciar uno que otro proceso esté sumando.
    return max(1, int(inicio + ventana - time.time()) - 1)


def _bloqueo(llenos) -> Bloqueo:
    contador, inicio = max(llenos, key=lambda par: par[1] + par[0].ventana)
    logger.info("Límite de %s alcanzado", contador.politica.cuenta)
    return Bloqueo(hasta=datetime.fromtimestamp(inicio + contador.ventana, tz=UTC))


@contextmanager
def _almacen(contadores: Sequence[Contador]) -> Iterator:
    """La caché de los límites, sin que otro proceso lea o escriba estos contadores en medio.

    Redis suma con INCR, atómico. La caché en base de datos suma leyendo y luego escribiendo:
    todo va en una transacción propia (durable: se confirma al salir, y los otros procesos ven
    la cuenta en seguida) que los demás esperan. En SQLite, `BEGIN IMMEDIATE` (transaction_mode
    en settings) toma el candado de escritura de la base; en PostgreSQL, un candado de
    transacción por contador (en orden, para que dos peticiones no se esperen en cruz).
    """
    almacen = caches["limites"]
    try:
        if not isinstance(almacen, DatabaseCache):
            yield almacen
            return
        with transaction.atomic(durable=True):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # Son contadores de una caché: no vale esperar a que cada uno llegue al disco
                    # (perder los últimos si la base se cae cuesta, a lo más, unos intentos).
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
                    for clave in sorted({c.clave for c in contadores}):
                        cursor.execute(
                            "SELECT pg_advisory_xact_lock(%s, %s)",
                            [_CANDADO_LIMITES, _numero(clave)],
                        )
            yield almacen
    except (DatabaseError, RedisError) as error:
        logger.error(
            "El almacén de los límites de intentos no respondió (%s). Sin Redis, los límites "
            "usan una tabla de la base: créela con `manage.py createcachetable`.",
            type(error).__name__,
        )
        raise AlmacenNoDisponible(str(error)) from error


def _numero(clave: str) -> int:
    """Entero de 32 bits con signo derivado de la clave (la segunda mitad del candado)."""
    return int.from_bytes(hashlib.sha256(clave.encode()).digest()[:4], "big", signed=True)
