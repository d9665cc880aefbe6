"""Administración de ventanillas, oficinas y otros lugares, de la protección internacional y
de las atenciones (cada cuenta ve solo las suyas).

Los hechos de protección, las oficinas de la COMAR y las instituciones piden un motivo en cada
cambio, que queda en su historial (el mismo mecanismo que los trámites).
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from tramites.admin import ConMotivoForm, MotivoAdminMixin
from ventanillas import registro
from ventanillas.models import (
    Actividad,
    Atencion,
    CifraReportada,
    DatoLugar,
    DatoRed,
    DirectorioCanalizacion,
    Estado,
    HechoProteccion,
    HorarioApertura,
    Institucion,
    Lugar,
    Municipio,
    OficinaComar,
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


class ConMotivoProteccionForm(ConMotivoForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No hay historial público de estas páginas: el motivo queda en el del objeto.
        self.fields["motivo_cambio"].help_text = _(
            "Queda en el historial de cambios. Por ejemplo: «La COMAR publicó un nuevo horario»."
        )


class ProteccionAdminMixin(MotivoAdminMixin):
    form = ConMotivoProteccionForm


@admin.register(HechoProteccion)
class HechoProteccionAdmin(ProteccionAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    list_display = ("titulo", "clave", "orden")
    search_fields = ("titulo", "clave")
    autocomplete_fields = ("fuentes",)
    fields = (
        "titulo",
        "clave",
        "texto",
        "articulos",
        "dias_habiles",
        "pendiente",
        "fuentes",
        "orden",
        "motivo_cambio",
    )


@admin.register(OficinaComar)
class OficinaComarAdmin(ProteccionAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    list_display = ("ciudad", "estado", "orden")
    search_fields = ("ciudad", "slug")
    list_select_related = ("estado",)
    autocomplete_fields = ("fuentes_ubicacion", "fuentes_datos")
    fields = (
        "ciudad",
        "slug",
        "estado",
        "direccion",
        "horario",
        "telefono",
        "nota",
        "fuentes_ubicacion",
        "fuentes_datos",
        "orden",
        "motivo_cambio",
    )


@admin.register(Institucion)
class InstitucionAdmin(ProteccionAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    list_display = ("necesidad", "nombre", "ancla", "orden")
    search_fields = ("necesidad", "nombre", "ancla")
    autocomplete_fields = ("fuentes",)
    fields = (
        "necesidad",
        "ancla",
        "nombre",
        "que_hacer",
        "url",
        "otras_urls",
        "telefono",
        "aviso",
        "fuentes",
        "orden",
        "motivo_cambio",
    )


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
