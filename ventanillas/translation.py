"""Campos de las ventanillas y oficinas que se traducen (django-modeltranslation).

La lista vive en ventanillas/models.py (TRADUCIBLES); ver config/traducciones.py.
"""

from modeltranslation.translator import TranslationOptions, translator

from ventanillas import models

for nombre, campos in models.TRADUCIBLES.items():
    opciones = type(f"{nombre}Traduccion", (TranslationOptions,), {"fields": campos})
    translator.register(getattr(models, nombre), opciones)
