"""Lo que muestra la página de un conjunto filtrado: opciones con totales, gráficas, tablas, cita.

Recibe el conjunto y el formulario de filtros ya validado; devuelve un diccionario listo para
la plantilla. Las cifras salen de consultas.resumir (con caché) y la página de filas, de una
sola consulta.
"""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from config import cache_paginas
from datos_abiertos import catalogos, consultas, export, graficas, metadatos
from datos_abiertos import cubo as cubos
from datos_abiertos.filters import filtros_como_texto, filtros_validos
from datos_abiertos.models import ConjuntoDatos

POR_PAGINA = 50

MESES_CORTOS = [
    gettext_lazy("ene"),
    gettext_lazy("feb"),
    gettext_lazy("mar"),
    gettext_lazy("abr"),
    gettext_lazy("may"),
    gettext_lazy("jun"),
    gettext_lazy("jul"),
    gettext_lazy("ago"),
    gettext_lazy("sep"),
    gettext_lazy("oct"),
    gettext_lazy("nov"),
    gettext_lazy("dic"),
]


def cifra(valor) -> str:
    """Entero con separador de miles: 1231320 → «1,231,320»; vacío si no hay valor."""
    if valor is None or valor == "":
        return ""
    return f"{int(valor):,}"


def mensaje_limite_hoja(filas: int) -> str:
    return _(
        "Estas %(filas)s filas no caben en una hoja de cálculo (admite %(limite)s): descargue "
        "CSV o Parquet, o filtre menos filas."
    ) % {"filas": f"{filas:,}", "limite": f"{export.LIMITE_HOJA:,}"}


class PaginaInvalida(Exception):
    """El número de página pedido no existe; el mensaje dice cuáles hay."""


def nombre_mes(fecha: date, formato: str = "YEAR_MONTH_FORMAT") -> str:
    texto = formats.date_format(fecha, formato)
    return texto.lower() if (get_language() or "es").startswith("es") else texto


def _etiquetar_opciones(filtro, conjunto: ConjuntoDatos, resumen: consultas.Resumen) -> None:
    """Pone el total de cada opción en la lista desplegable («Chiapas (12,345)»)."""
    for nombre, dimension in filtro.parametros.items():
        campo = filtro.form.fields[nombre]
        totales = resumen.facetas.get(dimension, {})
        elegido = filtro.form.cleaned_data.get(nombre) if filtro.form.is_valid() else None
        opciones = catalogos.opciones(conjunto, dimension)
        if dimension == "nacionalidad":
            presentes = set(conjunto.valores.get("nacionalidad", [])) | (
                {elegido} if elegido else set()
            )
            opciones = [o for o in opciones if o[0] in presentes]
        if dimension != "indicador":
            # django-filter antepone la opción vacía con este texto.
            campo.empty_label = _("Todas (%(total)s)") % {"total": f"{sum(totales.values()):,}"}
        campo.choices = [
            (codigo, f"{texto} ({totales.get(codigo, 0):,})") for codigo, texto in opciones
        ]


def _tabla_anual(serie: list, inicio: date, fin: date) -> list[dict]:
    """La serie como tabla: una fila por año, una columna por mes y el total."""
    valores = {p: v for p, v, _n in serie}
    filas = []
    for anio in range(inicio.year, fin.year + 1):
        meses = []
        for mes in range(1, 13):
            fecha = date(anio, mes, 1)
            meses.append(valores.get(fecha, 0) if inicio <= fecha <= fin else None)
        filas.append({"anio": anio, "meses": meses, "total": sum(v for v in meses if v)})
    return filas


def _filas_tabla(pagina, conjunto: ConjuntoDatos) -> list[str]:
    """Cada fila de la tabla ya en HTML (`<tr>…</tr>`). Con 50 filas de ocho celdas, pintarlas
    con el motor de plantillas era un cuarto del tiempo de la primera visita de un filtro."""
    dimensiones = consultas.dimensiones_filtrables(conjunto)
    suprimido = format_html('<span class="ms-texto-secundario">{}</span>', _("suprimido"))
    origen = {True: escape(_("Muestra")), False: escape(_("Publicada"))}
    filas = []
    for fila in pagina.object_list:
        celdas = "".join(
            f"<td>{escape(catalogos.etiqueta(conjunto, d, fila[d]) or '—')}</td>"
            for d in dimensiones
        )
        valor = suprimido if fila["suprimido"] else cifra(fila["valor"])
        filas.append(
            mark_safe(  # noqa: S308 - cada texto va escapado arriba
                f"<tr><td>{fila['periodo']:%Y-%m}</td>{celdas}"
                f'<td class="ms-tabla__numero">{valor}</td>'
                f"<td>{origen[bool(fila['es_muestra'])]}</td></tr>"
            )
        )
    return filas


def _desglose_cifra(conjunto: ConjuntoDatos, cifra) -> str:
    partes = []
    if cifra.categoria:
        partes.append(catalogos.etiqueta(conjunto, "categoria", cifra.categoria))
    if cifra.dimension:
        partes.append(catalogos.etiqueta(conjunto, cifra.dimension, cifra.codigo))
    return " · ".join(partes) or _("Total")


def cifras_html(conjunto: ConjuntoDatos) -> str:
    """La tabla de cifras publicadas del conjunto, hecha una vez por versión del contenido e
    idioma: no depende de los filtros, y con sus fuentes y fechas eran unos 5 ms por página."""

    def hacer() -> str:
        cifras = [
            (cifra, _desglose_cifra(conjunto, cifra))
            for cifra in conjunto.cifras.select_related("fuente")
        ]
        if not cifras:
            return ""
        return render_to_string("datos_abiertos/_cifras_conjunto.html", {"cifras": cifras})

    idioma = get_language()
    return cache_paginas.calculado(
        f"datos:cifras:{conjunto.pk}:{idioma}", cache_paginas.version(), hacer
    )


class FilasDelCubo:
    """Las filas filtradas, en el orden de la tabla, para el paginador: el cubo sabe qué ids
    tiene la página pedida y la base las lee por su clave primaria.

    Con 1.7 millones de filas, pedir a la base «las 50 siguientes con estos filtros, en orden»
    recorría el índice de la celda filtrando fila por fila hasta juntar 50 (cientos de ms con
    una combinación rara); aquí son una máscara en memoria y 50 lecturas por clave.
    """

    def __init__(self, cubo, filtros: dict, consulta, total: int):
        self.cubo, self.filtros, self.consulta, self.total = cubo, filtros, consulta, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, tramo: slice) -> list[dict]:
        ids = cubos.ids(self.cubo, self.filtros, tramo.start, tramo.stop)
        filas = {f["id"]: f for f in self.consulta.filter(pk__in=ids)}
        return [filas[i] for i in ids]


def _filas(conjunto: ConjuntoDatos, filtros: dict, campos: list, total: int):
    cubo = cubos.leer(conjunto.pk, conjunto.version)
    if cubo is not None and cubo.ids is not None:
        consulta = consultas.observaciones(conjunto, {}).order_by().values("id", *campos)
        return FilasDelCubo(cubo, filtros, consulta, total)
    return consultas.ordenadas(conjunto, filtros).values(*campos)


@dataclass
class Cita:
    texto: str
    url: str
    muestra: bool


def pagina_conjunto(
    conjunto: ConjuntoDatos, filtro, *, numero_pagina, url_absoluta: str, hoy: date, request=None
) -> dict:
    """El contexto de la página del conjunto. Lanza PaginaInvalida si la página no existe."""
    contexto = {"conjunto": conjunto, "filtro": filtro, "form": filtro.form}
    contexto["cifras_html"] = cifras_html(conjunto)
    contexto["meses_cortos"] = MESES_CORTOS
    contexto["url_oficial"] = metadatos.url_cifras_oficiales(conjunto, request)
    contexto["aviso_muestra"] = (
        metadatos.aviso_muestra(
            url_oficial=contexto["url_oficial"], url_metodo=metadatos.url_metodo_muestra(request)
        )
        if conjunto.es_muestra
        else ""
    )
    contexto["columnas"] = [filtro.filters[nombre].label for nombre in filtro.parametros]
    if not filtro.is_valid():
        # Sin filtros válidos no se muestran cifras: solo el formulario con sus errores.
        base = (
            consultas.Resumen.de_json(conjunto.resumen) if conjunto.resumen else consultas.Resumen()
        )
        _etiquetar_opciones(filtro, conjunto, base)
        return contexto
    filtros = filtros_validos(filtro)
    resumen = consultas.resumir(conjunto, filtros)
    _etiquetar_opciones(filtro, conjunto, resumen)
    contexto["resumen"] = resumen
    contexto["consulta_descarga"] = urlencode(filtros_como_texto(filtro))
    if resumen.filas > export.LIMITE_HOJA:
        contexto["xlsx_no_cabe"] = mensaje_limite_hoja(resumen.filas)

    inicio = (
        max(filtros.get("periodo__gte") or conjunto.periodo_inicio, conjunto.periodo_inicio)
        if conjunto.periodo_inicio
        else None
    )
    fin = (
        min(filtros.get("periodo__lte") or conjunto.periodo_fin, conjunto.periodo_fin)
        if conjunto.periodo_fin
        else None
    )
    if resumen.filas and inicio and fin and inicio <= fin:
        contexto["grafica_serie"] = graficas.serie(
            {p: v for p, v, _n in resumen.serie}, inicio, fin
        )
        contexto["tabla_serie"] = _tabla_anual(resumen.serie, inicio, fin)
        contexto["inicio"], contexto["fin"] = inicio, fin

    nombre_desglose = filtro.form.cleaned_data.get("desglose")
    if nombre_desglose and resumen.filas:
        dimension = filtro.parametros[nombre_desglose]
        totales = consultas.desglose(resumen, conjunto, filtros, dimension)
        filas = [(c, catalogos.etiqueta(conjunto, dimension, c), v) for c, v in totales.items()]
        contexto["desglose"] = {
            "titulo": filtro.filters[nombre_desglose].label,
            "grafica": graficas.barras(filas),
            "tabla": sorted(filas, key=lambda f: -f[2]),
        }

    campos = [
        "periodo",
        *consultas.dimensiones_filtrables(conjunto),
        "valor",
        "suprimido",
        "es_muestra",
    ]
    paginador = Paginator(_filas(conjunto, filtros, campos, resumen.filas), POR_PAGINA)
    # El total ya está en el resumen: así la página no cuenta las filas otra vez.
    paginador.count = resumen.filas
    try:
        pagina = paginador.page(numero_pagina or 1)
    except PageNotAnInteger as error:
        raise PaginaInvalida(
            _("«%(pagina)s» no es un número de página: use un número del 1 al %(total)s.")
            % {"pagina": numero_pagina, "total": paginador.num_pages}
        ) from error
    except EmptyPage as error:
        raise PaginaInvalida(
            _("La página %(pagina)s no existe: esta consulta tiene %(total)s página(s).")
            % {"pagina": numero_pagina, "total": paginador.num_pages}
        ) from error
    contexto["pagina"] = pagina
    contexto["filas"] = _filas_tabla(pagina, conjunto)

    version = nombre_mes(conjunto.periodo_fin) if conjunto.periodo_fin else ""
    texto = _(
        "%(publicador)s. «%(titulo)s» [conjunto de datos], versión %(version)s (fecha de corte: "
        "%(corte)s). Trámites Migratorios, datos abiertos. %(url)s (consultado el %(hoy)s)."
    ) % {
        "publicador": conjunto.publicador,
        "titulo": conjunto.titulo,
        "version": conjunto.version,
        "corte": version,
        "url": url_absoluta,
        "hoy": formats.date_format(hoy, "DATE_FORMAT").lower(),
    }
    contexto["cita"] = Cita(texto=texto, url=url_absoluta, muestra=resumen.hay_muestra)
    return contexto
