"""Convierte la referencia de lugares en fixtures/ventanillas.json.

Cuatro archivos de ../shared/reference: ventanillas.yaml (la red de ventanillas de la OIM),
oficinas.yaml (oficinas del INM), oficinas_correcciones.yaml (correcciones, instalaciones y datos
nuevos del INM) y ventanillas_candidatas.yaml (datos de la red de la OIM y oficinas municipales o
estatales que ayudan a migrantes, que entran como «otro lugar», nunca como ventanilla).

Aquí solo se reorganiza lo que dice la referencia: cada lugar se liga a su estado y municipio
del INEGI, cada servicio a una categoría explicada en palabras sencillas, el horario se lee
solo si es inequívoco y cada dato de la ficha (dirección, teléfono, horario, servicios) lleva la
fuente que lo da. Esas decisiones están escritas como tablas revisables (abajo). Ningún valor se
inventa: lo que la referencia no trae queda vacío; lo que sus fuentes contradicen va a la nota
para el equipo.
"""

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.utils.text import slugify

from config import entidades
from fuentes import clasificacion
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
    {
        "slug": "apoyo-regreso",
        "nombre": "Apoyo para el viaje de regreso",
        "explicacion": "Le ayudan con el costo del viaje de vuelta a su lugar de origen, por "
        "ejemplo con descuentos en el autobús.",
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
    # Otros lugares que ayudan a personas migrantes (ventanillas_candidatas.yaml).
    "información sobre el proceso de asilo en EE. UU. mediante la aplicación CBP One, con acceso a internet": "informacion",
    "detección de casos urgentes (salud, discapacidad, persecución)": "canalizacion-proteccion",
    "canalización a la red de albergues de la ciudad": "canalizacion-proteccion",
    "asesoría en materia migratoria (con la organización HIAS, asesoría legal gratuita en regularización en México, asilo en EE. UU. y solicitud de refugio)": "orientacion-tramites",
    "vales de 50% de descuento en autobús para retorno": "apoyo-regreso",
    "apoyo con la aplicación CBP One": "informacion",
    "bolsa de trabajo y vinculación con empresas; apoyo para CURP y Seguro Social": "vinculacion-laboral",
    "asesoría jurídica gratuita en temas migratorios y de refugio": "orientacion-tramites",
    "orientación para el acceso a derechos sociales": "canalizacion-proteccion",
    "apoyo en trámites ante la COMAR y el INM": "orientacion-tramites",
    "canalización a la Comisión Estatal de Derechos Humanos de Nuevo León": "canalizacion-proteccion",
    "orientación sobre acceso a derechos y sobre trámites migratorios": "orientacion-tramites",
    "asesoría jurídica y psicosocial": "canalizacion-proteccion",
    "vinculación con consulados (la copia se corta ahí)": "canalizacion-proteccion",
    "reposición de actas de nacimiento y otros documentos de identidad": "documentos-identidad",
    "orientación a personas migrantes (sobre todo de otros estados de México)": "informacion",
}

# Descripción pública de un servicio cuando el texto de la referencia trae una nota de trabajo.
DESCRIPCION_DE_SERVICIO = {
    "vinculación con consulados (la copia se corta ahí)": "vinculación con consulados",
}

# Textos de la lista de servicios de la referencia que no son un servicio para la persona: van a
# la ficha como otro dato, con la primera fuente del lugar.
DATO_Y_NO_SERVICIO = {
    "coordinación con la Policía Municipal y el INM, que refieren personas al módulo": (
        "La Policía Municipal y el INM envían personas a este módulo."
    ),
    "no detallados en la fuente; el mismo acto anunció una oficina y albergue temporal de la COMAR con ACNUR en Cancún": (
        "La fuente no detalla sus servicios. En el mismo acto se anunció una oficina y un "
        "albergue temporal de la COMAR con el ACNUR en Cancún."
    ),
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
    ("09", "Ciudad de México (AICM)"): "Venustiano Carranza",
    ("09", "Ciudad de México (alcaldía Iztapalapa)"): "Iztapalapa",
    ("23", "Cancún"): "Benito Juárez",
}

# Identificadores estables de las páginas que no salen bien del nombre de la ciudad.
SLUGS = {
    "Oficinas centrales del Instituto Nacional de Migración": "inm-oficinas-centrales",
    "Oficina de Representación del INM en la Ciudad de México (oficina de trámites, Polanco)": "inm-ciudad-de-mexico-polanco",
}


# Fuente de un dato de la ficha que la referencia sí atribuye (o que el lugar necesita porque
# mezcla fuentes oficiales y no oficiales; ver _fuentes_de_datos).
FUENTE_DE_DATO = {
    # La nota de la OIM dice qué ofrece la ventanilla; la de la prensa habla de otra oficina.
    (
        "ventanilla-puebla",
        "servicios",
    ): "https://programamesoamerica.iom.int/en/news/puebla-opens-first-information-hub-migrants-collaboration-iom",
    # Domicilio y conmutador de las oficinas centrales: las páginas oficiales que cita la
    # referencia para el contacto del INM (tramites.yaml, comunes.contacto_inm; y oficinas.yaml,
    # contacto_nacional, para el conmutador).
    (
        "inm-oficinas-centrales",
        "direccion",
    ): "https://ventanillaunica.economia.gob.mx/procedure/330/step/472?l=es",
    (
        "inm-oficinas-centrales",
        "telefono",
    ): "https://www.gob.mx/inm/articulos/conoce-las-nuevas-tarifas-para-el-pago-de-derechos-migratorios-2018?idiom=es",
    # El horario y que ahí se atiendan trámites solo los dice la prensa (convocatoria del Migratón).
    (
        "inm-oficinas-centrales",
        "horario",
    ): "https://calibre800.net/nacional/convoca-inm-a-participar-en-el-migraton-2023-para-apoyar-a-personas-migrantes",
    (
        "inm-oficinas-centrales",
        "servicios",
    ): "https://calibre800.net/nacional/convoca-inm-a-participar-en-el-migraton-2023-para-apoyar-a-personas-migrantes",
}

# Nombre de una oficina en oficinas_correcciones.yaml → su slug, cuando no se llama como en
# oficinas.yaml. El titular del INM en Tamaulipas va a la única oficina de ese estado.
OFICINA_CORREGIDA = {
    "Oficinas del INM en Tuxtla Gutiérrez": "inm-tuxtla-gutierrez",
    "Oficinas del INM en Ciudad Juárez": "inm-ciudad-juarez",
    "Oficina de Representación del INM en Nuevo León": "inm-monterrey",
    "Delegación / Oficina de Representación del INM en Tamaulipas": "inm-reynosa",
}

# Fuentes de la referencia que se citan por otra dirección con el mismo dato: la copia de El
# Universal en la red de su plataforma (arc-cdn.net) no es la página del periódico; el mismo
# dato (delegado del INM en Tamaulipas, noviembre de 2024) lo publica otro diario.
FUENTE_SUSTITUTA = {
    "https://eluniversal-eluniversal-prod.web.arc-cdn.net/estados/tamaulipas-despliega-programa-heroes-paisanos-para-connacionales-instalaran-19-modulos": (
        "http://norestedigital.net/2024/11/06/prepara-tamaulipas-programa-heroes-paisanos-operativo-invierno-2024"
    ),
}

# Direcciones que la corrección completa (su texto dice qué cambia, no la dirección entera).
DIRECCION_CORREGIDA = {
    "inm-saltillo": "Calle Manuel Pérez Treviño, casi esquina con periférico Luis Echeverría, "
    "Fraccionamiento Urdiñola (cerca del edificio de la Policía Municipal), Saltillo, Coahuila",
}

VIAJERO_CONFIABLE = "https://papelea.com/mx/instituto-nacional-de-migracion?page=4"

# Instalaciones nuevas de oficinas_correcciones.yaml. Los centros de Viajero Confiable vienen en
# una sola entrada con tres aeropuertos: cada uno es un lugar con su parte de la dirección y del
# horario (la que empieza con su nombre en la referencia). La ficha oficial de gob.mx describe el
# trámite sin lugares ni horarios: esos datos vienen de una transcripción no oficial.
INSTALACIONES = {
    "Módulos del INM en el Aeropuerto Internacional de la Ciudad de México (AICM)": [
        {
            "slug": "inm-aicm",
            "ciudad": "Ciudad de México (AICM)",
            "clase_oficina": "oficina en aeropuerto (atención a pasajeros)",
            "servicio": "salida definitiva, reposición de la FMM para salir, permiso de salida "
            "y regreso, entre otros",
            "notas": "La página del AICM con estos datos se actualizó por última vez el 20 de "
            "abril de 2017: pueden haber cambiado.",
            "nota_editorial": "Verificar vigencia: la página del AICM es de 2017.",
        }
    ],
    "Centros de inscripción del programa Viajero Confiable (INM)": [
        {
            "slug": f"inm-viajero-confiable-{sitio}",
            "nombre": f"Centro de inscripción a Viajero Confiable del INM ({aeropuerto})",
            "estado": estado,
            "ciudad": ciudad,
            "clase_oficina": "oficina en aeropuerto (solo para este trámite)",
            "direccion_de": direccion_de,
            "horario_de": horario_de,
            "servicio": "solo la inscripción al programa Viajero Confiable",
            "fuente_de_datos": VIAJERO_CONFIABLE,
            "nota_editorial": "Ubicación y horario de papelea.com, que transcribe la ficha de "
            "gob.mx; la ficha oficial no da horarios.",
        }
        for sitio, aeropuerto, estado, ciudad, direccion_de, horario_de in (
            (
                "los-cabos",
                "Aeropuerto de Los Cabos",
                "Baja California Sur",
                "Los Cabos",
                "Aeropuerto de Los Cabos",
                "Los Cabos",
            ),
            ("aicm", "AICM", "Ciudad de México", "Ciudad de México (AICM)", "AICM", "AICM"),
            (
                "cancun",
                "Aeropuerto de Cancún",
                "Quintana Roo",
                "Cancún",
                "Aeropuerto de Cancún",
                "Cancún",
            ),
        )
    ],
    "Estación Migratoria de la Ciudad de México (Iztapalapa)": [
        {
            "slug": "inm-estacion-migratoria-iztapalapa",
            "ciudad": "Ciudad de México (alcaldía Iztapalapa)",
            "clase_oficina": "estación migratoria (no es oficina de trámites)",
            "datos": ["En 2022 tenía capacidad para 430 personas."],
        }
    ],
    "Estación Migratoria Zozaya (Nuevo León)": [
        {
            "slug": "inm-estacion-migratoria-zozaya",
            "ciudad": "Guadalupe",
            "clase_oficina": "estación migratoria (no es oficina de trámites)",
            "datos": [
                "El boletín del Congreso de Nuevo León (febrero de 2021) también menciona el "
                "«Centro de Control Migratorio Nuevo León» del INM."
            ],
        }
    ],
}

# Horarios de la referencia que dicen que no se vieron: el horario queda desconocido.
HORARIO_NO_VISIBLE = {"no visible en la copia"}

# Otros lugares: la referencia da mes y año (o la fecha de un acuerdo), no el día de apertura.
APERTURA_DE_OTRO_LUGAR = {
    "ayuda-tijuana": "Abrió en junio de 2023.",
    "ayuda-cancun": "El Cabildo acordó crearla el 5 de agosto de 2021.",
    "ayuda-monterrey": "El alcalde lo presentó el 11 de agosto de 2025, según la publicación "
    "municipal que cita la prensa.",
    "ayuda-playa-del-carmen": "Abrió en enero de 2018.",
}

# Otros lugares cuya nota de dirección dice que sus fuentes no coinciden: va al equipo.
DIRECCION_EN_CONFLICTO = {"ayuda-ciudad-juarez"}

# La fuente de las cifras de atención de un otro lugar, cuando no es la primera de sus fuentes.
FUENTE_DE_CIFRAS = {
    "ayuda-tijuana": "https://diariotijuana.info/2023/12/asistio-ayuntamiento-de-tijuana-a-mas-de-6-mil-personas-en-modulo-de-garita-san-isidro",
    "ayuda-ciudad-juarez": "https://notiver.com/nacionales/regresan-107-migrantes-a-sus-lugares-de-origen-en-camion/amp",
}

# Hechos nuevos sobre la red (ventanillas_candidatas.yaml), por fuente: de qué red hablan y, si
# una entrada junta dos fuentes, qué dice cada una. None: ya entra por otro lado.
HECHO_DE_RED = {
    "http://programamesoamerica.iom.int/en/news/mesoamerica-program-opens-tenth-office-vulnerable-migrants-mesoamerica": (
        "ventanilla",
        None,
    ),
    "https://iom.int/news/un-migration-agency-facilitates-exchange-best-practices-migrant-information-hubs": (
        "ventanilla",
        None,
    ),
    # El número gratuito ya entra con contacto_nacional de oficinas_correcciones.yaml.
    "https://programamesoamerica.iom.int/en/news/iom-and-its-partners-facilitate-access-regular-and-safe-migration-times-covid-19": (
        None,
        None,
    ),
    "https://www.elredactor.mx/2025/08/30/participa-tamaulipas-en-el-encuentro-nacional-de-titulares-de-oficinas-estatales-de-atencion-a-migrantes/": (
        "otro-lugar",
        "En agosto de 2025 la Unidad de Política Migratoria (SEGOB) y la OIM reunieron en la "
        "Ciudad de México a las personas titulares de las Oficinas Estatales de Atención a "
        "Migrantes (OFAM).",
    ),
    "https://programamesoamerica.iom.int/en/news/mexicos-state-migrant-assistance-offices-trained-their-personnel-migration-management": (
        "otro-lugar",
        "Las Oficinas Estatales de Atención a Migrantes (OFAM) son una red distinta de la de "
        "ventanillas de la OIM; en 2019 la OIM contaba 30 en el país.",
    ),
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


def _urls(fuentes) -> list[str]:
    """Las direcciones de una lista de fuentes (texto o {url, tipo}), en su orden."""
    return [f["url"] if isinstance(f, dict) else f for f in fuentes]


def _fuentes_de(entrada: dict) -> list[str]:
    """Las fuentes de una entrada de la referencia, ya sea en `fuentes` o en `fuente`."""
    if entrada.get("fuentes"):
        return _urls(entrada["fuentes"])
    return [entrada["fuente"]] if entrada.get("fuente") else []


def _agregar(lista: list[str], urls) -> None:
    lista.extend(u for u in urls if u not in lista)


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
    for texto in textos:
        if texto in DATO_Y_NO_SERVICIO:
            continue
        if texto not in SERVICIO_DE_TEXTO:
            raise ValueError(
                f"Servicio sin categoría: {texto!r}; clasifíquelo en SERVICIO_DE_TEXTO"
            )
        servicios.append(
            {
                "servicio": SERVICIO_DE_TEXTO[texto],
                "descripcion": DESCRIPCION_DE_SERVICIO.get(texto, texto),
                "orden": len(servicios),
            }
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
        "nota_editorial": "",
        "fuentes": _fuentes_de(entrada),
        "fecha_verificacion": fecha,
        "datos": [],
        # Fuente de cada dato de la ficha cuando la referencia la dice; las demás las elige
        # _fuentes_de_datos al final.
        "_fuente_de": {},
    }


def _dato(lugar: dict, texto: str, fuente: str) -> None:
    """Otro dato del lugar con la fuente que lo da (que se suma a las del lugar)."""
    lugar["datos"].append({"texto": _texto(texto), "fuente": fuente, "orden": len(lugar["datos"])})
    _agregar(lugar["fuentes"], [fuente])


def _nota_editorial(lugar: dict, texto: str) -> None:
    lugar["nota_editorial"] = " ".join(filter(None, [lugar["nota_editorial"], _texto(texto)]))


def _fuente_unica(urls: list[str], donde: str) -> str:
    """La fuente que se cita junto a un dato que dan varias: la primera, si todas son del mismo
    tipo (la postura no depende de cuál). Si mezclan oficiales y no oficiales, no se elige sola:
    una parte no oficial no se vuelve oficial por ir junto a otra que sí lo es."""
    if len({clasificacion.clasificar(u).tipo for u in urls}) > 1:
        raise ValueError(f"{donde}: el dato mezcla fuentes oficiales y no oficiales; sepárelo")
    return urls[0]


# --- Las oficinas, con las correcciones de oficinas_correcciones.yaml --------------------------


def _oficinas(oficinas: dict) -> list[dict]:
    lugares = []
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
    return lugares


def _corregir_oficinas(por_slug: dict[str, dict], correcciones: dict) -> None:
    fecha = str(correcciones["_fecha_consulta"])
    por_nombre = {lugar["nombre"]: lugar for lugar in por_slug.values()}
    for correccion in correcciones["correcciones_y_datos_por_oficina"]:
        nombre = correccion["oficina"]
        lugar = por_nombre.get(nombre) or por_slug.get(OFICINA_CORREGIDA.get(nombre, ""))
        if lugar is None:
            raise ValueError(
                f"Corrección de una oficina desconocida: {nombre!r}; OFICINA_CORREGIDA"
            )
        fuentes = [FUENTE_SUSTITUTA.get(u, u) for u in _fuentes_de(correccion)]
        lugar["fecha_verificacion"] = fecha
        if correccion.get("conflicto"):
            # Fuentes que no coinciden: la ficha sigue con lo que ya tenía y su postura; la
            # discrepancia es para el equipo.
            _nota_editorial(
                lugar, f"Fuentes en conflicto ({correccion['campo']}): {correccion['conflicto']}"
            )
            _nota_editorial(lugar, " ".join(fuentes))
        elif correccion["campo"] == "direccion":
            if lugar["slug"] not in DIRECCION_CORREGIDA:
                raise ValueError(f"{lugar['slug']}: escriba la dirección en DIRECCION_CORREGIDA")
            lugar["direccion"] = DIRECCION_CORREGIDA[lugar["slug"]]
            _agregar(lugar["fuentes"], fuentes)
            lugar["_fuente_de"]["direccion"] = _fuente_unica(fuentes, nombre)
        else:
            _dato(lugar, correccion["dato"], _fuente_unica(fuentes, nombre))
            _agregar(lugar["fuentes"], fuentes)
        if correccion.get("otros"):
            _dato(
                lugar,
                correccion["otros"],
                correccion.get("otros_fuente") or _fuente_unica(fuentes, nombre),
            )


def _instalaciones(correcciones: dict) -> list[dict]:
    """Instalaciones del INM que no estaban en oficinas.yaml (aeropuertos, estaciones)."""
    fecha = str(correcciones["_fecha_consulta"])
    lugares = []
    for entrada in correcciones["instalaciones_nuevas"]:
        if entrada["nombre"] not in INSTALACIONES:
            raise ValueError(f"Instalación nueva sin revisar: {entrada['nombre']!r}; INSTALACIONES")
        fuentes = _fuentes_de(entrada)
        for forma in INSTALACIONES[entrada["nombre"]]:
            estado = forma.get("estado") or entrada["estado"]
            # La dirección conserva el nombre del aeropuerto; el horario, solo las horas.
            direccion = _parte(entrada["direccion"], forma.get("direccion_de"), ". ")
            horario = _parte(entrada.get("horario"), forma.get("horario_de"), "; ")
            if forma.get("horario_de"):
                horario = horario.removeprefix(f"{forma['horario_de']}:").strip()
            telefono, _coma, extensiones = _texto(entrada.get("telefono")).partition(", ")
            lugar = _lugar_base(
                {
                    "nombre": forma.get("nombre") or entrada["nombre"],
                    "estado": estado,
                    "direccion": direccion,
                    "telefono": telefono,
                    "telefono_nota": extensiones,
                    "horario": None if horario in HORARIO_NO_VISIBLE else horario,
                    "notas": forma.get("notas"),
                    "fuentes": fuentes,
                },
                "oficina",
                fecha,
            )
            lugar["slug"] = forma["slug"]
            lugar["ciudad"] = forma["ciudad"]
            lugar["municipio"] = _clave_municipio(lugar["estado"], forma["ciudad"])
            lugar["clase_oficina"] = forma["clase_oficina"]
            lugar["servicios"] = (
                [{"servicio": "tramites-inm", "descripcion": forma["servicio"], "orden": 0}]
                if forma.get("servicio")
                else []
            )
            if forma.get("fuente_de_datos"):
                # La fuente oficial no da estos datos: vienen de la que sí los da.
                for dato in ("direccion", "telefono", "horario", "servicios"):
                    lugar["_fuente_de"][dato] = forma["fuente_de_datos"]
            for texto in forma.get("datos", []):
                _dato(
                    lugar,
                    texto,
                    forma.get("fuente_de_datos") or _fuente_unica(fuentes, forma["slug"]),
                )
            if forma.get("nota_editorial"):
                _nota_editorial(lugar, forma["nota_editorial"])
            if horario in HORARIO_NO_VISIBLE:
                _nota_editorial(lugar, f"Horario: {horario}.")
            lugares.append(lugar)
    return lugares


def _parte(texto: str | None, prefijo: str | None, separador: str) -> str:
    """La parte de `texto` que empieza con «prefijo:» (todo el texto si no hay prefijo)."""
    texto = _texto(texto)
    if not prefijo or not texto:
        return texto
    partes = [p.strip().rstrip(".") for p in texto.split(separador)]
    elegidas = [p for p in partes if p.startswith(f"{prefijo}:")]
    if len(elegidas) != 1:
        raise ValueError(f"No encuentro «{prefijo}:» en {texto!r}")
    return elegidas[0]


# --- Ventanillas de la OIM y otros lugares (ventanillas_candidatas.yaml) -----------------------


def _ventanillas(ventanillas: dict) -> list[dict]:
    fecha = str(ventanillas["_fecha_consulta"])
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
    return lugares


def _actualizar_ventanillas(lugares: list[dict], candidatas: dict) -> None:
    por_nombre = {lugar["nombre"]: lugar for lugar in lugares if lugar["tipo"] == "ventanilla"}
    for entrada in candidatas["actualizaciones_a_ventanillas_ya_registradas"]:
        lugar = por_nombre.get(_texto(entrada["ventanilla"]))
        if lugar is None:
            raise ValueError(
                f"Actualización de una ventanilla desconocida: {entrada['ventanilla']!r}"
            )
        fuentes = _fuentes_de(entrada)
        # «ver candidato 1» remite a otra entrada de la referencia: no es para el público.
        texto = re.sub(r";\s*ver candidato \d+\.?$", ".", _texto(entrada["dato_nuevo"]))
        _dato(lugar, texto, _fuente_unica(fuentes, lugar["slug"]))
        _agregar(lugar["fuentes"], fuentes)
        lugar["fecha_verificacion"] = str(candidatas["_fecha_consulta"])


def _otros_lugares(candidatas: dict) -> list[dict]:
    """Los candidatos: oficinas públicas que ayudan a migrantes, nunca ventanillas de la OIM."""
    fecha = str(candidatas["_fecha_consulta"])
    lugares = []
    for entrada in candidatas["candidatos"]:
        lugar = _lugar_base({**entrada, "telefono_nota": None}, "otro-lugar", fecha)
        ciudad = _texto(entrada.get("ciudad"))
        lugar["slug"] = slugify(f"ayuda {ciudad or entrada['estado']}")
        lugar["ciudad"] = ciudad
        lugar["municipio"] = _clave_municipio(lugar["estado"], ciudad)
        lugar["clase_oficina"] = ""
        lugar["servicios"] = _servicios(entrada["servicios"])
        fuentes = lugar["fuentes"]
        if entrada.get("fecha_apertura") or entrada.get("fecha_creacion"):
            if lugar["slug"] not in APERTURA_DE_OTRO_LUGAR:
                raise ValueError(f"{lugar['slug']}: escriba su apertura en APERTURA_DE_OTRO_LUGAR")
            # La referencia da mes y año (o una fecha de acuerdo), no un día de apertura.
            lugar["fecha_apertura"] = None
            lugar["fecha_apertura_nota"] = APERTURA_DE_OTRO_LUGAR[lugar["slug"]]
        if lugar["slug"] in DIRECCION_EN_CONFLICTO:
            _nota_editorial(lugar, f"Fuentes en conflicto (dirección): {lugar['direccion_nota']}")
            lugar["direccion_nota"] = ""
        for texto in entrada["servicios"]:
            if texto in DATO_Y_NO_SERVICIO:
                _dato(lugar, DATO_Y_NO_SERVICIO[texto], fuentes[0])
        if entrada.get("cifras"):
            _dato(lugar, entrada["cifras"], FUENTE_DE_CIFRAS.get(lugar["slug"], fuentes[0]))
        for clave, etiqueta in (
            ("telefono_nota", "Teléfono"),
            ("vinculo_oim", "Vínculo con la OIM"),
        ):
            if entrada.get(clave):
                _nota_editorial(lugar, f"{etiqueta}: {entrada[clave].rstrip('.')}.")
        for fuente in entrada["fuentes"]:
            if "débil" in fuente.get("tipo", ""):
                _nota_editorial(lugar, f"Fuente débil: {fuente['url']} ({fuente['tipo']}).")
        if any("copia se corta" in t for t in entrada["servicios"]):
            _nota_editorial(lugar, "La copia de la fuente corta la lista de servicios.")
        lugares.append(lugar)
    return lugares


# --- Lo que las fuentes dicen de cada red -------------------------------------------------------


def _datos_de_red(correcciones: dict, candidatas: dict) -> tuple[list[dict], list[dict]]:
    """(cifras nuevas de oficinas, datos de cada red) de las dos referencias nuevas."""
    cifras, datos = [], []

    def agregar(ambito: str, texto: str, fuente: str) -> None:
        orden = sum(d["ambito"] == ambito for d in datos)
        datos.append({"ambito": ambito, "texto": _texto(texto), "fuente": fuente, "orden": orden})

    for hecho in correcciones["red_nacional"]:
        if hecho.get("uso_en_el_sitio"):
            # El número de oficinas de trámites va con las demás cifras de oficinas.
            valor = re.search(r"\((\d+)\)", hecho["uso_en_el_sitio"])
            if not valor:
                raise ValueError(f"Sin cifra entre paréntesis: {hecho['uso_en_el_sitio']!r}")
            cifras.append(
                {"valor": valor[1], "nota": _texto(hecho["hecho"]), "fuente": hecho["fuente"]}
            )
        else:
            agregar("oficina", hecho["hecho"], hecho["fuente"])
    for contacto in correcciones["contacto_nacional"]:
        agregar("oficina", contacto["dato"], contacto["fuente"])
    for hecho in candidatas["hechos_nuevos_sobre_la_red"]:
        for url in _fuentes_de(hecho):
            if url not in HECHO_DE_RED:
                raise ValueError(f"Hecho de la red sin revisar: {url}; HECHO_DE_RED")
            ambito, texto = HECHO_DE_RED[url]
            if ambito:
                agregar(ambito, texto or hecho["hecho"], url)
    return cifras, datos


# --- La generación ------------------------------------------------------------------------------


def generar(ventanillas: dict, oficinas: dict, correcciones: dict, candidatas: dict) -> Generacion:
    fecha = str(ventanillas["_fecha_consulta"])
    generacion = Generacion(datos={})
    lugares = _ventanillas(ventanillas)
    _actualizar_ventanillas(lugares, candidatas)
    oficinas_inm = _oficinas(oficinas)
    _corregir_oficinas({lugar["slug"]: lugar for lugar in oficinas_inm}, correcciones)
    lugares += oficinas_inm + _instalaciones(correcciones) + _otros_lugares(candidatas)
    for (slug, dato), url in FUENTE_DE_DATO.items():
        lugar = next(lugar for lugar in lugares if lugar["slug"] == slug)
        lugar["_fuente_de"][dato] = url
        _agregar(lugar["fuentes"], [url])

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
    cifras_oficinas, datos_red = _datos_de_red(correcciones, candidatas)
    for orden, cifra in enumerate(
        [
            {
                "valor": str(representaciones["valor"]),
                "nota": _texto(representaciones["nota"]),
                "fuente": representaciones["fuente"],
            },
            *cifras_oficinas,
        ]
    ):
        cifras.append({"ambito": "oficina", **cifra, "orden": orden})
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
        "fuentes_fechas": {},
        "servicios": servicios,
        "cifras": cifras,
        "datos_red": datos_red,
        "lugares": lugares,
        # La referencia no trae actividades de sensibilización con fecha y lugar.
        "actividades": [],
        # Ni un directorio de instituciones de canalización por estado.
        "directorio": [],
    }
    generacion.datos = quitar_rechazadas(generacion.datos, generacion.avisos)
    for lugar in generacion.datos["lugares"]:
        _fuentes_de_datos(lugar)
    generacion.datos["fuentes_fechas"] = _fechas_de_fuentes(
        generacion.datos, ventanillas, oficinas, correcciones, candidatas
    )
    _revisar(generacion)
    return generacion


def _fuentes_de_datos(lugar: dict) -> None:
    """La fuente de la dirección, el teléfono, el horario y los servicios de la ficha.

    La que diga la referencia; si no, la del lugar cuando todas sus fuentes son del mismo tipo
    (así la postura no depende de cuál se elija). Si un lugar mezcla fuentes oficiales y no
    oficiales, la generación se detiene hasta que FUENTE_DE_DATO diga cuál da cada dato: la
    postura oficial no se presta de una fuente que no lo dice.
    """
    explicitas = lugar.pop("_fuente_de")
    conocidos = {
        "direccion": lugar["direccion"],
        "telefono": lugar["telefono"],
        "horario": lugar["horario_texto"],
        "servicios": lugar["servicios"],
    }
    tipos = {clasificacion.clasificar(url).tipo for url in lugar["fuentes"]}
    for dato, conocido in conocidos.items():
        campo = f"{dato}_fuente"
        if not conocido:
            lugar[campo] = None
        elif dato in explicitas:
            if explicitas[dato] not in lugar["fuentes"]:
                raise ValueError(f"{lugar['slug']}: la fuente de {dato} no está entre las suyas")
            lugar[campo] = explicitas[dato]
        elif len(tipos) == 1:
            lugar[campo] = lugar["fuentes"][0]
        else:
            raise ValueError(
                f"{lugar['slug']}: tiene fuentes oficiales y no oficiales; diga en "
                f"FUENTE_DE_DATO cuál da su {dato}"
            )


def _fechas_de_fuentes(datos: dict, *referencias: dict) -> dict[str, str]:
    """Fecha de consulta de cada fuente que no sea la del fixture: la de la referencia más
    reciente que la cita."""
    citadas = {}
    for referencia in sorted(referencias, key=lambda r: str(r["_fecha_consulta"])):
        for url in _todas_las_urls(referencia):
            citadas[url] = str(referencia["_fecha_consulta"])
    usadas = {url for lugar in datos["lugares"] for url in lugar["fuentes"]}
    usadas |= {d["fuente"] for d in datos["datos_red"]} | {c["fuente"] for c in datos["cifras"]}
    return {
        url: citadas[url]
        for url in sorted(usadas)
        if url in citadas and citadas[url] != datos["fecha_consulta"]
    }


def _todas_las_urls(valor) -> list[str]:
    if isinstance(valor, dict):
        return [u for v in valor.values() for u in _todas_las_urls(v)]
    if isinstance(valor, list):
        return [u for v in valor for u in _todas_las_urls(v)]
    if isinstance(valor, str) and valor.startswith(("http://", "https://")):
        return [FUENTE_SUSTITUTA.get(valor, valor)]
    return []


def _revisar(generacion: Generacion) -> None:
    lugares = generacion.datos["lugares"]
    repetidos = [s for s, n in Counter(lugar["slug"] for lugar in lugares).items() if n > 1]
    if repetidos:
        raise ValueError(f"Identificadores repetidos: {repetidos}; agréguelos a SLUGS")
    for lugar in lugares:
        if not lugar["fuentes"]:
            raise ValueError(f"{lugar['slug']}: un lugar sin fuentes no entra al sitio")
        if any(not dato["fuente"] for dato in lugar["datos"]):
            raise ValueError(f"{lugar['slug']}: un dato sin fuente no entra al sitio")
        if lugar["horario_texto"] and not lugar["horarios"]:
            generacion.avisos.append(
                f"{lugar['slug']}: horario ambiguo, se muestra como texto: {lugar['horario_texto']!r}"
            )


@dataclass(frozen=True)
class Referencia:
    """Los cuatro archivos de la referencia que forman el directorio."""

    ventanillas: dict
    oficinas: dict
    correcciones: dict
    candidatas: dict


ARCHIVOS = {
    "ventanillas": "ventanillas.yaml",
    "oficinas": "oficinas.yaml",
    "correcciones": "oficinas_correcciones.yaml",
    "candidatas": "ventanillas_candidatas.yaml",
}


def leer_referencia(directorio: Path | None = None) -> Referencia:
    carpeta = directorio or directorio_referencia()
    leidos = {}
    for clave, nombre in ARCHIVOS.items():
        with (carpeta / nombre).open(encoding="utf-8") as archivo:
            leidos[clave] = yaml.safe_load(archivo)
    return Referencia(**leidos)


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
    for clave in (
        "servicios",
        "cifras",
        "datos_red",
        "fuentes_fechas",
        "actividades",
        "directorio",
    ):
        if anterior.get(clave) != nuevo.get(clave):
            cambios.append(f"~ {clave}")
    return cambios


def generar_desde(directorio: Path | None = None) -> Generacion:
    """Lee la referencia de `directorio` (por omisión ../shared/reference) y genera el fixture."""
    referencia = leer_referencia(directorio)
    return generar(
        referencia.ventanillas, referencia.oficinas, referencia.correcciones, referencia.candidatas
    )


def resumen(datos: dict) -> str:
    tipos = Counter(lugar["tipo"] for lugar in datos["lugares"])
    return (
        f"{len(datos['lugares'])} lugares ({tipos['ventanilla']} ventanillas, "
        f"{tipos['oficina']} oficinas, {tipos['otro-lugar']} otros lugares)"
    )
