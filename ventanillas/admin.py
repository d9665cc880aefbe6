"""Administración de ventanillas, oficinas y otros lugares, y de las atenciones (cada cuenta ve
solo las suyas)."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from ventanillas import registro
from ventanillas.models import (
    Actividad,
    Atencion,
    CifraReportada,
    DatoLugar,
    DatoRed,
    DirectorioCanalizacion,
    Estado,
    HorarioApertura,
    Lugar,
    Municipio,
    PersonalVentanilla,
    Servicio,
    ServicioAtendido,
    ServicioLugar,
)

URL_HTTPS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Estado)
class EstadoAdmin(admin.ModelAdmin):
    list_display = ("nombre", "clave")
    search_fields = ("nombre", "clave")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Municipio)
class MunicipioAdmin(admin.ModelAdmin):
    list_display = ("nombre", "estado", "clave")
    list_filter = ("estado",)
    search_fields = ("nombre", "clave")
    list_select_related = ("estado",)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Servicio)
class ServicioAdmin(TranslationAdmin):
    list_display = ("nombre", "slug", "orden")
    prepopulated_fields = {"slug": ("nombre",)}
    autocomplete_fields = ("fuente",)


class ServicioLugarInline(TranslationTabularInline):
    model = ServicioLugar
    extra = 0


class HorarioInline(TranslationTabularInline):
    model = HorarioApertura
    extra = 0


class DatoLugarInline(TranslationTabularInline):
    model = DatoLugar
    extra = 0
    autocomplete_fields = ("fuente",)


@admin.register(Lugar)
# TranslationAdmin: las notas y los servicios con un campo por idioma (es, en, fr, ht).
class LugarAdmin(TranslationAdmin):
    list_display = (
        "nombre",
        "tipo",
        "estado",
        "municipio",
        "origen",
        "publicado",
        "fecha_verificacion",
    )
    list_filter = ("tipo", "origen", "publicado", "estado")
    search_fields = ("nombre", "ciudad", "direccion", "slug")
    list_select_related = ("estado", "municipio")
    autocomplete_fields = (
        "municipio",
        "fuentes",
        "direccion_fuente",
        "telefono_fuente",
        "horario_fuente",
        "servicios_fuente",
    )
    prepopulated_fields = {"slug": ("nombre",)}
    inlines = [ServicioLugarInline, HorarioInline, DatoLugarInline]
    formfield_overrides = URL_HTTPS
    fieldsets = [
        (None, {"fields": ("tipo", "nombre", "slug", "clase_oficina", "publicado", "origen")}),
        (
            _("Dónde está"),
            {
                "fields": (
                    "estado",
                    "municipio",
                    "ciudad",
                    "direccion",
                    "direccion_fuente",
                    "direccion_nota",
                    "codigo_postal",
                    ("latitud", "longitud"),
                )
            },
        ),
        (
            _("Contacto y horario"),
            {
                "fields": (
                    "institucion_anfitriona",
                    "telefono",
                    "telefono_fuente",
                    "telefono_nota",
                    "correo",
                    "horario_texto",
                    "horario_fuente",
                    "horario_nota",
                    "servicios_fuente",
                )
            },
        ),
        (
            _("Historia y fuentes"),
            {
                "fields": (
                    "fecha_apertura",
                    "fecha_apertura_nota",
                    "notas",
                    "fuentes",
                    "fecha_verificacion",
                    "nota_editorial",
                )
            },
        ),
    ]


@admin.register(CifraReportada)
class CifraReportadaAdmin(TranslationAdmin):
    list_display = ("valor", "ambito", "fuente")
    autocomplete_fields = ("fuente",)


@admin.register(DatoRed)
class DatoRedAdmin(TranslationAdmin):
    list_display = ("texto", "ambito", "fuente")
    list_filter = ("ambito",)
    autocomplete_fields = ("fuente",)


@admin.register(Actividad)
class ActividadAdmin(admin.ModelAdmin):
    list_display = ("fecha", "tema", "ventanilla", "publicada")
    list_filter = ("publicada", "ventanilla")
    search_fields = ("tema", "lugar")
    autocomplete_fields = ("fuente",)
    date_hierarchy = "fecha"


@admin.register(DirectorioCanalizacion)
class DirectorioCanalizacionAdmin(admin.ModelAdmin):
    list_display = ("nombre", "tipo", "estado")
    list_filter = ("tipo", "estado")
    search_fields = ("nombre",)
    autocomplete_fields = ("fuente",)


@admin.register(PersonalVentanilla)
class PersonalVentanillaAdmin(admin.ModelAdmin):
    list_display = ("usuario", "ventanilla")
    list_select_related = ("usuario", "ventanilla")
    autocomplete_fields = ("usuario",)


class ServicioAtendidoInline(admin.TabularInline):
    model = ServicioAtendido
    extra = 0


@admin.register(Atencion)
class AtencionAdmin(admin.ModelAdmin):
    """Cada cuenta ve y edita solo las atenciones de su ventanilla; quien tiene el permiso
    «ver todas» (o es superusuario) ve todas."""

    list_display = ("fecha", "ventanilla", "sexo", "grupo_edad", "perfil", "nacionalidad")
    list_filter = ("fecha", "perfil", "sexo", "grupo_edad")
    date_hierarchy = "fecha"
    inlines = [ServicioAtendidoInline]
    readonly_fields = ("registrada_por", "creada")
    list_select_related = ("ventanilla",)

    def get_queryset(self, request):
        return registro.atenciones_visibles(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "ventanilla":
            kwargs["queryset"] = registro.ventanillas_permitidas(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.registrada_por = request.user
        super().save_model(request, obj, form, change)
