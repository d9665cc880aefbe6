import re

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from config import cache_paginas, entidades
from config.paginas import Miga, PaginaMixin, migas
from tramites import busqueda, cuotas, documentos, orientador
from tramites.escritos import ESCRITOS, requisitos_anexables, valores_escrito
from tramites.ficha import Ficha
from tramites.forms import (
    BusquedaForm,
    CalculadoraForm,
    FamiliaForm,
    ModalidadForm,
    PagoForm,
    opciones_escenarios,
)
from tramites.historial import historial
from tramites.models import Categoria, Cuota, Modalidad, Tramite
from tramites.solicitudes import SolicitudForm

NIVEL_TRAMITES = ((_("Trámites"), "tramites:lista"),)


class ListaView(PaginaMixin, TemplateView):
    template_name = "tramites/lista.html"
    titulo = _("Trámites")

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        anio = cuotas.anio_actual()
        # Solo depende del contenido y del año: se arma una vez por versión, y la plantilla
        # guarda la lista ya hecha por idioma.
        version = cache_paginas.version_de("tramites", "fuentes")
        categorias = cache_paginas.calculado(
            "tramites:lista", f"{version}:{anio}", lambda: _categorias_con_resumen(anio)
        )
        contexto.update(
            anio_actual=anio,
            version=version,
            categorias=categorias,
            ultima_actualizacion=max(
                (t.actualizado for _c, lista in categorias for t, _r in lista), default=None
            ),
        )
        return contexto


def _categorias_con_resumen(anio: int) -> list:
    """Cada categoría con trámites publicados, con el resumen de cuotas de cada uno."""
    categorias = Categoria.objects.prefetch_related(
        Prefetch(
            "tramites",
            Tramite.objects.publicados().prefetch_related(
                Prefetch("cuotas", Cuota.objects.select_related("fuente"))
            ),
        )
    )
    return [
        (
            categoria,
            [(t, cuotas.resumir(list(t.cuotas.all()), anio)) for t in categoria.tramites.all()],
        )
        for categoria in categorias
        if categoria.tramites.all()
    ]


class DetalleView(PaginaMixin, TemplateView):
    template_name = "tramites/detalle.html"
    niveles = NIVEL_TRAMITES

    def get(self, request, *args, slug, **kwargs):
        # El trámite se lee una vez por versión del contenido (y por proceso); el cuerpo de la
        # ficha sale de su trozo en caché si no cambió.
        self.version = cache_paginas.version_de("tramites", "fuentes")
        self.tramite = cache_paginas.calculado(
            f"tramites:ficha:{slug}",
            self.version,
            lambda: get_object_or_404(
                Tramite.objects.publicados().select_related("categoria"), slug=slug
            ),
        )
        return super().get(request, *args, **kwargs)

    def get_titulo(self):
        return self.tramite.nombre

    def get_ultima_actualizacion(self):
        return self.tramite.actualizado

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["tramite"] = self.tramite
        contexto["ficha"] = Ficha(
            self.tramite.pk, self.request.build_absolute_uri(self.tramite.get_absolute_url())
        )
        # El cuerpo muestra la ficha y lo relacionado (categoría, requisitos, cuotas, temas
        # comunes, fuentes): su clave cambia con cualquier cambio de esas apps, no solo con la
        # fecha de la ficha. Un cambio en otra parte del sitio (una ventanilla) no lo tira.
        contexto["clave_cache"] = f"{self.version}-{cuotas.anio_actual()}"
        return contexto


class BuscarView(PaginaMixin, TemplateView):
    template_name = "tramites/buscar.html"
    titulo = _("Buscar un trámite")
    niveles = NIVEL_TRAMITES

    def get_migas(self):
        # La plantilla guarda las migas dibujadas por idioma: se arman solo al dibujarlas.
        return SimpleLazyObject(super().get_migas)

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        formulario = BusquedaForm(self.request.GET if "q" in self.request.GET else None)
        contexto["form"] = formulario
        if formulario.is_bound and formulario.is_valid():
            consulta = formulario.cleaned_data["q"]
            contexto["consulta"] = consulta
            # Los resultados dibujados dependen de lo mismo que la búsqueda guardada: versión,
            # idioma (el de la plantilla) y palabras útiles. Si ya están dibujados, la búsqueda
            # no se pide.
            contexto["clave_resultados"] = (busqueda.version(), busqueda.palabras_utiles(consulta))
            contexto["busqueda"] = SimpleLazyObject(lambda: busqueda.buscar(consulta))
            contexto["sugerencias"] = busqueda.SUGERENCIAS
        return contexto


class OrientadorView(PaginaMixin, TemplateView):
    template_name = "tramites/orientador.html"
    titulo = _("¿Qué trámite necesito?")
    niveles = NIVEL_TRAMITES

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        paso = orientador.recorrer(self.request.GET)
        respuestas = []
        for indice, (pregunta, opcion) in enumerate(paso.respuestas):
            # «Cambiar» vuelve a esa pregunta conservando solo las respuestas anteriores.
            previas = {p.clave: o.valor for p, o in paso.respuestas[:indice]}
            respuestas.append((pregunta, opcion, previas))
        contexto.update(paso=paso, respuestas=respuestas)
        contexto["previas"] = {p.clave: o.valor for p, o in paso.respuestas}
        if paso.final is not None:
            slugs = [r.tramite for r in paso.final.resultado]
            tramites = {
                t.slug: t for t in Tramite.objects.publicados().filter(slug__in=slugs).con_detalle()
            }
            modalidades = {
                (m.tramite.slug, m.slug): m
                for m in Modalidad.objects.filter(tramite__slug__in=slugs).select_related("tramite")
            }
            contexto["recomendaciones"] = orientador.resultados(paso.final, tramites, modalidades)
            contexto.update(anio=cuotas.anio_actual(), entidades=entidades.ENTIDADES)
        return contexto


class CuotasView(PaginaMixin, TemplateView):
    template_name = "tramites/cuotas.html"
    titulo = _("Cuotas y calculadora")
    niveles = NIVEL_TRAMITES

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        anio = cuotas.anio_actual()
        # Lo que solo depende del contenido se arma una vez por versión (y por idioma).
        version = cache_paginas.version_de("tramites", "fuentes")
        publicadas = cache_paginas.calculado(
            "tramites:cuotas", f"{version}:{anio}", lambda: cuotas.publicadas(anio)
        )
        todos = publicadas.escenarios
        opciones = cache_paginas.calculado(
            f"tramites:cuotas:opciones:{get_language()}",
            version,
            lambda: opciones_escenarios(todos),
        )
        contexto.update(anio=anio, tabla=publicadas.tabla, version=version)
        if not self.request.GET:
            # Sin parámetros, las dos calculadoras salen ya hechas de la caché de trozos (la
            # plantilla): sus formularios solo se arman si hay que dibujarlas.
            contexto.update(
                form=SimpleLazyObject(lambda: CalculadoraForm(escenarios=todos, opciones=opciones)),
                familia=SimpleLazyObject(lambda: FamiliaForm(escenarios=todos, opciones=opciones)),
                en_blanco=True,
                segundos_formularios=None,
            )
            return contexto
        datos = self.request.GET if "escenario" in self.request.GET else None
        formulario = CalculadoraForm(datos, escenarios=todos, opciones=opciones)
        if formulario.is_bound and formulario.is_valid():
            contexto["calculo"] = cuotas.calcular(
                formulario.cleaned_data["escenario"], formulario.cleaned_data["personas"], anio
            )
        # La calculadora para una familia tiene sus propios campos (persona1, persona2…).
        # «personas» es de la calculadora simple: no cuenta como envío de la familia.
        familia_enviada = any(
            re.fullmatch(r"persona\d+", c) or c == "filas" for c in self.request.GET
        )
        familia = FamiliaForm(
            self.request.GET if familia_enviada else None,
            escenarios=todos,
            opciones=opciones,
            agregar=bool(self.request.GET.get("agregar")),
        )
        if familia.is_bound and familia.is_valid():
            contexto["calculo_familia"] = cuotas.calcular_familia(
                familia.cleaned_data["elegidos"], anio
            )
        # Con parámetros, los formularios dependen de lo elegido: no se guardan (0 segundos).
        contexto.update(form=formulario, familia=familia, en_blanco=False, segundos_formularios=0)
        return contexto


class HistorialView(PaginaMixin, TemplateView):
    template_name = "tramites/historial.html"

    def get(self, request, *args, slug, **kwargs):
        self.tramite = get_object_or_404(Tramite.objects.publicados(), slug=slug)
        return super().get(request, *args, **kwargs)

    def get_titulo(self):
        return _("Historial de cambios")

    def get_migas(self):
        return migas(*((t, reverse(n)) for t, n in NIVEL_TRAMITES)) + [
            Miga(self.tramite.nombre, self.tramite.get_absolute_url())
        ]

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["tramite"] = self.tramite
        contexto["entradas"] = historial(self.tramite)
        return contexto


# ---------------------------------------------------------------------------------------------
# Documentos (issue de documentos): formularios que devuelven PDF sin guardar nada.


def _sitio(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _descarga(archivo: documentos.Archivo, *, privado: bool) -> HttpResponse:
    respuesta = HttpResponse(archivo.datos, content_type=archivo.tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{archivo.nombre}"'
    respuesta["Content-Length"] = str(len(archivo.datos))
    if privado:
        add_never_cache_headers(respuesta)
        respuesta["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
    return respuesta


class DocumentoMixin(PaginaMixin):
    """Carga el trámite de la dirección y pone las migas Trámites › <trámite>."""

    def dispatch(self, request, *args, slug, **kwargs):
        self.tramite = get_object_or_404(Tramite.objects.publicados().con_detalle(), slug=slug)
        return super().dispatch(request, *args, **kwargs)

    def get_migas(self):
        return migas(*((t, reverse(n)) for t, n in NIVEL_TRAMITES)) + [
            Miga(self.tramite.nombre, self.tramite.get_absolute_url())
        ]

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["tramite"] = self.tramite
        return contexto


@method_decorator(never_cache, name="dispatch")
class SolicitudView(DocumentoMixin, TemplateView):
    template_name = "tramites/solicitud.html"
    titulo = _("Llenar la solicitud")

    def get(self, request, *args, **kwargs):
        if not self.tramite.usa_formato_solicitud:
            raise Http404
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.tramite.usa_formato_solicitud:
            raise Http404
        formulario = SolicitudForm(request.POST, tramite=self.tramite)
        if not formulario.is_valid():
            respuesta = self.render_to_response(self.get_context_data(form=formulario))
            respuesta["Cache-Control"] = "no-store"
            return respuesta
        modalidad = self.tramite.modalidades.filter(
            slug=formulario.cleaned_data.get("modalidad")
        ).first()
        archivo = documentos.solicitud(
            tramite=self.tramite,
            modalidad=modalidad,
            declaracion=formulario.declaracion,
            valores=formulario.valores(),
            sitio=_sitio(request),
        )
        return _descarga(archivo, privado=True)

    def get_context_data(self, **kwargs):
        # ?modalidad= (desde la ficha o la lista) deja elegida la modalidad.
        inicial = {"modalidad": self.request.GET.get("modalidad", "")}
        kwargs.setdefault("form", SolicitudForm(tramite=self.tramite, initial=inicial))
        kwargs["formato"] = documentos.formato_oficial(self.tramite)
        return super().get_context_data(**kwargs)


@method_decorator(never_cache, name="dispatch")
class EscritoView(DocumentoMixin, TemplateView):
    template_name = "tramites/escrito.html"

    def dispatch(self, request, *args, slug, **kwargs):
        self.tipo = ESCRITOS.get(slug)
        if self.tipo is None:
            raise Http404
        return super().dispatch(request, *args, slug=slug, **kwargs)

    def get_titulo(self):
        return self.tipo.titulo

    def _formulario(self, *args, **kwargs):
        return self.tipo.formulario(
            *args, requisitos=requisitos_anexables(self.tramite, self.tipo), **kwargs
        )

    def post(self, request, *args, **kwargs):
        formulario = self._formulario(request.POST)
        if not formulario.is_valid():
            respuesta = self.render_to_response(self.get_context_data(form=formulario))
            respuesta["Cache-Control"] = "no-store"
            return respuesta
        archivo = documentos.escrito(
            tramite=self.tramite,
            tipo=self.tipo,
            valores=valores_escrito(self.tipo, formulario),
            sitio=_sitio(request),
        )
        return _descarga(archivo, privado=True)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self._formulario(initial={"fecha": timezone.localdate()}))
        kwargs["tipo"] = self.tipo
        return super().get_context_data(**kwargs)


class PagoView(DocumentoMixin, TemplateView):
    template_name = "tramites/pago.html"
    titulo = _("Hoja de ayuda para el pago")

    def get(self, request, *args, **kwargs):
        self.escenarios = cuotas.escenarios(self.tramite)
        formulario = PagoForm(
            request.GET if "escenario" in request.GET else None, escenarios=self.escenarios
        )
        if formulario.is_bound and formulario.is_valid():
            archivo = documentos.pago(
                escenario=formulario.cleaned_data["escenario"], sitio=_sitio(request)
            )
            return _descarga(archivo, privado=False)
        return self.render_to_response(self.get_context_data(form=formulario))


class ListaDocumentosView(DocumentoMixin, TemplateView):
    """Lista personal de documentos para marcar, en página imprimible y en PDF."""

    template_name = "tramites/lista_documentos.html"
    titulo = _("Lista de documentos")

    def get(self, request, *args, **kwargs):
        modalidades = list(self.tramite.modalidades.all())
        formulario = ModalidadForm(
            request.GET if "modalidad" in request.GET else None, tramite=self.tramite
        )
        modalidad = None
        if modalidades:
            if not (formulario.is_bound and formulario.is_valid()):
                return self.render_to_response(
                    self.get_context_data(form=formulario, requisitos=None)
                )
            modalidad = next(
                m for m in modalidades if m.slug == formulario.cleaned_data["modalidad"]
            )
        if request.GET.get("formato") == "pdf":
            archivo = documentos.lista(
                tramite=self.tramite, modalidad=modalidad, sitio=_sitio(request)
            )
            return _descarga(archivo, privado=False)
        return self.render_to_response(
            self.get_context_data(
                form=formulario,
                modalidad=modalidad,
                requisitos=documentos.requisitos_de(self.tramite, modalidad),
                cuotas_lista=documentos.cuotas_de(self.tramite, modalidad),
            )
        )
