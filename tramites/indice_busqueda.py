"""El índice de búsqueda: qué se indexa, cómo se normaliza y cuándo se actualiza.

Cada texto de un trámite (nombre, resumen, descripción, modalidades, requisitos) en cada idioma
del contenido, cada `FraseBusqueda` y el título de cada institución es una `EntradaIndice` con
sus palabras normalizadas en Python — minúsculas, sin acentos, sin palabras vacías y reducidas a
su raíz con Snowball en es/en/fr (el criollo haitiano no tiene lematizador: casi no flexiona) —,
para que SQLite y PostgreSQL vean exactamente los mismos términos y den los mismos resultados.

Los idiomas salen de `settings.MODELTRANSLATION_LANGUAGES` y los campos del registro de
django-modeltranslation: cuando exista la columna `nombre_fr`, se indexa sin tocar este módulo.

El índice se mantiene solo: las señales de guardado y borrado de trámites, modalidades,
requisitos y frases (las que disparan tanto el admin como `Sincronizacion` en las cargas) anotan
qué destino cambió y, al confirmarse la transacción, se reindexa solo ese destino y el
vocabulario. `reconstruir()` (orden `reconstruir_indice_busqueda`) lo rehace todo.
"""

import re
import threading
import unicodedata
from collections import Counter
from functools import cache

import snowballstemmer
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from config import cache_paginas
from config.traducciones import campos_traducibles, columna
from tramites.instituciones import INSTITUCIONES
from tramites.models import (
    EntradaIndice,
    FraseBusqueda,
    Modalidad,
    Requisito,
    TerminoIndice,
    Tramite,
)

IDIOMAS = ("es", "en", "fr", "ht")
LEMATIZADORES = {"es": "spanish", "en": "english", "fr": "french"}


def _lista(palabras_separadas: str) -> frozenset[str]:
    return frozenset(palabras_separadas.split())


# Palabras que no distinguen un trámite de otro, sin acentos. Las de la consulta se quitan con
# las cuatro listas juntas: no se sabe en qué idioma escribe la persona.
PALABRAS_VACIAS = {
    "es": _lista(
        "a al ante con contra de del desde el en entre es esta este hay la las le lo los me mi "
        "mis o para pero por que se si sin su sus te tengo un una uno y yo ya quiero necesito "
        "como hacer puedo debo tramite tramites cual donde"
    ),
    "en": _lista(
        "a an and are as at be by can do for from have how i if in is it me my of on or the to "
        "what with want need get"
    ),
    "fr": _lista(
        "a au aux avec ce d de des du en est et il j je l la le les ma me mes mon ne ou par pas "
        "pour que qui sa se son sur un une veux dois comment faire"
    ),
    "ht": _lista("a ak an e ki la li m mwen nan ou pa pou se sou yo yon vle kijan kouman fe"),
}
TODAS_LAS_VACIAS = frozenset().union(*PALABRAS_VACIAS.values())

# Cuánto pesa cada parte de un destino al ordenar.
PESOS = {
    "nombre": 3.0,
    "frase": 3.0,
    "institucion": 3.0,
    "modalidad": 2.0,
    "resumen": 2.0,
    "texto": 1.0,
    "requisito": 0.6,
}
CAMPOS_DEL_TEXTO = ("descripcion", "quien_lo_solicita", "cuando_solicitar", "resultado")


def sin_acentos(texto: str) -> str:
    descompuesto = unicodedata.normalize("NFKD", texto.casefold())
    return "".join(c for c in descompuesto if not unicodedata.combining(c))


def palabras(texto: str) -> list[str]:
    return re.findall(r"\w+", sin_acentos(texto))


@cache
def _lematizador(idioma: str):
    algoritmo = LEMATIZADORES.get(idioma)
    return snowballstemmer.stemmer(algoritmo) if algoritmo else None


def raiz(palabra: str, idioma: str) -> str:
    lematizador = _lematizador(idioma)
    return lematizador.stemWord(palabra) if lematizador else palabra


def normalizar(texto: str, idioma: str) -> list[str]:
    """Términos de un texto del índice en `idioma`."""
    vacias = PALABRAS_VACIAS[idioma]
    return [raiz(p, idioma) for p in palabras(texto) if p not in vacias]


def idioma_indice(codigo: str) -> str:
    """«es-mx» → «es»: el índice usa los cuatro códigos cortos de las frases."""
    return codigo.split("-")[0]


# --- Qué se indexa -------------------------------------------------------------------------


def _entrada(texto: str, idioma: str, parte: str, **destino) -> EntradaIndice | None:
    terminos = normalizar(texto, idioma)
    if not terminos:
        return None
    return EntradaIndice(
        idioma=idioma,
        parte=parte,
        peso=PESOS[parte],
        texto=texto,
        terminos=" ".join(terminos),
        **destino,
    )


def _textos_por_idioma(objeto, campo: str):
    """(idioma del índice, texto) de cada columna por idioma con texto propio."""
    if campo not in campos_traducibles(type(objeto)):
        yield idioma_indice(settings.LANGUAGE_CODE), getattr(objeto, campo)
        return
    for codigo in settings.MODELTRANSLATION_LANGUAGES:
        texto = getattr(objeto, columna(campo, codigo), "") or ""
        if texto.strip():
            yield idioma_indice(codigo), texto


def entradas_de_tramite(tramite: Tramite) -> list[EntradaIndice]:
    entradas = []

    def agregar(objeto, campo: str, parte: str):
        for idioma, texto in _textos_por_idioma(objeto, campo):
            entradas.append(_entrada(texto, idioma, parte, tramite=tramite))

    agregar(tramite, "nombre", "nombre")
    agregar(tramite, "resumen", "resumen")
    for campo in CAMPOS_DEL_TEXTO:
        agregar(tramite, campo, "texto")
    for modalidad in tramite.modalidades.all():
        agregar(modalidad, "nombre", "modalidad")
    for requisito in tramite.requisitos.all():
        agregar(requisito, "texto", "requisito")
    for frase in tramite.frases_busqueda.all():
        entradas.append(_entrada(frase.texto, frase.idioma, "frase", tramite=tramite, frase=frase))
    return [e for e in entradas if e is not None]


def entradas_de_institucion(clave: str) -> list[EntradaIndice]:
    institucion = INSTITUCIONES[clave]
    entradas = []
    for codigo, _nombre in settings.LANGUAGES:
        with translation.override(codigo):
            titulo = str(institucion.titulo)
        idioma = idioma_indice(codigo)
        if idioma in IDIOMAS:
            entradas.append(_entrada(titulo, idioma, "institucion", institucion=clave))
    for frase in FraseBusqueda.objects.filter(institucion=clave):
        entradas.append(
            _entrada(frase.texto, frase.idioma, "frase", institucion=clave, frase=frase)
        )
    return [e for e in entradas if e is not None]


# --- Mantenerlo al día -----------------------------------------------------------------------


def reindexar(*, tramites=(), instituciones=()) -> None:
    """Rehace las entradas de esos destinos (pk de trámites, claves) y el vocabulario."""
    tramites, instituciones = set(tramites), set(instituciones)
    nuevas = []
    if tramites:
        EntradaIndice.objects.filter(tramite__in=tramites).delete()
        for tramite in Tramite.objects.filter(pk__in=tramites).prefetch_related(
            "modalidades", "requisitos", "frases_busqueda"
        ):
            nuevas += entradas_de_tramite(tramite)
    if instituciones:
        EntradaIndice.objects.filter(institucion__in=instituciones).delete()
        for clave in instituciones & set(INSTITUCIONES):
            nuevas += entradas_de_institucion(clave)
    EntradaIndice.objects.bulk_create(nuevas)
    _actualizar_vocabulario()
    # bulk_create no envía señales: las búsquedas guardadas (busqueda.py) se renuevan aquí.
    cache_paginas.invalidar(EntradaIndice)


def reconstruir() -> int:
    """Todo el índice desde cero; devuelve cuántas entradas quedaron."""
    with transaction.atomic():
        EntradaIndice.objects.all().delete()
        reindexar(
            tramites=Tramite.objects.values_list("pk", flat=True), instituciones=INSTITUCIONES
        )
        return EntradaIndice.objects.count()


def _actualizar_vocabulario() -> None:
    """Cada término con el número de entradas que lo contienen; solo reescribe lo que cambió."""
    cuentas = Counter()
    for terminos in EntradaIndice.objects.values_list("terminos", flat=True).iterator():
        cuentas.update(set(terminos.split()))
    actuales = dict(TerminoIndice.objects.values_list("termino", "entradas"))
    distintos = {t for t, n in actuales.items() if cuentas.get(t) != n}
    TerminoIndice.objects.filter(termino__in=distintos).delete()
    TerminoIndice.objects.bulk_create(
        [
            TerminoIndice(termino=t, entradas=n)
            for t, n in cuentas.items()
            if t not in actuales or t in distintos
        ]
    )


_pendientes = threading.local()


def _anotar(tramite=None, institucion: str = "") -> None:
    if not hasattr(_pendientes, "tramites"):
        _pendientes.tramites, _pendientes.instituciones = set(), set()
    if tramite is not None:
        _pendientes.tramites.add(tramite)
    if institucion:
        _pendientes.instituciones.add(institucion)
    # Una llamada por guardado; la primera que corre tras confirmar se lleva todo lo anotado.
    transaction.on_commit(_procesar_pendientes)


def _procesar_pendientes() -> None:
    tramites = getattr(_pendientes, "tramites", set())
    instituciones = getattr(_pendientes, "instituciones", set())
    if not tramites and not instituciones:
        return
    _pendientes.tramites, _pendientes.instituciones = set(), set()
    with transaction.atomic():
        reindexar(tramites=tramites, instituciones=instituciones)


def _al_cambiar_tramite(sender, instance, **kwargs):
    _anotar(tramite=instance.pk)


def _al_cambiar_hijo(sender, instance, **kwargs):
    _anotar(tramite=instance.tramite_id)


def _al_cambiar_frase(sender, instance, **kwargs):
    if instance.tramite_id:
        _anotar(tramite=instance.tramite_id)
    else:
        _anotar(institucion=instance.institucion)
    # Si la frase cambió de destino, el anterior (el de sus entradas) también se reindexa.
    for tramite, institucion in EntradaIndice.objects.filter(frase=instance.pk).values_list(
        "tramite", "institucion"
    ):
        _anotar(tramite=tramite, institucion=institucion)


def conectar() -> None:
    """Lo llama TramitesConfig.ready()."""
    for señal in (post_save, post_delete):
        señal.connect(_al_cambiar_tramite, sender=Tramite, dispatch_uid=f"indice-tramite-{señal}")
        for modelo in (Modalidad, Requisito):
            señal.connect(
                _al_cambiar_hijo, sender=modelo, dispatch_uid=f"indice-{modelo.__name__}-{señal}"
            )
        señal.connect(_al_cambiar_frase, sender=FraseBusqueda, dispatch_uid=f"indice-frase-{señal}")
