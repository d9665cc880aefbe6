"""Moderación: una cola por tipo, estados, notas internas, respuesta y exportación a CSV."""

import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from participa.models import Estado, Opinion, Reporte, SolicitudDatos
from participa.moderacion import cambiar_estado, plazo_respuesta, registrar_estado, vencidos


def _accion_estado(estado, etiqueta):
    def accion(modeladmin, request, queryset):
        for objeto in queryset:
            cambiar_estado(objeto, estado, motivo=f"Cambio en bloque a «{estado}»")
        modeladmin.message_user(request, _("Estado actualizado."))

    accion.__name__ = f"marcar_{estado}"
    accion.short_description = etiqueta
    return accion


@admin.action(description=_("Exportar la selección a CSV"))
def exportar_csv(modeladmin, request, queryset):
    modelo = queryset.model
    campos = [f for f in modelo._meta.concrete_fields if f.name != "id"]
    respuesta = HttpResponse(content_type="text/csv; charset=utf-8")
    nombre = f"{modelo._meta.model_name}-{timezone.localdate().isoformat()}.csv"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    respuesta.write("\ufeff")  # para que Excel reconozca UTF-8
    escritor = csv.writer(respuesta)
    escritor.writerow([str(f.verbose_name) for f in campos])
    for objeto in queryset:
        fila = []
        for campo in campos:
            valor = getattr(objeto, campo.attname)
            texto = "" if valor is None else str(valor)
            # Una celda que empieza con = + - @ la interpretaría Excel como fórmula.
            fila.append("'" + texto if texto[:1] in ("=", "+", "-", "@") else texto)
        escritor.writerow(fila)
    return respuesta


ACCIONES = [
    _accion_estado(Estado.EN_REVISION, _("Marcar «en revisión»")),
    _accion_estado(Estado.ATENDIDO, _("Marcar «atendido»")),
    _accion_estado(Estado.DESCARTADO, _("Marcar «descartado»")),
    exportar_csv,
]


class PlazoFilter(admin.SimpleListFilter):
    """Los casos abiertos que pasaron la fecha de respuesta prometida (PARTICIPA_PLAZO_RESPUESTA_DIAS)."""

    title = _("plazo de respuesta")
    parameter_name = "plazo"

    def lookups(self, request, model_admin):
        return [("vencido", _("Vencido, sin cerrar"))]

    def queryset(self, request, queryset):
        if self.value() == "vencido":
            return vencidos(queryset)
        return queryset


class PlazoMixin:
    """Columna «responder a más tardar» y filtro de vencidos en la cola de reportes y solicitudes."""

    @admin.display(description=_("responder a más tardar"))
    def responder_a_mas_tardar(self, obj):
        plazo = plazo_respuesta(obj)
        if plazo.vencido:
            return _("%(fecha)s (vencido)") % {"fecha": plazo.fecha.isoformat()}
        return plazo.fecha.isoformat()


class ModeracionAdmin(SimpleHistoryAdmin):
    list_filter = ("estado", "creado")
    date_hierarchy = "creado"
    actions = ACCIONES
    readonly_fields = ("creado", "actualizado", "cerrado")

    def save_model(self, request, obj, form, change):
        registrar_estado(obj)
        obj._change_reason = "Edición en el admin"
        super().save_model(request, obj, form, change)


@admin.register(Opinion)
class OpinionAdmin(ModeracionAdmin):
    list_display = ("pagina", "util", "comentario_corto", "estado", "creado")
    list_filter = ("estado", "util", "creado")
    search_fields = ("pagina", "comentario")
    readonly_fields = ("pagina", "util", "comentario", "idioma", "creado", "actualizado", "cerrado")

    @admin.display(description=_("comentario"))
    def comentario_corto(self, obj):
        return obj.comentario[:80]


@admin.register(Reporte)
class ReporteAdmin(PlazoMixin, ModeracionAdmin):
    list_display = (
        "folio",
        "tipo",
        "tramite",
        "lugar",
        "oficina",
        "estado",
        "creado",
        "responder_a_mas_tardar",
    )
    list_select_related = ("tramite", "lugar")
    list_filter = ("estado", PlazoFilter, "tipo", "creado")
    search_fields = ("folio", "oficina", "descripcion")
    readonly_fields = ("folio", "creado", "actualizado", "cerrado", "contacto_purgado")
    fieldsets = (
        (None, {"fields": ("folio", "estado", "respuesta", "notas_internas")}),
        (
            _("Lo que reportó"),
            {"fields": ("tipo", "tramite", "lugar", "oficina", "fecha_hechos", "descripcion")},
        ),
        (
            _("Contacto (opcional; se borra al vencer el plazo)"),
            {
                "fields": (
                    "contacto_nombre",
                    "contacto_correo",
                    "contacto_telefono",
                    "contacto_purgado",
                )
            },
        ),
        (_("Fechas"), {"fields": ("creado", "actualizado", "cerrado")}),
    )


@admin.register(SolicitudDatos)
class SolicitudDatosAdmin(PlazoMixin, ModeracionAdmin):
    list_display = (
        "folio",
        "titulo",
        "publicada",
        "apoyos",
        "estado",
        "creado",
        "responder_a_mas_tardar",
    )
    list_filter = ("estado", PlazoFilter, "publicada", "creado")
    search_fields = ("folio", "titulo", "descripcion")
    readonly_fields = ("folio", "apoyos", "creado", "actualizado", "cerrado", "contacto_purgado")
    fieldsets = (
        (None, {"fields": ("folio", "estado", "publicada", "respuesta", "notas_internas")}),
        (_("Lo que pidió"), {"fields": ("titulo", "descripcion", "apoyos")}),
        (
            _("Contacto (opcional; se borra al vencer el plazo)"),
            {
                "fields": (
                    "contacto_nombre",
                    "contacto_correo",
                    "contacto_telefono",
                    "contacto_purgado",
                )
            },
        ),
        (_("Fechas"), {"fields": ("creado", "actualizado", "cerrado")}),
    )
