"""Solicitudes tal como las registra la oficina, su historial de estatus y los días inhábiles.

El sitio no es el sistema del INM: guarda solo lo necesario para que una persona vea en qué va
su solicitud (con el número y la contraseña que le dio la oficina) y para publicar cuánto
tardan los trámites. Ningún dato personal: ni nombres, ni pasaportes, ni contactos. La
contraseña se guarda solo cifrada (seguimiento/contrasenas.py).

Los campos «estatus», «fecha_estatus», «fecha_resolucion» e «inicio_plazo» de la solicitud se
calculan desde su historial (seguimiento/registro.py); no se editan a mano.
"""

from functools import lru_cache

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tramites.models import Modalidad, Tramite

# Letras mayúsculas, dígitos y guiones: lo que trae un comprobante, sin espacios.
PATRON_NUT = r"^[A-Z0-9][A-Z0-9-]{3,38}[A-Z0-9]$"


class Estatus(models.TextChoices):
    RECIBIDO = "recibido", _("Recibido")
    EN_REVISION = "en_revision", _("En revisión")
    REQUIERE_INFORMACION = "requiere_informacion", _("Requiere información adicional")
    RESUELTO_FAVORABLE = "resuelto_favorable", _("Resuelto favorable")
    RESUELTO_NO_FAVORABLE = "resuelto_no_favorable", _("Resuelto no favorable")
    DOCUMENTO_LISTO = "documento_listo", _("Documento listo para entrega")


def _texto_estatus(valor: str) -> str:
    """El nombre del estatus en el idioma activo, como get_estatus_display(), que en la página
    de estado costaba más que leer la solicitud (traduce y compara todas las opciones)."""
    return _texto_estatus_en(valor, get_language())


@lru_cache(maxsize=128)
def _texto_estatus_en(valor: str, _idioma: str) -> str:
    try:
        return str(Estatus(valor).label)
    except ValueError:
        return valor


# Estatus con los que el trámite ya está resuelto (el documento listo viene tras una resolución).
RESUELTOS = (
    Estatus.RESUELTO_FAVORABLE,
    Estatus.RESUELTO_NO_FAVORABLE,
    Estatus.DOCUMENTO_LISTO,
)


class SolicitudQuerySet(models.QuerySet):
    def abiertas(self):
        return self.filter(fecha_resolucion__isnull=True)

    def resueltas(self):
        return self.filter(fecha_resolucion__isnull=False)


class Solicitud(models.Model):
    nut = models.CharField(
        _("número único de trámite (NUT)"),
        max_length=40,
        unique=True,
        help_text=_("Tal como aparece en el comprobante: mayúsculas, dígitos y guiones."),
    )
    contrasena = models.CharField(
        _("contraseña (cifrada)"),
        max_length=128,
        help_text=_("Solo se guarda cifrada; nadie puede leerla. Genere una nueva si se perdió."),
    )
    tramite = models.ForeignKey(
        Tramite,
        on_delete=models.PROTECT,
        related_name="solicitudes",
        verbose_name=_("trámite"),
    )
    modalidad = models.ForeignKey(
        Modalidad,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="solicitudes",
        verbose_name=_("modalidad"),
        help_text=_("Vacía si el trámite no tiene modalidades."),
    )
    oficina = models.ForeignKey(
        "ventanillas.Lugar",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"tipo": "oficina"},
        related_name="solicitudes",
        verbose_name=_("oficina"),
        help_text=_("Oficina del INM donde se presentó la solicitud."),
    )
    fecha_ingreso = models.DateField(_("fecha de ingreso"))
    estatus = models.CharField(
        _("estatus actual"),
        max_length=24,
        choices=Estatus.choices,
        default=Estatus.RECIBIDO,
        editable=False,
    )
    fecha_estatus = models.DateField(_("fecha del estatus actual"), editable=False)
    fecha_resolucion = models.DateField(
        _("fecha de resolución"), null=True, blank=True, editable=False
    )
    inicio_plazo = models.DateField(
        _("inicio del plazo legal"),
        editable=False,
        help_text=_(
            "Fecha de ingreso o, si el INM pidió información, fecha en que se entregó: el "
            "plazo se cuenta desde que la solicitud está completa."
        ),
    )
    es_muestra = models.BooleanField(
        _("dato de muestra"),
        default=False,
        help_text=_("Solicitud inventada por el generador de muestra; no es de una persona."),
    )
    creada = models.DateTimeField(_("registrada en el sitio"), auto_now_add=True)
    actualizada = models.DateTimeField(_("última actualización"), auto_now=True)

    objects = SolicitudQuerySet.as_manager()

    class Meta:
        verbose_name = _("solicitud")
        verbose_name_plural = _("solicitudes")
        ordering = ("-fecha_ingreso", "nut")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nut__regex=PATRON_NUT),
                name="%(app_label)s_%(class)s_nut_valido",
            ),
            models.CheckConstraint(
                condition=models.Q(estatus__in=Estatus.values),
                name="%(app_label)s_%(class)s_estatus_valido",
            ),
            models.CheckConstraint(
                condition=models.Q(fecha_estatus__gte=models.F("fecha_ingreso")),
                name="%(app_label)s_%(class)s_estatus_tras_ingreso",
            ),
            models.CheckConstraint(
                condition=models.Q(inicio_plazo__gte=models.F("fecha_ingreso")),
                name="%(app_label)s_%(class)s_plazo_tras_ingreso",
            ),
            # Resuelta si y solo si su estatus actual es de resolución.
            models.CheckConstraint(
                condition=models.Q(
                    estatus__in=RESUELTOS,
                    fecha_resolucion__isnull=False,
                    fecha_resolucion__gte=models.F("fecha_ingreso"),
                )
                | (~models.Q(estatus__in=RESUELTOS) & models.Q(fecha_resolucion__isnull=True)),
                name="%(app_label)s_%(class)s_resolucion_coherente",
            ),
            models.CheckConstraint(
                condition=~models.Q(contrasena=""),
                name="%(app_label)s_%(class)s_con_contrasena",
            ),
        ]
        indexes = [
            models.Index(
                fields=["es_muestra", "tramite", "fecha_resolucion"],
                name="seguimiento_estadisticas_idx",
            ),
        ]

    def __str__(self):
        return self.nut

    def get_absolute_url(self):
        # La página de estado solo se ve con la contraseña: la dirección es la del formulario.
        return reverse("seguimiento:consulta")

    @property
    def estatus_texto(self) -> str:
        return _texto_estatus(self.estatus)

    @property
    def resuelta(self) -> bool:
        return self.fecha_resolucion is not None


class CambioEstatus(models.Model):
    solicitud = models.ForeignKey(
        Solicitud, on_delete=models.CASCADE, related_name="cambios", verbose_name=_("solicitud")
    )
    estatus = models.CharField(_("estatus"), max_length=24, choices=Estatus.choices)
    fecha = models.DateField(_("fecha"))
    requerimiento = models.TextField(
        _("qué se requiere"),
        blank=True,
        help_text=_(
            "Solo con «Requiere información adicional»: qué debe entregar la persona, en palabras "
            "sencillas. Sin datos personales."
        ),
    )
    fecha_limite = models.DateField(
        _("fecha límite para responder"),
        null=True,
        blank=True,
        help_text=_(
            "Solo con «Requiere información adicional». Vacía: se calcula a 10 días hábiles "
            "(Ley de Migración, art. 130)."
        ),
    )
    registrado = models.DateTimeField(_("registrado en el sitio"), auto_now_add=True)

    class Meta:
        verbose_name = _("cambio de estatus")
        verbose_name_plural = _("cambios de estatus")
        ordering = ("solicitud", "fecha", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["solicitud", "fecha", "estatus"],
                name="%(app_label)s_%(class)s_unico_por_dia",
            ),
            models.CheckConstraint(
                condition=models.Q(estatus__in=Estatus.values),
                name="%(app_label)s_%(class)s_estatus_valido",
            ),
            # Un requerimiento dice qué se pide y hasta cuándo; los demás estatus no llevan eso.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        estatus=Estatus.REQUIERE_INFORMACION,
                        fecha_limite__isnull=False,
                        fecha_limite__gt=models.F("fecha"),
                    )
                    & ~models.Q(requerimiento="")
                )
                | (
                    ~models.Q(estatus=Estatus.REQUIERE_INFORMACION)
                    & models.Q(fecha_limite__isnull=True, requerimiento="")
                ),
                name="%(app_label)s_%(class)s_requerimiento_completo",
            ),
        ]

    def __str__(self):
        return f"{self.solicitud_id} {self.fecha:%Y-%m-%d} {self.get_estatus_display()}"

    @property
    def estatus_texto(self) -> str:
        return _texto_estatus(self.estatus)


class DiaInhabil(models.Model):
    """Un día en que el INM no corre plazos, además de fines de semana y festivos federales."""

    fecha = models.DateField(_("fecha"), unique=True)
    motivo = models.CharField(
        _("motivo"),
        max_length=200,
        help_text=_("Por ejemplo: «Periodo vacacional de diciembre»."),
    )
    fuente = models.URLField(
        _("fuente"),
        max_length=500,
        blank=True,
        help_text=_("Acuerdo publicado (DOF o inm.gob.mx) que declara el día inhábil."),
    )

    class Meta:
        verbose_name = _("día inhábil del INM")
        verbose_name_plural = _("días inhábiles del INM")
        ordering = ("fecha",)

    def __str__(self):
        return f"{self.fecha:%Y-%m-%d} · {self.motivo}"
