from http import HTTPStatus

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.decorators import decorator_from_middleware
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.gzip import gzip_page
from django.views.generic import TemplateView

from config.paginas import Miga, PaginaMixin
from datos_abiertos import (
    consultas,
    export,
    filters,
    fragmentos,
    graficas,
    metadatos,
    presentacion,
    series,
)
from datos_abiertos.models import ConjuntoDatos, SeriePublicada

NIVEL_DATOS = ((gettext_lazy("Datos abiertos"), "datos_abiertos:catalogo"),)


class CuerpoHechoMixin:
    """El cuerpo de la página (`plantilla_cuerpo`) sale hecho de fragmentos.py.

    Lo caro de calcular va en `contexto_cuerpo`, que solo corre cuando hay que hacer el cuerpo
    (primera visita de esa dirección con esa versión del contenido).
    """

    plantilla_cuerpo = ""

    def contexto_cuerpo(self) -> dict:
        return {}

    def partes_clave(self) -> tuple:
        return ()

    def hacer_cuerpo(self, contexto) -> str:
        contexto.update(self.contexto_cuerpo())
        return render_to_string(self.plantilla_cuerpo, contexto, self.request)

    def con_cuerpo(self, contexto) -> dict:
        clave = fragmentos.clave(self.plantilla_cuerpo, self.request, *self.partes_clave())
        contexto["cuerpo"] = fragmentos.cuerpo(clave, lambda: self.hacer_cuerpo(contexto))
        return contexto

    def get(self, request, *args, **kwargs):
        contexto = self.con_cuerpo(self.get_context_data(**kwargs))
        return self.render_to_response(contexto)


class CatalogoView(CuerpoHechoMixin, PaginaMixin, TemplateView):
    template_name = "datos_abiertos/catalogo.html"
    plantilla_cuerpo = "datos_abiertos/_catalogo.html"
    titulo = gettext_lazy("Datos abiertos")

    def contexto_cuerpo(self):
        conjuntos = list(ConjuntoDatos.objects.publicados())
        return {
            "conjuntos": conjuntos,
            "series": SeriePublicada.objects.annotate(anios=Count("valores")),
            "hay_muestra": any(c.es_muestra for c in conjuntos),
            "url_oficial": metadatos.catalogos.leer_fixture()["url_cifras_oficiales"],
            "licencia": metadatos.catalogos.leer_fixture()["licencia"],
        }

    def get_ultima_actualizacion(self):
        return ConjuntoDatos.objects.publicados().aggregate(ultima=Max("actualizado"))["ultima"]


class MuestraView(CuerpoHechoMixin, PaginaMixin, TemplateView):
    """Cómo se generan los datos de muestra: a esta página remite cada fila de muestra."""

    template_name = "datos_abiertos/muestra.html"
    plantilla_cuerpo = "datos_abiertos/_muestra.html"
    titulo = gettext_lazy("Cómo se generan los datos de muestra")
    niveles = NIVEL_DATOS

    def contexto_cuerpo(self):
        return {
            "conjuntos": [c for c in ConjuntoDatos.objects.publicados() if c.es_muestra],
            "url_oficial": metadatos.catalogos.leer_fixture()["url_cifras_oficiales"],
        }


class SerieView(CuerpoHechoMixin, PaginaMixin, TemplateView):
    """Una serie anual de cifras reales: gráfica, tabla con fuente y postura, diccionario."""

    template_name = "datos_abiertos/serie.html"
    plantilla_cuerpo = "datos_abiertos/_serie.html"
    niveles = NIVEL_DATOS

    def dispatch(self, request, *args, slug, **kwargs):
        self.serie = get_object_or_404(SeriePublicada, slug=slug)
        return super().dispatch(request, *args, **kwargs)

    def get_titulo(self):
        return self.serie.titulo

    def contexto_cuerpo(self):
        contexto = {}
        filas = series.filas(self.serie)
        contexto["serie"] = self.serie
        contexto["filas"] = filas
        contexto["grafica"] = graficas.barras(
            [(str(f.anio), str(f.anio), f.valor) for f in filas], en_orden=True
        )
        contexto["hay_secundarias"] = any(not f.respaldo.oficial for f in filas)
        return contexto


def serie_csv(request, slug):
    serie = get_object_or_404(SeriePublicada, slug=slug)
    respuesta = HttpResponse(series.como_csv(serie), content_type=export.TIPOS["csv"])
    respuesta["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{serie.slug}.csv"
    )
    return respuesta


class ConConjuntoMixin(PaginaMixin):
    niveles = NIVEL_DATOS

    def dispatch(self, request, *args, slug, **kwargs):
        self.conjunto = consultas.publicado(slug)
        if self.conjunto is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_ultima_actualizacion(self):
        return self.conjunto.actualizado


class ConjuntoView(CuerpoHechoMixin, ConConjuntoMixin, TemplateView):
    template_name = "datos_abiertos/conjunto.html"
    plantilla_cuerpo = "datos_abiertos/_conjunto.html"

    def get_titulo(self):
        return self.conjunto.titulo

    def partes_clave(self):
        # La cita dice la fecha de consulta; los datos, su versión.
        return (self.conjunto.version, self.hoy.isoformat())

    def contexto_cuerpo(self):
        filtro = filters.filtro_para(self.conjunto, self.request.GET)
        contexto = {
            "ignorados": filters.desconocidos(
                self.request.GET, filtro, filters.PARAMETROS_PAGINA | filters.PARAMETROS_DESCARGA
            )
        }
        argumentos = {
            "numero_pagina": self.request.GET.get("page"),
            "url_absoluta": self.request.build_absolute_uri(),
            "hoy": self.hoy,
            "request": self.request,
        }
        try:
            contexto.update(presentacion.pagina_conjunto(self.conjunto, filtro, **argumentos))
        except presentacion.PaginaInvalida as error:
            contexto.update(
                presentacion.pagina_conjunto(
                    self.conjunto, filtro, **{**argumentos, "numero_pagina": 1}
                )
            )
            contexto["error_pagina"] = str(error)
            self.estado = HTTPStatus.NOT_FOUND
        if not filtro.is_valid():
            self.estado = HTTPStatus.BAD_REQUEST
        return contexto

    def get(self, request, *args, **kwargs):
        self.hoy = timezone.localdate()
        # Solo un cuerpo con 200 se guarda: un error se arma en cada visita.
        self.estado = HTTPStatus.OK
        contexto = self.get_context_data(**kwargs)
        contexto["conjunto"] = self.conjunto
        clave = fragmentos.clave(self.plantilla_cuerpo, request, *self.partes_clave())
        cuerpo = fragmentos.leer(clave)
        if cuerpo is None:
            cuerpo = self.hacer_cuerpo(contexto)
            if self.estado == HTTPStatus.OK:
                fragmentos.guardar(clave, cuerpo)
        contexto["cuerpo"] = cuerpo
        return self.render_to_response(contexto, status=self.estado)


class DiccionarioView(CuerpoHechoMixin, ConConjuntoMixin, TemplateView):
    template_name = "datos_abiertos/diccionario.html"
    plantilla_cuerpo = "datos_abiertos/_diccionario.html"

    def get_titulo(self):
        return _("Diccionario de datos: %(titulo)s") % {"titulo": self.conjunto.titulo}

    def get_migas(self):
        return super().get_migas() + [Miga(self.conjunto.titulo, self.conjunto.get_absolute_url())]

    def partes_clave(self):
        return (self.conjunto.version,)

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["conjunto"] = self.conjunto
        return contexto

    def contexto_cuerpo(self):
        contexto = {}
        contexto["columnas"] = metadatos.columnas(self.conjunto)
        contexto["url_oficial"] = metadatos.url_cifras_oficiales(self.conjunto, self.request)
        return contexto


# Condicional por dentro y gzip por fuera, como en MIDDLEWARE de Django: el 304 se decide con
# el ETag de la exportación y gzip solo lo vuelve débil (W/) al comprimir.
condicional = decorator_from_middleware(ConditionalGetMiddleware)


def respuesta_descarga(exportacion: export.Exportacion) -> HttpResponse:
    """Envía una exportación como archivo adjunto: en flujo si viene en trozos.

    De una descarga en flujo no se sabe el tamaño hasta terminarla; se recuerda para anunciarlo
    (Content-Length) a quien pida el mismo archivo después, y el navegador muestre el avance.
    """
    if isinstance(exportacion.contenido, bytes):
        respuesta = HttpResponse(exportacion.contenido, content_type=exportacion.tipo)
    else:
        clave = f"datos:tamano:{exportacion.etag}"
        tamano = cache.get(clave)
        respuesta = StreamingHttpResponse(
            _contar_y_recordar(exportacion.contenido, clave), content_type=exportacion.tipo
        )
        if tamano is not None:
            respuesta["Content-Length"] = str(tamano)
    respuesta["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=exportacion.nombre_archivo
    )
    respuesta["ETag"] = exportacion.etag
    respuesta["Cache-Control"] = "public, max-age=300"
    # También en el 304, que sale antes de que gzip la agregue.
    patch_vary_headers(respuesta, ["Accept-Encoding"])
    if exportacion.filtros:
        respuesta["X-Datos-Filtros"] = urlencode(exportacion.filtros)
    if exportacion.muestra:
        respuesta["X-Datos-De-Muestra"] = "1"
    return respuesta


def _contar_y_recordar(contenido, clave: str):
    """Pasa los trozos tal cual y, si la descarga termina, recuerda su tamaño en bytes."""
    tamano = 0
    for trozo in contenido:
        tamano += len(trozo)
        yield trozo
    cache.set(clave, tamano, 24 * 3600)


def _error_descarga(mensajes: list[str]) -> HttpResponse:
    texto = (
        _("No se pudo preparar la descarga:") + "\n" + "\n".join(f"- {m}" for m in mensajes) + "\n"
    )
    return HttpResponse(
        texto, status=HTTPStatus.BAD_REQUEST, content_type="text/plain; charset=utf-8"
    )


@gzip_page
@condicional
def diccionario_csv(request, slug):
    conjunto = get_object_or_404(ConjuntoDatos.objects.publicados(), slug=slug)
    return respuesta_descarga(export.exportar_diccionario(conjunto=conjunto))


@gzip_page
@condicional
def descarga(request, slug, formato):
    """CSV, JSON, Parquet o XLSX del conjunto: completo, o exactamente las filas filtradas."""
    conjunto = get_object_or_404(ConjuntoDatos.objects.publicados(), slug=slug)
    filtro = filters.filtro_para(conjunto, request.GET, descarga=True)
    if not filtro.is_valid():
        return _error_descarga(filtro.form.mensajes())
    if formato == "xlsx":
        filas = consultas.contar(conjunto, filters.filtros_validos(filtro))
        if filas > export.LIMITE_HOJA:
            return _error_descarga([presentacion.mensaje_limite_hoja(filas)])
    exportacion = export.exportar(
        conjunto=conjunto,
        formato=formato,
        filtros=filters.filtros_validos(filtro),
        filtros_texto=filters.filtros_como_texto(filtro),
        url_oficial=metadatos.url_cifras_oficiales(conjunto, request),
        url_conjunto=request.build_absolute_uri(conjunto.get_absolute_url()),
        bom=filtro.form.cleaned_data["bom"],
        url_muestra=metadatos.url_metodo_muestra(request),
    )
    return respuesta_descarga(exportacion)


def datapackage(request):
    conjuntos = list(ConjuntoDatos.objects.publicados())
    fecha = max((c.actualizado for c in conjuntos if c.actualizado), default=None)
    datos = metadatos.datapackage(
        conjuntos, request=request, version=fecha.date().isoformat() if fecha else "0"
    )
    return JsonResponse(datos, json_dumps_params={"ensure_ascii": False, "indent": 1})


def catalogo_dcat(request):
    datos = metadatos.dcat(list(ConjuntoDatos.objects.publicados()), request=request)
    return JsonResponse(
        datos,
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
