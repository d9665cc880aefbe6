"""Lo que describe a los datos: diccionario de columnas, Data Package (Frictionless) y DCAT.

Las columnas de cada conjunto se definen una sola vez aquí; las usan las descargas (mismo orden
y nombres), la página del diccionario, su CSV, el `datapackage.json` y el catálogo DCAT.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from datos_abiertos import catalogos
from datos_abiertos.models import ConjuntoDatos

ORIGEN_MUESTRA = "Datos de muestra"
ORIGEN_PUBLICADO = "Cifra publicada"

URL_FRECUENCIA_MENSUAL = "http://purl.org/cld/freq/monthly"


@dataclass
class Columna:
    nombre: str
    tipo: str  # tipo de Table Schema: string, integer, boolean, yearmonth
    titulo: str
    descripcion: str
    unidades: str = ""
    # [(código, significado)]; vacío si la columna no tiene códigos
    valores: list = field(default_factory=list)
    formato: str = ""
    # la dimensión de Observacion de la que sale, si es una
    dimension: str = ""


def url_cifras_oficiales(conjunto: ConjuntoDatos, request=None) -> str:
    """Dónde se publican las cifras oficiales del conjunto (a donde remiten los datos de muestra)."""
    if conjunto.fuente_url:
        return conjunto.fuente_url
    ruta = reverse("ventanillas:lista")
    return request.build_absolute_uri(ruta) if request is not None else ruta


def url_metodo_muestra(request=None) -> str:
    """La página que explica cómo se generan los datos de muestra (a donde remite cada fila)."""
    ruta = reverse("datos_abiertos:muestra")
    return request.build_absolute_uri(ruta) if request is not None else ruta


def aviso_muestra(*, url_oficial: str, url_metodo: str = "") -> str:
    """Lo que acompaña a todo dato de muestra; remite a cómo se generó y a las cifras oficiales."""
    aviso = _(
        "Datos de muestra: estas cifras se generaron para probar el sitio y no son las oficiales. "
        "Donde se conoce un total publicado, la muestra lo suma exactamente; el desglose por mes "
        "y por dimensión es inventado. Las cifras oficiales se publican en %(url)s"
    ) % {"url": url_oficial}
    metodo = url_metodo or url_metodo_muestra()
    return aviso + " " + _("Cómo se generaron: %(url)s") % {"url": metodo}


def _valores_dimension(conjunto: ConjuntoDatos, dimension: str) -> list:
    if dimension == "nacionalidad":
        presentes = set(conjunto.valores.get("nacionalidad", []))
        codigos = presentes | {catalogos.NACIONALIDAD_NO_REGISTRADA, catalogos.APATRIDA}
        return sorted(((c, catalogos.nombre_pais(c)) for c in codigos), key=lambda par: par[0])
    return catalogos.opciones(conjunto, dimension)


def columnas(conjunto: ConjuntoDatos) -> list[Columna]:
    """Las columnas de las descargas del conjunto, en orden."""
    resultado = [
        Columna(
            "periodo",
            "yearmonth",
            _("Mes"),
            _("Mes al que corresponde la cifra, como AAAA-MM."),
            formato="AAAA-MM",
        )
    ]
    descripciones = {
        "ventanilla": (_("Ventanilla"), _("Identificador (slug) de la ventanilla informativa.")),
        "entidad": (
            _("Entidad federativa"),
            _(
                "Clave INEGI de dos dígitos de la entidad federativa (en trámites, la de la "
                "oficina de representación del INM). Vacía si la fuente no desglosa por entidad."
            ),
        ),
        "nacionalidad": (
            _("Nacionalidad"),
            _(
                "Código ISO 3166-1 alfa-2 del país de nacionalidad; XX si no se registró y ZZ "
                "para personas apátridas. Vacío si la fuente no desglosa por nacionalidad."
            ),
        ),
        "sexo": (_("Sexo"), _("Sexo registrado. Vacío si la fuente no desglosa por sexo.")),
        "grupo_edad": (
            _("Grupo de edad"),
            _("Grupo de edad. Vacío si la fuente no desglosa por edad."),
        ),
    }
    for dimension in conjunto.dimensiones:
        if dimension == "categoria":
            categoria = conjunto.categoria or {}
            titulo, descripcion = categoria.get("etiqueta", ""), categoria.get("descripcion", "")
            nombre = conjunto.columna_categoria
        else:
            titulo, descripcion = descripciones[dimension]
            nombre = dimension
        resultado.append(
            Columna(
                nombre,
                "string",
                str(titulo),
                str(descripcion),
                valores=_valores_dimension(conjunto, dimension),
                dimension=dimension,
            )
        )
    if conjunto.varios_indicadores:
        resultado.append(
            Columna(
                "indicador",
                "string",
                _("Indicador"),
                _("Qué se cuenta en la fila. Los indicadores no se suman entre sí."),
                valores=[(c, f"{e}: {d}") for c, e, d in conjunto.indicadores],
                dimension="indicador",
            )
        )
    indicador = conjunto.indicadores[0]
    resultado.append(
        Columna(
            "valor",
            "integer",
            _("Valor"),
            (
                _("Número de %(unidad)s en el mes y la combinación de la fila.")
                % {"unidad": conjunto.unidad}
            )
            + ("" if conjunto.varios_indicadores else f" {indicador[2]}")
            + (
                " "
                + _("Vacío si la celda está suprimida (menos de %(n)s).")
                % {"n": conjunto.suprime_menores_de}
                if conjunto.suprime_menores_de
                else ""
            ),
            unidades=conjunto.unidad,
        )
    )
    if conjunto.suprime_menores_de:
        resultado.append(
            Columna(
                "suprimido",
                "boolean",
                _("Suprimido"),
                _(
                    "true si la celda tenía entre 1 y %(n)s casos y no se publica su valor, "
                    "para que nadie pueda ser identificado."
                )
                % {"n": conjunto.suprime_menores_de - 1},
                valores=[("true", _("suprimido")), ("false", _("publicado"))],
            )
        )
    resultado += [
        Columna(
            "origen",
            "string",
            _("Origen"),
            _(
                "«Datos de muestra» si la cifra fue generada (no es oficial); «Cifra publicada» "
                "si viene de un archivo o registro oficial."
            ),
            valores=[
                (ORIGEN_MUESTRA, _("generada para probar el sitio; no es oficial")),
                (ORIGEN_PUBLICADO, _("tomada de la publicación indicada en fuente_url")),
            ],
        ),
        Columna(
            "fuente_url",
            "string",
            _("Fuente"),
            _(
                "Dirección del archivo o publicación de la cifra; en los datos de muestra, la "
                "página del sitio que explica cómo se generaron (nunca una fuente oficial)."
            ),
            formato="uri",
        ),
    ]
    return resultado


def diccionario_csv_filas(conjunto: ConjuntoDatos) -> list[list[str]]:
    filas = [["columna", "tipo", "titulo", "descripcion", "unidades", "codigo", "significado"]]
    for columna in columnas(conjunto):
        base = [columna.nombre, columna.tipo, columna.titulo, columna.descripcion, columna.unidades]
        if columna.valores:
            for codigo, significado in columna.valores:
                filas.append([*base, codigo, str(significado)])
        else:
            filas.append([*base, "", ""])
    return filas


def _campo_frictionless(columna: Columna) -> dict:
    campo = {
        "name": columna.nombre,
        "title": str(columna.titulo),
        "type": columna.tipo,
        "description": str(columna.descripcion),
    }
    if columna.formato == "uri":
        campo["format"] = "uri"
    if columna.unidades:
        campo["unit"] = columna.unidades
    restricciones = {}
    if columna.valores and columna.tipo == "string":
        restricciones["enum"] = [codigo for codigo, _s in columna.valores]
    if columna.nombre == "valor":
        restricciones["minimum"] = 0
    if columna.nombre in ("periodo", "origen", "fuente_url"):
        restricciones["required"] = True
    if restricciones:
        campo["constraints"] = restricciones
    return campo


def recurso(conjunto: ConjuntoDatos, *, url_csv: str, request=None) -> dict:
    """Un Tabular Data Resource del conjunto (la descarga CSV completa)."""
    descripcion = conjunto.descripcion
    if conjunto.es_muestra:
        aviso = aviso_muestra(
            url_oficial=url_cifras_oficiales(conjunto, request),
            url_metodo=url_metodo_muestra(request),
        )
        descripcion = f"{aviso}\n\n{descripcion}"
    campos = [_campo_frictionless(c) for c in columnas(conjunto)]
    return {
        "name": conjunto.slug,
        "title": conjunto.titulo,
        "description": descripcion,
        "path": url_csv,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "schema": {
            "fields": campos,
            "missingValues": [""],
            "primaryKey": [
                c["name"]
                for c in campos
                if c["name"] not in ("valor", "suprimido", "origen", "fuente_url")
            ],
        },
        "sources": [
            {"title": conjunto.publicador, "path": url_cifras_oficiales(conjunto, request)}
        ],
        "licenses": [
            {"name": "Libre-Uso-MX", "title": conjunto.licencia, "path": conjunto.licencia_url}
        ],
        "muestra": conjunto.es_muestra,
    }


def datapackage(conjuntos: list[ConjuntoDatos], *, request, version: str) -> dict:
    recursos = [
        recurso(
            c,
            url_csv=request.build_absolute_uri(
                reverse("datos_abiertos:descarga_csv", args=[c.slug])
            ),
            request=request,
        )
        for c in conjuntos
    ]
    hay_muestra = any(c.es_muestra for c in conjuntos)
    descripcion = _(
        "Estadísticas migratorias de México desde 2010 en formato largo: una fila por mes y "
        "combinación de dimensiones."
    )
    if hay_muestra:
        descripcion = (
            _(
                "Incluye «Datos de muestra» (columna origen): cifras generadas que no son oficiales. "
                "Las cifras oficiales se publican en %(url)s"
            )
            % {"url": catalogos.leer_fixture()["url_cifras_oficiales"]}
            + "\n\n"
            + descripcion
        )
    licencia = catalogos.leer_fixture()["licencia"]
    return {
        "profile": "tabular-data-package",
        "name": "estadisticas-migratorias-mexico",
        "title": _("Estadísticas migratorias de México"),
        "description": descripcion,
        "version": version,
        "homepage": request.build_absolute_uri(reverse("datos_abiertos:catalogo")),
        "licenses": [
            {"name": licencia["clave"], "title": licencia["nombre"], "path": licencia["url"]}
        ],
        "sources": [
            {
                "title": catalogos.leer_fixture()["publicador"],
                "path": catalogos.leer_fixture()["url_cifras_oficiales"],
            }
        ],
        "keywords": ["migración", "México", "INM", "UPMRIP", "estadísticas"],
        "muestra": hay_muestra,
        "resources": recursos,
    }


def dcat(conjuntos: list[ConjuntoDatos], *, request) -> dict:
    """Catálogo DCAT 3 en JSON-LD, con una distribución por formato de descarga."""
    fixture = catalogos.leer_fixture()
    licencia = fixture["licencia"]["url"]
    datasets = []
    for c in conjuntos:
        url = request.build_absolute_uri(c.get_absolute_url())
        descripcion = c.descripcion
        if c.es_muestra:
            aviso = aviso_muestra(
                url_oficial=url_cifras_oficiales(c, request),
                url_metodo=url_metodo_muestra(request),
            )
            descripcion = f"{aviso}\n\n{descripcion}"
        distribuciones = []
        for formato, nombre, tipo in (
            ("CSV", "descarga_csv", "text/csv"),
            ("JSON", "descarga_json", "application/json"),
            ("Parquet", "descarga_parquet", "application/vnd.apache.parquet"),
        ):
            distribuciones.append(
                {
                    "@type": "dcat:Distribution",
                    "dct:title": f"{c.titulo} ({formato})",
                    "dcat:accessURL": {"@id": url},
                    "dcat:downloadURL": {
                        "@id": request.build_absolute_uri(
                            reverse(f"datos_abiertos:{nombre}", args=[c.slug])
                        )
                    },
                    "dcat:mediaType": tipo,
                    "dct:format": formato,
                    "dct:license": {"@id": licencia},
                }
            )
        conjunto = {
            "@id": url,
            "@type": "dcat:Dataset",
            "dct:identifier": c.slug,
            "dct:title": c.titulo,
            "dct:description": descripcion,
            "dct:publisher": {"@type": "foaf:Agent", "foaf:name": c.publicador},
            "dct:source": {"@id": url_cifras_oficiales(c, request)},
            "dct:license": {"@id": licencia},
            "dcat:keyword": [c.tema, c.unidad],
            "dcat:theme": c.tema,
            "dct:accrualPeriodicity": {"@id": URL_FRECUENCIA_MENSUAL},
            "dct:spatial": {"@id": "http://publications.europa.eu/resource/authority/country/MEX"},
            "dcat:landingPage": {"@id": url},
            "dcat:distribution": distribuciones,
            "adms:status": "muestra" if c.es_muestra else "publicado",
        }
        if c.periodo_inicio and c.periodo_fin:
            conjunto["dct:temporal"] = {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": {"@value": c.periodo_inicio.isoformat(), "@type": "xsd:date"},
                "dcat:endDate": {"@value": c.periodo_fin.isoformat(), "@type": "xsd:date"},
            }
        if c.actualizado:
            conjunto["dct:modified"] = {
                "@value": c.actualizado.date().isoformat(),
                "@type": "xsd:date",
            }
        datasets.append(conjunto)
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "adms": "http://www.w3.org/ns/adms#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": request.build_absolute_uri(reverse("datos_abiertos:catalogo_dcat")),
        "@type": "dcat:Catalog",
        "dct:title": _("Estadísticas migratorias de México — datos abiertos"),
        "dct:description": _(
            "Catálogo de los conjuntos de datos de estadísticas migratorias del sitio. Los que "
            "dicen «Datos de muestra» no son cifras oficiales; las oficiales se publican en %(url)s"
        )
        % {"url": fixture["url_cifras_oficiales"]},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": fixture["publicador"]},
        "dct:license": {"@id": licencia},
        "dcat:landingPage": {"@id": request.build_absolute_uri(reverse("datos_abiertos:catalogo"))},
        "dcat:dataset": datasets,
    }
