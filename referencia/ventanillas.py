"""Convierte ../shared/reference/ventanillas.yaml y oficinas.yaml en fixtures/ventanillas.json.

Aquí solo se reorganiza lo que dice la referencia: cada lugar se liga a su estado y municipio
del INEGI, cada servicio a una categoría explicada en palabras sencillas y el horario se lee
solo si es inequívoco. Esas decisiones están escritas como tablas revisables (abajo). Ningún
valor se inventa: lo que la referencia no trae queda vacío.
"""

from collections import Counter
from pathlib import Path

import yaml
from django.utils.text import slugify

from config import entidades
from referencia.carpeta import directorio_referencia
from referencia.fuentes import quitar_rechazadas
from referencia.generacion import Generacion
from ventanillas import geografia
from ventanillas.horarios import interpretar_horario

# Categorías de servicio, en palabras propias del sitio. Los primeros códigos son los del
# contrato con datos_abiertos; «informacion» y «tramites-inm» describen lo que ofrecen los
# lugares, no lo que se registra en una atención.
SERVICIOS = [
    {
        "slug": "informacion",
        "nombre": "Información para personas migrantes",
        "explicacion": "Le explican sus derechos en México, qué servicios hay para usted en la "
        "ciudad, los riesgos de viajar sin papeles y las formas legales de migrar.",
    },
    {
        "slug": "orientacion-tramites",
        "nombre": "Orientación sobre trámites migratorios",
        "explicacion": "Le dicen qué trámite le corresponde, qué papeles necesita y dónde se "
        "hace. Es gratis. No hacen el trámite por usted ni lo sustituyen ante el INM.",
    },
    {
        "slug": "canalizacion-proteccion",
        "nombre": "Canalización a protección y asistencia",
        "explicacion": "Si está en peligro, fue víctima de un delito, necesita atención médica, "
        "albergue o escuela para sus hijos, le ponen en contacto con la institución que puede "
        "ayudarle.",
    },
    {
        "slug": "vinculacion-laboral",
        "nombre": "Vinculación laboral",
        "explicacion": "Le orientan para buscar trabajo formal y le informan sobre empleos y "
        "derechos laborales.",
    },
    {
        "slug": "retorno-voluntario",
        "nombre": "Retorno voluntario asistido",
        "explicacion": "Apoyo de la OIM para volver a su país de forma segura si usted así lo "
        "decide.",
    },
    {
        "slug": "documentos-identidad",
        "nombre": "Documentos de identidad",
        "explicacion": "Le ayudan a obtener o a poner en regla documentos como actas, "
        "identificaciones o trámites del registro civil.",
    },
    {
        "slug": "tramites-inm",
        "nombre": "Presentar trámites migratorios",
        "explicacion": "Aquí se entregan las solicitudes al Instituto Nacional de Migración "
        "(residencia, permisos, avisos de cambio). Algunas oficinas piden cita en línea.",
    },
]

# Texto de servicio de la referencia → categoría. Un texto nuevo en la referencia detiene la
# generación hasta que alguien lo clasifique aquí.
SERVICIO_DE_TEXTO = {
    "información sobre procesos migratorios": "orientacion-tramites",
    "información sobre servicios para personas migrantes": "informacion",
    "información sobre riesgos de la migración irregular y opciones de migración regular": "informacion",
    "orientación legal en materia migratoria a personas en tránsito": "orientacion-tramites",
    "vinculación laboral": "vinculacion-laboral",
    "orientación para acceso a salud y educación": "canalizacion-proteccion",
    "apoyo con regularización de documentos y trámites civiles": "documentos-identidad",
    "información a personas migrantes (difusión de la campaña 'Migrar Informados')": "informacion",
    "información y apoyo a personas migrantes y refugiadas": "informacion",
    "detección de personas en mayor riesgo y atención diferenciada": "canalizacion-proteccion",
    "canalización a instituciones": "canalizacion-proteccion",
    "información sobre trámites y servicios para personas migrantes": "orientacion-tramites",
    "identificación de personas migrantes y refugiadas en situación de vulnerabilidad": "canalizacion-proteccion",
    "asistencia según necesidades específicas mediante canalización y coordinación con otras instituciones": "canalizacion-proteccion",
    "información sobre sus derechos en México": "informacion",
    "información para prevenir que sean víctimas de delitos en la ruta migratoria": "informacion",
    "información y servicios adaptados a necesidades específicas de personas migrantes y refugiadas en alto riesgo (en tránsito o recién asentadas)": "informacion",
    "canalización a prestadores de servicios locales": "canalizacion-proteccion",
    "orientación migratoria confiable": "orientacion-tramites",
    "facilitación del acceso a servicios sociales": "canalizacion-proteccion",
    "información a la población, en particular a personas migrantes de Belice": "informacion",
    "ferias comunitarias de información": "informacion",
}

# Oficinas cuya fuente dice que no consta que ahí se atiendan trámites: no se les asigna el
# servicio «Presentar trámites migratorios» (la página lo dice con la nota de la fuente).
OFICINAS_SIN_TRAMITES_CONFIRMADOS = {
    "Estación migratoria y oficina del INM en Zacatecas",
    "Oficinas del INM en Ciudad Juárez (junto al Puente Internacional Lerdo)",
}

# Ciudad de la fuente → municipio del INEGI cuando no se llaman igual. La ciudad es la cabecera
# (o está dentro) de ese municipio según el catálogo del INEGI; la página muestra la ciudad tal
# como la da la fuente y usa el municipio solo para ubicarla de forma aproximada.
MUNICIPIO_DE_CIUDAD = {
    ("09", "Ciudad de México (alcaldía Miguel Hidalgo)"): "Miguel Hidalgo",
    ("23", "Playa del Carmen"): "Solidaridad",
    ("23", "Chetumal"): "Othón P. Blanco",
    ("27", "Villahermosa"): "Centro",
    # La dirección de la fuente sitúa la oficina en San Antonio de la Cal, municipio conurbado.
    ("20", "Oaxaca de Juárez (zona conurbada)"): "San Antonio de la Cal",
    ("08", "Ciudad Juárez"): "Juárez",
    ("13", "Pachuca"): "Pachuca de Soto",
    ("12", "Acapulco"): "Acapulco de Juárez",
}

# Identificadores estables de las páginas que no salen bien del nombre de la ciudad.
SLUGS = {
    "Oficinas centrales del Instituto Nacional de Migración": "inm-oficinas-centrales",
    "Oficina de Representación del INM en la Ciudad de México (oficina de trámites, Polanco)": "inm-ciudad-de-mexico-polanco",
}


def _clave_estado(nombre: str) -> str:
    for entidad in entidades.ENTIDADES:
        if nombre in (entidad.nombre, entidad.nombre_oficial):
            return entidad.clave
    raise ValueError(f"Estado desconocido en la referencia: {nombre!r}")


def _clave_municipio(clave_estado: str, ciudad: str | None) -> str | None:
    if not ciudad:
        return None
    nombre = MUNICIPIO_DE_CIUDAD.get((clave_estado, ciudad), ciudad)
    candidatos = [
        m.clave
        for m in geografia.municipios().values()
        if m.clave_entidad == clave_estado and m.nombre == nombre
    ]
    if len(candidatos) != 1:
        raise ValueError(
            f"No se ubica el municipio de {ciudad!r} (estado {clave_estado}): "
            f"agréguelo a MUNICIPIO_DE_CIUDAD"
        )
    return candidatos[0]


def _texto(valor) -> str:
    return " ".join(str(valor).split()) if valor else ""


def _horario(texto: str | None) -> list[dict]:
    tramos = interpretar_horario(texto or "") or []
    return [
        {
            "dia": t.dia,
            "abre": t.abre.strftime("%H:%M"),
            "cierra": t.cierra.strftime("%H:%M"),
            "cerrado": False,
            "nota": t.nota,
        }
        for t in tramos
    ]


def _servicios(textos: list[str]) -> list[dict]:
    servicios = []
    for orden, texto in enumerate(textos):
        if texto not in SERVICIO_DE_TEXTO:
            raise ValueError(
                f"Servicio sin categoría: {texto!r}; clasifíquelo en SERVICIO_DE_TEXTO"
            )
        servicios.append(
            {"servicio": SERVICIO_DE_TEXTO[texto], "descripcion": texto, "orden": orden}
        )
    return servicios


def _slug(nombre: str, prefijo: str, lugar: str) -> str:
    return SLUGS.get(nombre) or slugify(f"{prefijo} {lugar}")[:120]


def _lugar_base(entrada: dict, tipo: str, fecha: str) -> dict:
    clave_estado = _clave_estado(entrada["estado"])
    return {
        "tipo": tipo,
        "nombre": _texto(entrada["nombre"]),
        "estado": clave_estado,
        "direccion": _texto(entrada.get("direccion")),
        "direccion_nota": _texto(entrada.get("direccion_nota")),
        "codigo_postal": _texto(entrada.get("codigo_postal")),
        "institucion_anfitriona": _texto(entrada.get("institucion_anfitriona")),
        "telefono": _texto(entrada.get("telefono")),
        "telefono_nota": _texto(entrada.get("telefono_nota")),
        "correo": _texto(entrada.get("correo")),
        # Ninguna fuente da coordenadas; si alguna las diera, se copian tal cual.
        "latitud": entrada.get("latitud"),
        "longitud": entrada.get("longitud"),
        "horario_texto": _texto(entrada.get("horario")),
        "horario_nota": _texto(entrada.get("horario_nota")),
        "horarios": _horario(entrada.get("horario")),
        "fecha_apertura": str(entrada["fecha_apertura"]) if entrada.get("fecha_apertura") else None,
        "fecha_apertura_nota": _texto(entrada.get("fecha_apertura_nota")),
        "notas": _texto(entrada.get("notas")),
        "fuentes": list(entrada["fuentes"]),
        "fecha_verificacion": fecha,
    }


def generar(ventanillas: dict, oficinas: dict) -> Generacion:
    fecha = str(ventanillas["_fecha_consulta"])
    generacion = Generacion(datos={})
    lugares = []
    for entrada in ventanillas["ventanillas"]:
        lugar = _lugar_base(entrada, "ventanilla", fecha)
        lugar["municipio"] = _clave_municipio(lugar["estado"], entrada.get("municipio"))
        lugar["ciudad"] = _texto(entrada.get("municipio"))
        lugar["clase_oficina"] = ""
        lugar["servicios"] = _servicios(entrada["servicios"])
        sitio = entrada.get("municipio") or entrada["estado"]
        lugar["slug"] = _slug(entrada["nombre"], "ventanilla", sitio)
        lugares.append(lugar)
    for entrada in oficinas["oficinas"]:
        lugar = _lugar_base(entrada, "oficina", str(oficinas["_fecha_consulta"]))
        lugar["municipio"] = _clave_municipio(lugar["estado"], entrada.get("ciudad"))
        lugar["ciudad"] = _texto(entrada.get("ciudad"))
        lugar["clase_oficina"] = _texto(entrada.get("tipo"))
        lugar["servicios"] = (
            []
            if entrada["nombre"] in OFICINAS_SIN_TRAMITES_CONFIRMADOS
            else [{"servicio": "tramites-inm", "descripcion": "", "orden": 0}]
        )
        sitio = (entrada.get("ciudad") or entrada["estado"]).split("(")[0]
        lugar["slug"] = _slug(entrada["nombre"], "inm", sitio)
        lugares.append(lugar)

    cifras = [
        {
            "ambito": "ventanilla",
            "valor": str(c["valor"]),
            "nota": _texto(c["nota"]),
            "fuente": c["fuente"],
            "orden": i,
        }
        for i, c in enumerate(ventanillas["_resumen"]["numero_de_ventanillas"])
    ]
    representaciones = oficinas["_resumen"]["numero_oficinas_de_representacion"]
    cifras.append(
        {
            "ambito": "oficina",
            "valor": str(representaciones["valor"]),
            "nota": _texto(representaciones["nota"]),
            "fuente": representaciones["fuente"],
            "orden": 0,
        }
    )
    servicios = [dict(s, orden=i, nota="", fuente=None) for i, s in enumerate(SERVICIOS)]
    # La referencia dice que el retorno voluntario asistido es un programa aparte de la OIM.
    retorno = next(s for s in servicios if s["slug"] == "retorno-voluntario")
    retorno["nota"] = (
        "Ninguna fuente consultada lo enumera como servicio de las ventanillas: la OIM México "
        "lo ofrece como un programa aparte."
    )
    retorno["fuente"] = "https://mexico.iom.int/es/programa-de-retorno-asistido-voluntario-rva"

    generacion.datos = {
        "fecha_consulta": fecha,
        "servicios": servicios,
        "cifras": cifras,
        "lugares": lugares,
        # La referencia no trae actividades de sensibilización con fecha y lugar.
        "actividades": [],
        # Ni un directorio de instituciones de canalización por estado.
        "directorio": [],
    }
    generacion.datos = quitar_rechazadas(generacion.datos, generacion.avisos)
    _revisar(generacion)
    return generacion


def _revisar(generacion: Generacion) -> None:
    lugares = generacion.datos["lugares"]
    repetidos = [s for s, n in Counter(lugar["slug"] for lugar in lugares).items() if n > 1]
    if repetidos:
        raise ValueError(f"Identificadores repetidos: {repetidos}; agréguelos a SLUGS")
    for lugar in lugares:
        if not lugar["fuentes"]:
            raise ValueError(f"{lugar['slug']}: un lugar sin fuentes no entra al sitio")
        if lugar["horario_texto"] and not lugar["horarios"]:
            generacion.avisos.append(
                f"{lugar['slug']}: horario ambiguo, se muestra como texto: {lugar['horario_texto']!r}"
            )


def leer_referencia(directorio: Path | None = None) -> tuple[dict, dict]:
    carpeta = directorio or directorio_referencia()
    with (carpeta / "ventanillas.yaml").open(encoding="utf-8") as archivo:
        ventanillas = yaml.safe_load(archivo)
    with (carpeta / "oficinas.yaml").open(encoding="utf-8") as archivo:
        oficinas = yaml.safe_load(archivo)
    return ventanillas, oficinas


def comparar(anterior: dict | None, nuevo: dict) -> list[str]:
    """Lo que cambió entre dos versiones del fixture, en líneas para una persona."""
    if anterior is None:
        return [f"Fixture nuevo con {len(nuevo['lugares'])} lugares."]
    cambios = []
    previos = {lugar["slug"]: lugar for lugar in anterior["lugares"]}
    actuales = {lugar["slug"]: lugar for lugar in nuevo["lugares"]}
    cambios += [f"+ {slug}" for slug in sorted(actuales.keys() - previos.keys())]
    cambios += [f"- {slug}" for slug in sorted(previos.keys() - actuales.keys())]
    for slug in sorted(actuales.keys() & previos.keys()):
        distintos = [c for c in actuales[slug] if previos[slug].get(c) != actuales[slug][c]]
        if distintos:
            cambios.append(f"~ {slug}: {', '.join(distintos)}")
    for clave in ("servicios", "cifras", "actividades", "directorio"):
        if anterior.get(clave) != nuevo.get(clave):
            cambios.append(f"~ {clave}")
    return cambios


def generar_desde(directorio: Path | None = None) -> Generacion:
    """Lee la referencia de `directorio` (por omisión ../shared/reference) y genera el fixture."""
    return generar(*leer_referencia(directorio))


def resumen(datos: dict) -> str:
    return f"{len(datos['lugares'])} lugares"
