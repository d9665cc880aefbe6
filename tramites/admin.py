"""Administración de trámites para el personal del INM.

Cada cambio pide un motivo, que queda en el historial público del trámite
(/tramites/<slug>/historial/) junto con la fecha.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from config.traducciones import descartar_traducciones_viejas
from tramites.models import (
    Categoria,
    Cuota,
    Formato,
    FraseBusqueda,
    FundamentoLegal,
    Modalidad,
    Requisito,
    Supuesto,
    TemaComun,
    Tramite,
)

# Las fuentes son https; así lo supone el campo cuando el personal omite el esquema.
URL_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class ConMotivoForm(forms.ModelForm):
    motivo_cambio = forms.CharField(
        label=_("Motivo del cambio"),
        max_length=100,
        help_text=_(
            "Se publica en el historial del trámite. Por ejemplo: «Cuotas 2027 publicadas en el "
            "DOF»."
        ),
        error_messages={"required": _("Escriba por qué hace este cambio.")},
    )


class MotivoAdminMixin:
    """Guarda el motivo del formulario en el historial del objeto y de sus filas en línea."""

    form = ConMotivoForm
    formfield_overrides = URL_HTTPS

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data["motivo_cambio"]
        if change:
            # La misma regla que en la carga: si cambió el español y no su traducción, la vieja
            # deja de aplicarse y la página muestra el español nuevo con el aviso.
            descartar_traducciones_viejas(obj, form.changed_data)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        motivo = form.cleaned_data["motivo_cambio"]
        instancias = formset.save(commit=False)
        for eliminado in formset.deleted_objects:
            eliminado._change_reason = motivo
            eliminado.delete()
        cambios = {id(f.instance): f.changed_data for f in formset.forms if f.instance.pk}
        for instancia in instancias:
            instancia._change_reason = motivo
            if id(instancia) in cambios:
                descartar_traducciones_viejas(instancia, cambios[id(instancia)])
            instancia.save()
        formset.save_m2m()


class ModalidadInline(TranslationTabularInline):
    model = Modalidad
    extra = 0
    prepopulated_fields = {"slug": ("nombre",)}


class RequisitoInline(TranslationStackedInline):
    model = Requisito
    extra = 0
    fields = (
        "orden",
        "modalidad",
        "texto",
        "presentacion",
        ("fuente", "fundamento"),
        "notas",
        "nota_editorial",
    )
    autocomplete_fields = ("fuente",)


class CuotaInline(TranslationStackedInline):
    model = Cuota
    extra = 0
    fields = (
        "orden",
        "modalidad",
        "concepto",
        ("monto", "anio_vigencia"),
        "fundamento",
        ("articulo_lfd", "fraccion_lfd"),
        "grupo",
        "fuente",
        "notas",
        "nota_editorial",
    )
    autocomplete_fields = ("fuente",)


class FundamentoInline(admin.TabularInline):
    model = FundamentoLegal
    extra = 0


class FormatoInline(admin.TabularInline):
    model = Formato
    extra = 0
    formfield_overrides = URL_HTTPS


class SupuestoInline(TranslationTabularInline):
    model = Supuesto
    extra = 0


@admin.register(Tramite)
# TranslationAdmin: un campo por idioma del contenido (es, en, fr, ht) en cada texto.
class TramiteAdmin(MotivoAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    list_display = (
        "nombre",
        "categoria",
        "plazo_resolucion_dias_habiles",
        "publicado",
        "actualizado",
    )
    list_filter = ("categoria", "publicado")
    search_fields = ("nombre", "descripcion", "requisitos__texto")
    prepopulated_fields = {"slug": ("nombre",)}
    filter_horizontal = ("fuentes",)
    autocomplete_fields = ("plazo_fuente", "cuando_fuente", "vigencia_fuente")
    readonly_fields = ("actualizado",)
    inlines = (
        ModalidadInline,
        RequisitoInline,
        CuotaInline,
        FundamentoInline,
        FormatoInline,
        SupuestoInline,
    )
    fieldsets = (
        (None, {"fields": ("nombre", "slug", "categoria", "publicado", "orden", "actualizado")}),
        (_("Identificación"), {"fields": ("homoclave", "id_ficha_gobmx")}),
        (
            _("Contenido"),
            {
                "fields": (
                    "resumen",
                    "descripcion",
                    "quien_lo_solicita",
                    "resultado",
                    "derechos_que_otorga",
                    "antecedentes",
                    "usa_escrito_libre",
                )
            },
        ),
        (
            _("Plazo, vigencia y lugar"),
            {
                "fields": (
                    "cuando_solicitar",
                    ("cuando_fuente", "cuando_fundamento"),
                    ("plazo_resolucion_dias_habiles", "plazo_resolucion_dias_naturales"),
                    ("plazo_fuente", "plazo_fundamento"),
                    "plazo_notas",
                    "vigencia_resultado",
                    ("vigencia_fuente", "vigencia_fundamento"),
                    "donde",
                    "cita_en_linea",
                )
            },
        ),
        (_("Fuentes y pendientes"), {"fields": ("fuentes", "pendiente", "nota_editorial")}),
        (_("Motivo"), {"fields": ("motivo_cambio",)}),
    )


@admin.register(TemaComun)
class TemaComunAdmin(MotivoAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    list_display = ("titulo", "clave", "actualizado")
    filter_horizontal = ("fuentes",)
    fields = ("titulo", "clave", "texto", "url", "pendiente", "fuentes", "orden", "motivo_cambio")


@admin.register(Categoria)
class CategoriaAdmin(TranslationAdmin):
    list_display = ("nombre", "slug", "orden")
    prepopulated_fields = {"slug": ("nombre",)}


@admin.register(FraseBusqueda)
class FraseBusquedaAdmin(MotivoAdminMixin, SimpleHistoryAdmin):
    """Las palabras con que la gente pide un trámite o una institución; la búsqueda las usa en
    cuanto se guardan (tramites/indice_busqueda.py)."""

    list_display = ("texto", "idioma", "tramite", "institucion", "actualizado")
    list_filter = ("idioma", "institucion", "tramite")
    search_fields = ("texto",)
    fields = ("texto", "idioma", "tramite", "institucion", "motivo_cambio")
