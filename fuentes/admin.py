from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from fuentes.models import Fuente


@admin.register(Fuente)
class FuenteAdmin(admin.ModelAdmin):
    list_display = ("url", "titulo", "tipo", "fecha_consulta")
    search_fields = ("url", "titulo", "editor")
    date_hierarchy = "fecha_consulta"
    fields = ("url", "titulo", "editor", "fecha_consulta", "tipo", "regla")
    readonly_fields = ("tipo", "regla")

    @admin.display(description=_("tipo"))
    def tipo(self, obj):
        return obj.get_tipo_display() if obj.url else "—"

    @admin.display(description=_("por qué"))
    def regla(self, obj):
        return obj.regla if obj.url else "—"
