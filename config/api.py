"""Lo común de la API pública (/api/v1/): respuestas y errores en JSON, métodos, idioma y páginas.

Cada app escribe sus vistas de API con `@vista_api`, y así todas responden igual:

- un solo cuerpo de error, `{"error": {"codigo", "mensaje", "estado", "detalles"}}`, con el
  mensaje en el idioma pedido (`?idioma=` o Accept-Language);
- 405 en JSON con `Allow` para otro método; 404 en JSON para lo que no existe;
- ETag (y 304), caché HTTP de cinco minutos y CORS (son datos públicos: config/cors.py).

El contenido que viene de las fuentes (trámites, lugares, conjuntos) sale siempre en español, el
idioma en que se publica y se revisa: `contenido_en_espanol()`. Lo que escribe el sitio
(mensajes, descripciones de columnas) sale en el idioma pedido.
"""

from dataclasses import dataclass
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.http import Http404, JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import decorator_from_middleware
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt

from config.cors import datos_publicos

CACHE_SEGUNDOS = 300
CACHEABLES = (HTTPStatus.OK, HTTPStatus.NOT_MODIFIED)
PARAMETRO_IDIOMA = "idioma"
condicional = decorator_from_middleware(ConditionalGetMiddleware)


def respuesta_json(datos: dict, *, estado: int = HTTPStatus.OK) -> JsonResponse:
    return JsonResponse(datos, status=estado, json_dumps_params={"ensure_ascii": False})


class ErrorApi(Exception):
    """Un error que la vista explica a quien llama; `@vista_api` lo convierte en respuesta."""

    def __init__(self, estado: int, codigo: str, mensaje: str, detalles: list[dict] | None = None):
        super().__init__(mensaje)
        self.estado = HTTPStatus(estado)
        self.codigo = codigo
        self.mensaje = str(mensaje)
        self.detalles = detalles or []

    def respuesta(self) -> JsonResponse:
        cuerpo = {
            "codigo": self.codigo,
            "mensaje": self.mensaje,
            "estado": int(self.estado),
            "detalles": self.detalles,
        }
        return respuesta_json({"error": cuerpo}, estado=self.estado)


def no_encontrado(mensaje: str) -> ErrorApi:
    return ErrorApi(HTTPStatus.NOT_FOUND, "no_encontrado", mensaje)


def parametros_invalidos(detalles: list[dict]) -> ErrorApi:
    """400 con un detalle por parámetro: `{"parametro": …, "mensaje": …}`."""
    return ErrorApi(
        HTTPStatus.BAD_REQUEST,
        "parametros_invalidos",
        _("Hay parámetros que no se pueden usar; cada detalle dice cuál y cómo corregirlo."),
        detalles,
    )


def contenido_en_espanol():
    """Para leer el contenido de las fuentes en español aunque se haya pedido otro idioma."""
    return translation.override(settings.LANGUAGE_CODE)


def _codigos_idioma() -> str:
    return ", ".join(codigo.split("-")[0] for codigo, _nombre in settings.LANGUAGES)


def _idioma(request) -> str:
    pedido = request.GET.get(PARAMETRO_IDIOMA)
    if pedido is None:
        return translation.get_language_from_request(request)
    try:
        return translation.get_supported_language_variant(pedido.strip().lower())
    except LookupError:
        with translation.override(translation.get_language_from_request(request)):
            raise parametros_invalidos(
                [
                    {
                        "parametro": PARAMETRO_IDIOMA,
                        "mensaje": _(
                            "«%(valor)s» no es un idioma del sitio: use uno de estos: %(codigos)s."
                        )
                        % {"valor": pedido, "codigos": _codigos_idioma()},
                    }
                ]
            ) from None


def vista_api(vista=None, *, metodos: tuple[str, ...] = ("GET", "HEAD")):
    """Vista de la API: JSON, errores en una sola forma y en el idioma pedido, CORS, ETag."""

    def decorador(vista):
        @wraps(vista)
        def envoltura(request, *args, **kwargs):
            try:
                idioma = _idioma(request)
            except ErrorApi as error:
                idioma = translation.get_language_from_request(request)
                respuesta = error.respuesta()
            else:
                with translation.override(idioma):
                    respuesta = _atender(vista, metodos, request, *args, **kwargs)
            respuesta.setdefault("Content-Language", idioma)
            patch_vary_headers(respuesta, ["Accept-Language"])
            if respuesta.status_code in CACHEABLES and "Cache-Control" not in respuesta:
                patch_cache_control(respuesta, public=True, max_age=CACHE_SEGUNDOS)
            return respuesta

        # Sin CSRF: la API solo lee, y otro método recibe su 405 en JSON, no la página 403.
        return datos_publicos(csrf_exempt(condicional(envoltura)))

    return decorador(vista) if vista is not None else decorador


def _atender(vista, metodos, request, *args, **kwargs):
    if request.method not in metodos:
        permitidos = ", ".join((*metodos, "OPTIONS"))
        respuesta = ErrorApi(
            HTTPStatus.METHOD_NOT_ALLOWED,
            "metodo_no_permitido",
            _("Esta dirección solo responde a %(metodos)s.") % {"metodos": permitidos},
        ).respuesta()
        respuesta["Allow"] = permitidos
        return respuesta
    try:
        return vista(request, *args, **kwargs)
    except ErrorApi as error:
        return error.respuesta()
    except Http404:
        return no_encontrado(_("No hay nada publicado en esta dirección.")).respuesta()


def desconocidos(request, permitidos) -> list[dict]:
    """Un detalle por parámetro que la dirección no conoce: un filtro mal escrito daría otros
    resultados sin aviso, así que las listas con filtros los rechazan con 400."""
    validos = sorted({*permitidos, PARAMETRO_IDIOMA})
    return [
        {
            "parametro": nombre,
            "mensaje": _(
                "«%(nombre)s» no es un parámetro de esta dirección: use uno de estos: %(validos)s."
            )
            % {"nombre": nombre, "validos": ", ".join(validos)},
        }
        for nombre in sorted(set(request.GET) - set(validos))
    ]


def errores_de_formulario(formulario) -> list[dict]:
    """Los errores de un formulario de filtros como detalles (null: no es de un parámetro)."""
    return [
        {"parametro": None if nombre == "__all__" else nombre, "mensaje": str(mensaje)}
        for nombre, mensajes in formulario.errors.items()
        for mensaje in mensajes
    ]


# Paginación: ?pagina=1&por_pagina=100, igual en todas las listas con páginas. Los nombres y
# los números forman parte del contrato (datos_abiertos/openapi.py).
PARAMETROS_PAGINA = ("pagina", "por_pagina")
POR_PAGINA = 100
MAXIMO_POR_PAGINA = 1000


@dataclass(frozen=True)
class Pagina:
    numero: int
    por_pagina: int
    total: int

    @property
    def paginas(self) -> int:
        return max(1, -(-self.total // self.por_pagina))

    @property
    def tramo(self) -> slice:
        inicio = (self.numero - 1) * self.por_pagina
        return slice(inicio, inicio + self.por_pagina)

    def a_dict(self, request) -> dict:
        def url(numero):
            parametros = request.GET.copy()
            parametros["pagina"] = str(numero)
            return request.build_absolute_uri(
                f"{request.path}?{urlencode(sorted(parametros.lists()), doseq=True)}"
            )

        return {
            "pagina": self.numero,
            "por_pagina": self.por_pagina,
            "total": self.total,
            "paginas": self.paginas,
            "anterior": url(self.numero - 1) if self.numero > 1 else None,
            "siguiente": url(self.numero + 1) if self.numero < self.paginas else None,
        }


def _entero(request, nombre: str, *, minimo: int, maximo: int | None, por_omision: int):
    valor = request.GET.get(nombre, "").strip()
    if not valor:
        return por_omision, None
    if valor.isascii() and valor.isdigit() and len(valor) < 10:
        numero = int(valor)
        if numero >= minimo and (maximo is None or numero <= maximo):
            return numero, None
    if maximo is None:
        mensaje = _("Escriba %(nombre)s como un número entero desde %(minimo)s.")
    else:
        mensaje = _("Escriba %(nombre)s como un número entero de %(minimo)s a %(maximo)s.")
    return None, {
        "parametro": nombre,
        "mensaje": mensaje % {"nombre": nombre, "minimo": minimo, "maximo": maximo},
    }


def paginar(request, *, total: int) -> Pagina:
    """La página pedida de una lista de `total` elementos; 400 o 404 si no puede ser."""
    numero, error_numero = _entero(request, "pagina", minimo=1, maximo=None, por_omision=1)
    por_pagina, error_tamano = _entero(
        request, "por_pagina", minimo=1, maximo=MAXIMO_POR_PAGINA, por_omision=POR_PAGINA
    )
    errores = [e for e in (error_numero, error_tamano) if e]
    if errores:
        raise parametros_invalidos(errores)
    pagina = Pagina(numero=numero, por_pagina=por_pagina, total=total)
    if numero > pagina.paginas:
        raise ErrorApi(
            HTTPStatus.NOT_FOUND,
            "pagina_inexistente",
            ngettext(
                "La página %(numero)s no existe: con estos filtros hay %(paginas)s página.",
                "La página %(numero)s no existe: con estos filtros hay %(paginas)s páginas.",
                pagina.paginas,
            )
            % {"numero": numero, "paginas": pagina.paginas},
        )
    return pagina
