"""Búsqueda ordenada de trámites e instituciones, en cuatro idiomas, con los mismos resultados en
SQLite y en PostgreSQL.

Cómo funciona una consulta (nada recorre todo el contenido):

1. Sus palabras se normalizan como las del índice (tramites/indice_busqueda.py): minúsculas, sin
   acentos, sin palabras vacías; cada palabra da sus raíces posibles en es/en/fr y la palabra tal
   cual (criollo haitiano). No se sabe en qué idioma escribe la persona: valen todas.
2. Ortografía: una palabra sin ninguna forma en el vocabulario del índice se cambia por el
   término más parecido por trigramas (la medida de pg_trgm: trigramas compartidos / trigramas
   de los dos), si se parece lo bastante. Los candidatos los da la base — en SQLite una tabla
   FTS5 con el tokenizador de trigramas, en PostgreSQL `pg_trgm` con su índice GIN — y la medida
   final se calcula aquí para que las dos bases elijan lo mismo.
3. Candidatas: las entradas del índice que contienen alguno de los términos (no todos: una
   coincidencia parcial también aparece), con FTS5 `MATCH` en SQLite y `@@` sobre un tsvector
   con índice GIN en PostgreSQL (consulta pasada por `unaccent`).
4. Orden: cada palabra de la consulta suma, para cada destino, el mejor peso de la parte donde
   aparece (nombre y frases pesan más que requisitos) por su rareza (las palabras de muchas
   entradas cuentan poco); el texto en el idioma de la página vale más que el de otro idioma, y
   un destino con todas las palabras va antes que uno con algunas.

Las instituciones (refugio, consulado, CURP…) compiten con los trámites y se muestran arriba
cuando encajan mejor.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config import cache_paginas
from config.traducciones import columna
from tramites.indice_busqueda import (
    IDIOMAS,
    LEMATIZADORES,
    TODAS_LAS_VACIAS,
    idioma_indice,
    palabras,
    raiz,
)
from tramites.instituciones import INSTITUCIONES, Institucion
from tramites.models import Tramite

LARGO_MAXIMO = 200
PALABRAS_MAXIMO = 12
# Parecido mínimo (0–1) para corregir una palabra por otra del vocabulario.
PARECIDO_MINIMO = 0.4
CANDIDATOS_ORTOGRAFIA = 50
# Un resultado con menos de esta parte del puntaje del primero ya no ayuda.
PUNTAJE_RELATIVO_MINIMO = 0.15
RESULTADOS_MAXIMO = 8
# Un término en más de esta parte de las entradas es casi una palabra vacía.
COMUN = 0.05
# Una institución va arriba de los trámites si llega a esta parte del puntaje del primero: quien
# busca «refugee status» debe ver la COMAR antes que una regularización ante el INM.
INSTITUCION_ARRIBA = 0.8
# Factor del texto según su idioma: el de la página, el español (el que vale) y los demás.
FACTOR_IDIOMA_PAGINA = 1.0
FACTOR_ESPANOL = 0.8
FACTOR_OTRO_IDIOMA = 0.6

# Lo que se propone cuando nada coincide, en el idioma de la página; cada una encuentra algo
# (tests/tramites/test_busqueda.py lo comprueba en los cuatro idiomas).
SUGERENCIAS = (
    _("renovación"),
    _("permiso para trabajar"),
    _("cambio de domicilio"),
    _("perdí mi tarjeta"),
    _("refugio"),
)


@dataclass
class ResultadoTramite:
    tramite: Tramite
    puntaje: float
    requisito: str = ""


@dataclass
class ResultadoInstitucion:
    institucion: Institucion
    puntaje: float


@dataclass
class Busqueda:
    tramites: list[ResultadoTramite] = field(default_factory=list)
    # Las que encajan casi tan bien como el primer trámite, o mejor, van arriba; las demás, abajo.
    instituciones_arriba: list[ResultadoInstitucion] = field(default_factory=list)
    instituciones_abajo: list[ResultadoInstitucion] = field(default_factory=list)
    correcciones: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.tramites) + len(self.instituciones_arriba) + len(self.instituciones_abajo)

    def destinos(self) -> list[str]:
        """Slugs de trámites y claves de instituciones en el orden en que se muestran."""
        return (
            [r.institucion.clave for r in self.instituciones_arriba]
            + [r.tramite.slug for r in self.tramites]
            + [r.institucion.clave for r in self.instituciones_abajo]
        )


# Lo que la página de resultados muestra de cada trámite, con la columna de cada idioma (el
# respaldo en español incluido): leer las ~150 columnas de la ficha era la mitad del tiempo.
CAMPOS_MOSTRADOS = ["slug", "publicado"] + [
    columna(campo, codigo)
    for campo in ("nombre", "resumen")
    for codigo in settings.MODELTRANSLATION_LANGUAGES
]


@lru_cache(maxsize=4096)
def variantes(palabra: str) -> frozenset[str]:
    """Las formas con que una palabra de la consulta puede estar en el índice."""
    return frozenset({palabra} | {raiz(palabra, idioma) for idioma in LEMATIZADORES})


def trigramas(palabra: str) -> set[str]:
    """Como pg_trgm: dos espacios antes y uno después."""
    relleno = f"  {palabra} "
    return {relleno[i : i + 3] for i in range(len(relleno) - 2)}


def parecido(a: str, b: str) -> float:
    ta, tb = trigramas(a), trigramas(b)
    return len(ta & tb) / len(ta | tb)


# --- Lo que depende de la base ---------------------------------------------------------------


def _candidatos_ortografia(palabra: str) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT termino FROM tramites_terminoindice WHERE termino %% unaccent(%s) "
                "ORDER BY similarity(termino, unaccent(%s)) DESC, termino LIMIT %s",
                [palabra, palabra, CANDIDATOS_ORTOGRAFIA],
            )
        else:
            internos = sorted({palabra[i : i + 3] for i in range(len(palabra) - 2)})
            if not internos:
                return []
            cursor.execute(
                "SELECT termino FROM tramites_vocabulario_fts WHERE tramites_vocabulario_fts "
                "MATCH %s ORDER BY rank LIMIT %s",
                [" OR ".join(f'"{t}"' for t in internos), CANDIDATOS_ORTOGRAFIA],
            )
        return [fila[0] for fila in cursor.fetchall()]


def _vocabulario(terminos: set[str]) -> dict[str, int]:
    """En cuántas entradas está cada término conocido (SQL directo: corre en cada consulta)."""
    if not terminos:
        return {}
    lugares = ", ".join(["%s"] * len(terminos))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT termino, entradas FROM tramites_terminoindice "  # noqa: S608
            f"WHERE termino IN ({lugares})",
            sorted(terminos),
        )
        return dict(cursor.fetchall())


def _total_entradas() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM tramites_entradaindice")
        return cursor.fetchone()[0]


def _entradas_con(terminos: set[str]) -> list[tuple]:
    # El texto solo hace falta para citar el requisito que coincide.
    columnas = (
        "e.tramite_id, e.institucion, e.idioma, e.parte, e.peso, "
        "CASE WHEN e.parte = 'requisito' THEN e.texto ELSE '' END, e.terminos"
    )
    ordenados = sorted(terminos)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT {columnas} FROM tramites_entradaindice e "  # noqa: S608
                "WHERE e.vector @@ to_tsquery('simple', unaccent(%s))",
                [" | ".join(ordenados)],
            )
        else:
            cursor.execute(
                f"SELECT {columnas} FROM tramites_indice_fts f "  # noqa: S608
                "JOIN tramites_entradaindice e ON e.id = f.rowid "
                "WHERE tramites_indice_fts MATCH %s",
                [" OR ".join(f'"{t}"' for t in ordenados)],
            )
        return cursor.fetchall()


def _tramites_mostrados() -> dict[int, Tramite]:
    """Los trámites publicados, con lo que muestra la página de resultados: se leen una vez por
    versión del contenido (y por proceso), no en cada búsqueda."""
    return cache_paginas.calculado(
        "tramites:busqueda:tramites",
        cache_paginas.version_de("tramites"),
        lambda: Tramite.objects.publicados().order_by().only(*CAMPOS_MOSTRADOS).in_bulk(),
    )


# --- La consulta ------------------------------------------------------------------------------


def palabras_utiles(consulta: str) -> tuple[str, ...]:
    """Las palabras de la consulta que cuentan, normalizadas y sin repetir: lo único de ella de
    que dependen los resultados."""
    lista = [p for p in palabras(consulta[:LARGO_MAXIMO]) if p not in TODAS_LAS_VACIAS]
    return tuple(dict.fromkeys(lista))[:PALABRAS_MAXIMO]


def _grupos(lista: tuple[str, ...]) -> tuple[list[set[str]], dict[str, str], dict[str, int]]:
    """Un conjunto de términos del índice por palabra útil de la consulta, las correcciones
    hechas y en cuántas entradas está cada término."""
    formas = {p: variantes(p) for p in lista}
    todas = set().union(*formas.values()) if formas else set()
    conocidos = _vocabulario(todas)
    grupos, correcciones = [], {}
    for palabra in lista:
        grupo = formas[palabra] & set(conocidos)
        if not grupo and len(palabra) >= 4 and not palabra.isdigit():
            mejor, valor = None, PARECIDO_MINIMO
            for candidato in _candidatos_ortografia(palabra):
                medida = max(parecido(f, candidato) for f in formas[palabra])
                if medida > valor or (medida == valor and mejor and candidato < mejor):
                    mejor, valor = candidato, medida
            if mejor:
                grupo = {mejor}
                correcciones[palabra] = mejor
        if grupo:
            grupos.append(grupo)
    faltan = set().union(*grupos) - set(conocidos) if grupos else set()
    if faltan:
        conocidos.update(_vocabulario(faltan))
    return grupos, correcciones, conocidos


def _terminos_para_buscar(grupos, entradas_por_termino, total) -> set[str]:
    """Los términos que traen candidatas. Uno que está en muchas entradas («méxico») no trae
    ninguna si la consulta tiene otros más raros: solo suma puntos a las que ellos traen."""
    raros = [g for g in grupos if min(entradas_por_termino.get(t, 0) for t in g) <= total * COMUN]
    return set().union(*(raros or grupos))


def _factor_idioma(idioma_entrada: str, idioma_pagina: str) -> float:
    if idioma_entrada == idioma_pagina:
        return FACTOR_IDIOMA_PAGINA
    return FACTOR_ESPANOL if idioma_entrada == "es" else FACTOR_OTRO_IDIOMA


def _idioma(idioma: str | None) -> str:
    idioma = idioma_indice(idioma or get_language() or "es")
    return idioma if idioma in IDIOMAS else "es"


def version() -> str:
    """Versión de lo que la búsqueda lee y muestra (trámites, frases, índice): la de la app."""
    return cache_paginas.version_de("tramites")


def buscar(consulta: str, idioma: str | None = None) -> Busqueda:
    """Trámites e instituciones que se parecen a la consulta, los más pertinentes primero.

    El resultado solo depende de las palabras útiles, del idioma y del contenido: se guarda en
    el proceso (las últimas `BUSQUEDAS_GUARDADAS`) con la versión del contenido en la clave, así
    que un cambio en el admin se ve en la siguiente búsqueda. Quien lo usa no lo modifica.
    """
    return _guardada(version(), _idioma(idioma), palabras_utiles(consulta))


# Cuántas búsquedas distintas guarda cada proceso; las de versiones viejas salen solas.
BUSQUEDAS_GUARDADAS = 512


@lru_cache(maxsize=BUSQUEDAS_GUARDADAS)
def _guardada(_version: str, idioma: str, lista: tuple[str, ...]) -> Busqueda:
    return _calcular(lista, idioma)


def calcular(consulta: str, idioma: str | None = None) -> Busqueda:
    """Como `buscar`, sin lo guardado: lo que cuesta una consulta nueva (benchmarks/busqueda.py)."""
    return _calcular(palabras_utiles(consulta), _idioma(idioma))


def _calcular(lista: tuple[str, ...], idioma: str) -> Busqueda:
    grupos, correcciones, entradas_por_termino = _grupos(lista)
    busqueda = Busqueda(correcciones=correcciones)
    if not grupos:
        return busqueda
    total = max(_total_entradas(), 1)
    rareza = {
        t: math.log(1 + total / max(n, 1)) for t, n in entradas_por_termino.items()
    }  # como el IDF de bm25
    # destino → por cada grupo, los valores de las entradas donde aparece (y el requisito).
    valores: dict[tuple, list[list]] = defaultdict(lambda: [[] for _ in grupos])
    # destino → el mayor número de palabras de la consulta reunidas en una sola entrada.
    juntas: dict[tuple, int] = defaultdict(int)
    for tramite_id, institucion, idioma_e, parte, peso, texto, terminos in _entradas_con(
        _terminos_para_buscar(grupos, entradas_por_termino, total)
    ):
        lista = terminos.split()
        presentes = set(lista)
        destino = ("t", tramite_id) if tramite_id else ("i", institucion)
        coinciden = [grupo & presentes for grupo in grupos]
        # Una entrada corta que es casi toda la consulta («refugio») pesa más que una larga
        # que la menciona de pasada (como la normalización por largo de bm25).
        todas = set().union(*coinciden)
        densidad = sum(t in todas for t in lista) / len(lista)
        factor = peso * _factor_idioma(idioma_e, idioma) * (0.5 + 0.5 * densidad)
        juntas[destino] = max(juntas[destino], sum(1 for c in coinciden if c))
        for indice, comunes in enumerate(coinciden):
            if comunes:
                valor = factor * max(rareza[t] for t in comunes)
                valores[destino][indice].append((valor, texto if parte == "requisito" else ""))
    puntajes = {}
    for destino, por_grupo in valores.items():
        hallados = []
        suma = 0.0
        for lista_valores in por_grupo:
            if not lista_valores:
                continue
            # Orden total (también por el texto): las dos bases devuelven las filas en otro
            # orden y deben elegir el mismo requisito y sumar igual.
            lista_valores.sort(key=lambda v: (-v[0], v[1]))
            mejor = lista_valores[0]
            # Aparecer en más partes suma algo, sin pasar del doble de la mejor.
            resto = min(sum(v for v, _ in lista_valores[1:]) * 0.1, mejor[0])
            suma += mejor[0] + resto
            hallados.append(mejor)
        cobertura = len(hallados) / len(grupos)
        reunidas = 1 + 0.5 * juntas[destino] / len(grupos)
        puntajes[destino] = (suma * cobertura * reunidas, hallados)
    if not puntajes:
        return busqueda
    tope = max(p for p, _ in puntajes.values()) * PUNTAJE_RELATIVO_MINIMO
    ordenados = sorted(
        ((p, d, h) for d, (p, h) in puntajes.items() if p >= tope),
        key=lambda x: (-x[0], str(x[1][1])),
    )
    tramites = _tramites_mostrados()
    instituciones = []
    for puntaje, (tipo, clave), hallados in ordenados:
        if tipo == "i" and clave in INSTITUCIONES:
            instituciones.append(ResultadoInstitucion(INSTITUCIONES[clave], puntaje))
        elif tipo == "t" and clave in tramites:
            # El requisito se cita solo si la mejor coincidencia de alguna palabra fue ahí.
            requisito = next((t for _, t in hallados if t), "")
            busqueda.tramites.append(ResultadoTramite(tramites[clave], puntaje, requisito))
    busqueda.tramites = busqueda.tramites[:RESULTADOS_MAXIMO]
    primero = busqueda.tramites[0].puntaje if busqueda.tramites else 0
    umbral = primero * INSTITUCION_ARRIBA
    busqueda.instituciones_arriba = [r for r in instituciones if r.puntaje >= umbral][:3]
    busqueda.instituciones_abajo = [r for r in instituciones if r.puntaje < umbral][:3]
    return busqueda
