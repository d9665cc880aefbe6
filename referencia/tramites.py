"""Convierte los archivos de referencia (../shared/reference/tramites.yaml) en el fixture del sitio.

Aquí solo se reorganiza lo que dice la referencia: se separan modalidades, se ubica cada requisito
y cuota en su modalidad, se lee el artículo de la LFD y se liga cada monto con la fuente que lo
publicó. Las decisiones de esa reorganización están escritas como datos revisables (tablas de
abajo), no escondidas en el código. Ningún valor se inventa: lo que la referencia no trae queda
vacío. Los hallazgos propios en fuentes públicas entran por `fixtures/tramites_complementos.yaml`,
cada uno con su fuente; lo que dicen los textos oficiales (leyes vigentes, Lineamientos, fichas de
gob.mx), con la fuente y el artículo de cada hecho, por `fixtures/tramites_oficiales.yaml`
(referencia/oficiales.py).
"""

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import yaml
from django.conf import settings

from referencia import oficiales
from referencia.carpeta import directorio_referencia
from referencia.fuentes import quitar_rechazadas
from referencia.generacion import Generacion
from tramites.escritos import ESCRITOS

COMPLEMENTOS = settings.BASE_DIR / "fixtures" / "tramites_complementos.yaml"


# Categorías: nombre y explicación breve, en palabras propias del sitio.
CATEGORIAS = [
    {
        "slug": "visas",
        "nombre": "Visas que se piden en México",
        "descripcion": "Alguien en México pide al INM que autorice la visa de una persona que "
        "está en el extranjero; la visa se recoge después en un consulado.",
    },
    {
        "slug": "permisos",
        "nombre": "Permisos",
        "descripcion": "Para trabajar o para salir de México y volver con un trámite en curso.",
    },
    {
        "slug": "notificaciones",
        "nombre": "Avisos de cambios",
        "descripcion": "Las personas residentes deben avisar al INM cuando cambian ciertos datos.",
    },
    {
        "slug": "documentos",
        "nombre": "Documento migratorio",
        "descripcion": "Renovar la tarjeta que está por vencer o reponer la que se perdió.",
    },
    {
        "slug": "regularizacion",
        "nombre": "Regularización",
        "descripcion": "Para quien está en México sin una condición de estancia regular.",
    },
    {
        "slug": "cambio-condicion",
        "nombre": "Cambio de condición de estancia",
        "descripcion": "Para pasar de una condición de estancia a otra sin salir de México.",
    },
    {
        "slug": "fronterizo",
        "nombre": "Trabajo en la frontera sur",
        "descripcion": "Para personas de Guatemala y Belice que trabajan en el sur de México.",
    },
]

# Resumen de una línea por trámite (parafrasea la descripción de la referencia).
RESUMENES = {
    "visa-oferta-de-empleo": "Quien ofrece un empleo en México pide autorización para que una "
    "persona extranjera tramite su visa en un consulado.",
    "visa-union-familiar": "Una persona mexicana o residente pide autorización para que su "
    "familiar en el extranjero tramite su visa en un consulado.",
    "visa-razones-humanitarias": "Se pide en México que una persona en el extranjero obtenga una "
    "visa de visitante por razones humanitarias.",
    "permiso-salida-y-regreso": "Permite salir de México y volver mientras un trámite migratorio "
    "sigue en curso.",
    "permiso-para-trabajar": "Residentes temporales y residentes temporales estudiantes piden "
    "permiso para trabajar.",
    "notificacion-cambio-domicilio": "Aviso obligatorio al INM cuando una persona residente se "
    "muda.",
    "notificacion-cambio-lugar-trabajo": "Aviso obligatorio al INM cuando una persona residente "
    "cambia de empleador o de lugar de trabajo.",
    "notificacion-cambio-estado-civil": "Aviso obligatorio al INM cuando una persona residente se "
    "casa, se divorcia o enviuda.",
    "notificacion-cambio-nacionalidad": "Aviso obligatorio al INM cuando una persona residente "
    "adquiere otra nacionalidad.",
    "expedicion-documento-renovacion-reposicion": "Renovar el documento migratorio que está por "
    "vencer, o reponerlo si se perdió, lo robaron o se dañó.",
    "regularizacion-razones-humanitarias-vinculo-familiar": "Para obtener una condición de "
    "estancia regular sin salir de México, por vínculo familiar o por razones humanitarias.",
    "cambio-residente-temporal-a-permanente": "Pasar de residente temporal a residente "
    "permanente: por cuatro años, por pensión o jubilación, o por puntos.",
    "cambio-residente-permanente-vinculo-familiar": "Pasar a residente permanente por vínculo "
    "familiar con una persona mexicana o residente permanente.",
    "tarjeta-visitante-trabajador-fronterizo": "Tarjeta para que personas de Guatemala y Belice "
    "con oferta de empleo trabajen en los estados de la frontera sur.",
}

# Identificador corto de cada modalidad, en el orden de la referencia.
MODALIDADES = {
    "visa-oferta-de-empleo": ["visitante-actividades-remuneradas", "residente-temporal"],
    "visa-union-familiar": ["residente-temporal", "residente-permanente"],
    "permiso-para-trabajar": ["con-empleador", "cuenta-propia"],
    "expedicion-documento-renovacion-reposicion": ["renovacion", "reposicion"],
    "regularizacion-razones-humanitarias-vinculo-familiar": [
        "vinculo-familiar",
        "razones-humanitarias",
    ],
    "cambio-residente-temporal-a-permanente": [
        "cuatro-anos",
        "pensionado-jubilado",
        "sistema-de-puntos",
    ],
}

# Requisitos que la referencia marca para una sola modalidad: por el inicio del texto o por
# la nota. Lo que no aparece aquí aplica a todas las modalidades del trámite.
REQUISITO_MODALIDAD = {
    "permiso-para-trabajar": [
        ("texto", "Con empleador:", "con-empleador"),
        ("texto", "Por cuenta propia:", "cuenta-propia"),
    ],
    "expedicion-documento-renovacion-reposicion": [
        ("texto", "Renovación", "renovacion"),
        ("texto", "Reposición", "reposicion"),
    ],
    # La lista de requisitos de la referencia es la de la ficha de vínculo familiar (INM794);
    # los de razones humanitarias no se localizaron («pendiente»): no se les atribuye ninguno.
    "regularizacion-razones-humanitarias-vinculo-familiar": [("todos", "", "vinculo-familiar")],
    "cambio-residente-temporal-a-permanente": [
        ("texto", "Cuatro años:", "cuatro-anos"),
        ("texto", "Pensionado/jubilado:", "pensionado-jubilado"),
        ("texto", "Sistema de puntos:", "sistema-de-puntos"),
    ],
}

# Cuotas que son de una modalidad o alternativas entre sí (se paga una del grupo).
CUOTA_MODALIDAD = {
    "expedicion-documento-renovacion-reposicion": [
        ("Expedición de documento:", "renovacion", "Vigencia del documento"),
        ("Reposición de documento", "reposicion", "Tipo de documento"),
    ],
    "regularizacion-razones-humanitarias-vinculo-familiar": [
        ("Regularización por razones humanitarias", "razones-humanitarias", ""),
        ("Regularización por vínculo familiar", "vinculo-familiar", ""),
    ],
}

# Trámites que la referencia (comunes.citas) dice que se agendan en el sistema de citas del INM.
CON_CITA_EN_LINEA = {
    "permiso-para-trabajar",
    "expedicion-documento-renovacion-reposicion",
    "permiso-salida-y-regreso",
}

# Notas de la referencia escritas para el equipo (de dónde salió un dato, qué falta revisar,
# discrepancias): van a `nota_editorial` y no se publican. La postura de cada hecho ya le dice
# al público qué tan seguro es. Las demás notas son indicaciones para quien hace el trámite.
MARCAS_EDITORIALES = (
    "fuente",
    "pendiente",
    "confirm",
    "revisar",
    "según",
    "citado",
    "reporta",
    "uno tv",
    "ejecentral",
    "kompass",
    "propuesta",
    "http",
    "la ficha",
    "discrepancia",
    "blog",
    "usuarios",
    "listado como",
    "no localiz",
    "no se localiz",
    "2018",
    "citylaws",
    "blpadvisors",
    "procurawork",
    "anexo 19",
)


def _nota(texto: str) -> tuple[str, str]:
    """(nota para el público, nota para el equipo)."""
    if any(marca in texto.lower() for marca in MARCAS_EDITORIALES):
        return "", texto
    return texto, ""


# Qué fuente publicó cada monto: palabra clave en la nota de la cuota → URL de la referencia.
FUENTE_DE_CUOTA = [
    ("Uno TV", "https://www.unotv.com/nacional/pago-derechos-migrantes-mexico-25-mil-pesos/"),
    ("kompass", "https://kompass.mx/regularizacion"),
    (
        "renuevatv",
        "https://www.eleconomista.com.mx/economia/diputados-aprueban-general-ley-federal-derechos-"
        "suben-costos-museos-tramites-migratorios-20251015-781826.html",
    ),
    (
        "Ministerio de Trabajo de Guatemala",
        "https://dca.gob.gt/index.php/2018/09/11/mintrab-apoya-a-mil-migrantes",
    ),
    ("knr.mx", "https://knr.mx/2017/09/01/cambios-que-deben-reportar-los-expatriados-en-mexico"),
]

# Formatos con enlace oficial conocido (de la propia referencia).
FORMATO_URL = [
    ("Formato para solicitar trámite migratorio de estancia", "url_formato"),
    (
        "Formato para solicitar autorización de visa",
        "https://www.inm.gob.mx/tramites/publico/solicitud_internacion.html",
    ),
]

# Temas comunes: clave de la referencia → título en el sitio.
TEMAS = {
    "tramites_en_micrositio": "Qué ofrece el micrositio del INM",
    "formato_solicitud": "El formato de solicitud",
    "pago_e5cinco": "Cómo pagar los derechos (e5cinco)",
    "plazos_dias_habiles": "Plazos que marca la Ley de Migración",
    "documentos_legibles": "Documentos legibles",
    "seguimiento_estatus": "Cómo seguir su solicitud",
    "citas": "Citas en línea",
    "contacto_inm": "Contacto del INM",
    "reforma_cuotas_2026": "Cambios en las cuotas para 2026",
    "homoclaves": "Homoclaves de los trámites",
}


def _texto(valor) -> str:
    return " ".join(str(valor).split()) if valor else ""


def _presentacion(texto: str) -> str:
    minusculas = texto.lower()
    if "original y copia" in minusculas:
        return "original_y_copia"
    if minusculas.startswith("copia"):
        return "copia"
    if re.search(r"\boriginal\b", minusculas):
        return "original"
    return ""


def _fundamento_lfd(fundamento: str) -> tuple[str, str]:
    """«LFD art. 8o. fr. VI inciso a)» → («8o.», «VI, inciso a)»)."""
    coincide = re.match(
        r"LFD art\. (?P<art>[\dA-Z\-]+o?\.?)(?: fr\. (?P<fr>[IVXL]+))?(?: inciso (?P<inc>\w\)))?",
        fundamento,
    )
    if not coincide:
        return "", ""
    fraccion = coincide["fr"] or ""
    if coincide["inc"]:
        fraccion = f"{fraccion}, inciso {coincide['inc']}" if fraccion else coincide["inc"]
    return coincide["art"], fraccion


def _modalidad_de_requisito(slug: str, texto: str, notas: str) -> str | None:
    for tipo, prefijo, modalidad in REQUISITO_MODALIDAD.get(slug, []):
        if tipo == "todos" or texto.startswith(prefijo):
            return modalidad
    return None


def _modalidad_de_cuota(slug: str, concepto: str) -> tuple[str | None, str]:
    for prefijo, modalidad, grupo in CUOTA_MODALIDAD.get(slug, []):
        if concepto.startswith(prefijo):
            return modalidad, grupo
    return None, ""


def _monto(valor) -> str | None:
    if valor is None:
        return None
    return str(Decimal(str(valor)).quantize(Decimal("0.01")))


def _fuente_de_cuota(notas: str, urls_referencia: set[str]) -> str | None:
    for clave, url in FUENTE_DE_CUOTA:
        if clave.lower() in notas.lower() and url in urls_referencia:
            return url
    return None


def _tema_contacto(contacto: dict) -> str:
    telefonos = "; ".join(contacto.get("telefonos", []))
    partes = [
        f"Oficinas centrales: {contacto['domicilio_oficinas_centrales']}.",
        f"Teléfonos: {telefonos}.",
    ]
    if contacto.get("pago_de_derechos_contacto"):
        partes.append(f"Pago de derechos: {contacto['pago_de_derechos_contacto']}.")
    return " ".join(partes)


def _urls(objeto) -> set[str]:
    """Todas las URL que aparecen en cualquier parte del objeto."""
    texto = json.dumps(objeto, ensure_ascii=False, default=str)
    return set(re.findall(r"https?://[^\s\"'<>]+", texto))


def generar(
    referencia: dict, complementos: list[dict], decisiones: dict, leyes: dict
) -> Generacion:
    """Estructura de fixtures/tramites.json: la referencia, los complementos y, encima, lo que
    dicen los textos oficiales (decisiones de fixtures/tramites_oficiales.yaml sobre las leyes
    vigentes de la referencia)."""
    fecha = str(referencia["_fecha_consulta"])
    urls_referencia = _urls(referencia)
    comunes = referencia["comunes"]
    generacion = Generacion(datos={})

    temas = []
    for orden, (clave, titulo) in enumerate(TEMAS.items()):
        tema = comunes[clave]
        texto = _tema_contacto(tema) if clave == "contacto_inm" else _texto(tema["texto"])
        if tema.get("redondeo"):
            texto = f"{texto} {_texto(tema['redondeo'])}"
        temas.append(
            {
                "clave": clave.replace("_", "-"),
                "titulo": titulo,
                "texto": texto,
                "url": tema.get("url_micrositio")
                or tema.get("url_formato")
                or tema.get("url")
                or "",
                "pendiente": _texto(tema.get("pendiente")),
                "fuentes": list(tema.get("fuentes", [])),
                "orden": orden,
            }
        )

    tramites = []
    for orden, t in enumerate(referencia["tramites"]):
        slug = t["slug"]
        slugs_modalidad = MODALIDADES.get(slug, [])
        if len(slugs_modalidad) != len(t["modalidades"]):
            raise ValueError(f"{slug}: la referencia trae {len(t['modalidades'])} modalidades")
        modalidades = [
            {"slug": s, "nombre": _texto(n), "orden": i}
            for i, (s, n) in enumerate(zip(slugs_modalidad, t["modalidades"], strict=True))
        ]
        formatos, url_solicitud = [], None
        requisitos = []
        for i, r in enumerate(t["requisitos"]):
            texto, notas = _texto(r["texto"]), _texto(r.get("notas"))
            if re.fullmatch(r"https?://\S+", notas):
                # La nota es el enlace al formato en línea: se muestra como formato.
                url_solicitud, notas = notas, ""
            publica, editorial = _nota(notas)
            requisitos.append(
                {
                    "texto": texto,
                    "modalidad": _modalidad_de_requisito(slug, texto, notas),
                    "presentacion": _presentacion(texto),
                    "notas": publica,
                    "nota_editorial": editorial,
                    # La fuente de cada requisito la decide fixtures/tramites_oficiales.yaml.
                    "fuente": None,
                    "fundamento": "",
                    "orden": i,
                }
            )
        for i, nombre in enumerate(t.get("formatos") or []):
            url = ""
            for prefijo, destino in FORMATO_URL:
                if nombre.startswith(prefijo):
                    url = (
                        comunes["formato_solicitud"]["url_formato"]
                        if destino == "url_formato"
                        else destino
                    )
            if not url and url_solicitud and "autorización de visa" in nombre:
                url = url_solicitud
            formatos.append({"nombre": _texto(nombre), "url": url, "orden": i})
        cuotas = []
        for i, c in enumerate(t["cuota"]):
            concepto, notas = _texto(c["concepto"]), _texto(c.get("notas"))
            fundamento = _texto(c.get("fundamento"))
            articulo, fraccion = _fundamento_lfd(fundamento)
            modalidad, grupo = _modalidad_de_cuota(slug, concepto)
            publica, editorial = _nota(notas)
            cuotas.append(
                {
                    "concepto": concepto,
                    "monto": _monto(c.get("monto_mxn")),
                    "anio_vigencia": c.get("anio_vigencia"),
                    "fundamento": fundamento,
                    "articulo_lfd": articulo,
                    "fraccion_lfd": fraccion,
                    "modalidad": modalidad,
                    "grupo": grupo,
                    "notas": publica,
                    "nota_editorial": editorial,
                    "fuente": _fuente_de_cuota(notas, urls_referencia),
                    "orden": i,
                }
            )
        supuestos = [
            {"texto": _texto(s), "modalidad": "razones-humanitarias", "orden": i}
            for i, s in enumerate(t.get("supuestos_razones_humanitarias") or [])
        ]
        homoclave = t.get("homoclave") or ""
        tramites.append(
            {
                "slug": slug,
                "nombre": _texto(t["nombre"]),
                "categoria": t["categoria"],
                "homoclave": homoclave,
                "id_ficha_gobmx": _texto(t.get("id_ficha_gobmx")),
                "resumen": RESUMENES[slug],
                "descripcion": _texto(t["descripcion"]),
                "quien_lo_solicita": _texto(t["quien_lo_solicita"]),
                "resultado": _texto(t.get("resultado")),
                "plazo_resolucion_dias_habiles": t.get("plazo_resolucion_dias_habiles"),
                "plazo_resolucion_dias_naturales": None,
                "plazo_fuente": None,
                "plazo_fundamento": "",
                "plazo_notas": _texto(t.get("plazo_notas")),
                "vigencia_resultado": _texto(t.get("vigencia_resultado")),
                "vigencia_fuente": None,
                "vigencia_fundamento": "",
                "cita_en_linea": comunes["citas"]["url"] if slug in CON_CITA_EN_LINEA else "",
                "cuando_solicitar": "",
                "cuando_fuente": None,
                "cuando_fundamento": "",
                "donde": _texto(t.get("donde")),
                "derechos_que_otorga": _texto(t.get("derechos_que_otorga")),
                "antecedentes": _texto(t.get("antecedentes")),
                # Lo que falta lo dice la ficha a partir de la postura de cada hecho.
                "pendiente": "",
                "nota_editorial": _texto(t.get("pendiente")),
                "usa_escrito_libre": slug in ESCRITOS,
                "orden": orden,
                "modalidades": modalidades,
                "requisitos": requisitos,
                "cuotas": cuotas,
                "fundamentos": [
                    {"texto": _texto(f), "orden": i} for i, f in enumerate(t["fundamento_legal"])
                ],
                "formatos": formatos,
                "supuestos": supuestos,
                "fuentes": list(t["fuentes"]),
            }
        )

    generacion.datos = {
        "fecha_consulta": fecha,
        "categorias": [dict(c, orden=i) for i, c in enumerate(CATEGORIAS)],
        "temas": temas,
        "tramites": tramites,
        "fuentes_fechas": {},
    }
    for complemento in complementos:
        aplicar_complemento(generacion, complemento)
    oficiales.aplicar(generacion, decisiones, leyes)
    generacion.datos = quitar_rechazadas(generacion.datos, generacion.avisos)
    _revisar(generacion)
    return generacion


def aplicar_complemento(generacion: Generacion, complemento: dict) -> None:
    """Aplica un hallazgo propio (con su fuente) sobre lo que trae la referencia.

    Formas admitidas (campo `tipo`):
      - campo: cambia un campo simple del trámite (p. ej. homoclave).
      - cuota: agrega una cuota nueva al trámite.
      - fundamento: agrega una disposición al fundamento legal.
      - nota_cuota: agrega una nota a la cuota cuyo concepto empieza con `concepto`
        (p. ej. otro monto publicado por otra fuente, o el monto del año anterior).
    """
    fuente = complemento["fuente"]
    fecha = str(complemento["fecha_consulta"])
    tramite = next(
        (t for t in generacion.datos["tramites"] if t["slug"] == complemento["tramite"]), None
    )
    if tramite is None:
        raise ValueError(f"Complemento para un trámite que no existe: {complemento['tramite']}")
    tipo = complemento["tipo"]
    if tipo == "campo":
        tramite[complemento["campo"]] = complemento["valor"]
    elif tipo == "cuota":
        cuota = dict(complemento["cuota"])
        cuota["monto"] = _monto(cuota.get("monto"))
        cuota.setdefault("modalidad", None)
        cuota.setdefault("grupo", "")
        cuota.setdefault("notas", "")
        cuota.setdefault("nota_editorial", "")
        cuota.setdefault("fundamento", "")
        cuota["articulo_lfd"], cuota["fraccion_lfd"] = _fundamento_lfd(cuota["fundamento"])
        cuota["fuente"] = fuente
        cuota["orden"] = len(tramite["cuotas"])
        tramite["cuotas"].append(cuota)
    elif tipo == "nota_cuota":
        cuota = next(
            (c for c in tramite["cuotas"] if c["concepto"].startswith(complemento["concepto"])),
            None,
        )
        if cuota is None:
            raise ValueError(f"{tramite['slug']}: no hay cuota «{complemento['concepto']}»")
        # Lo que dicen otras fuentes de un monto es para el equipo, no para el público.
        cuota["nota_editorial"] = f"{cuota['nota_editorial']} {complemento['valor']}".strip()
    elif tipo == "fundamento":
        tramite["fundamentos"].append(
            {"texto": complemento["valor"], "orden": len(tramite["fundamentos"])}
        )
    else:
        raise ValueError(f"Tipo de complemento desconocido: {tipo}")
    if fuente not in tramite["fuentes"]:
        tramite["fuentes"].append(fuente)
    generacion.datos["fuentes_fechas"][fuente] = fecha


def _revisar(generacion: Generacion) -> None:
    """Reglas que el fixture debe cumplir siempre."""
    tramites = generacion.datos["tramites"]
    if len(tramites) != 14:
        generacion.avisos.append(f"La referencia trae {len(tramites)} trámites, no 14.")
    repetidos = [s for s, n in Counter(t["slug"] for t in tramites).items() if n > 1]
    if repetidos:
        raise ValueError(f"Slugs repetidos: {repetidos}")
    categorias = {c["slug"] for c in generacion.datos["categorias"]}
    for t in tramites:
        if t["categoria"] not in categorias:
            raise ValueError(f"{t['slug']}: categoría desconocida {t['categoria']}")
        if not t["fuentes"]:
            raise ValueError(f"{t['slug']}: un trámite sin fuentes no entra al sitio")
        modalidades = {m["slug"] for m in t["modalidades"]}
        for fila in t["requisitos"] + t["cuotas"] + t["supuestos"]:
            if fila["modalidad"] and fila["modalidad"] not in modalidades:
                raise ValueError(f"{t['slug']}: modalidad desconocida {fila['modalidad']}")
        # Un hecho sin fuente no se publica como dato: requisito, plazo, cuándo y vigencia.
        for requisito in t["requisitos"]:
            if not requisito["fuente"]:
                raise ValueError(f"{t['slug']}: requisito sin fuente «{requisito['texto'][:60]}»")
        plazos = [t["plazo_resolucion_dias_habiles"], t["plazo_resolucion_dias_naturales"]]
        if all(p is not None for p in plazos):
            raise ValueError(f"{t['slug']}: plazo en días hábiles y en días naturales a la vez")
        for dato, fuente in (
            (any(p is not None for p in plazos), "plazo_fuente"),
            (t["cuando_solicitar"], "cuando_fuente"),
            (t["vigencia_resultado"], "vigencia_fuente"),
        ):
            if dato and not t[fuente]:
                raise ValueError(f"{t['slug']}: {fuente} vacía para un dato publicado")


def leer_referencia(directorio: Path | None = None) -> dict:
    ruta = (directorio or directorio_referencia()) / "tramites.yaml"
    with ruta.open(encoding="utf-8") as archivo:
        return yaml.safe_load(archivo)


def leer_complementos(ruta: Path = COMPLEMENTOS) -> list[dict]:
    if not ruta.exists():
        return []
    with ruta.open(encoding="utf-8") as archivo:
        return yaml.safe_load(archivo) or []


def comparar(anterior: dict | None, nuevo: dict) -> list[str]:
    """Lo que cambió entre dos versiones del fixture, en líneas para una persona."""
    if anterior is None:
        return [f"Fixture nuevo con {len(nuevo['tramites'])} trámites."]
    cambios = []
    previos = {t["slug"]: t for t in anterior["tramites"]}
    actuales = {t["slug"]: t for t in nuevo["tramites"]}
    for slug in sorted(actuales.keys() - previos.keys()):
        cambios.append(f"+ trámite {slug}")
    for slug in sorted(previos.keys() - actuales.keys()):
        cambios.append(f"- trámite {slug}")
    for slug in sorted(actuales.keys() & previos.keys()):
        antes, despues = previos[slug], actuales[slug]
        for clave in despues:
            if antes.get(clave) != despues[clave]:
                if isinstance(despues[clave], list):
                    cambios.append(
                        f"~ {slug}: {clave} ({len(antes.get(clave) or [])} → "
                        f"{len(despues[clave])}, con cambios)"
                    )
                else:
                    cambios.append(f"~ {slug}: {clave}")
    for clave in ("categorias", "temas"):
        if anterior.get(clave) != nuevo.get(clave):
            cambios.append(f"~ {clave}")
    return cambios


def generar_desde(directorio: Path | None = None) -> Generacion:
    """Lee la referencia de `directorio` (por omisión ../shared/reference) y genera el fixture."""
    return generar(
        leer_referencia(directorio),
        leer_complementos(),
        oficiales.leer_decisiones(),
        oficiales.leer_leyes(directorio),
    )


def resumen(datos: dict) -> str:
    return f"{len(datos['tramites'])} trámites"
