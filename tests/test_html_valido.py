"""Cada tipo de página, en los cuatro idiomas, es HTML válido para el validador de W3C.

Las páginas se piden con el cliente de pruebas de Django (GET y los formularios enviados con
errores), se guardan en una carpeta y el validador corre una sola vez sobre ella. La falla lista
cada error con su página. Otra prueba comprueba que ninguna ruta pública quede fuera.
"""

from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client, override_settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils.text import slugify

from config.resiliencia import pagina_503
from participa.models import Reporte
from tests.participa.test_participa import sello_viejo
from tests.validador import errores, falta_el_validador
from tests.ventanillas.conftest import crear_personal
from tramites.models import Tramite
from ventanillas.models import Lugar, Tipo

pytestmark = pytest.mark.django_db

IDIOMAS = ("", "/en", "/fr", "/ht")

# Una dirección por tipo de página (y por variante que cambia el HTML: con resultado, con
# filtros, con errores), con su estado si no es 200. {…} se llena con datos de la base.
PAGINAS = [
    "/",
    "/aviso-de-privacidad/",
    "/tramites/",
    "/tramites/buscar/?q=residente",
    "/tramites/buscar/?q=",
    "/tramites/buscar/?q=zzzzqqq",
    # Instituciones arriba de los trámites (refugio) y una palabra corregida.
    "/tramites/buscar/?q=refugio",
    "/tramites/buscar/?q=regularizasion",
    "/tramites/orientador/",
    "/tramites/orientador/?donde=mexico&situacion=residente-temporal&objetivo=avisar&cambio=domicilio",
    "/tramites/orientador/?donde=mexico&situacion=inventada",
    "/tramites/orientador/?donde=mexico",
    "/tramites/orientador/?donde=mexico&temor=si",
    "/tramites/orientador/?donde=mexico&temor=no&situacion=sin-documento&motivo=miedo",
    "/tramites/orientador/?donde=mexico&temor=no&situacion=residente-temporal&objetivo=trabajar&modo=empleador",
    "/tramites/cuotas/",
    "/tramites/cuotas/?escenario=permiso-para-trabajar:con-empleador&personas=2",
    "/tramites/cuotas/?escenario=x&personas=-1",
    "/tramites/cuotas/?persona1=permiso-para-trabajar:con-empleador&persona2=permiso-para-trabajar:con-empleador",
    "/tramites/cuotas/?persona1=permiso-para-trabajar:con-empleador&persona2=x:y:9",
    "/tramites/cuotas/?persona1=permiso-para-trabajar:con-empleador&filas=3&agregar=1",
    "/tramites/tiempos/",
    "/tramites/permiso-para-trabajar/solicitud/",
    "/tramites/permiso-para-trabajar/solicitud/?modalidad=cuenta-propia",
    "/tramites/visa-oferta-de-empleo/solicitud/",
    "/tramites/visa-union-familiar/solicitud/?modalidad=residente-temporal",
    "/tramites/visa-razones-humanitarias/solicitud/",
    "/tramites/notificacion-cambio-domicilio/escrito-libre/",
    "/tramites/visa-oferta-de-empleo/escrito-libre/",
    "/tramites/visa-razones-humanitarias/escrito-libre/",
    "/tramites/cambio-residente-permanente-vinculo-familiar/escrito-libre/",
    "/tramites/permiso-para-trabajar/pago/",
    "/tramites/permiso-para-trabajar/pago/?escenario=inventado",
    "/tramites/permiso-para-trabajar/lista/",
    "/tramites/permiso-para-trabajar/lista/?modalidad=con-empleador",
    "/datos/",
    "/datos/muestra/",
    "/datos/cifras/eventos-presentadas-canalizadas/",
    "/datos/personas-presentadas/",
    "/datos/personas-presentadas/?entidad=07&sexo=mujer",
    ("/datos/personas-presentadas/?desde=2024-05&hasta=2023-01&entidad=99", HTTPStatus.BAD_REQUEST),
    "/datos/personas-presentadas/diccionario/",
    "/ventanillas/",
    "/ventanillas/?tipo=ventanilla&estado=07",
    "/ventanillas/{ventanilla}/",
    "/ventanillas/{oficina}/",
    "/ventanillas/cercanas/",
    "/ventanillas/cercanas/?estado=07",
    "/ventanillas/cercanas/?estado=99",
    "/ventanillas/mapa/",
    "/ventanillas/actividades/",
    "/seguimiento/",
    "/participa/",
    "/participa/reportar/",
    "/participa/reportar/?tramite=permiso-para-trabajar&lugar={oficina}",
    "/participa/solicitar-datos/",
    "/participa/solicitudes/",
    "/participa/folio/",
    "/participa/folio/?folio=XXXX",
    "/participa/folio/?folio=ABCDEFGHJKMN",
    "/participa/folio/?folio={folio}",
    "/participa/folio/?folio={folio}&nuevo=1",
    "/participa/folio/?recibido=1",
    "/participa/resultados/",
    "/proteccion/",
    "/proteccion/instituciones/",
]

# Rutas que no devuelven una página HTML (archivos, datos, redirecciones).
# Rutas que no dan HTML, además de las de datos públicos (marcadas con config.cors.datos_publicos:
# API, descargas, metadatos y canales Atom), que se reconocen solas.
SIN_HTML = {
    "salud",
    "robots",
    "favicon",
    "django.contrib.sitemaps.views.sitemap",
    "ventanillas:vcard",
    "participa:apoyar",
}


def _rutas(patrones, espacio: str = ""):
    for patron in patrones:
        if isinstance(patron, URLResolver):
            if patron.namespace != "admin":
                prefijo = f"{espacio}{patron.namespace}:" if patron.namespace else espacio
                yield from _rutas(patron.url_patterns, prefijo)
        elif (
            isinstance(patron, URLPattern)
            and patron.name
            and not getattr(patron.callback, "datos_publicos", False)
        ):
            yield espacio + patron.name


@dataclass(frozen=True)
class Peticion:
    descripcion: str
    ruta: str
    # None: GET; un diccionario: POST con esos datos.
    datos: dict | None = None
    cabeceras: dict = field(default_factory=dict)
    # Quién la hace: el público, una persona del personal con sesión o un navegador sin cookies.
    quien: str = "publico"
    # La respuesta esperada: así se sabe que se revisó la página que se quería revisar.
    estado: int = HTTPStatus.OK


def _direcciones(folio: str) -> list[tuple[str, int]]:
    lugares = Lugar.objects.order_by("slug")
    valores = {
        "ventanilla": lugares.filter(tipo=Tipo.VENTANILLA).first().slug,
        "oficina": lugares.filter(tipo=Tipo.OFICINA).first().slug,
        "folio": folio,
    }
    direcciones = []
    for pagina in PAGINAS:
        ruta, estado = pagina if isinstance(pagina, tuple) else (pagina, HTTPStatus.OK)
        direcciones.append((ruta.format(**valores), estado))
    for slug in Tramite.objects.publicados().values_list("slug", flat=True):
        direcciones += [(f"/tramites/{slug}/", HTTPStatus.OK)]
        direcciones += [(f"/tramites/{slug}/historial/", HTTPStatus.OK)]
    return direcciones


def _formularios(prefijo: str) -> list[Peticion]:
    """Los formularios enviados con errores (y la página de estado de seguimiento)."""
    from seguimiento import muestra

    reporte = {"tipo": "inventado", "descripcion": "", "sello": sello_viejo(), "sitio_web": ""}
    datos = {"titulo": "", "sello": sello_viejo(), "sitio_web": ""}
    return [
        Peticion("solicitud vacía", f"{prefijo}/tramites/permiso-para-trabajar/solicitud/", {}),
        Peticion(
            "escrito vacío", f"{prefijo}/tramites/notificacion-cambio-domicilio/escrito-libre/", {}
        ),
        Peticion(
            "solicitud de visa por oferta de empleo vacía",
            f"{prefijo}/tramites/visa-oferta-de-empleo/solicitud/",
            {
                "rfc": "X",
                "extranjero_fecha_nacimiento_dia": "31",
                "modalidad": "residente-temporal",
            },
        ),
        Peticion(
            "solicitud de visa familiar con fecha a medias",
            f"{prefijo}/tramites/visa-union-familiar/solicitud/",
            {"extranjero_fecha_nacimiento_anio": "1990"},
        ),
        Peticion(
            "carta de oferta de empleo vacía",
            f"{prefijo}/tramites/visa-oferta-de-empleo/escrito-libre/",
            {"menor": "on"},
        ),
        Peticion(
            "escrito de un menor sin tutor",
            f"{prefijo}/tramites/notificacion-cambio-domicilio/escrito-libre/",
            {"menor": "on", "anexos": ["x"]},
        ),
        Peticion("seguimiento vacío", f"{prefijo}/seguimiento/", {}),
        Peticion(
            "seguimiento equivocado",
            f"{prefijo}/seguimiento/",
            {"nut": "X-1", "contrasena": "NADA-NADA-NADA"},
        ),
        Peticion(
            "seguimiento correcto",
            f"{prefijo}/seguimiento/",
            {"nut": muestra.NUT_CONOCIDO, "contrasena": muestra.CONTRASENA_CONOCIDA},
        ),
        Peticion("reporte con errores", f"{prefijo}/participa/reportar/", reporte),
        Peticion("reporte caducado", f"{prefijo}/participa/reportar/", {}),
        Peticion("solicitud de datos con errores", f"{prefijo}/participa/solicitar-datos/", datos),
        Peticion(
            "opinión con errores",
            f"{prefijo}/participa/opinion/",
            {"pagina": "/", "util": "quizá"},
            {"HTTP_ORIGIN": "http://testserver"},
        ),
        Peticion(
            "opinión de otro sitio",
            f"{prefijo}/participa/opinion/",
            {},
            estado=HTTPStatus.FORBIDDEN,
        ),
        Peticion("registro", f"{prefijo}/ventanillas/registro/", quien="personal"),
        Peticion(
            "registro vacío",
            f"{prefijo}/ventanillas/registro/",
            {},
            quien="personal",
            estado=HTTPStatus.BAD_REQUEST,
        ),
        Peticion("atenciones", f"{prefijo}/ventanillas/registro/atenciones/", quien="personal"),
    ]


def peticiones(folio: str) -> list[Peticion]:
    """Todas las páginas que se revisan, en los cuatro idiomas."""
    lista = []
    for prefijo in IDIOMAS:
        lista += [Peticion("", prefijo + ruta, estado=e) for ruta, e in _direcciones(folio)]
        lista += _formularios(prefijo)
        lista.append(Peticion("", f"{prefijo}/no-existe/", estado=HTTPStatus.NOT_FOUND))
    return lista + [
        Peticion("admin", "/admin/login/"),
        Peticion("admin equivocado", "/admin/login/", {"username": "x", "password": "y"}),
        # La vista de falla CSRF de Django, con la plantilla 403_csrf.html.
        Peticion(
            "sin ficha CSRF",
            "/seguimiento/",
            {"nut": "X"},
            quien="sin_cookies",
            estado=HTTPStatus.FORBIDDEN,
        ),
    ]


def _fallas(client: Client) -> list[tuple[str, object]]:
    """500 y 503: páginas que no pasan por la plantilla base."""
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF="tests.config.urls_error"):
        error = client.get("/falla/")
    return [("500", error), ("503 (base de datos caída)", pagina_503())]


@pytest.fixture
def folio(db, dia_de_la_referencia) -> str:
    """Un reporte con todo lo que su página puede mostrar (trámite, oficina, contacto)."""
    return Reporte.objects.create(
        tipo="requisito",
        descripcion="Una carta de más.",
        tramite=Tramite.objects.get(slug="permiso-para-trabajar"),
        lugar=Lugar.objects.oficinas().order_by("slug").first(),
        oficina="Ventanilla 3",
        contacto_correo="ana@example.org",
    ).folio


@pytest.fixture
def paginas(client, folio, dia_de_la_referencia, tmp_path) -> dict[str, tuple[str, object]]:
    """Cada página guardada en tmp_path: {nombre de archivo: (descripción, respuesta)}."""
    from seguimiento import muestra

    if falta := falta_el_validador():
        pytest.fail(falta)
    from tests.datos_abiertos.conftest import cargar_datos_abiertos

    cargar_datos_abiertos(["personas-presentadas"])
    muestra.generar(solicitudes=20, forzar=True)
    personal = Client()
    personal.force_login(crear_personal("slp", "ventanilla-san-luis-potosi"))
    clientes = {
        "publico": client,
        "personal": personal,
        "sin_cookies": Client(enforce_csrf_checks=True),
    }

    respuestas = []
    for peticion in peticiones(folio):
        cliente = clientes[peticion.quien]
        if peticion.datos is None:
            respuesta = cliente.get(peticion.ruta, **peticion.cabeceras)
        else:
            respuesta = cliente.post(peticion.ruta, peticion.datos, **peticion.cabeceras)
        metodo = "GET" if peticion.datos is None else "POST"
        nombre = f" ({peticion.descripcion})" if peticion.descripcion else ""
        descripcion = f"{metodo} {peticion.ruta}{nombre}"
        assert respuesta.status_code == peticion.estado, descripcion
        respuestas.append((descripcion, respuesta))
    respuestas += _fallas(client)

    guardadas = {}
    for numero, (descripcion, respuesta) in enumerate(respuestas):
        assert respuesta["Content-Type"].startswith("text/html"), descripcion
        nombre = f"{numero:04d}-{slugify(descripcion)[:80]}.html"
        (tmp_path / nombre).write_bytes(respuesta.content)
        guardadas[nombre] = (descripcion, respuesta)
    return guardadas


def test_ninguna_pagina_tiene_errores_de_html(paginas, tmp_path: Path):
    encontrados = errores(tmp_path)
    informe = [
        f"{paginas[archivo][0]}\n    " + "\n    ".join(mensajes)
        for archivo, mensajes in sorted(encontrados.items())
    ]
    total = sum(len(m) for m in encontrados.values())
    assert not informe, (
        f"{total} errores en {len(informe)} de {len(paginas)} páginas:\n" + "\n".join(informe)
    )


def test_se_revisa_cada_ruta_publica_que_da_html(folio):
    revisadas = set()
    for peticion in peticiones(folio):
        try:
            revisadas.add(resolve(urlsplit(peticion.ruta).path).view_name)
        except Resolver404:
            continue
    rutas = set(_rutas(get_resolver().url_patterns)) - SIN_HTML
    assert rutas - revisadas == set()


def test_el_validador_encuentra_los_errores_de_una_pagina(tmp_path: Path):
    if falta := falta_el_validador():
        pytest.fail(falta)
    (tmp_path / "mala.html").write_text(
        '<!doctype html><html lang="es"><head><title>x</title></head>'
        '<body><form action=""><input type="month" placeholder="AAAA-MM"></form></body></html>'
    )
    (tmp_path / "buena.html").write_text(
        '<!doctype html><html lang="es"><head><title>x</title></head><body><p>Hola</p></body></html>'
    )
    encontrados = errores(tmp_path)
    assert list(encontrados) == ["mala.html"]
    assert len(encontrados["mala.html"]) == 2
