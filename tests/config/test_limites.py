"""El limitador de todo el sitio (config/limites.py) con sus dos almacenes: la tabla de la base
de datos (sin Redis) y Redis. Las mismas pruebas corren con los dos; la de Redis se salta si no
hay un Redis al que conectarse. Al final, un gunicorn de varios procesos sin Redis."""

import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory, override_settings

from config import limites
from config.models import ContadorIntentos
from tests.sentencias import sentencias
from tests.servidor import entorno, gunicorn, manage

REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/11"
NUT, IP = "PRUEBA-0001", "203.0.113.7"


def _hay_redis() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["base", "redis"])
def almacen(request):
    """Los contadores en la tabla de la base de datos o en Redis (con su propio prefijo)."""
    if request.param == "base":
        # Transaccional: los hilos de la prueba de concurrencia abren sus propias conexiones.
        request.getfixturevalue("transactional_db")
        ajustes = {"LIMITES_REDIS_URL": None}
    else:
        if not _hay_redis():
            pytest.skip(f"No hay Redis en {REDIS}")
        ajustes = {
            "LIMITES_REDIS_URL": REDIS,
            "LIMITES_PREFIJO": f"pruebas-limites-{uuid.uuid4().hex}",
        }
    with override_settings(
        **ajustes,
        SEGUIMIENTO_INTENTOS_POR_NUT=5,
        SEGUIMIENTO_INTENTOS_POR_IP=20,
        SEGUIMIENTO_VENTANA_MINUTOS=15,
    ):
        yield request.param
        if request.param == "redis":
            _borrar_redis(ajustes["LIMITES_PREFIJO"])


def _borrar_redis(prefijo: str) -> None:
    import redis

    cliente = redis.Redis.from_url(REDIS)
    for clave in cliente.scan_iter(f"{prefijo}:*"):
        cliente.delete(clave)


def _consulta(nut: str = NUT, ip: str = IP) -> list[limites.Contador]:
    return [limites.CONSULTA_POR_IP.contador(ip), limites.CONSULTA_POR_NUT.contador(nut)]


def _intentos(n: int, **quien) -> list[limites.Reserva | limites.Bloqueo]:
    return [limites.reservar(contadores=_consulta(**quien)) for _ in range(n)]


def _tipos(resultados) -> list[str]:
    return [type(r).__name__ for r in resultados]


# --- Reservar, devolver, bloquear ---


def test_al_pasar_el_limite_dice_hasta_cuando(almacen):
    antes = int(time.time())
    resultados = _intentos(7)
    assert _tipos(resultados) == ["Reserva"] * 5 + ["Bloqueo"] * 2
    hasta = resultados[-1].hasta
    # La ventana empezó con el primer intento y dura 15 minutos.
    assert antes + 900 <= hasta.timestamp() <= int(time.time()) + 900
    assert hasta.tzinfo is not None
    assert 880 <= resultados[-1].segundos <= 901


def test_las_consultas_correctas_devuelven_su_intento(almacen):
    for _ in range(30):
        reserva = limites.reservar(contadores=_consulta())
        assert isinstance(reserva, limites.Reserva)
        limites.devolver(reserva)
    assert _tipos(_intentos(6)) == ["Reserva"] * 5 + ["Bloqueo"]


def test_la_ventana_termina_por_el_reloj(almacen, time_machine):
    time_machine.move_to(datetime.now(UTC), tick=False)
    _intentos(5)
    assert isinstance(limites.reservar(contadores=_consulta()), limites.Bloqueo)
    time_machine.shift(timedelta(minutes=14, seconds=55))
    assert isinstance(limites.reservar(contadores=_consulta()), limites.Bloqueo)
    # Redis aún guarda el contador (caduca con su propio reloj); el sitio ya abrió otra ventana.
    time_machine.shift(timedelta(seconds=5))
    nueva = _intentos(6)
    assert _tipos(nueva) == ["Reserva"] * 5 + ["Bloqueo"]
    assert nueva[-1].hasta == datetime.fromtimestamp(int(time.time()) + 900, tz=UTC)


def test_devolver_tras_el_fin_de_la_ventana_no_regala_intentos(almacen, time_machine):
    time_machine.move_to(datetime.now(UTC), tick=False)
    vieja = limites.reservar(contadores=_consulta())
    time_machine.shift(timedelta(minutes=16))
    _intentos(5)
    # La consulta de la ventana anterior termina ahora: no descuenta de la nueva.
    limites.devolver(vieja)
    assert isinstance(limites.reservar(contadores=_consulta()), limites.Bloqueo)


def test_un_intento_bloqueado_no_gasta_los_otros_contadores(almacen):
    assert _tipos(_intentos(8)) == ["Reserva"] * 5 + ["Bloqueo"] * 3
    # La IP lleva 5 de 20: le quedan 15 con otros números.
    otros = [limites.reservar(contadores=_consulta(nut=f"OTRO-{n:04d}")) for n in range(16)]
    assert _tipos(otros) == ["Reserva"] * 15 + ["Bloqueo"]


def test_cada_politica_tiene_sus_propios_contadores(almacen):
    """La misma IP en el admin, en participa y en seguimiento: cada límite cuenta lo suyo."""
    admin = [limites.ACCESO_ADMIN.contador(IP)]
    reportes = [limites.REPORTES.contador(IP)]
    assert _tipos(limites.reservar(contadores=admin) for _ in range(6)) == ["Reserva"] * 5 + [
        "Bloqueo"
    ]
    assert _tipos(limites.reservar(contadores=reportes) for _ in range(6)) == ["Reserva"] * 5 + [
        "Bloqueo"
    ]
    assert isinstance(limites.reservar(contadores=_consulta()), limites.Reserva)


@override_settings(ADMIN_INTENTOS=2, ADMIN_VENTANA_SEGUNDOS=60)
def test_los_limites_del_admin_salen_de_los_ajustes(almacen):
    admin = [limites.ACCESO_ADMIN.contador(IP)]
    resultados = [limites.reservar(contadores=admin) for _ in range(3)]
    assert _tipos(resultados) == ["Reserva", "Reserva", "Bloqueo"]
    assert resultados[-1].segundos <= 61


def test_el_almacen_no_guarda_ni_la_ip_ni_el_numero():
    contador = limites.CONSULTA_POR_NUT.contador(NUT)
    assert NUT not in contador.clave
    assert IP not in limites.CONSULTA_POR_IP.contador(IP).clave
    # Otra clave del sitio, otra huella.
    with override_settings(SECRET_KEY="otra-clave-del-sitio-" + "x" * 40):
        assert limites.CONSULTA_POR_NUT.contador(NUT).clave != contador.clave


def test_mil_intentos_simultaneos_solo_cinco_se_comprueban(almacen):
    """50 hilos, cada uno con su conexión a la base o a Redis, contra un mismo número."""
    if almacen == "base" and connection.vendor == "sqlite":
        # La base de pruebas de SQLite vive en memoria, donde una conexión no espera a otra
        # ("database table is locked"); con un archivo sí espera: lo prueban abajo varios
        # procesos de gunicorn con intentos simultáneos.
        pytest.skip("SQLite en memoria: la prueba con gunicorn cubre SQLite")
    resultados = []
    candado = threading.Lock()
    salida = threading.Barrier(50)

    def intentar():
        salida.wait()
        try:
            for _ in range(20):
                reserva = limites.reservar(contadores=_consulta())
                with candado:
                    resultados.append(reserva)
        finally:
            connection.close()

    hilos = [threading.Thread(target=intentar) for _ in range(50)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert len(resultados) == 1000
    assert sum(isinstance(r, limites.Reserva) for r in resultados) == 5
    # Los intentos bloqueados no gastaron los de la IP: le quedan 15 con otros números.
    otros = [limites.reservar(contadores=_consulta(nut=f"OTRO-{n:04d}")) for n in range(16)]
    assert _tipos(otros) == ["Reserva"] * 15 + ["Bloqueo"]


@pytest.mark.django_db
@override_settings(LIMITES_REDIS_URL=None)
def test_una_consulta_correcta_cuesta_una_sentencia_para_apartar_y_otra_para_devolver():
    """Sin Redis: apartar en los dos contadores es un solo INSERT … ON CONFLICT, y devolver, un
    solo UPDATE (con la caché en base de datos de Django eran 27 sentencias)."""
    # La primera de cada proceso además borra los contadores vencidos.
    limites.devolver(limites.reservar(contadores=_consulta(nut="OTRO-0001")))
    reserva, apartar = sentencias(lambda: limites.reservar(contadores=_consulta()))
    _nada, devolver = sentencias(lambda: limites.devolver(reserva))
    # PostgreSQL: antes, que la transacción no espere al disco.
    if connection.vendor == "postgresql":
        assert apartar.pop(0) == "SET LOCAL synchronous_commit TO OFF"
    assert [s.split()[0] for s in apartar + devolver] == ["INSERT", "UPDATE"]
    # La IP y los dos números: los intentos de las consultas correctas se devolvieron.
    assert sorted(ContadorIntentos.objects.values_list("intentos", flat=True)) == [0, 0, 0]


@pytest.mark.django_db
@override_settings(LIMITES_REDIS_URL=None)
def test_los_contadores_vencidos_se_borran_de_la_tabla(time_machine, monkeypatch):
    time_machine.move_to(datetime.now(UTC), tick=False)
    limites.reservar(contadores=_consulta())
    assert ContadorIntentos.objects.count() == 2
    # Otras pruebas adelantan el reloj: la próxima limpieza de este proceso, sin fecha.
    monkeypatch.setattr(limites, "_proxima_limpieza", 0.0)
    # Pasada la ventana de 15 minutos, la siguiente reserva borra los vencidos.
    time_machine.shift(timedelta(minutes=16))
    limites.reservar(contadores=[limites.ACCESO_ADMIN.contador(IP)])
    assert ContadorIntentos.objects.count() == 1


# --- Quién pregunta ---


def _peticion(remote: str, reenviada: str = ""):
    extra = {"HTTP_X_FORWARDED_FOR": reenviada} if reenviada else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_sin_proxies_de_confianza_la_ip_es_la_de_la_conexion(settings):
    settings.PROXIES_DE_CONFIANZA = 0
    assert limites.ip_cliente(_peticion("10.0.0.1", "1.2.3.4, 5.6.7.8")) == "10.0.0.1"


@pytest.mark.parametrize(("proxies", "ip"), [(1, "5.6.7.8"), (2, "1.2.3.4")])
def test_detras_de_proxies_la_ip_es_la_que_anoto_el_primero(settings, proxies, ip):
    settings.PROXIES_DE_CONFIANZA = proxies
    assert limites.ip_cliente(_peticion("10.0.0.1", "1.2.3.4, 5.6.7.8")) == ip


def test_detras_de_un_proxy_lo_que_escribe_el_cliente_no_cuenta(settings):
    """El cliente puede mandar su propia X-Forwarded-For; el proxy agrega la de verdad al final."""
    settings.PROXIES_DE_CONFIANZA = 1
    assert limites.ip_cliente(_peticion("10.0.0.1", "9.9.9.9, 5.6.7.8")) == "5.6.7.8"
    # Sin cabecera (la petición no pasó por el proxy), la de la conexión.
    assert limites.ip_cliente(_peticion("10.0.0.1")) == "10.0.0.1"


def test_las_ipv6_de_un_hogar_cuentan_como_una(settings):
    settings.PROXIES_DE_CONFIANZA = 0
    una = limites.ip_cliente(_peticion("2001:db8:1:2:aaaa::1"))
    otra = limites.ip_cliente(_peticion("2001:db8:1:2:bbbb::9"))
    assert una == otra == "2001:db8:1:2::/64"
    assert limites.ip_cliente(_peticion("2001:db8:1:3::1")) != una


def test_las_ipv4_vistas_por_ipv6_no_se_juntan(settings):
    settings.PROXIES_DE_CONFIANZA = 0
    assert limites.ip_cliente(_peticion("::ffff:198.51.100.7")) == "198.51.100.7"
    assert limites.ip_cliente(_peticion("::ffff:198.51.100.8")) == "198.51.100.8"


# --- El almacén ---


@pytest.mark.django_db
def test_sin_redis_los_limites_van_a_la_base_de_datos_aunque_la_cache_sea_local():
    if "RedisCache" in settings.CACHES["default"]["BACKEND"]:
        pytest.skip("Con Redis, los límites van a Redis")
    assert "LocMem" in settings.CACHES["default"]["BACKEND"]
    assert settings.LIMITES_REDIS_URL is None
    limites.reservar(contadores=_consulta())
    assert ContadorIntentos.objects.filter(
        clave=limites.CONSULTA_POR_NUT.contador(NUT).clave, intentos=1
    ).exists()


@pytest.mark.django_db
def test_sin_el_almacen_la_consulta_pide_volver_y_el_registro_dice_cual_falta(client, caplog):
    # Un Redis que no responde (puerto cerrado): no se deja pasar nada sin contarlo.
    with override_settings(LIMITES_REDIS_URL="redis://127.0.0.1:9/0"):
        client.raise_request_exception = False
        respuesta = client.post("/seguimiento/", {"nut": NUT, "contrasena": "ALGO-ALGO-ALGO"})
        admin = client.post("/admin/login/", {"username": "x", "password": "y"})
    for pagina in (respuesta, admin):
        assert pagina.status_code == 503
        assert "no está disponible por un momento" in pagina.content.decode()
        assert "Traceback" not in pagina.content.decode()
    assert "Redis en LIMITES_REDIS_URL" in caplog.text


# --- Varios procesos de gunicorn, sin Redis ---


@pytest.fixture(scope="module")
def sitio(tmp_path_factory, _estaticos):
    """gunicorn con 4 procesos sobre un archivo SQLite, sin Redis: los límites van a la base."""
    from seguimiento import muestra

    carpeta = tmp_path_factory.mktemp("limites")
    env = entorno(
        SQLITE_PATH=str(carpeta / "sitio.sqlite3"),
        STATIC_ROOT=str(_estaticos),
        ALLOWED_HOSTS="127.0.0.1",
        # La caché de páginas en la memoria de cada proceso; los límites no pueden ir ahí.
        CACHE_URL="locmem://",
        SEGUIMIENTO_INTENTOS_POR_NUT="5",
        SEGUIMIENTO_INTENTOS_POR_IP="100",
        ADMIN_INTENTOS="5",
    )
    env.pop("DATABASE_URL", None)
    manage("migrate", "--noinput", env=env)
    manage("cargar_tramites", env=env)
    manage("generar_muestra_seguimiento", "--solicitudes", "1", "--sin-publicar", env=env)
    with gunicorn(env, trabajadores=4, hilos=1) as url:
        yield url, muestra.NUT_CONOCIDO, muestra.CONTRASENA_CONOCIDA


def _formulario(url: str) -> tuple[str, str]:
    """Cookie y campo CSRF de una visita al formulario."""
    with urllib.request.urlopen(url, timeout=15) as respuesta:  # noqa: S310 - local
        cookie = re.search(r"csrftoken=([^;]+)", respuesta.headers["Set-Cookie"])[1]
        campo = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', respuesta.read().decode())
    return cookie, campo[1]


def _enviar(url: str, csrf: tuple[str, str], **datos: str) -> tuple[int, str]:
    """Un POST en una conexión nueva (urllib cierra cada una), como quien cambia de conexión."""
    cookie, campo = csrf
    peticion = urllib.request.Request(  # noqa: S310 - local
        url,
        data=urllib.parse.urlencode({"csrfmiddlewaretoken": campo, **datos}).encode(),
        headers={"Cookie": f"csrftoken={cookie}"},
    )
    try:
        with urllib.request.urlopen(peticion, timeout=30) as respuesta:  # noqa: S310 - local
            return respuesta.status, respuesta.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _resultado(estado: int, pagina: str) -> str:
    if estado == HTTPStatus.OK and "no son correctos" in pagina:
        return "comprobada"
    if estado == HTTPStatus.TOO_MANY_REQUESTS and "Vuelva a intentarlo a partir de las" in pagina:
        return "bloqueada"
    return f"otra respuesta: {estado}"


def test_con_varios_procesos_el_sexto_intento_se_rechaza_venga_por_donde_venga(sitio):
    url, nut, contrasena = sitio
    consulta = url + "/seguimiento/"
    csrf = _formulario(consulta)
    resultados = [
        _resultado(*_enviar(consulta, csrf, nut=nut, contrasena=f"MALA-{n:04d}-XXXX"))
        for n in range(15)
    ]
    assert resultados == ["comprobada"] * 5 + ["bloqueada"] * 10
    # Ni con la contraseña correcta pasa mientras dura el bloqueo.
    estado, pagina = _enviar(consulta, csrf, nut=nut, contrasena=contrasena)
    assert _resultado(estado, pagina) == "bloqueada"


def test_con_varios_procesos_de_cuarenta_intentos_simultaneos_solo_cinco_se_comprueban(sitio):
    url, _nut, _contrasena = sitio
    consulta = url + "/seguimiento/"
    csrf = _formulario(consulta)

    def intentar(n: int) -> str:
        estado, pagina = _enviar(consulta, csrf, nut="INVENTADO-0001", contrasena=f"MALA-{n:04d}")
        return _resultado(estado, pagina)

    with ThreadPoolExecutor(max_workers=40) as grupo:
        resultados = list(grupo.map(intentar, range(40)))
    assert sorted(resultados) == ["bloqueada"] * 35 + ["comprobada"] * 5


def test_con_varios_procesos_el_admin_responde_429_al_sexto_fallo(sitio):
    url, _nut, _contrasena = sitio
    acceso = url + "/admin/login/"
    csrf = _formulario(acceso)
    estados = [_enviar(acceso, csrf, username="nadie", password=f"mala-{n}")[0] for n in range(8)]
    assert estados == [HTTPStatus.OK] * 5 + [HTTPStatus.TOO_MANY_REQUESTS] * 3
