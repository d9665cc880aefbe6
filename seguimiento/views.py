from http import HTTPStatus

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from config import cache_paginas
from config.limites import ip_cliente
from config.paginas import PaginaMixin, migas
from seguimiento import consulta, grafica, publicacion, tiempos
from seguimiento.forms import ConsultaForm
from seguimiento.referencias import referencias


@method_decorator(never_cache, name="dispatch")
class ConsultaView(PaginaMixin, TemplateView):
    """Formulario de número y contraseña; con datos correctos, la página de estado."""

    template_name = "seguimiento/consulta.html"
    titulo = _("Consultar el estado de mi solicitud")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Una sola lectura de la versión del contenido por petición (calendario, temas…).
        self.refs = referencias()

    def post(self, request, *args, **kwargs):
        formulario = ConsultaForm(request.POST)
        if not formulario.is_valid():
            return self.render_to_response(self.get_context_data(form=formulario))
        resultado = consulta.consultar(
            nut=formulario.cleaned_data["nut"],
            contrasena=formulario.cleaned_data["contrasena"],
            ip=ip_cliente(request),
            refs=self.refs,
        )
        if resultado.bloqueo:
            respuesta = self.render_to_response(
                self.get_context_data(form=formulario, bloqueo=resultado.bloqueo),
                status=HTTPStatus.TOO_MANY_REQUESTS,
            )
            respuesta["Retry-After"] = str(resultado.bloqueo.segundos)
            return respuesta
        if not resultado.encontrada:
            formulario.add_error(
                None,
                _(
                    "El número de trámite o la contraseña no son correctos. Revise los dos en su "
                    "comprobante y vuelva a intentarlo."
                ),
            )
            return self.render_to_response(self.get_context_data(form=formulario))
        return self.response_class(
            request=request,
            template=["seguimiento/estado.html"],
            context=self.get_context_data(
                # La página de estado no lleva el formulario: no se arma uno vacío.
                form=None,
                situacion=resultado.situacion,
                titulo=_("Estado de su solicitud"),
                # La plantilla guarda las migas dibujadas por idioma: se arman solo al dibujarlas.
                migas=SimpleLazyObject(
                    lambda: migas((self.titulo, reverse("seguimiento:consulta")))
                ),
            ),
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ConsultaForm())
        contexto = super().get_context_data(**kwargs)
        contexto.update(
            limite_intentos=settings.SEGUIMIENTO_INTENTOS_POR_NUT,
            ventana_minutos=settings.SEGUIMIENTO_VENTANA_MINUTOS,
            version_contenido=self.refs.version,
            **self.refs.temas,
        )
        return contexto


class TiemposView(PaginaMixin, TemplateView):
    """/tramites/tiempos/: cuánto tardan de verdad los trámites (vive en la caché de páginas)."""

    template_name = "seguimiento/tiempos.html"
    titulo = _("Cuánto tardan los trámites")
    niveles = ((_("Trámites"), "tramites:lista"),)

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        refs = referencias()
        hoy = timezone.localdate()
        # Las cifras solo cambian con el día y el contenido (cualquier solicitud guardada cambia
        # la versión): se calculan una vez por versión y la plantilla las guarda ya dibujadas.
        version = cache_paginas.version()

        def calcular():
            resultado = tiempos.calcular(hoy=hoy, calendario=refs.calendario)
            return resultado, grafica.construir(resultado.filas)

        # La gráfica lleva los nombres ya traducidos: una por idioma. El día va en la versión
        # (no en el nombre): así se guarda una sola por idioma.
        resultado, la_grafica = cache_paginas.calculado(
            f"seguimiento:tiempos:{get_language()}", f"{version}:{hoy.isoformat()}", calcular
        )
        contexto.update(
            tiempos=resultado,
            grafica=la_grafica,
            tramos=tiempos.TRAMOS,
            conjunto_url=_url_conjunto(),
            hoy=hoy,
            version_contenido=version,
            **refs.temas,
        )
        return contexto


def _url_conjunto() -> str | None:
    """Dirección del conjunto de datos abiertos, si ya está publicado."""
    if not publicacion.publicado():
        return None
    try:
        return reverse("datos_abiertos:detalle", kwargs={"slug": publicacion.SLUG})
    except NoReverseMatch:
        return None
