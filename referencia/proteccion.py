"""Convierte ../shared/reference/proteccion.yaml en fixtures/proteccion.json.

El refugio ante la COMAR (cada hecho con sus fuentes), las oficinas de la COMAR y otras
instituciones que las personas migrantes necesitan. Lo desconocido («no encontrado», «no
confirmado») queda vacío: la página dice «no localizado». Las fuentes que nunca valen
(imitaciones, proxies) se quitan con un aviso.
"""

from pathlib import Path

import yaml

from config import entidades
from fuentes import clasificacion
from referencia.carpeta import directorio_referencia
from referencia.generacion import Generacion

ARCHIVO = "proteccion.yaml"

# Hechos del procedimiento que se publican, en este orden, con su título (en palabras propias).
# Las notas para editores del YAML (relación con las fichas, advertencias sin dirección) no.
HECHOS = {
    "descripcion": "Quién decide: la COMAR, no el INM",
    "quien_puede_solicitar": "Quién puede pedir refugio",
    "plazo_para_solicitar": "Plazo para pedirlo",
    "gratuito": "Es gratuito",
    "sin_importar_situacion_migratoria": "No importa su situación migratoria",
    "donde_presentar": "Dónde se pide",
    "constancia": "Mientras se decide: la constancia de trámite",
    "no_devolucion": "Mientras se decide: nadie puede devolverle a su país",
    "tvrh": "Mientras se decide: la tarjeta de visitante por razones humanitarias",
    "curp_temporal": "Mientras se decide: la CURP temporal",
    "firmas_periodicas": "Mientras se decide: presentarse a firmar",
    "permanecer_en_entidad": "Mientras se decide: quedarse en el mismo estado",
    "plazo_resolucion": "Cuánto tarda la respuesta",
    "recurso_revision": "Si la respuesta es negativa",
    "reconocimiento_y_residencia_permanente": "Si le reconocen como refugiado",
}
# Lo que la referencia dice que no se pudo confirmar, por hecho: el campo del YAML y, si ese campo
# solo dice «no encontrado», la frase que lo explica.
PENDIENTES = {
    "donde_presentar": (
        "url_prerregistro",
        "La dirección web oficial del prerregistro en línea de la COMAR: no localizada.",
    ),
    "curp_temporal": ("pendiente", ""),
    "firmas_periodicas": ("pendiente", ""),
    "permanecer_en_entidad": (
        "base_legal_oficial",
        "La norma oficial que fija esta regla: no localizada (probablemente el Reglamento).",
    ),
}
OTRAS_PROTECCIONES = {
    "proteccion_complementaria": "Protección complementaria",
    "asilo_politico": "Asilo político: otra vía, ante la SRE",
}

# Necesidad de otras_referencias → ancla en la página de instituciones (la búsqueda las enlaza).
ANCLAS = (
    ("pasaporte", "consulados"),
    ("curp", "curp"),
    ("queja", "cndh"),
    ("acnur", "acnur"),
    ("oim", "oim"),
    ("víctima", "victimas"),
    ("niña", "proteccion-infancia"),
    ("seguimiento", "seguimiento-inm"),
)
ANCLAS_OBLIGATORIAS = (
    "consulados",
    "curp",
    "cndh",
    "acnur",
    "oim",
    "proteccion-infancia",
    "victimas",
)

_DESCONOCIDO = ("no encontrad", "no confirmad", "no aplica", "no hay oficina", "no localizad")


def desconocido(valor) -> bool:
    return not valor or str(valor).strip().lower().startswith(_DESCONOCIDO)


def _texto(valor) -> str:
    return "" if desconocido(valor) else " ".join(str(valor).split())


def _url(valor: str) -> str:
    # La referencia cita a veces «https://… (archivos dentro del repositorio)».
    return str(valor).split()[0]


class _Fuentes:
    """Reúne las fuentes citadas (con su fecha) y quita las que nunca valen."""

    def __init__(self, avisos: list[str]):
        self.fechas: dict[str, str] = {}
        self.avisos = avisos

    def urls(self, fuentes) -> list[str]:
        resultado = []
        for fuente in fuentes or []:
            url = _url(fuente["url"])
            motivo = clasificacion.motivo_de_rechazo(url)
            if motivo:
                self.avisos.append(f"Fuente quitada: {url} ({motivo}).")
                continue
            fecha = str(fuente.get("fecha_consulta", ""))
            self.fechas[url] = max(self.fechas.get(url, fecha), fecha)
            if url not in resultado:
                resultado.append(url)
        return resultado


def _enlace(valor, avisos: list[str]) -> str:
    if desconocido(valor):
        return ""
    url = _url(valor)
    motivo = clasificacion.motivo_de_rechazo(url)
    if motivo:
        avisos.append(f"Enlace quitado: {url} ({motivo}).")
        return ""
    return url


def _clave_estado(nombre: str) -> str | None:
    normal = nombre.lower()
    for entidad in entidades.ENTIDADES:
        if entidad.nombre.lower() == normal or entidad.nombre_oficial.lower() == normal:
            return entidad.clave
    return None


def _slug(ciudad: str) -> str:
    from django.utils.text import slugify

    return slugify(ciudad.split("(")[0])


def generar(datos: dict) -> Generacion:
    avisos: list[str] = []
    fuentes = _Fuentes(avisos)
    comar = datos["comar"]
    hechos = []
    for orden, (clave, titulo) in enumerate(HECHOS.items()):
        entrada = comar[clave]
        campo, si_desconocido = PENDIENTES.get(clave, ("", ""))
        pendiente = " ".join(str(entrada.get(campo) or "").split())
        if desconocido(pendiente) and si_desconocido and entrada.get(campo):
            pendiente = si_desconocido
        hechos.append(
            {
                "clave": clave.replace("_", "-"),
                "titulo": titulo,
                "texto": _texto(entrada["texto"]),
                "articulos": _texto(entrada.get("articulos")),
                "dias_habiles": entrada.get("dias_habiles"),
                "pendiente": pendiente,
                "fuentes": fuentes.urls(entrada["fuentes"]),
                "orden": orden,
            }
        )
    for clave, titulo in OTRAS_PROTECCIONES.items():
        entrada = datos[clave]
        hechos.append(
            {
                "clave": clave.replace("_", "-"),
                "titulo": titulo,
                "texto": " ".join(
                    t for t in (_texto(entrada["una_frase"]), _texto(entrada.get("nota"))) if t
                ),
                "articulos": _texto(entrada.get("articulos")),
                "dias_habiles": None,
                "pendiente": "",
                "fuentes": fuentes.urls(entrada["fuentes"]),
                "orden": len(hechos),
            }
        )

    resumen = datos["oficinas_comar"]["_resumen"]
    de_la_lista = set(fuentes.urls(resumen["fuentes"]))
    oficinas = []
    for entrada in datos["oficinas_comar"]["lista"]:
        if desconocido(entrada.get("direccion")) and str(entrada.get("direccion", "")).startswith(
            ("no hay", "no confirmada")
        ):
            # Querétaro (no hay oficina) o Cancún (solo anunciada): no son oficinas.
            avisos.append(f"Sin oficina confirmada, no se publica: {entrada['ciudad']}.")
            continue
        urls = fuentes.urls(entrada["fuentes"])
        # La lista del ACNUR confirma la ciudad; el domicilio y el horario vienen de las demás.
        ubicacion = [u for u in urls if u in de_la_lista] or urls
        datos_oficina = [u for u in urls if u not in de_la_lista]
        clave_estado = _clave_estado(entrada["estado"])
        if clave_estado is None:
            raise ValueError(f"Estado desconocido en oficinas_comar: {entrada['estado']}")
        notas = [
            _texto(entrada.get(c)) for c in ("estado_actual", "nota", "historia") if entrada.get(c)
        ]
        oficinas.append(
            {
                "slug": _slug(entrada["ciudad"]),
                "ciudad": entrada["ciudad"],
                "estado": clave_estado,
                "direccion": _texto(entrada.get("direccion")),
                "horario": _texto(entrada.get("horario")),
                "telefono": _texto(entrada.get("telefono")),
                "nota": " ".join(n for n in notas if n),
                "fuentes_ubicacion": ubicacion,
                "fuentes_datos": datos_oficina,
                "orden": len(oficinas),
            }
        )

    instituciones = []
    for entrada in datos["otras_referencias"]:
        necesidad = entrada["necesidad"].lower()
        ancla = next((a for palabra, a in ANCLAS if palabra in necesidad), None)
        if ancla is None:
            ancla = next(
                (a for palabra, a in ANCLAS if palabra in entrada["institucion"].lower()), None
            )
        if ancla is None:
            raise ValueError(f"Institución sin ancla conocida: {entrada['necesidad']}")
        telefono = entrada.get("telefono") or entrada.get("telefono_ceav")
        instituciones.append(
            {
                "ancla": ancla,
                "necesidad": _texto(entrada["necesidad"]),
                "nombre": _texto(entrada["institucion"]),
                "que_hacer": _texto(entrada.get("que_hacer")),
                "url": _enlace(entrada.get("url"), avisos),
                "otras_urls": [
                    u for u in (_enlace(v, avisos) for v in entrada.get("otras_urls", [])) if u
                ],
                "telefono": _texto(telefono).split(" (")[0],
                "aviso": _texto(entrada.get("aviso")),
                "fuentes": fuentes.urls(entrada["fuentes"]),
                "orden": len(instituciones),
            }
        )
    faltan = set(ANCLAS_OBLIGATORIAS) - {i["ancla"] for i in instituciones}
    if faltan:
        avisos.append(f"Sin datos en la referencia (la página dirá «no localizado»): {faltan}.")
    return Generacion(
        {
            "fecha_consulta": str(datos["_meta"]["fecha_consulta"]),
            "fuentes_fechas": dict(sorted(fuentes.fechas.items())),
            "hechos": hechos,
            "oficinas": oficinas,
            "instituciones": instituciones,
        },
        avisos,
    )


def generar_desde(directorio: Path | None = None) -> Generacion:
    ruta = (directorio or directorio_referencia()) / ARCHIVO
    with ruta.open(encoding="utf-8") as archivo:
        return generar(yaml.safe_load(archivo))


def comparar(anterior: dict | None, nuevo: dict) -> list[str]:
    if anterior is None:
        return [f"Fixture nuevo: {resumen(nuevo)}."]
    cambios = []
    for seccion, clave in (("hechos", "clave"), ("oficinas", "slug"), ("instituciones", "ancla")):
        previos = {e[clave]: e for e in anterior.get(seccion, [])}
        actuales = {e[clave]: e for e in nuevo[seccion]}
        cambios += [f"+ {seccion} {c}" for c in sorted(actuales.keys() - previos.keys())]
        cambios += [f"- {seccion} {c}" for c in sorted(previos.keys() - actuales.keys())]
        cambios += [
            f"~ {seccion} {c}"
            for c in sorted(actuales.keys() & previos.keys())
            if actuales[c] != previos[c]
        ]
    if anterior.get("fuentes_fechas") != nuevo["fuentes_fechas"]:
        cambios.append("~ fuentes_fechas")
    return cambios


def resumen(datos: dict) -> str:
    return (
        f"{len(datos['hechos'])} hechos, {len(datos['oficinas'])} oficinas de la COMAR, "
        f"{len(datos['instituciones'])} instituciones"
    )
