"""Lo que describe a los datos: diccionario de columnas, Data Package (Frictionless) y DCAT.

Las columnas de cada conjunto se definen una sola vez aquí; las usan las descargas (mismo orden
y nombres), la página del diccionario, su CSV, el `datapackage.json` y el catálogo DCAT.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from config.context_processors import quien_publica
from datos_abiertos import catalogos
from datos_abiertos.models import ConjuntoDatos

ORIGEN_MUESTRA = "Datos de muestra"
ORIGEN_PUBLICADO = "Cifra publicada"

URL_FRECUENCIA_MENSUAL = "http://purl.org/cld/freq/monthly"
# Filas de datos que caben en una hoja de Excel (1,048,576 menos el encabezado).
LIMITE_HOJA = 1_048_575


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


# Vocabularios controlados de la UE que DCAT-AP 3 pide como IRI (no como texto).
AUTORIDAD_UE = "http://publications.europa.eu/resource/authority/"
URL_FRECUENCIA_MENSUAL_UE = AUTORIDAD_UE + "frequency/MONTHLY"
URL_IDIOMA_ESPANOL = AUTORIDAD_UE + "language/SPA"
URL_ACCESO_PUBLICO = AUTORIDAD_UE + "access-right/PUBLIC"
URL_MEXICO = AUTORIDAD_UE + "country/MEX"
# Tema de datos de la UE: «Población y sociedad».
URL_TEMA_POBLACION = AUTORIDAD_UE + "data-theme/SOCI"
# Estado del conjunto: la muestra está «en desarrollo»; lo publicado, «completo».
URL_ESTADO_MUESTRA = AUTORIDAD_UE + "dataset-status/DEVELOP"
URL_ESTADO_PUBLICADO = AUTORIDAD_UE + "dataset-status/COMPLETED"
IANA = "https://www.iana.org/assignments/media-types/"
# (formato, nombre de la ruta, tipo de medio IANA, tipo de archivo de la UE)
FORMATOS_DCAT = (
    ("CSV", "descarga_csv", "text/csv", "CSV"),
    ("JSON", "descarga_json", "application/json", "JSON"),
    ("Parquet", "descarga_parquet", "application/vnd.apache.parquet", "PARQUET"),
    (
        "XLSX",
        "descarga_xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "XLSX",
    ),
)


def _iri(url: str, tipo: str) -> dict:
    return {"@id": url, "@type": tipo}


def _concepto(url: str, etiqueta: str) -> dict:
    """Un concepto de vocabulario controlado con su etiqueta (la de la UE, en inglés)."""
    return {
        "@id": url,
        "@type": "skos:Concept",
        "skos:prefLabel": {"@value": etiqueta, "@language": "en"},
    }


def _fecha(valor) -> dict:
    return {"@value": valor.isoformat(), "@type": "xsd:date"}


def _editor(request) -> tuple[dict, dict]:
    """Quien publica el catálogo y su punto de contacto (settings EDITOR_* y RESPONSABLE_*)."""
    editor, responsable = quien_publica()
    agente = {"@type": "foaf:Agent", "foaf:name": str(editor["nombre"])}
    if editor["url"]:
        agente["@id"] = editor["url"]
        agente["foaf:homepage"] = {"@id": editor["url"]}
    # vcard:Kind además de Organization: las formas SHACL no infieren subclases.
    contacto = {
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": str(responsable["nombre"]),
    }
    if responsable["correo"]:
        contacto["vcard:hasEmail"] = {"@id": f"mailto:{responsable['correo']}"}
    # Sin correo, se escribe desde Participa (como dice el pie de página).
    contacto["vcard:hasURL"] = {
        "@id": editor["url"] or request.build_absolute_uri(reverse("participa:inicio"))
    }
    return agente, contacto


def dcat(conjuntos: list[ConjuntoDatos], *, request) -> dict:
    """Catálogo DCAT-AP 3 en JSON-LD, con una distribución por formato de descarga.

    Pasa las formas SHACL oficiales de DCAT-AP 3 (tests/datos_abiertos/dcat_ap): formatos,
    temas, licencia, idioma, derechos de acceso y estado son IRI de vocabularios controlados.
    """
    fixture = catalogos.leer_fixture()
    licencia = _iri(fixture["licencia"]["url"], "dct:LicenseDocument")
    editor, contacto = _editor(request)
    url_metodo = url_metodo_muestra(request)
    datasets = []
    for c in conjuntos:
        url = request.build_absolute_uri(c.get_absolute_url())
        descripcion = c.descripcion
        if c.es_muestra:
            aviso = aviso_muestra(
                url_oficial=url_cifras_oficiales(c, request), url_metodo=url_metodo
            )
            descripcion = f"{aviso}\n\n{descripcion}"
        estado = (
            _concepto(URL_ESTADO_MUESTRA, "Under development")
            if c.es_muestra
            else _concepto(URL_ESTADO_PUBLICADO, "Completed")
        )
        distribuciones = []
        for formato, nombre, tipo, tipo_ue in FORMATOS_DCAT:
            if formato == "XLSX" and c.filas > LIMITE_HOJA:
                continue  # No cabe en una hoja: solo CSV, JSON y Parquet.
            distribucion = {
                "@type": "dcat:Distribution",
                "dct:title": f"{c.titulo} ({formato})",
                "dcat:accessURL": {"@id": url},
                "dcat:downloadURL": {
                    "@id": request.build_absolute_uri(
                        reverse(f"datos_abiertos:{nombre}", args=[c.slug])
                    )
                },
                "dcat:mediaType": _iri(IANA + tipo, "dct:MediaType"),
                "dct:format": _iri(AUTORIDAD_UE + "file-type/" + tipo_ue, "dct:MediaTypeOrExtent"),
                "dct:license": licencia,
                "adms:status": estado,
            }
            if c.es_muestra:
                distribucion["dct:description"] = aviso
            distribuciones.append(distribucion)
        conjunto = {
            "@id": url,
            "@type": "dcat:Dataset",
            "dct:identifier": c.slug,
            "dct:title": c.titulo,
            "dct:description": descripcion,
            "dct:publisher": editor,
            "dct:creator": {"@type": "foaf:Agent", "foaf:name": c.publicador},
            "dcat:contactPoint": contacto,
            # Dónde publica la autoridad las cifras oficiales (o las ventanillas del sitio).
            "foaf:page": _iri(url_cifras_oficiales(c, request), "foaf:Document"),
            "dct:license": licencia,
            "dct:language": _iri(URL_IDIOMA_ESPANOL, "dct:LinguisticSystem"),
            "dct:accessRights": _iri(URL_ACCESO_PUBLICO, "dct:RightsStatement"),
            "dcat:keyword": [c.tema, c.unidad],
            "dcat:theme": _concepto(URL_TEMA_POBLACION, "Population and society"),
            "dct:accrualPeriodicity": _iri(URL_FRECUENCIA_MENSUAL_UE, "dct:Frequency"),
            "dct:spatial": _iri(URL_MEXICO, "dct:Location"),
            "dcat:landingPage": _iri(url, "foaf:Document"),
            "dcat:distribution": distribuciones,
            "adms:status": estado,
        }
        if c.es_muestra:
            # La nota del estado: por qué no es oficial y dónde se explica cómo se generó.
            conjunto["adms:versionNotes"] = aviso
        if c.periodo_inicio and c.periodo_fin:
            conjunto["dct:temporal"] = {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": _fecha(c.periodo_inicio),
                "dcat:endDate": _fecha(c.periodo_fin),
            }
        if c.emitido:
            conjunto["dct:issued"] = _fecha(c.emitido.date())
        if c.actualizado:
            conjunto["dct:modified"] = _fecha(c.actualizado.date())
        datasets.append(conjunto)
    catalogo = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "adms": "http://www.w3.org/ns/adms#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
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
        "dct:publisher": editor,
        "dcat:contactPoint": contacto,
        "dct:license": licencia,
        "dct:language": _iri(URL_IDIOMA_ESPANOL, "dct:LinguisticSystem"),
        "dct:spatial": _iri(URL_MEXICO, "dct:Location"),
        "foaf:homepage": _iri(
            request.build_absolute_uri(reverse("datos_abiertos:catalogo")), "foaf:Document"
        ),
        "dcat:dataset": datasets,
    }
    fechas = [c.actualizado.date() for c in conjuntos if c.actualizado]
    emisiones = [c.emitido.date() for c in conjuntos if c.emitido]
    if emisiones:
        catalogo["dct:issued"] = _fecha(min(emisiones))
    if fechas:
        catalogo["dct:modified"] = _fecha(max(fechas))
    return catalogo
