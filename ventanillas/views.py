"""Páginas de ventanillas, oficinas y otros lugares que ayudan, exportaciones y el registro de
atenciones del personal."""

import functools
import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from config import cache_paginas
from config.paginas import PaginaMixin
from config.traducciones import falta_traduccion, hay_traduccion
from ventanillas import cercania, export, ficha, filas, horarios, proteccion, registro
from ventanillas.cobertura import calcular_cobertura
from ventanillas.filters import LugarFilter
from ventanillas.forms import AtencionForm, CercanasForm
from ventanillas.jsonld import oficina_jsonld
from ventanillas.mapa import construir_mapa
from ventanillas.models import Actividad, Lugar, ServicioLugar, Tipo

NIVEL = ((_("Ventanillas y oficinas"), "ventanillas:lista"),)
POR_PAGINA = 25
# Lo que la lista lee de la dirección (los filtros y la página).
PARAMETROS_LISTA = {"tipo", "estado", "servicio", "page"}
CERCANAS = 10


def _lugares():
    return Lugar.objects.publicados().con_respaldos()


def _con_servicios(lugares):
    return lugares.prefetch_related(
        Prefetch("servicios_lugar", ServicioLugar.objects.select_related("servicio"))
    )


class ListaView(PaginaMixin, TemplateView):
    template_name = "ventanillas/lista.html"
    titulo = _("Ventanillas y oficinas")

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        version = cache_paginas.version()
        consulta = self.request.GET
        contexto.update(
            # Filtros, conteos y filas solo se calculan si la plantilla no tiene guardado el
            # trozo de este idioma, versión y dirección (lista.html).
            lista=SimpleLazyObject(lambda: self._lista(version)),
            # Solo con los parámetros de la lista: otros (de campañas, p. ej.) no llenan la caché.
            clave_lista=(consulta.urlencode(),) if set(consulta) <= PARAMETROS_LISTA else None,
            # La plantilla la llama solo si no tiene guardado el trozo de esta versión.
            cobertura=calcular_cobertura,
            version_contenido=version,
        )
        return contexto

    def _lista(self, version: str) -> dict:
        filtro = LugarFilter(self.request.GET, queryset=Lugar.objects.publicados())
        # Solo los pk: cada fila ya está dibujada por versión del contenido (filas.py).
        pks = filtro.qs_validos.values_list("pk", flat=True)
        pagina = Paginator(pks, POR_PAGINA).get_page(self.request.GET.get("page"))
        return {
            "form": filtro.form,
            "pagina": pagina,
            "filas": filas.filas_de(pagina.object_list, version=version),
        }


class DetalleView(PaginaMixin, TemplateView):
    template_name = "ventanillas/detalle.html"
    niveles = NIVEL

    def get(self, request, *args, slug, **kwargs):
        self.slug = slug
        self.version = cache_paginas.version()
        # El lugar completo se carga solo si la plantilla lo pide: la ficha se guarda dibujada
        # por versión del contenido e idioma (detalle.html) y en cada visita basta el resumen.
        # Una función (la plantilla la llama) y no un objeto perezoso: {% lang_de %} mira el
        # __dict__ del lugar mismo.
        self.lugar = functools.cache(lambda: ficha.lugar(slug))
        self.resumen = ficha.resumen(slug, version=self.version, cargar=lambda _: self.lugar())
        return super().get(request, *args, **kwargs)

    def get_titulo(self):
        return self.resumen.nombre

    def get_ultima_actualizacion(self):
        return self.resumen.actualizado

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        cargar = self.lugar
        url = self.request.build_absolute_uri(
            reverse("ventanillas:detalle", kwargs={"slug": self.slug})
        )

        def textos():
            lugar = cargar()
            return [
                lugar,
                *lugar.horarios.all(),
                *lugar.servicios_lugar.all(),
                *{fila.servicio for fila in lugar.servicios_lugar.all()},
                *lugar.datos.all(),
            ]

        contexto.update(
            lugar=cargar,
            url_ficha=url,
            version_contenido=self.version,
            apertura=horarios.apertura(self.resumen.horario),
            # Funciones: la plantilla las llama solo al dibujar un trozo que no está guardado.
            posicion=lambda: cercania.posicion(cargar()),
            telefono_enlace=lambda: export.telefono_internacional(cargar().telefono),
            contenido_sin_traducir=lambda: falta_traduccion(*textos()),
            contenido_traducido=lambda: hay_traduccion(*textos()),
            # «<» escapado: el JSON va dentro de <script> y no debe poder cerrarlo.
            jsonld=lambda: json.dumps(
                oficina_jsonld(cargar(), url=url), ensure_ascii=False
            ).replace("<", "\\u003c"),
        )
        return contexto


class CercanasView(PaginaMixin, TemplateView):
    template_name = "ventanillas/cercanas.html"
    titulo = _("Ventanillas y oficinas cercanas")
    niveles = NIVEL

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        version = cache_paginas.version()
        datos = self.request.GET
        # Desde un estado o un municipio la respuesta es igual para todos: la plantilla la guarda
        # dibujada (cercanas.html). Desde la ubicación del navegador es de esa persona: nunca.
        if not (datos.get("latitud") or datos.get("longitud")):
            contexto["clave_cercanas"] = (bool(datos), datos.get("estado"), datos.get("municipio"))
        contexto.update(
            cercanas=SimpleLazyObject(lambda: self._cercanas(version)),
            version_contenido=version,
        )
        return contexto

    def _cercanas(self, version: str) -> dict:
        formulario = CercanasForm(self.request.GET or None)
        resultado = {"form": formulario, "cercanos": None}
        if formulario.is_bound and formulario.is_valid():
            origen, titulo_resultados = formulario.origen()
            cercanos = cercania.ordenar_por_distancia(
                lugares=filas.ubicados(version=version), origen=origen
            )
            resultado.update(
                titulo_resultados=titulo_resultados,
                cercanos=cercanos[:CERCANAS],
                filas=filas.cercanos_de(cercanos[:CERCANAS], version=version),
                total=len(cercanos),
            )
        return resultado


class MapaView(PaginaMixin, TemplateView):
    template_name = "ventanillas/mapa.html"
    titulo = _("Mapa de ventanillas y oficinas")
    niveles = NIVEL

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        # El mapa y la lista se guardan dibujados por versión del contenido e idioma
        # (mapa.html): los lugares y las posiciones se calculan solo si falta ese trozo.
        lugares = SimpleLazyObject(
            lambda: list(
                Lugar.objects.publicados()
                .select_related("estado", "municipio")
                .order_by("estado__nombre", "tipo", "nombre")
            )
        )
        contexto["mapa"] = SimpleLazyObject(lambda: construir_mapa(lugares=lugares))
        contexto["lugares"] = lugares
        contexto["tipos"] = {tipo.name.lower(): tipo.label for tipo in Tipo}
        contexto["version_contenido"] = cache_paginas.version()
        return contexto


class ActividadesView(PaginaMixin, TemplateView):
    template_name = "ventanillas/actividades.html"
    titulo = _("Actividades de sensibilización de las ventanillas")
    niveles = NIVEL

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["actividades"] = Actividad.objects.filter(
            publicada=True, ventanilla__publicado=True
        ).select_related("ventanilla", "fuente")
        return contexto


def _url_absoluta(request):
    return lambda lugar: request.build_absolute_uri(lugar.get_absolute_url())


def _para_exportar():
    return _con_servicios(_lugares()).prefetch_related("fuentes").order_by("slug")


def exportar_csv(request):
    nombre, tipo, lineas = export.exportar_csv(
        lugares=_para_exportar(), url_de=_url_absoluta(request)
    )
    respuesta = StreamingHttpResponse(lineas, content_type=tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


def exportar_geojson(request):
    nombre, tipo, datos = export.exportar_geojson(
        lugares=_para_exportar(), url_de=_url_absoluta(request)
    )
    respuesta = HttpResponse(datos, content_type=tipo)
    respuesta["Content-Disposition"] = f'inline; filename="{nombre}"'
    return respuesta


def exportar_vcard(request, slug):
    lugar = get_object_or_404(_lugares(), slug=slug)
    nombre, tipo, datos = export.exportar_vcard(
        lugar=lugar, url=request.build_absolute_uri(lugar.get_absolute_url())
    )
    respuesta = HttpResponse(datos, content_type=tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


class PersonalMixin(LoginRequiredMixin):
    """Solo cuentas del personal con una ventanilla asignada (o con permiso sobre todas)."""

    login_url = reverse_lazy("admin:login")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.ventanillas = registro.ventanillas_permitidas(request.user)
        if not self.ventanillas.exists():
            raise PermissionDenied(
                _("Su cuenta no tiene una ventanilla asignada para registrar atenciones.")
            )
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class RegistroView(PersonalMixin, PaginaMixin, TemplateView):
    """Formulario rápido de una atención; después de guardar vuelve vacío para la siguiente."""

    template_name = "ventanillas/registro.html"
    titulo = _("Registrar una atención")

    def get_migas(self):
        return []

    def _formulario(self, datos=None):
        propia = self.ventanillas.first()
        return AtencionForm(datos, ventanillas=self.ventanillas, initial={"ventanilla": propia})

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self._formulario()))

    def post(self, request, *args, **kwargs):
        formulario = self._formulario(request.POST)
        if not formulario.is_valid():
            return self.render_to_response(self.get_context_data(form=formulario), status=400)
        atencion = registro.registrar_atencion(datos=formulario.cleaned_data, usuario=request.user)
        messages.success(request, _("Atención guardada. Puede registrar la siguiente."))
        return redirect(f"{reverse('ventanillas:registro')}?guardada={atencion.pk}")

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        ventanillas = list(self.ventanillas)
        contexto["una_sola"] = ventanillas[0] if len(ventanillas) == 1 else None
        guardada = self.request.GET.get("guardada", "")
        if guardada.isdigit():
            atencion = (
                registro.atenciones_visibles(self.request.user)
                .select_related("ventanilla__estado")
                .filter(pk=guardada)
                .first()
            )
            if atencion:
                urgentes = registro.urgencias(atencion)
                contexto["guardada"] = atencion
                contexto["urgentes"] = urgentes
                contexto["directorio_guardada"] = registro.directorio_de_canalizacion(
                    estado=atencion.ventanilla.estado
                )
        # Directorio de cada estado de las ventanillas de la cuenta, para mostrarlo al marcar
        # una situación urgente (sin JavaScript, con CSS :has()).
        contexto["directorios"] = [
            (v, registro.directorio_de_canalizacion(estado=v.estado)) for v in ventanillas
        ]
        contexto["urgentes_campos"] = [b.campo for b in registro.VULNERABILIDADES if b.urgente_a]
        return contexto


@method_decorator(never_cache, name="dispatch")
class AtencionesView(PersonalMixin, PaginaMixin, TemplateView):
    """Las atenciones registradas que esta cuenta puede ver (las de su ventanilla)."""

    template_name = "ventanillas/atenciones.html"
    titulo = _("Atenciones registradas")

    def get_migas(self):
        return []

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        atenciones = registro.atenciones_visibles(self.request.user)
        contexto["pagina"] = Paginator(atenciones, 50).get_page(self.request.GET.get("page"))
        return contexto


# ---------------------------------------------------------------------------------------------
# Protección internacional (COMAR) y otras instituciones: no son trámites del INM.


class ProteccionView(PaginaMixin, TemplateView):
    template_name = "ventanillas/proteccion.html"
    titulo = _("Protección internacional (refugio)")

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        version = cache_paginas.version()

        def calcular():
            hechos = proteccion.hechos()
            oficinas = proteccion.oficinas()
            return {
                "hechos": hechos,
                "resumen": proteccion.resumen({h.clave: h for h in hechos}),
                "oficinas": oficinas,
                "contenido_sin_traducir": falta_traduccion(*hechos, *oficinas),
                "contenido_traducido": hay_traduccion(*hechos, *oficinas),
            }

        # Solo depende del contenido y del idioma (el resumen ya va traducido): se lee una vez
        # por versión, y la plantilla guarda el cuerpo ya dibujado.
        contexto.update(
            cache_paginas.calculado(f"proteccion:{get_language()}", version, calcular),
            version_contenido=version,
        )
        return contexto


class InstitucionesView(PaginaMixin, TemplateView):
    template_name = "ventanillas/instituciones.html"
    titulo = _("Otras instituciones que ayudan")
    niveles = ((_("Protección internacional (refugio)"), "proteccion:inicio"),)

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        version = cache_paginas.version()

        def calcular():
            entradas = proteccion.instituciones()
            cargadas = [e.institucion for e in entradas if e.institucion]
            return {
                "instituciones": entradas,
                "contenido_sin_traducir": falta_traduccion(*cargadas),
                "contenido_traducido": hay_traduccion(*cargadas),
            }

        # Como la protección internacional: una vez por versión e idioma, el cuerpo ya dibujado.
        contexto.update(
            cache_paginas.calculado(
                f"proteccion:instituciones:{get_language()}", version, calcular
            ),
            version_contenido=version,
        )
        return contexto
