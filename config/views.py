"""Páginas del sitio que no pertenecen a una sección: inicio, aviso de privacidad y salud."""

import logging
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from config.paginas import PaginaMixin

logger = logging.getLogger(__name__)


class InicioView(PaginaMixin, TemplateView):
    template_name = "inicio.html"
    titulo = _("Trámites migratorios en México")


class AvisoPrivacidadView(PaginaMixin, TemplateView):
    template_name = "aviso_privacidad.html"
    titulo = _("Aviso de privacidad")

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["retencion"] = settings.PARTICIPA_RETENCION_DIAS
        contexto["retencion_maxima"] = settings.PARTICIPA_RETENCION_MAXIMA_DIAS
        return contexto


def _estado_base_de_datos() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Chequeo de salud: la base de datos no responde")
        return False
    return True


def _estado_cache() -> bool:
    try:
        cache.set("salud:ping", "1", 10)
        return cache.get("salud:ping") == "1"
    except Exception:  # noqa: BLE001 - cualquier falla del backend cuenta como caída
        logger.exception("Chequeo de salud: la caché no responde")
        return False


@never_cache
def salud(request):
    """Estado para el balanceador: 200 si la base de datos responde, 503 si no."""
    base_ok = _estado_base_de_datos()
    cache_ok = _estado_cache()
    cuerpo = {
        "estado": "ok" if base_ok else "error",
        "base_de_datos": "ok" if base_ok else "error",
        # Sin caché el sitio sigue sirviendo (más lento); se informa pero no tumba el nodo.
        "cache": "ok" if cache_ok else "error",
    }
    estado = HTTPStatus.OK if base_ok else HTTPStatus.SERVICE_UNAVAILABLE
    return JsonResponse(cuerpo, status=estado)


# Lo que no conviene que un buscador recorra: el admin, lo personal (consultas de estado,
# folios) y los PDF que se generan en cada petición.
ROBOTS_NO = (
    "/admin/",
    "/seguimiento/",
    "/*/seguimiento/",
    "/participa/folio/",
    "/*/participa/folio/",
    "/tramites/*/solicitud/",
    "/tramites/*/escrito-libre/",
    "/tramites/*/pago/",
    "/tramites/*/lista/",
)


def robots(request):
    lineas = ["User-agent: *", *(f"Disallow: {ruta}" for ruta in ROBOTS_NO)]
    lineas.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lineas) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    """/favicon.ico, que los navegadores piden solos: al ícono con huella (caché de un año)."""
    respuesta = HttpResponsePermanentRedirect(static("img/favicon.svg"))
    # La huella cambia con cada versión del ícono: un día basta.
    respuesta["Cache-Control"] = "public, max-age=86400"
    return respuesta
