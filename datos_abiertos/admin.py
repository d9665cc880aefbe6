"""Administración de los datos abiertos: el catálogo y sus cifras publicadas.

Las observaciones no se editan a mano: entran por `importar_estadisticas`, por el generador de
muestra o por la publicación de las ventanillas, que recalculan el resumen de cada conjunto.
"""

from django.contrib import admin

from datos_abiertos.models import CifraPublicada, ConjuntoDatos


class CifraPublicadaInline(admin.TabularInline):
    model = CifraPublicada
    extra = 0
    autocomplete_fields = ("fuente",)


@admin.register(ConjuntoDatos)
class ConjuntoDatosAdmin(admin.ModelAdmin):
    list_display = (
        "titulo",
        "slug",
        "periodo_inicio",
        "periodo_fin",
        "filas",
        "filas_muestra",
        "actualizado",
    )
    search_fields = ("titulo", "slug")
    readonly_fields = (
        "periodo_inicio",
        "periodo_fin",
        "filas",
        "filas_muestra",
        "valores",
        "version",
        "huella_muestra",
        "actualizado",
    )
    inlines = [CifraPublicadaInline]
