"""Administración del seguimiento: solicitudes con su historial y días inhábiles del INM.

El personal registra la solicitud (sin datos personales) y cada cambio de estatus; el estatus
actual, la fecha de resolución y el inicio del plazo se deducen del historial
(seguimiento/registro.py). La contraseña la genera el sitio y se muestra una sola vez.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from seguimiento import contrasenas, registro
from seguimiento.calendario import calendario_inm
from seguimiento.models import CambioEstatus, DiaInhabil, Estatus, Solicitud


class CambioEstatusForm(forms.ModelForm):
    class Meta:
        model = CambioEstatus
        fields = ("estatus", "fecha", "requerimiento", "fecha_limite")

    def clean(self):
        datos = super().clean()
        estatus, fecha = datos.get("estatus"), datos.get("fecha")
        if estatus == Estatus.REQUIERE_INFORMACION:
            if not datos.get("requerimiento"):
                self.add_error("requerimiento", _("Diga qué información debe entregar la persona."))
            if fecha and not datos.get("fecha_limite"):
                datos["fecha_limite"] = registro.fecha_limite_por_omision(fecha, calendario_inm())
            elif fecha and datos["fecha_limite"] <= fecha:
                self.add_error(
                    "fecha_limite", _("Debe ser posterior a la fecha del requerimiento.")
                )
        else:
            for campo in ("requerimiento", "fecha_limite"):
                if datos.get(campo):
                    self.add_error(campo, _("Solo se llena con «Requiere información adicional»."))
        return datos


class CambioEstatusFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        ingreso = getattr(self.instance, "fecha_ingreso", None)
        hoy = timezone.localdate()
        for formulario in self.forms:
            datos = getattr(formulario, "cleaned_data", None)
            if not datos or datos.get("DELETE") or not datos.get("fecha"):
                continue
            if datos["fecha"] > hoy:
                formulario.add_error("fecha", _("La fecha no puede ser futura."))
            if ingreso and datos["fecha"] < ingreso:
                formulario.add_error("fecha", _("La fecha no puede ser anterior al ingreso."))


class CambioEstatusInline(admin.TabularInline):
    model = CambioEstatus
    form = CambioEstatusForm
    formset = CambioEstatusFormSet
    extra = 1
    fields = ("estatus", "fecha", "requerimiento", "fecha_limite")
    ordering = ("fecha", "id")


class SolicitudForm(forms.ModelForm):
    nueva_contrasena = forms.BooleanField(
        label=_("Generar una contraseña nueva"),
        required=False,
        help_text=_(
            "Se mostrará una sola vez al guardar, para entregarla a la persona. La anterior deja "
            "de servir. Las solicitudes nuevas siempre reciben una."
        ),
    )

    class Meta:
        model = Solicitud
        fields = ("nut", "tramite", "modalidad", "oficina", "fecha_ingreso", "es_muestra")

    def clean_nut(self):
        return "".join(self.cleaned_data["nut"].split()).upper()

    def clean(self):
        datos = super().clean()
        tramite, modalidad = datos.get("tramite"), datos.get("modalidad")
        if modalidad and tramite and modalidad.tramite_id != tramite.pk:
            self.add_error("modalidad", _("Esa modalidad es de otro trámite."))
        ingreso = datos.get("fecha_ingreso")
        if ingreso and ingreso > timezone.localdate():
            self.add_error("fecha_ingreso", _("La fecha de ingreso no puede ser futura."))
        return datos


@admin.register(Solicitud)
class SolicitudAdmin(admin.ModelAdmin):
    form = SolicitudForm
    inlines = [CambioEstatusInline]
    list_display = ("nut", "tramite", "estatus", "fecha_ingreso", "fecha_resolucion", "es_muestra")
    list_filter = ("estatus", "es_muestra", "tramite")
    list_select_related = ("tramite",)
    search_fields = ("nut",)
    date_hierarchy = "fecha_ingreso"
    readonly_fields = ("estatus", "fecha_estatus", "fecha_resolucion", "inicio_plazo", "creada")
    fieldsets = (
        (
            None,
            {
                "fields": ("nut", "nueva_contrasena", "tramite", "modalidad", "oficina"),
                "description": _(
                    "No escriba nombres, pasaportes ni otros datos personales: el sitio no los "
                    "guarda."
                ),
            },
        ),
        (_("Fechas y estatus"), {"fields": ("fecha_ingreso", *readonly_fields)}),
        (None, {"fields": ("es_muestra",)}),
    )

    def save_model(self, request, obj, form, change):
        if not change or form.cleaned_data.get("nueva_contrasena"):
            nueva = contrasenas.generar()
            obj.contrasena = contrasenas.cifrar(nueva)
            # Solo vive en esta petición: se muestra en la respuesta y se olvida.
            request._contrasena_nueva = nueva
        if not change:
            registro.aplicar(obj, registro.derivar(obj.fecha_ingreso, []))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        solicitud = form.instance
        if not solicitud.cambios.exists():
            registro.primer_cambio(solicitud).save()
        registro.recalcular(solicitud)

    def _mostrar_contrasena(self, request, obj, respuesta):
        contrasena = getattr(request, "_contrasena_nueva", None)
        if contrasena is None:
            return respuesta
        pagina = TemplateResponse(
            request,
            "seguimiento/admin_contrasena.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Contraseña de la solicitud %(nut)s") % {"nut": obj.nut},
                "solicitud": obj,
                "contrasena": contrasena,
                "opts": self.model._meta,
                "siguiente": respuesta.get("Location", ""),
            },
        )
        pagina["Cache-Control"] = "no-store"
        return pagina

    def response_add(self, request, obj, post_url_continue=None):
        return self._mostrar_contrasena(
            request, obj, super().response_add(request, obj, post_url_continue)
        )

    def response_change(self, request, obj):
        return self._mostrar_contrasena(request, obj, super().response_change(request, obj))


@admin.register(DiaInhabil)
class DiaInhabilAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("fecha", "motivo", "fuente")
    search_fields = ("motivo",)
    date_hierarchy = "fecha"
