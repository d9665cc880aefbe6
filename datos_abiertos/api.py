"""Raíz de la API pública (/api/v1/): su índice, su contrato OpenAPI y los conjuntos de datos.

Vive aquí porque datos_abiertos es la capa que puede conocer las APIs de trámites y de
ventanillas (pyproject.toml, contratos de capas). Contrato en datos_abiertos/openapi.py.
"""

from django.http import HttpResponsePermanentRedirect, QueryDict
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from config.api import (
    PARAMETROS_PAGINA,
    desconocidos,
    errores_de_formulario,
    no_encontrado,
    paginar,
    parametros_invalidos,
    respuesta_json,
    vista_api,
)
from datos_abiertos import consultas, export, filters, metadatos, openapi
from datos_abiertos.models import ConjuntoDatos

TODOS_LOS_METODOS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


@vista_api
def indice(request):
    return respuesta_json(openapi.indice(request))


@vista_api
def documento_openapi(request):
    return respuesta_json(openapi.documento(request))


@vista_api(metodos=TODOS_LOS_METODOS)
def no_encontrada(request, ruta=""):
    """Toda dirección desconocida bajo /api/v1/ responde en JSON, no con la página HTML."""
    if request.method in ("GET", "HEAD") and not request.path_info.endswith("/"):
        # Como APPEND_SLASH: /api/v1/tramites lleva a /api/v1/tramites/.
        try:
            con_diagonal = resolve(request.path_info + "/")
        except Resolver404:
            con_diagonal = None
        if con_diagonal is not None and con_diagonal.url_name != "no_encontrada":
            consulta = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{consulta}" if consulta else "")
            )
    raise no_encontrado(
        _("Esta dirección no existe en la API. La lista de direcciones está en %(indice)s.")
        % {"indice": request.build_absolute_uri(reverse("api:indice"))}
    )


def _conjunto(slug: str) -> ConjuntoDatos:
    conjunto = ConjuntoDatos.objects.publicados().filter(slug=slug).first()
    if conjunto is None:
        raise no_encontrado(
            _("No hay un conjunto de datos publicado con el identificador «%(slug)s».")
            % {"slug": slug}
        )
    return conjunto


def _absoluta(request, nombre: str, slug: str) -> str:
    return request.build_absolute_uri(reverse(nombre, args=[slug]))


def resumen_conjunto(request, conjunto: ConjuntoDatos) -> dict:
    """Lo que trae la lista; el detalle trae lo mismo, con los mismos valores, y más."""
    url_oficial = metadatos.url_cifras_oficiales(conjunto, request)
    return {
        "slug": conjunto.slug,
        "titulo": conjunto.titulo,
        "descripcion": conjunto.descripcion,
        "tema": conjunto.tema,
        "unidad": conjunto.unidad,
        "publicador": conjunto.publicador,
        "fuente_oficial": url_oficial,
        "licencia": {"nombre": conjunto.licencia, "url": conjunto.licencia_url},
        "periodo": {
            "inicio": f"{conjunto.periodo_inicio:%Y-%m}" if conjunto.periodo_inicio else None,
            "fin": f"{conjunto.periodo_fin:%Y-%m}" if conjunto.periodo_fin else None,
        },
        "filas": conjunto.filas,
        # Una cifra de muestra nunca pasa por oficial: el aviso viaja con el conjunto.
        "muestra": conjunto.es_muestra,
        "filas_muestra": conjunto.filas_muestra,
        "aviso": (
            metadatos.aviso_muestra(
                url_oficial=url_oficial, url_metodo=metadatos.url_metodo_muestra(request)
            )
            if conjunto.es_muestra
            else None
        ),
        "version": conjunto.version,
        "actualizado": conjunto.actualizado.isoformat() if conjunto.actualizado else None,
        "descargas": {
            "csv": _absoluta(request, "datos_abiertos:descarga_csv", conjunto.slug),
            "json": _absoluta(request, "datos_abiertos:descarga_json", conjunto.slug),
            "parquet": _absoluta(request, "datos_abiertos:descarga_parquet", conjunto.slug),
            # Como en la página: si el conjunto completo no cabe en una hoja, no hay enlace
            # (filtrado sí puede caber: la misma dirección con filtros).
            "xlsx": (
                None
                if conjunto.filas > export.LIMITE_HOJA
                else _absoluta(request, "datos_abiertos:descarga_xlsx", conjunto.slug)
            ),
            "diccionario_csv": _absoluta(request, "datos_abiertos:diccionario_csv", conjunto.slug),
        },
        "url": _absoluta(request, "api:conjuntos_detalle", conjunto.slug),
        "observaciones": _absoluta(request, "api:conjuntos_observaciones", conjunto.slug),
        "pagina": request.build_absolute_uri(conjunto.get_absolute_url()),
    }


def _valores(opciones) -> list[dict]:
    return [{"codigo": str(codigo), "nombre": str(nombre)} for codigo, nombre in opciones]


def conjunto_a_dict(request, conjunto: ConjuntoDatos) -> dict:
    datos = resumen_conjunto(request, conjunto)
    filtro = filters.filtro_para(conjunto, QueryDict(), descarga=True)
    datos["columnas"] = [
        {
            "nombre": c.nombre,
            "tipo": c.tipo,
            "titulo": str(c.titulo),
            "descripcion": str(c.descripcion),
            "unidades": c.unidades or None,
            "valores": _valores(c.valores),
        }
        for c in metadatos.columnas(conjunto)
    ]
    datos["filtros"] = [
        {
            "parametro": nombre,
            "titulo": str(definicion.label),
            "formato": "AAAA-MM" if nombre in ("desde", "hasta") else None,
            "valores": _valores(definicion.extra.get("choices", [])),
        }
        for nombre, definicion in filtro.filters.items()
    ]
    return datos


@vista_api
def conjuntos_lista(request):
    conjuntos = ConjuntoDatos.objects.publicados()
    return respuesta_json({"conjuntos": [resumen_conjunto(request, c) for c in conjuntos]})


@vista_api
def conjuntos_detalle(request, slug):
    return respuesta_json(conjunto_a_dict(request, _conjunto(slug)))


@vista_api
def observaciones(request, slug):
    conjunto = _conjunto(slug)
    # Los mismos filtros que la descarga; lo demás (páginas, idioma) no llega al formulario.
    nombres = filters.filtro_para(conjunto, QueryDict(), descarga=True).filters
    datos = QueryDict(mutable=True)
    for nombre in nombres:
        if nombre in request.GET:
            datos.setlist(nombre, request.GET.getlist(nombre))
    filtro = filters.filtro_para(conjunto, datos, descarga=True)
    errores = desconocidos(request, {*nombres, *PARAMETROS_PAGINA})
    if errores or not filtro.is_valid():
        raise parametros_invalidos(errores + errores_de_formulario(filtro.form))
    busquedas = filters.filtros_validos(filtro)
    # Sin filtros, la carga ya contó las filas; con filtros, una sola cuenta.
    total = consultas.observaciones(conjunto, busquedas).count() if busquedas else conjunto.filas
    pagina = paginar(request, total=total)
    url_oficial = metadatos.url_cifras_oficiales(conjunto, request)
    url_muestra = metadatos.url_metodo_muestra(request)
    return respuesta_json(
        {
            "conjunto": conjunto.slug,
            "filtros": filters.filtros_como_texto(filtro),
            "aviso": (
                metadatos.aviso_muestra(url_oficial=url_oficial, url_metodo=url_muestra)
                if conjunto.es_muestra
                else None
            ),
            "observaciones": list(
                export.objetos(
                    conjunto, busquedas, url_oficial, tramo=pagina.tramo, url_muestra=url_muestra
                )
            ),
            "paginacion": pagina.a_dict(request),
        }
    )
