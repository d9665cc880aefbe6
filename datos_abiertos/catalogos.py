"""Los códigos de cada dimensión y sus nombres, y cómo reconocer los nombres de los cuadros.

- entidad: clave INEGI de dos dígitos ("01" Aguascalientes … "32" Zacatecas), de la lista única
  del sitio (config/entidades.py);
- nacionalidad: ISO 3166-1 alfa-2 (django-countries), "XX" si no se registró y "ZZ" para
  personas apátridas (códigos del rango que ISO deja para uso propio);
- sexo y grupo de edad: los códigos de cada conjunto (los del Boletín o los de las ventanillas).

Los cuadros oficiales escriben los nombres a su manera («Dominicana, Rep.», «Corea, Rep. (Sur)»,
«Estado de México»); `reconocer()` los lleva al código.
"""

import gettext
import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import django_countries
from django.conf import settings
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from django_countries.data import COUNTRIES

from config import entidades as lista_entidades
from ventanillas.models import GrupoEdad, Sexo

FIXTURE = settings.BASE_DIR / "fixtures" / "datos_abiertos.json"
ENTIDADES = lista_entidades.nombres_oficiales()

NACIONALIDAD_NO_REGISTRADA = "XX"
APATRIDA = "ZZ"

# Los códigos del registro de las ventanillas son los de su modelo; el Boletín usa los mismos
# de sexo y agrega sus grupos de edad.
SEXOS = dict(Sexo.choices)

GRUPOS_EDAD = {
    # Los del Boletín (cuadro 3.1.3).
    "18-mas": _("18 años y más"),
    "12-17": _("12 a 17 años"),
    "0-11-acompanados": _("Menores de 12 años acompañados"),
    "0-11-no-acompanados": _("Menores de 12 años no acompañados"),
    **dict(GrupoEdad.choices),
}

# Filas de agregado que los cuadros intercalan entre los países (se descartan al importar).
FILAS_AGREGADAS = {
    "total",
    "total general",
    "totales",
    "subtotal",
    "america",
    "america central",
    "america del norte",
    "america del sur",
    "islas del caribe",
    "caribe",
    "asia",
    "europa",
    "africa",
    "oceania",
}

# Formas del catálogo de países de la UPMRIP que no salen de quitar «Rep.» o paréntesis.
ALIAS_PAISES = {
    "estados unidos": "US",
    "estados unidos de america": "US",
    "corea rep": "KR",
    "corea del sur": "KR",
    "corea rep pop dem": "KP",
    "corea del norte": "KP",
    "paises bajos": "NL",
    "holanda": "NL",
    "reino unido": "GB",
    "gran bretana": "GB",
    "rusia": "RU",
    "checa rep": "CZ",
    "republica checa": "CZ",
    "centroafricana rep": "CF",
    "republica centroafricana": "CF",
    "mianmar": "MM",
    "birmania": "MM",
    "micronesia rep": "FM",
    "micronesia": "FM",
    "dominicana rep": "DO",
    "congo rep dem": "CD",
    "congo rep": "CG",
    "siria": "SY",
    "taiwan": "TW",
    "iran": "IR",
    "vietnam": "VN",
    "laos": "LA",
    "tanzania": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "moldavia": "MD",
    "palestina": "PS",
    "vaticano": "VA",
    "macedonia": "MK",
    "costa de marfil": "CI",
    "apatridas": APATRIDA,
    "apatrida": APATRIDA,
    "no especificado": NACIONALIDAD_NO_REGISTRADA,
    "no especificada": NACIONALIDAD_NO_REGISTRADA,
    "sin nacionalidad registrada": NACIONALIDAD_NO_REGISTRADA,
    "otros": NACIONALIDAD_NO_REGISTRADA,
    "otras nacionalidades": NACIONALIDAD_NO_REGISTRADA,
}

ALIAS_ENTIDADES = {
    "coahuila": "05",
    "distrito federal": "09",
    "cdmx": "09",
    "estado de mexico": "15",
    "michoacan": "16",
    "queretaro de arteaga": "22",
    "veracruz": "30",
}

ALIAS_SEXOS = {"hombres": "hombre", "mujeres": "mujer", "masculino": "hombre", "femenino": "mujer"}

ALIAS_EDADES = {
    "18 y mas": "18-mas",
    "18 anos y mas": "18-mas",
    "adultos": "18-mas",
    "12 a 17": "12-17",
    "12 a 17 anos": "12-17",
    "menores de 12 acompanados": "0-11-acompanados",
    "menores de 12 anos acompanados": "0-11-acompanados",
    "menores de 12 no acompanados": "0-11-no-acompanados",
    "menores de 12 anos no acompanados": "0-11-no-acompanados",
}


@cache
def leer_fixture(ruta: Path = FIXTURE) -> dict:
    return json.loads(ruta.read_text(encoding="utf-8"))


def entidades() -> dict[str, str]:
    """Clave INEGI → nombre oficial de la entidad federativa."""
    return ENTIDADES


@cache
def _traduccion_paises_es():
    directorio = Path(django_countries.__file__).parent / "locale"
    return gettext.translation("django", localedir=directorio, languages=["es"], fallback=True)


@cache
def _nombres_paises() -> dict[str, tuple[str, str]]:
    """Código → (nombre en español, nombre en inglés)."""
    traduccion = _traduccion_paises_es()
    nombres = {}
    # Sin idioma activo, los nombres perezosos de django-countries dan el original en inglés.
    with override(None):
        for codigo, nombre in COUNTRIES.items():
            ingles = str(nombre)
            nombres[codigo] = (traduccion.gettext(ingles), ingles)
    nombres[NACIONALIDAD_NO_REGISTRADA] = ("No registrada", "Not recorded")
    nombres[APATRIDA] = ("Apátrida", "Stateless")
    return nombres


def nombre_pais(codigo: str) -> str:
    nombres = _nombres_paises().get(codigo)
    if nombres is None:
        return codigo
    espanol, ingles = nombres
    return espanol if _es_espanol() else ingles


def _es_espanol() -> bool:
    return (get_language() or "es").startswith("es")


@lru_cache(maxsize=32)
def _paises_en_orden(presentes: frozenset, espanol: bool) -> tuple[tuple[str, str], ...]:
    """Todos los países (y los códigos presentes en los datos) por su nombre sin acentos: cada
    página de un conjunto con nacionalidad los pide, y ordenar 250 nombres cuesta milisegundos."""
    with override("es" if espanol else "en"):
        pares = ((c, nombre_pais(c)) for c in presentes | codigos_nacionalidad())
        return tuple(sorted(pares, key=lambda par: normalizar(par[1])))


def codigos_nacionalidad() -> set[str]:
    return set(_nombres_paises())


def normalizar(texto) -> str:
    """Minúsculas, sin acentos, sin puntuación ni espacios dobles: «Dominicana, Rep.» → «dominicana rep»."""
    texto = unicodedata.normalize("NFKD", str(texto)).encode("ascii", "ignore").decode()
    texto = re.sub(r"[^a-z0-9]+", " ", texto.lower())
    return " ".join(texto.split())


@cache
def _indice_paises() -> dict[str, str]:
    indice = {}
    for codigo, (espanol, ingles) in _nombres_paises().items():
        for nombre in (espanol, ingles):
            indice.setdefault(normalizar(nombre), codigo)
            # «Venezuela (Bolivarian Republic of)» también como «Venezuela».
            sin_parentesis = normalizar(re.sub(r"\(.*?\)", "", nombre))
            if sin_parentesis:
                indice.setdefault(sin_parentesis, codigo)
    indice.update(ALIAS_PAISES)
    return indice


def reconocer_pais(texto) -> str | None:
    indice = _indice_paises()
    candidatos = [texto, re.sub(r"\(.*?\)", "", str(texto))]
    # «Dominicana, Rep.» → «Rep. Dominicana» → «republica dominicana».
    partes = str(texto).split(",")
    if len(partes) == 2:
        candidatos.append(f"{partes[1]} {partes[0]}".replace("Rep.", "República"))
        candidatos.append(
            re.sub(r"\(.*?\)", "", f"{partes[1]} {partes[0]}").replace("Rep.", "República")
        )
    for candidato in candidatos:
        codigo = indice.get(normalizar(candidato))
        if codigo:
            return codigo
    return None


def reconocer_entidad(texto) -> str | None:
    clave = normalizar(texto)
    if re.fullmatch(r"\d{1,2}", clave) and f"{int(clave):02d}" in entidades():
        return f"{int(clave):02d}"
    for codigo, nombre in entidades().items():
        if normalizar(nombre) == clave:
            return codigo
    return ALIAS_ENTIDADES.get(clave)


def reconocer(conjunto, dimension: str, texto) -> str | None:
    """El código de `texto` en la dimensión, o None si no se reconoce."""
    clave = normalizar(texto)
    if dimension == "nacionalidad":
        return reconocer_pais(texto)
    if dimension == "entidad":
        return reconocer_entidad(texto)
    permitidos = dict(opciones(conjunto, dimension))
    if dimension == "sexo":
        clave_sexo = ALIAS_SEXOS.get(clave, clave)
        return clave_sexo if clave_sexo in permitidos else None
    if dimension == "grupo_edad":
        codigo = ALIAS_EDADES.get(clave, clave.replace(" ", "-"))
        return codigo if codigo in permitidos else None
    for codigo, etiqueta_texto in permitidos.items():
        if clave in (normalizar(codigo), normalizar(etiqueta_texto)):
            return codigo
    return None


def opciones(conjunto, dimension: str) -> list[tuple[str, str]]:
    """Los valores válidos de la dimensión en el conjunto, con su nombre, en orden."""
    if dimension == "entidad":
        return list(entidades().items())
    if dimension == "nacionalidad":
        presentes = conjunto.valores.get("nacionalidad") or []
        return list(_paises_en_orden(frozenset(presentes), _es_espanol()))
    if dimension == "sexo":
        return [(c, str(SEXOS[c])) for c in conjunto.sexos]
    if dimension == "grupo_edad":
        return [(c, str(GRUPOS_EDAD[c])) for c in conjunto.grupos_edad]
    if dimension == "categoria":
        return [tuple(v) for v in (conjunto.categoria or {}).get("valores", [])]
    if dimension == "indicador":
        return [(codigo, etiqueta_texto) for codigo, etiqueta_texto, _d in conjunto.indicadores]
    if dimension == "ventanilla":
        etiquetas = conjunto.etiquetas.get("ventanilla", {})
        presentes = conjunto.valores.get("ventanilla") or list(etiquetas)
        return sorted(((c, etiquetas.get(c, c)) for c in presentes), key=lambda par: par[1])
    raise ValueError(f"Dimensión desconocida: {dimension}")


def etiqueta(conjunto, dimension: str, codigo: str) -> str:
    """El nombre de un código para mostrarlo; el código mismo si no está en el catálogo."""
    if not codigo:
        return ""
    if dimension == "entidad":
        return entidades().get(codigo, codigo)
    if dimension == "nacionalidad":
        return nombre_pais(codigo)
    if dimension == "sexo":
        return str(SEXOS.get(codigo, codigo))
    if dimension == "grupo_edad":
        return str(GRUPOS_EDAD.get(codigo, codigo))
    return dict(opciones(conjunto, dimension)).get(codigo, codigo)
