"""Las fuentes de todo el sitio: de dónde viene cada hecho que se publica.

Un solo modelo para trámites, ventanillas y datos abiertos. El tipo (oficial, secundaria, de
muestra) no se guarda: lo decide siempre la misma regla a partir de la dirección
(fuentes/clasificacion.py), así que no puede quedar desactualizado.
"""

from django.core.validators import URLValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from fuentes import clasificacion
from fuentes.clasificacion import TipoFuente

_URL = URLValidator(schemes=("http", "https"))


def validar_direccion(valor: str) -> None:
    """Una dirección web completa, o una ruta del propio sitio para los datos de muestra."""
    if not valor.startswith("/"):
        _URL(valor)
    clasificacion.validar(valor)


class FuenteQuerySet(models.QuerySet):
    def de_muestra(self):
        return self.filter(url__startswith="/")


class Fuente(models.Model):
    url = models.CharField(
        _("dirección"),
        max_length=500,
        unique=True,
        validators=[validar_direccion],
        help_text=_(
            "La página o el archivo original (nunca una copia en un proxy ni en un dominio que "
            "imita a uno oficial). Para datos de muestra, la página del sitio que explica cómo "
            "se generaron (empieza con /)."
        ),
    )
    titulo = models.CharField(_("título"), max_length=300, blank=True)
    editor = models.CharField(
        _("quién la publica"), max_length=200, blank=True, help_text=_("Institución o medio.")
    )
    fecha_consulta = models.DateField(
        _("fecha de consulta"), help_text=_("Día en que se leyó la fuente.")
    )

    objects = FuenteQuerySet.as_manager()

    class Meta:
        verbose_name = _("fuente")
        verbose_name_plural = _("fuentes")
        ordering = ("url",)

    def __str__(self):
        return self.titulo or self.url

    @property
    def dominio(self) -> str:
        return clasificacion.dominio(self.url)

    @cached_property
    def clasificacion(self) -> clasificacion.Clasificacion:
        return clasificacion.clasificar(self.url)

    @property
    def tipo(self) -> str:
        return self.clasificacion.tipo

    @property
    def regla(self) -> str:
        return self.clasificacion.regla

    def get_tipo_display(self) -> str:
        return TipoFuente(self.tipo).label

    @property
    def oficial(self) -> bool:
        return self.tipo == TipoFuente.OFICIAL
