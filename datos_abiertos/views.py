import csv
import hashlib
import io
import json
from http import HTTPStatus

from django.core.cache import cache
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from config.paginas import Miga, PaginaMixin
from datos_abiertos import export, filters, metadatos, presentacion
from datos_abiertos.models import ConjuntoDatos

NIVEL_DATOS = ((gettext_lazy("Datos abiertos"), "datos_abiertos:catalogo"),)


class CatalogoView(PaginaMixin, TemplateView):
    template_name = "datos_abiertos/catalogo.html"
    titulo = gettext_lazy("Datos abiertos")

    def get_context_data(self, **kwargs):
        self.conjuntos = list(ConjuntoDatos.objects.publicados())
        contexto = super().get_context_data(**kwargs)
        contexto["conjuntos"] = self.conjuntos
        contexto["hay_muestra"] = any(c.es_muestra for c in self.conjuntos)
        contexto["url_oficial"] = metadatos.catalogos.leer_fixture()["url_cifras_oficiales"]
        contexto["licencia"] = metadatos.catalogos.leer_fixture()["licencia"]
        return contexto

    def get_ultima_actualizacion(self):
        return max((c.actualizado for c in self.conjuntos if c.actualizado), default=None)


class ConConjuntoMixin(PaginaMixin):
    niveles = NIVEL_DATOS

    def dispatch(self, request, *args, slug, **kwargs):
        self.conjunto = get_object_or_404(ConjuntoDatos.objects.publicados(), slug=slug)
        return super().dispatch(request, *args, **kwargs)

    def get_ultima_actualizacion(self):
        return self.conjunto.actualizado


class ConjuntoView(ConConjuntoMixin, TemplateView):
    template_name = "datos_abiertos/conjunto.html"

    def get_titulo(self):
        return self.conjunto.titulo

    def get(self, request, *args, **kwargs):
        filtro = filters.filtro_para(self.conjunto, request.GET)
        estado = HTTPStatus.OK if filtro.is_valid() else HTTPStatus.BAD_REQUEST
        contexto = self.get_context_data(**kwargs)
        contexto["ignorados"] = filters.desconocidos(
            request.GET, filtro, filters.PARAMETROS_PAGINA | filters.PARAMETROS_DESCARGA
        )
        argumentos = {
            "numero_pagina": request.GET.get("page"),
            "url_absoluta": request.build_absolute_uri(),
            "hoy": timezone.localdate(),
            "request": request,
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
            estado = HTTPStatus.NOT_FOUND
        return self.render_to_response(contexto, status=estado)


class DiccionarioView(ConConjuntoMixin, TemplateView):
    template_name = "datos_abiertos/diccionario.html"

    def get_titulo(self):
        return _("Diccionario de datos: %(titulo)s") % {"titulo": self.conjunto.titulo}

    def get_migas(self):
        return super().get_migas() + [Miga(self.conjunto.titulo, self.conjunto.get_absolute_url())]

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["conjunto"] = self.conjunto
        contexto["columnas"] = metadatos.columnas(self.conjunto)
        contexto["url_oficial"] = metadatos.url_cifras_oficiales(self.conjunto, self.request)
        return contexto


def diccionario_csv(request, slug):
    conjunto = get_object_or_404(ConjuntoDatos.objects.publicados(), slug=slug)
    texto = io.StringIO()
    csv.writer(texto, lineterminator="\n").writerows(metadatos.diccionario_csv_filas(conjunto))
    respuesta = HttpResponse(texto.getvalue().encode(), content_type="text/csv; charset=utf-8")
    respuesta["Content-Disposition"] = f'attachment; filename="{conjunto.slug}-diccionario.csv"'
    respuesta["Content-Length"] = len(respuesta.content)
    return respuesta


def _acepta_gzip(request) -> bool:
    for parte in request.headers.get("Accept-Encoding", "").split(","):
        nombre, _sep, parametros = parte.strip().partition(";")
        if nombre.strip().lower() == "gzip":
            return parametros.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _error_descarga(mensajes: list[str]) -> HttpResponse:
    texto = (
        _("No se pudo preparar la descarga:") + "\n" + "\n".join(f"- {m}" for m in mensajes) + "\n"
    )
    return HttpResponse(
        texto, status=HTTPStatus.BAD_REQUEST, content_type="text/plain; charset=utf-8"
    )


def _contar_y_recordar(contenido, clave: str):
    """Pasa los trozos tal cual y, si la descarga termina, recuerda su tamaño en bytes."""
    tamano = 0
    for trozo in contenido:
        tamano += len(trozo)
        yield trozo
    cache.set(clave, tamano, 24 * 3600)


def descarga(request, slug, formato):
    """CSV, JSON o Parquet de exactamente las filas filtradas, en flujo."""
    conjunto = get_object_or_404(ConjuntoDatos.objects.publicados(), slug=slug)
    filtro = filters.filtro_para(conjunto, request.GET)
    mensajes = [
        _("«%(nombre)s» no es un filtro de este conjunto.") % {"nombre": nombre}
        for nombre in filters.desconocidos(
            request.GET, filtro, filters.PARAMETROS_PAGINA | filters.PARAMETROS_DESCARGA
        )
    ]
    bom = request.GET.get("bom", "0")
    if bom not in ("0", "1"):
        mensajes.append(_("Use bom=1 para agregar la marca BOM que Excel necesita, o no lo ponga."))
    if not filtro.is_valid():
        for nombre, errores in filtro.form.errors.items():
            etiqueta = filtro.form.fields[nombre].label if nombre in filtro.form.fields else nombre
            mensajes += [f"{etiqueta}: {e}" for e in errores]
    if mensajes:
        return _error_descarga(mensajes)
    filtros = filters.filtros_validos(filtro)
    url_oficial = metadatos.url_cifras_oficiales(conjunto, request)
    aviso = metadatos.aviso_muestra(conjunto, request) if conjunto.es_muestra else ""
    if formato == "csv":
        exportacion = export.exportar_csv(
            conjunto=conjunto, filtros=filtros, url_oficial=url_oficial, bom=bom == "1"
        )
    elif formato == "json":
        exportacion = export.exportar_json(
            conjunto=conjunto,
            filtros=filtros,
            filtros_texto=presentacion.filtros_como_texto(filtro),
            url_oficial=url_oficial,
            url_conjunto=request.build_absolute_uri(conjunto.get_absolute_url()),
            aviso=aviso,
        )
    else:
        exportacion = export.exportar_parquet(
            conjunto=conjunto, filtros=filtros, url_oficial=url_oficial, aviso=aviso
        )
    huella = hashlib.sha1(
        json.dumps(
            [formato, bom, sorted(filtros.items()), url_oficial, request.LANGUAGE_CODE], default=str
        ).encode(),
        usedforsecurity=False,
    ).hexdigest()
    clave = f"datos:tamano:{conjunto.pk}:{conjunto.version}:{huella}"
    contenido = exportacion.contenido
    comprimido = _acepta_gzip(request)
    if comprimido:
        contenido = export.comprimir(contenido)
    else:
        tamano = cache.get(clave)
        contenido = _contar_y_recordar(contenido, clave)
    respuesta = StreamingHttpResponse(contenido, content_type=exportacion.tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{exportacion.nombre_archivo}"'
    respuesta["Vary"] = "Accept-Encoding"
    respuesta["Cache-Control"] = "public, max-age=300"
    respuesta["ETag"] = f'"{conjunto.version}-{huella[:16]}{"-gz" if comprimido else ""}"'
    if comprimido:
        respuesta["Content-Encoding"] = "gzip"
    elif tamano is not None:
        respuesta["Content-Length"] = str(tamano)
    if conjunto.es_muestra:
        respuesta["X-Datos-De-Muestra"] = "1"
    return respuesta


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
