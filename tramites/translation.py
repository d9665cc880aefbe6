"""Campos del contenido de los trámites que se traducen (django-modeltranslation).

Cada campo gana una columna por idioma del contenido (`nombre_es_mx`, `nombre_en`); al leer
`tramite.nombre` se obtiene el del idioma activo y, si está vacío, el español. Los textos
legales (fundamentos) y los nombres oficiales de formatos no se traducen: valen en español.
La lista de campos vive en tramites/models.py (TRADUCIBLES) porque el historial la necesita.
"""

from modeltranslation.translator import TranslationOptions, translator

from tramites import models

for nombre, campos in models.TRADUCIBLES.items():
    opciones = type(f"{nombre}Traduccion", (TranslationOptions,), {"fields": campos})
    translator.register(getattr(models, nombre), opciones)
