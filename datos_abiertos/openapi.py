"""El contrato de la API pública (/api/v1/) en OpenAPI 3.1, escrito como datos.

Describe cada dirección, parámetro, página y error, y la forma de cada objeto: un trámite, un
lugar o un conjunto tienen la misma forma en la lista y en el detalle (el detalle agrega campos,
nunca los cambia). Las listas de valores (tipos de lugar, posturas, estados) salen de los mismos
modelos que usa el sitio. Las pruebas comprueban que cada ruta de la API está aquí, que cada
campo de cada respuesta está descrito, y schemathesis lo prueba contra el servidor vivo.

El texto del contrato está en español, como los nombres de los campos y el contenido: es el
mismo documento en todos los idiomas. Los mensajes de error sí salen en el idioma pedido.
"""

from django.urls import reverse

from config.api import MAXIMO_POR_PAGINA, POR_PAGINA
from config.entidades import ENTIDADES
from fuentes.clasificacion import TipoFuente
from fuentes.postura import Postura
from tramites.models import EstadoCuota, Presentacion
from ventanillas.models import FUENTES_DE_DATOS, Dia, Tipo

VERSION = "1.1.0"
JSON = "application/json"

# Ejemplos que existen en el contenido del sitio: schemathesis los prueba primero.
EJEMPLO_TRAMITE = "permiso-para-trabajar"
EJEMPLO_CONJUNTO = "personas-presentadas"


def _ref(nombre: str) -> dict:
    return {"$ref": f"#/components/schemas/{nombre}"}


def _nulo(tipo: str, **extra) -> dict:
    return {"type": [tipo, "null"], **extra}


def _texto(descripcion: str = "", **extra) -> dict:
    return {"type": "string", **({"description": descripcion} if descripcion else {}), **extra}


def _objeto(propiedades: dict, *, descripcion: str = "", opcionales: tuple = ()) -> dict:
    """Un objeto con todas sus propiedades obligatorias (salvo `opcionales`)."""
    esquema = {
        "type": "object",
        "required": [p for p in propiedades if p not in opcionales],
        "properties": propiedades,
    }
    if descripcion:
        esquema["description"] = descripcion
    return esquema


def _lista(elemento: dict) -> dict:
    return {"type": "array", "items": elemento}


URL = {"type": "string", "format": "uri"}
URL_O_NULO = _nulo("string", format="uri")
FECHA_HORA = {"type": "string", "format": "date-time"}
MES = {"type": "string", "pattern": r"^\d{4}-\d{2}$", "examples": ["2023-01"]}

ESQUEMAS = {
    "Error": _objeto(
        {
            "error": _objeto(
                {
                    "codigo": {
                        "type": "string",
                        "enum": [
                            "no_encontrado",
                            "pagina_inexistente",
                            "parametros_invalidos",
                            "metodo_no_permitido",
                        ],
                    },
                    "mensaje": _texto("Qué pasó y cómo corregirlo, en el idioma pedido."),
                    "estado": {"type": "integer", "description": "El código HTTP."},
                    "detalles": _lista(
                        _objeto(
                            {
                                "parametro": _nulo(
                                    "string", description="null si no es de un solo parámetro."
                                ),
                                "mensaje": _texto(),
                            }
                        )
                    ),
                }
            )
        },
        descripcion="La única forma de los errores de la API.",
    ),
    "Paginacion": _objeto(
        {
            "pagina": {"type": "integer", "minimum": 1},
            "por_pagina": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0, "description": "Elementos en total."},
            "paginas": {"type": "integer", "minimum": 1},
            "anterior": URL_O_NULO,
            "siguiente": URL_O_NULO,
        },
        descripcion="Dónde está esta página en la lista; `siguiente` es null en la última.",
    ),
    "Respaldo": _objeto(
        {
            "postura": {"type": "string", "enum": list(Postura.values)},
            "fundamento": _nulo("string", description="Artículo que cita la fuente, si lo hay."),
            "fuente": _nulo("string", description="La fuente que lo sostiene."),
        },
        descripcion=(
            "Qué tan seguro es un dato: `oficial` (lo dice una fuente oficial), `secundaria` "
            "(solo fuentes no oficiales: confírmelo), `muestra` (generado, no es real) o "
            "`no_localizado`."
        ),
    ),
    "Fuente": _objeto(
        {
            "url": _texto("La página o el archivo original."),
            "fecha_consulta": {"type": "string", "format": "date"},
            "oficial": {"type": "boolean"},
            "tipo": {"type": "string", "enum": list(TipoFuente.values)},
        }
    ),
    "Categoria": _objeto({"slug": _texto(), "nombre": _texto()}),
    "TramiteResumen": _objeto(
        {
            "slug": _texto(examples=[EJEMPLO_TRAMITE]),
            "nombre": _texto(),
            "categoria": _ref("Categoria"),
            "resumen": _texto(),
            "plazo_resolucion_dias_habiles": _nulo("integer"),
            "plazo_resolucion_dias_naturales": {
                **_nulo("integer"),
                "description": "Solo si la ley fija el plazo en días naturales; nunca junto con el "
                "de días hábiles.",
            },
            "actualizado": FECHA_HORA,
            "url": URL,
            "pagina": {**URL, "description": "La ficha para personas."},
        },
        descripcion="Un trámite en la lista. El detalle trae estos mismos campos y más.",
    ),
    "Requisito": _objeto(
        {
            "texto": _texto(),
            "modalidad": _nulo("string", description="Slug de la modalidad; null = todas."),
            "presentacion": {
                "type": ["string", "null"],
                "enum": [*(v for v in Presentacion.values if v), None],
            },
            "notas": _nulo("string"),
            "respaldo": _ref("Respaldo"),
            "confirmado_en_fuente_oficial": {
                "type": "boolean",
                "description": "Igual a respaldo.postura == oficial (se conserva por compatibilidad).",
            },
        }
    ),
    "Cuota": _objeto(
        {
            "concepto": _texto(),
            "monto": _nulo("string", description="Cuota de la ley, texto decimal (4341.00)."),
            "monto_a_pagar": _nulo("string", description="Lo que se paga, ajustado al peso."),
            "respaldo": _ref("Respaldo"),
            "moneda": {"type": "string", "enum": ["MXN"]},
            "anio_vigencia": _nulo("integer"),
            "estado": {"type": "string", "enum": list(EstadoCuota.values)},
            "fundamento": _nulo("string"),
            "articulo_lfd": _nulo("string"),
            "fraccion_lfd": _nulo("string"),
            "modalidad": _nulo("string"),
            "grupo_alternativas": _nulo(
                "string", description="Cuotas del mismo grupo son opciones: se paga una."
            ),
            "notas": _nulo("string"),
            "fuente": _nulo("string"),
        }
    ),
    "Tramite": {
        "description": "Todo lo que muestra la ficha del trámite.",
        "allOf": [
            _ref("TramiteResumen"),
            _objeto(
                {
                    "homoclave": _nulo("string"),
                    "id_ficha_gobmx": _nulo("string"),
                    "descripcion": _texto(),
                    "quien_lo_solicita": _texto(),
                    "resultado": _nulo("string"),
                    "plazo_respaldo": _ref("Respaldo"),
                    "cuando_solicitar": _nulo("string"),
                    "cuando_solicitar_respaldo": _ref("Respaldo"),
                    "plazo_notas": _nulo("string"),
                    "vigencia_resultado": _nulo("string"),
                    "vigencia_respaldo": _ref("Respaldo"),
                    "donde": _nulo("string"),
                    "pendiente": _nulo("string"),
                    "modalidades": _lista(_objeto({"slug": _texto(), "nombre": _texto()})),
                    "requisitos": _lista(_ref("Requisito")),
                    "cuotas": _lista(_ref("Cuota")),
                    "fundamento_legal": _lista(_texto()),
                    "formatos": _lista(_objeto({"nombre": _texto(), "url": _nulo("string")})),
                    "supuestos": _lista(_texto()),
                    "fuentes": _lista(_ref("Fuente")),
                }
            ),
        ],
    },
    "Lugar": _objeto(
        {
            "slug": _texto(),
            "tipo": {"type": "string", "enum": list(Tipo.values)},
            "nombre": _texto(),
            "clase_oficina": _nulo("string"),
            "estado": _objeto(
                {
                    "slug": _texto(),
                    "nombre": _texto(),
                    "clave": _texto("Clave INEGI de dos dígitos.", pattern=r"^\d{2}$"),
                }
            ),
            "municipio": {
                "anyOf": [
                    _objeto({"clave": _texto("Clave INEGI de cinco dígitos."), "nombre": _texto()}),
                    {"type": "null"},
                ]
            },
            "ciudad": _nulo("string"),
            "direccion": _nulo("string"),
            "direccion_nota": _nulo("string"),
            "codigo_postal": _nulo("string", pattern=r"^\d{5}$"),
            "institucion_anfitriona": _nulo("string"),
            "telefono": _nulo("string", description="Como lo publica la fuente."),
            "telefono_internacional": _nulo("string", description="E.164: +52…"),
            "telefono_nota": _nulo("string"),
            "correo": _nulo("string"),
            "horario": _objeto(
                {
                    "texto": _nulo("string", description="Como lo publica la fuente."),
                    "nota": _nulo("string"),
                    "zona_horaria": _texto("Zona de la tz database, p. ej. America/Tijuana."),
                    "tramos": _lista(
                        _objeto(
                            {
                                "dia": {
                                    "type": "integer",
                                    "enum": list(Dia.values),
                                    "description": "0 = lunes … 6 = domingo.",
                                },
                                "abre": _nulo("string", pattern=r"^\d{2}:\d{2}$"),
                                "cierra": _nulo("string", pattern=r"^\d{2}:\d{2}$"),
                                "cerrado": {"type": "boolean"},
                                "nota": _nulo("string"),
                            }
                        )
                    ),
                },
                descripcion="`tramos` vacío: la fuente no da un horario inequívoco.",
            ),
            "fecha_apertura": _nulo("string", format="date"),
            "fecha_apertura_nota": _nulo("string"),
            "notas": _nulo("string"),
            "servicios": _lista(
                _objeto({"slug": _texto(), "nombre": _texto(), "descripcion": _nulo("string")})
            ),
            "posicion": _objeto(
                {
                    "latitud": {"type": "number"},
                    "longitud": {"type": "number"},
                    "precision": {
                        "type": "string",
                        "enum": ["exacta", "centro-del-municipio", "centro-del-estado"],
                    },
                    "aproximada": {"type": "boolean"},
                },
                descripcion=(
                    "Coordenadas de una fuente o, si no las hay, el centro del municipio o del "
                    "estado (INEGI)."
                ),
            ),
            "respaldo": _ref("Respaldo"),
            "respaldos": _objeto(
                {dato: _ref("Respaldo") for dato in FUENTES_DE_DATOS},
                descripcion="Qué tan seguro es cada dato (dirección, teléfono, horario, servicios).",
            ),
            "otros_datos": _lista(_objeto({"texto": _texto(), "respaldo": _ref("Respaldo")})),
            "fuentes": _lista(_ref("Fuente")),
            "fecha_verificacion": {"type": "string", "format": "date"},
            "actualizado": FECHA_HORA,
            "url": URL,
            "pagina": URL,
        },
        descripcion="Una ventanilla informativa o una oficina del INM; igual en lista y detalle.",
    ),
    "Valor": _objeto({"codigo": _texto(), "nombre": _texto()}),
    "Indice": _objeto(
        {
            "nombre": _texto(),
            "version": _texto("La versión de este contrato (info.version)."),
            "openapi": URL,
            "direcciones": _lista(
                _objeto(
                    {
                        "url": _texto("Dirección completa; {slug} se reemplaza."),
                        "operacion": _texto("operationId en el contrato."),
                        "resumen": _texto(),
                    }
                )
            ),
            "otros_datos": {
                "type": "object",
                "additionalProperties": URL,
                "description": "Datapackage, catálogo DCAT, exportaciones y canales Atom.",
            },
        }
    ),
    "ConjuntoResumen": _objeto(
        {
            "slug": _texto(examples=[EJEMPLO_CONJUNTO]),
            "titulo": _texto(),
            "descripcion": _texto(),
            "tema": _texto(),
            "unidad": _texto(),
            "publicador": _texto(),
            "fuente_oficial": _texto("Dónde se publican las cifras oficiales."),
            "licencia": _objeto({"nombre": _texto(), "url": URL}),
            "periodo": _objeto({"inicio": _nulo("string"), "fin": _nulo("string")}),
            "filas": {"type": "integer", "minimum": 0},
            "muestra": {
                "type": "boolean",
                "description": "true si alguna fila es de muestra (generada, no oficial).",
            },
            "filas_muestra": {"type": "integer", "minimum": 0},
            "aviso": _nulo("string", description="Aviso de datos de muestra, si los hay."),
            "version": {"type": "integer", "description": "Sube con cada cambio de los datos."},
            "actualizado": _nulo("string", format="date-time"),
            "descargas": _objeto(
                {
                    "csv": URL,
                    "json": URL,
                    "parquet": URL,
                    "xlsx": {
                        **URL_O_NULO,
                        "description": (
                            "Hoja de cálculo (códigos como texto); null si el conjunto completo "
                            "no cabe en una hoja (1,048,575 filas): filtrado puede caber."
                        ),
                    },
                    "diccionario_csv": URL,
                },
                descripcion="Archivos completos (o filtrados con los mismos parámetros).",
            ),
            "url": URL,
            "observaciones": URL,
            "pagina": URL,
        },
        descripcion="Un conjunto en la lista. El detalle trae estos mismos campos y más.",
    ),
    "Conjunto": {
        "allOf": [
            _ref("ConjuntoResumen"),
            _objeto(
                {
                    "columnas": _lista(
                        _objeto(
                            {
                                "nombre": _texto(),
                                "tipo": {
                                    "type": "string",
                                    "enum": ["string", "integer", "boolean", "yearmonth"],
                                },
                                "titulo": _texto(),
                                "descripcion": _texto(),
                                "unidades": _nulo("string"),
                                "valores": _lista(_ref("Valor")),
                            }
                        )
                    ),
                    "filtros": _lista(
                        _objeto(
                            {
                                "parametro": _texto("Nombre del parámetro en la dirección."),
                                "titulo": _texto(),
                                "formato": _nulo("string"),
                                "valores": _lista(_ref("Valor")),
                            }
                        )
                    ),
                }
            ),
        ],
        "description": "Metadatos del conjunto: columnas de las descargas y filtros posibles.",
    },
    "Observacion": {
        "type": "object",
        "description": (
            "Una fila, igual que en la descarga JSON: las columnas de `columnas` del conjunto. "
            "Siempre trae periodo, valor, origen y fuente_url; las dimensiones dependen del "
            "conjunto y van en null si la fuente no desglosa."
        ),
        "required": ["periodo", "valor", "origen", "fuente_url"],
        "properties": {
            "periodo": MES,
            "valor": _nulo("integer", minimum=0, description="null si la celda está suprimida."),
            "suprimido": {"type": "boolean"},
            "origen": {"type": "string", "enum": ["Datos de muestra", "Cifra publicada"]},
            "fuente_url": _texto(),
        },
        "additionalProperties": {"type": ["string", "null"]},
    },
}


def _parametro(nombre: str, descripcion: str, esquema: dict, *, en: str = "query") -> dict:
    return {
        "name": nombre,
        "in": en,
        "required": en == "path",
        "description": descripcion,
        "schema": esquema,
    }


PARAMETROS = {
    "idioma": _parametro(
        "idioma",
        "Idioma de los mensajes y textos del sitio (también por Accept-Language). El contenido "
        "de las fuentes va siempre en español.",
        {"type": "string", "enum": ["es", "en", "fr", "ht"]},
    ),
    "pagina": _parametro("pagina", "Número de página, desde 1.", {"type": "integer", "minimum": 1}),
}


POR_PAGINA_PARAMETRO = _parametro(
    "por_pagina",
    f"Elementos por página (por omisión {POR_PAGINA}).",
    {"type": "integer", "minimum": 1, "maximum": MAXIMO_POR_PAGINA},
)


def _slug(descripcion: str, ejemplo: str | None = None) -> dict:
    esquema = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"}
    if ejemplo:
        esquema["examples"] = [ejemplo]
    return _parametro("slug", descripcion, esquema, en="path")


def _respuesta(descripcion: str, esquema: dict) -> dict:
    return {"description": descripcion, "content": {JSON: {"schema": esquema}}}


RESPUESTAS = {
    "NoEncontrado": _respuesta("No existe (o no está publicado).", _ref("Error")),
    "Invalido": _respuesta(
        "Un parámetro no se puede usar; `detalles` dice cuál y cómo corregirlo.", _ref("Error")
    ),
    "MetodoNoPermitido": {
        **_respuesta("Solo GET, HEAD y OPTIONS.", _ref("Error")),
        "headers": {"Allow": {"schema": {"type": "string"}}},
    },
}
ERRORES_COMUNES = {
    "400": {"$ref": "#/components/responses/Invalido"},
    "405": {"$ref": "#/components/responses/MetodoNoPermitido"},
}
IDIOMA = {"$ref": "#/components/parameters/idioma"}
PAGINA = {"$ref": "#/components/parameters/pagina"}


def _operacion(ident: str, resumen: str, ok: dict, *, parametros=(), con_404=False) -> dict:
    respuestas = {"200": ok, **ERRORES_COMUNES}
    if con_404:
        respuestas["404"] = {"$ref": "#/components/responses/NoEncontrado"}
    return {
        "get": {
            "operationId": ident,
            "summary": resumen,
            "parameters": [*parametros, IDIOMA],
            "responses": respuestas,
        }
    }


def _filtro(nombre: str, descripcion: str, **esquema) -> dict:
    return _parametro(nombre, descripcion, {"type": "string", **esquema})


FILTROS_OBSERVACIONES = [
    _filtro("desde", "Primer mes, AAAA-MM.", pattern=MES["pattern"]),
    _filtro("hasta", "Último mes, AAAA-MM.", pattern=MES["pattern"]),
    _filtro("entidad", "Clave INEGI de la entidad federativa (01 a 32)."),
    _filtro("nacionalidad", "Código ISO 3166-1 alfa-2; XX no registrada, ZZ apátrida."),
    _filtro("sexo", "Código de sexo del conjunto."),
    _filtro("grupo_edad", "Código de grupo de edad del conjunto."),
    _filtro("ventanilla", "Slug de la ventanilla (atenciones en ventanillas)."),
    _filtro("indicador", "Indicador, en los conjuntos que tienen varios."),
    # La columna propia de cada conjunto; `filtros` del detalle dice cuál tiene cada uno.
    _filtro("tramite", "Trámite (conjuntos con esa columna)."),
    _filtro("tipo_documento", "Tipo de documento (documentos migratorios)."),
    _filtro("tipo_devolucion", "Tipo de devolución (personas devueltas)."),
    _filtro("servicio", "Servicio dado (atenciones en ventanillas)."),
]


def _rutas() -> dict:
    lista_lugares = _objeto({"lugares": _lista(_ref("Lugar")), "paginacion": _ref("Paginacion")})
    respuesta_observaciones = _objeto(
        {
            "conjunto": _texto(),
            "filtros": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "Los filtros aplicados, como se escriben en la dirección.",
            },
            "aviso": _nulo("string"),
            "observaciones": _lista(_ref("Observacion")),
            "paginacion": _ref("Paginacion"),
        }
    )
    return {
        "/": _operacion(
            "indice",
            "Las direcciones de la API y otros datos del sitio",
            _respuesta("Índice.", _ref("Indice")),
        ),
        "/openapi.json": _operacion(
            "openapi", "Este documento", _respuesta("OpenAPI 3.1.", {"type": "object"})
        ),
        "/tramites/": _operacion(
            "tramites_lista",
            "Los trámites publicados, en el orden del sitio",
            _respuesta(
                "Lista completa (sin páginas: son pocos).",
                _objeto({"tramites": _lista(_ref("TramiteResumen"))}),
            ),
        ),
        "/tramites/{slug}/": _operacion(
            "tramites_detalle",
            "Un trámite con requisitos, cuotas, plazos y fuentes",
            _respuesta("El trámite.", _ref("Tramite")),
            parametros=[_slug("Identificador del trámite.", EJEMPLO_TRAMITE)],
            con_404=True,
        ),
        "/lugares/": _operacion(
            "lugares_lista",
            "Ventanillas informativas y oficinas del INM, con filtros y páginas",
            _respuesta("Una página de lugares.", lista_lugares),
            parametros=[
                _filtro("tipo", "Tipo de lugar.", enum=list(Tipo.values)),
                _filtro("estado", "Slug del estado.", enum=[e.slug for e in ENTIDADES]),
                _filtro("servicio", "Slug de un servicio (p. ej. orientacion-tramites)."),
                PAGINA,
                POR_PAGINA_PARAMETRO,
            ],
            con_404=True,
        ),
        "/lugares/{slug}/": _operacion(
            "lugares_detalle",
            "Una ventanilla u oficina",
            _respuesta("El lugar.", _ref("Lugar")),
            parametros=[_slug("Identificador del lugar.")],
            con_404=True,
        ),
        "/conjuntos/": _operacion(
            "conjuntos_lista",
            "Los conjuntos de datos abiertos",
            _respuesta("Lista completa.", _objeto({"conjuntos": _lista(_ref("ConjuntoResumen"))})),
        ),
        "/conjuntos/{slug}/": _operacion(
            "conjuntos_detalle",
            "Un conjunto: metadatos, columnas, filtros y descargas",
            _respuesta("El conjunto.", _ref("Conjunto")),
            parametros=[_slug("Identificador del conjunto.", EJEMPLO_CONJUNTO)],
            con_404=True,
        ),
        "/conjuntos/{slug}/observaciones/": _operacion(
            "conjuntos_observaciones",
            "Las filas de un conjunto, filtradas y por páginas",
            _respuesta("Una página de filas.", respuesta_observaciones),
            parametros=[
                _slug("Identificador del conjunto.", EJEMPLO_CONJUNTO),
                *FILTROS_OBSERVACIONES,
                PAGINA,
                POR_PAGINA_PARAMETRO,
            ],
            con_404=True,
        ),
    }


def documento(request) -> dict:
    """El documento OpenAPI, con la dirección del servidor que lo sirve."""
    servidor = request.build_absolute_uri(reverse("api:indice")).rstrip("/")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "API de Trámites Migratorios",
            "version": VERSION,
            "summary": "Trámites del INM, ventanillas y oficinas, y estadísticas migratorias.",
            "description": (
                "Solo lectura, JSON en UTF-8, sin autenticación y con CORS abierto. Cada dato "
                "trae su fuente y su postura (oficial, secundaria, muestra o no localizado). "
                "Los errores tienen siempre la forma del esquema Error, con el mensaje en el "
                "idioma pedido (?idioma= o Accept-Language). Las respuestas llevan ETag y "
                "Cache-Control de cinco minutos. Cada GET acepta también HEAD, y OPTIONS responde la "
                "consulta previa de CORS. Un cambio incompatible sería /api/v2/."
            ),
        },
        "servers": [{"url": servidor}],
        "paths": _rutas(),
        "components": {
            "schemas": ESQUEMAS,
            "parameters": PARAMETROS,
            "responses": RESPUESTAS,
        },
    }


def indice(request) -> dict:
    """Lo que responde /api/v1/: las direcciones del contrato y los otros datos del sitio."""
    contrato = documento(request)
    servidor = contrato["servers"][0]["url"]
    return {
        "nombre": contrato["info"]["title"],
        "version": contrato["info"]["version"],
        "openapi": request.build_absolute_uri(reverse("api:openapi")),
        "direcciones": [
            {
                "url": servidor + ruta,
                "operacion": operacion["operationId"],
                "resumen": operacion["summary"],
            }
            for ruta, metodos in contrato["paths"].items()
            for operacion in metodos.values()
        ],
        "otros_datos": {
            "datapackage": request.build_absolute_uri(reverse("datos_abiertos:datapackage")),
            "dcat": request.build_absolute_uri(reverse("datos_abiertos:catalogo_dcat")),
            "ventanillas_csv": request.build_absolute_uri(reverse("ventanillas_csv")),
            "ventanillas_geojson": request.build_absolute_uri(reverse("ventanillas_geojson")),
            "cambios_datos": request.build_absolute_uri(reverse("datos_abiertos:cambios")),
            "cambios_tramites": request.build_absolute_uri(reverse("tramites:cambios")),
        },
    }
