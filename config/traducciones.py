"""Contenido en otros idiomas (django-modeltranslation): de dónde salen las traducciones y
cómo saber si a un objeto le falta la de la página que se está viendo.

Las traducciones del contenido viven en `fixtures/traducciones/<conjunto>.<idioma>.json` como
pares {"es": texto fuente, "<idioma>": traducción}. Van atadas al texto en español: si el español
cambia, la traducción vieja deja de aplicarse y la página muestra el español con un aviso, en
lugar de una traducción que ya no dice lo mismo.
"""

import json
from functools import cache

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, translator

CARPETA = settings.BASE_DIR / "fixtures" / "traducciones"


@cache
def leer(conjunto: str, idioma: str) -> dict[str, str]:
    """Texto en español → traducción, para un conjunto de contenido y un idioma."""
    ruta = CARPETA / f"{conjunto}.{idioma}.json"
    if not ruta.exists():
        return {}
    pares = json.loads(ruta.read_text(encoding="utf-8"))
    return {par["es"]: par[idioma] for par in pares if par.get(idioma, "").strip()}


def campos_traducibles(modelo) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(modelo).fields)
    except NotRegistered:
        return ()


def idiomas_de_contenido() -> list[str]:
    """Los idiomas con columna propia, sin el español (el idioma fuente)."""
    return [i for i in settings.MODELTRANSLATION_LANGUAGES if i != settings.LANGUAGE_CODE]


def columna(campo: str, idioma: str) -> str:
    return f"{campo}_{idioma.replace('-', '_')}"


def columnas_por_idioma(*campos: str) -> list[str]:
    """Columnas que django-modeltranslation agrega a cada campo traducible.

    El historial (django-simple-history) guarda el campo base (el texto en español, el que
    cuenta) y deja fuera las columnas por idioma: el modelo histórico se crea antes de que existan.
    """
    return [
        columna(campo, idioma) for campo in campos for idioma in settings.MODELTRANSLATION_LANGUAGES
    ]


def con_traducciones(modelo, valores: dict, conjunto: str) -> dict:
    """Agrega a `valores` las columnas de cada idioma a partir de los textos en español."""
    valores = dict(valores)
    for idioma in idiomas_de_contenido():
        traducciones = leer(conjunto, idioma)
        for campo in campos_traducibles(modelo):
            if campo in valores:
                texto = valores[campo]
                valores[columna(campo, idioma)] = traducciones.get(texto) if texto else None
    return valores


def descartar_traducciones_viejas(objeto, cambiados) -> None:
    """En una edición a mano: si cambió el español de un texto y no su traducción, la traducción
    vieja deja de aplicarse (la misma regla que en la carga); la página muestra el español nuevo
    con el aviso hasta que alguien lo traduzca."""
    cambiados = set(cambiados)
    for campo in campos_traducibles(type(objeto)):
        if columna(campo, settings.LANGUAGE_CODE) not in cambiados:
            continue
        for idioma in idiomas_de_contenido():
            if columna(campo, idioma) not in cambiados:
                setattr(objeto, columna(campo, idioma), None)


def se_ve_en_espanol(objeto, campo: str | None, idioma: str) -> bool:
    """¿El texto que se ve de `objeto.campo` en `idioma` es el español (fuente o respaldo)?

    Sin `campo`: un texto que nunca se traduce (disposiciones legales, nombres oficiales).
    """
    if idioma == settings.LANGUAGE_CODE:
        return False
    if not campo or idioma not in settings.MODELTRANSLATION_LANGUAGES:
        return True
    return not objeto.__dict__.get(columna(campo, idioma))


def falta_traduccion(*objetos) -> bool:
    """¿Algún texto de estos objetos se muestra en español en una página de otro idioma?"""
    idioma = get_language() or settings.LANGUAGE_CODE
    return any(
        # Vacío también en español: no hay nada que traducir.
        objeto.__dict__.get(columna(campo, settings.LANGUAGE_CODE))
        and se_ve_en_espanol(objeto, campo, idioma)
        for objeto in objetos
        for campo in campos_traducibles(type(objeto))
    )


def hay_traduccion(*objetos) -> bool:
    """¿Algún texto de estos objetos se muestra traducido en la página (no en español)?

    Lo traducido no es oficial: la página lo dice y remite al español, que es el que cuenta.
    """
    idioma = get_language() or settings.LANGUAGE_CODE
    if idioma == settings.LANGUAGE_CODE or idioma not in settings.MODELTRANSLATION_LANGUAGES:
        return False
    return any(
        objeto.__dict__.get(columna(campo, idioma))
        for objeto in objetos
        for campo in campos_traducibles(type(objeto))
    )
