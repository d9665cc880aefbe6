from http import HTTPStatus

from django.contrib import messages
from django.db.models import F
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from config import limites
from config.paginas import PaginaMixin
from participa import abuso
from participa.forms import FolioForm, OpinionForm, ReporteForm, SolicitudDatosForm
from participa.models import Opinion, Reporte, SolicitudDatos
from participa.moderacion import dias_para_responder, dias_retencion, plazo_respuesta
from participa.resultados import resultados

NIVEL = ((_("Participa"), "participa:inicio"),)
# Al pasar el límite de envíos por conexión (config/limites.py: OPINIONES, REPORTES…).
MENSAJE_LIMITE = _(
    "Recibimos muchos envíos desde su conexión. Espere una hora e inténtelo de nuevo; lo que "
    "escribió sigue en el formulario."
)


def _cabe(request, politica: limites.Politica) -> bool:
    """Cuenta este envío de la conexión; False si ya pasó el límite de la política."""
    contador = politica.contador(limites.ip_cliente(request))
    return isinstance(limites.reservar(contadores=[contador]), limites.Reserva)


class InicioView(PaginaMixin, TemplateView):
    template_name = "participa/inicio.html"
    titulo = _("Participa")


def _pagina_segura(request, pagina: str) -> str:
    if pagina.startswith("/") and url_has_allowed_host_and_scheme(
        pagina, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return pagina
    return reverse("inicio")


@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(never_cache, name="dispatch")
class OpinionView(PaginaMixin, TemplateView):
    """Recibe «¿Le fue útil esta página?» desde cualquier página (guardada en caché).

    Sin ficha CSRF en esas páginas: se exige mismo origen (abuso.mismo_origen).
    Con error se muestra aquí el formulario con el mensaje y lo escrito.
    """

    template_name = "participa/opinion.html"
    titulo = _("Su opinión sobre la página")
    niveles = NIVEL
    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return redirect("participa:inicio")

    def post(self, request, *args, **kwargs):
        if not abuso.mismo_origen(request):
            return self.render_to_response(
                self.get_context_data(form=OpinionForm(request.POST), origen=False),
                status=HTTPStatus.FORBIDDEN,
            )
        formulario = OpinionForm(request.POST)
        if request.POST.get("sitio_web"):
            # Un robot: se le agradece igual y no se guarda nada.
            return HttpResponseRedirect(_pagina_segura(request, request.POST.get("pagina", "")))
        if not _cabe(request, limites.OPINIONES):
            formulario.is_valid()
            return self.render_to_response(
                self.get_context_data(form=formulario, limite=MENSAJE_LIMITE),
                status=HTTPStatus.TOO_MANY_REQUESTS,
            )
        if not formulario.is_valid():
            return self.render_to_response(self.get_context_data(form=formulario))
        datos = formulario.cleaned_data
        pagina = _pagina_segura(request, datos["pagina"])
        Opinion.objects.create(
            pagina=pagina[:300],
            util=datos["util"],
            comentario=datos["comentario"],
            idioma=get_language() or "",
        )
        messages.success(request, _("Gracias por su opinión: nos ayuda a mejorar esta página."))
        return HttpResponseRedirect(pagina)


class FormularioAbusoMixin(PaginaMixin):
    """Formulario con campo trampa, tiempo mínimo y límite por conexión (`politica`)."""

    form_class = None
    politica: limites.Politica
    niveles = NIVEL

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["retencion"] = dias_retencion()
        contexto["plazo_dias"] = dias_para_responder()
        return contexto

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.formulario_nuevo()))

    def formulario_nuevo(self):
        return self.form_class()

    def post(self, request, *args, **kwargs):
        formulario = self.form_class(request.POST)
        if formulario.es_robot():
            # Se le muestra un folio falso: un robot no aprende que fue detectado.
            return redirect(reverse("participa:folio") + "?recibido=1")
        if formulario.caducado():
            return self._de_nuevo(
                formulario,
                _("El formulario caducó mientras lo llenaba. Revise sus datos y envíelo de nuevo."),
            )
        if not _cabe(request, self.politica):
            return self._de_nuevo(formulario, MENSAJE_LIMITE, HTTPStatus.TOO_MANY_REQUESTS)
        if not formulario.is_valid():
            return self._de_nuevo(formulario)
        objeto = self.guardar(formulario.cleaned_data)
        return redirect(reverse("participa:folio") + f"?folio={objeto.folio}&nuevo=1")

    def _de_nuevo(self, formulario, mensaje="", estado=HTTPStatus.OK):
        """El formulario otra vez, con lo escrito, sus errores y un sello de tiempo nuevo."""
        formulario.renovar_sello()
        formulario.is_valid()
        respuesta = self.render_to_response(
            self.get_context_data(form=formulario, error_general=mensaje), status=estado
        )
        respuesta["Cache-Control"] = "no-store"
        return respuesta


@method_decorator(never_cache, name="dispatch")
class ReportarView(FormularioAbusoMixin, TemplateView):
    template_name = "participa/reportar.html"
    titulo = _("Reportar una irregularidad")
    form_class = ReporteForm
    politica = limites.REPORTES

    def formulario_nuevo(self):
        # Desde una ficha o una oficina el enlace trae el trámite y la oficina ya elegidos.
        return ReporteForm(initial=ReporteForm.preseleccion(self.request.GET))

    def guardar(self, datos):
        campos = {k: v for k, v in datos.items() if k not in ("sitio_web", "sello")}
        return Reporte.objects.create(**campos)


@method_decorator(never_cache, name="dispatch")
class SolicitarDatosView(FormularioAbusoMixin, TemplateView):
    template_name = "participa/solicitar_datos.html"
    titulo = _("Pedir datos o información")
    form_class = SolicitudDatosForm
    politica = limites.SOLICITUDES_DE_DATOS

    def guardar(self, datos):
        campos = {k: v for k, v in datos.items() if k not in ("sitio_web", "sello")}
        return SolicitudDatos.objects.create(**campos)


@method_decorator(never_cache, name="dispatch")
class FolioView(PaginaMixin, TemplateView):
    template_name = "participa/folio.html"
    titulo = _("Consultar un folio")
    niveles = NIVEL

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        peticion = self.request.GET
        contexto["recibido"] = "recibido" in peticion or "nuevo" in peticion
        formulario = FolioForm(peticion if "folio" in peticion else None)
        contexto["form"] = formulario
        if formulario.is_bound and formulario.is_valid():
            if not _cabe(self.request, limites.CONSULTAS_DE_FOLIO):
                contexto["error_general"] = MENSAJE_LIMITE
                return contexto
            folio = formulario.cleaned_data["folio"]
            caso = (
                Reporte.objects.select_related("tramite", "lugar").filter(folio=folio).first()
                or SolicitudDatos.objects.filter(folio=folio).first()
            )
            contexto["caso"] = caso
            contexto["no_encontrado"] = caso is None
            if caso is not None:
                contexto["historial"] = _cambios_de_estado(caso)
                contexto["es_reporte"] = isinstance(caso, Reporte)
                contexto["plazo"] = plazo_respuesta(caso)
                contexto["retencion"] = dias_retencion()
        return contexto


def _cambios_de_estado(caso) -> list:
    """Cada cambio de estado con su fecha (de más antiguo a más reciente)."""
    cambios, anterior = [], None
    for version in caso.history.order_by("history_date", "history_id"):
        if version.estado != anterior:
            cambios.append((version.history_date, version.get_estado_display()))
            anterior = version.estado
    return cambios


class SolicitudesView(PaginaMixin, TemplateView):
    template_name = "participa/solicitudes.html"
    titulo = _("Solicitudes de datos e información")
    niveles = NIVEL

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["solicitudes"] = SolicitudDatos.objects.filter(publicada=True).order_by(
            "-apoyos", "-creado"
        )
        return contexto


@method_decorator(never_cache, name="dispatch")
class ApoyarView(TemplateView):
    """«+1» a una solicitud pública: una vez por conexión y día."""

    http_method_names = ["post"]

    def post(self, request, folio):
        solicitud = get_object_or_404(SolicitudDatos, folio=folio, publicada=True)
        ip = limites.ip_cliente(request)
        reserva = limites.reservar(
            contadores=[
                limites.APOYOS_A_UNA_SOLICITUD.contador(f"{ip} {folio}"),
                limites.APOYOS.contador(ip),
            ]
        )
        if isinstance(reserva, limites.Reserva):
            SolicitudDatos.objects.filter(pk=solicitud.pk).update(apoyos=F("apoyos") + 1)
            messages.success(request, _("Gracias: sumamos su apoyo a esta solicitud."))
        else:
            messages.info(request, _("Ya habíamos contado su apoyo a esta solicitud."))
        return redirect(solicitud.get_absolute_url())


class ResultadosView(PaginaMixin, TemplateView):
    template_name = "participa/resultados.html"
    titulo = _("Resultados de la participación")
    niveles = NIVEL

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto.update(resultados())
        return contexto
