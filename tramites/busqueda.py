"""Búsqueda de trámites por nombre, descripción y requisitos, sin importar acentos ni mayúsculas.

En PostgreSQL usa la búsqueda de texto completo con la configuración española (raíces: «renovar»
encuentra «renovación») más una versión sin acentos con la configuración simple («regularizacion»
encuentra «regularización»). En SQLite hace lo mismo en Python con el lematizador Snowball.
"""

import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from tramites.models import Requisito, Tramite

LARGO_MAXIMO = 200
_ESTEMATIZADOR = snowballstemmer.stemmer("spanish")
# Palabras que no distinguen un trámite de otro.
PALABRAS_VACIAS = frozenset(
    [
        "a",
        "al",
        "ante",
        "con",
        "de",
        "del",
        "el",
        "en",
        "la",
        "las",
        "lo",
        "los",
        "o",
        "para",
        "por",
        "que",
        "se",
        "sin",
        "su",
        "sus",
        "un",
        "una",
        "y",
        "mi",
        "me",
        "mis",
        "quiero",
        "necesito",
        "como",
        "hacer",
        "tramite",
        "tramites",
    ]
)
# Peso de cada parte del trámite (como las letras A, B, C de PostgreSQL).
PESOS = {"nombre": 4.0, "descripcion": 2.0, "requisitos": 1.0}


def sin_acentos(texto: str) -> str:
    descompuesto = unicodedata.normalize("NFKD", texto.casefold())
    return "".join(c for c in descompuesto if not unicodedata.combining(c))


def palabras(texto: str) -> list[str]:
    return re.findall(r"\w+", texto.casefold())


def terminos(consulta: str) -> list[str]:
    """Palabras de la consulta que cuentan para buscar."""
    return [p for p in palabras(consulta) if sin_acentos(p) not in PALABRAS_VACIAS]


@dataclass
class Resultado:
    tramite: Tramite
    puntaje: float
    requisito: str = ""


class _Indice:
    """Formas de cada palabra de un texto: su raíz en español y su versión sin acentos."""

    def __init__(self, texto: str):
        lista = palabras(texto)
        self.raices = set(_ESTEMATIZADOR.stemWords(lista))
        self.planas = {sin_acentos(p) for p in lista}

    def contiene(self, termino: str) -> bool:
        plano = sin_acentos(termino)
        if _ESTEMATIZADOR.stemWord(termino) in self.raices or plano in self.planas:
            return True
        # Un comienzo de palabra largo («regulariz») también cuenta.
        return len(plano) >= 5 and any(p.startswith(plano) for p in self.planas)


def _requisito_que_coincide(tramite: Tramite, lista: list[str]) -> str:
    for requisito in tramite.requisitos.all():
        indice = _Indice(requisito.texto)
        if any(indice.contiene(t) for t in lista):
            return requisito.texto
    return ""


def _buscar_python(lista: list[str]) -> list[Resultado]:
    resultados = []
    for tramite in Tramite.objects.publicados().prefetch_related("requisitos", "modalidades"):
        partes = {
            "nombre": _Indice(tramite.nombre),
            "descripcion": _Indice(
                " ".join(
                    [tramite.resumen, tramite.descripcion, tramite.quien_lo_solicita]
                    + [m.nombre for m in tramite.modalidades.all()]
                )
            ),
            "requisitos": _Indice(" ".join(r.texto for r in tramite.requisitos.all())),
        }
        puntaje = 0.0
        for termino in lista:
            encontrado = [PESOS[n] for n, indice in partes.items() if indice.contiene(termino)]
            if not encontrado:
                break  # todas las palabras deben aparecer en algún lado
            puntaje += sum(encontrado)
        else:
            resultados.append(Resultado(tramite, puntaje))
    return resultados


class _Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def _vector(campo, peso: str):
    return SearchVector(campo, config="spanish", weight=peso) + SearchVector(
        _Unaccent(campo), config="simple", weight=peso
    )


def _buscar_postgres(lista: list[str]) -> list[Resultado]:
    texto = " ".join(lista)
    consulta = SearchQuery(texto, config="spanish", search_type="plain") | SearchQuery(
        sin_acentos(texto), config="simple", search_type="plain"
    )
    requisitos = (
        Requisito.objects.filter(tramite=OuterRef("pk"))
        .order_by()
        .values("tramite")
        .annotate(texto_todo=StringAgg("texto", delimiter=" "))
        .values("texto_todo")
    )
    documento = (
        _vector("nombre", "A")
        + _vector("resumen", "B")
        + _vector("descripcion", "B")
        + _vector("quien_lo_solicita", "B")
        + _vector(
            Coalesce(
                Subquery(requisitos, output_field=TextField()), Value(""), output_field=TextField()
            ),
            "C",
        )
    )
    encontrados = (
        Tramite.objects.publicados()
        .annotate(documento=documento)
        .annotate(puntaje=SearchRank(F("documento"), consulta))
        .filter(documento=consulta)
        .prefetch_related("requisitos")
    )
    return [Resultado(t, float(t.puntaje)) for t in encontrados]


def buscar(consulta: str) -> list[Resultado]:
    """Trámites que coinciden con todas las palabras de la consulta, los más pertinentes primero."""
    lista = terminos(consulta[:LARGO_MAXIMO])
    if not lista:
        return []
    if connection.vendor == "postgresql":
        resultados = _buscar_postgres(lista)
    else:
        resultados = _buscar_python(lista)
    for resultado in resultados:
        if not _Indice(resultado.tramite.nombre + " " + resultado.tramite.resumen).contiene(
            lista[0]
        ):
            resultado.requisito = _requisito_que_coincide(resultado.tramite, lista)
    resultados.sort(key=lambda r: (-r.puntaje, r.tramite.orden))
    return resultados
