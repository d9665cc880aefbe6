"""Lo que la gente nos dice: opiniones sobre cada página, reportes de irregularidades y
solicitudes de datos o información.

Los datos de contacto son opcionales y se borran al vencer el plazo del aviso de privacidad
(`purgar_contactos`). No se guarda la dirección IP de nadie: los límites de envíos usan
contadores efímeros en la caché.
"""

import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Sin letras ni números que se confunden al dictarlos (0/O, 1/I/L).
ALFABETO_FOLIO = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LARGO_FOLIO = 12


def nuevo_folio() -> str:
    """12 símbolos de 31 posibles: ~59 bits, imposible de adivinar probando."""
    return "".join(secrets.choice(ALFABETO_FOLIO) for _ in range(LARGO_FOLIO))


class Estado(models.TextChoices):
    NUEVO = "nuevo", _("Nuevo")
    EN_REVISION = "en_revision", _("En revisión")
    ATENDIDO = "atendido", _("Atendido")
    DESCARTADO = "descartado", _("Descartado")


CERRADOS = (Estado.ATENDIDO, Estado.DESCARTADO)


class Moderable(models.Model):
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado.choices, default=Estado.NUEVO
    )
    notas_internas = models.TextField(
        _("notas internas"), blank=True, help_text=_("Solo las ve el personal.")
    )
    creado = models.DateTimeField(_("recibido"), auto_now_add=True)
    actualizado = models.DateTimeField(_("última actualización"), auto_now=True)
    cerrado = models.DateTimeField(
        _("atendido o descartado el"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def clase(self) -> str:
        return str(self._meta.verbose_name)

    @property
    def abierto(self) -> bool:
        return self.estado not in CERRADOS


class Contacto(models.Model):
    contacto_nombre = models.CharField(_("nombre de contacto"), max_length=120, blank=True)
    contacto_correo = models.EmailField(_("correo de contacto"), max_length=120, blank=True)
    contacto_telefono = models.CharField(_("teléfono de contacto"), max_length=30, blank=True)
    contacto_purgado = models.DateTimeField(
        _("contacto borrado el"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def tiene_contacto(self) -> bool:
        return bool(self.contacto_nombre or self.contacto_correo or self.contacto_telefono)


class Opinion(Moderable):
    """«¿Le fue útil esta página?»"""

    pagina = models.CharField(_("página"), max_length=300, db_index=True)
    util = models.BooleanField(_("le fue útil"))
    comentario = models.TextField(_("comentario"), max_length=500, blank=True)
    idioma = models.CharField(_("idioma"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("opinión sobre una página")
        verbose_name_plural = _("opiniones sobre páginas")
        ordering = ("-creado",)
        indexes = [models.Index(fields=["estado", "creado"], name="participa_opinion_cola")]

    def __str__(self):
        return f"{self.pagina} · {'sí' if self.util else 'no'}"


class TipoIrregularidad(models.TextChoices):
    REQUISITO = "requisito", _("Me pidieron un requisito que no está publicado")
    CUOTA = "cuota", _("Me cobraron una cuota distinta a la publicada")
    PLAZO = "plazo", _("Venció el plazo y no tuve respuesta")
    TRATO = "trato", _("Recibí un trato indebido")
    INFORMACION = "informacion", _("La información publicada está mal o incompleta")
    OTRO = "otro", _("Otra cosa")


class Reporte(Moderable, Contacto):
    folio = models.CharField(_("folio"), max_length=LARGO_FOLIO, unique=True, default=nuevo_folio)
    tramite = models.ForeignKey(
        "tramites.Tramite",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reportes",
        verbose_name=_("trámite"),
    )
    lugar = models.ForeignKey(
        "ventanillas.Lugar",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reportes",
        limit_choices_to={"tipo": "oficina"},
        verbose_name=_("oficina"),
        help_text=_("La oficina del INM que la persona eligió de la lista."),
    )
    oficina = models.CharField(
        _("otra oficina o lugar"),
        max_length=200,
        blank=True,
        help_text=_("Lo que escribió la persona si la oficina no estaba en la lista."),
    )
    fecha_hechos = models.DateField(_("fecha de los hechos"), null=True, blank=True)
    tipo = models.CharField(_("qué pasó"), max_length=20, choices=TipoIrregularidad.choices)
    descripcion = models.TextField(_("descripción"), max_length=2000)
    respuesta = models.TextField(
        _("respuesta a la persona"),
        blank=True,
        help_text=_("La ve quien consulta el folio. No incluya datos personales."),
    )
    history = HistoricalRecords(
        verbose_name=_("versión de reporte"),
        excluded_fields=[
            "notas_internas",
            "contacto_nombre",
            "contacto_correo",
            "contacto_telefono",
        ],
    )

    class Meta:
        verbose_name = _("reporte de irregularidad")
        verbose_name_plural = _("reportes de irregularidades")
        ordering = ("-creado",)
        indexes = [models.Index(fields=["estado", "creado"], name="participa_reporte_cola")]

    def __str__(self):
        return f"{self.folio} · {self.get_tipo_display()}"


class SolicitudDatos(Moderable, Contacto):
    folio = models.CharField(_("folio"), max_length=LARGO_FOLIO, unique=True, default=nuevo_folio)
    titulo = models.CharField(_("qué pide"), max_length=200)
    descripcion = models.TextField(_("para qué lo necesita"), max_length=2000)
    publicada = models.BooleanField(
        _("publicada"),
        default=False,
        help_text=_("Visible en /participa/solicitudes/ una vez revisada (sin datos personales)."),
    )
    respuesta = models.TextField(_("respuesta pública"), blank=True)
    apoyos = models.PositiveIntegerField(_("apoyos (+1)"), default=0)
    history = HistoricalRecords(
        verbose_name=_("versión de solicitud"),
        excluded_fields=[
            "notas_internas",
            "contacto_nombre",
            "contacto_correo",
            "contacto_telefono",
            "apoyos",
        ],
    )

    class Meta:
        verbose_name = _("solicitud de datos o información")
        verbose_name_plural = _("solicitudes de datos o información")
        ordering = ("-creado",)
        indexes = [models.Index(fields=["estado", "creado"], name="participa_solicitud_cola")]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        return reverse("participa:solicitudes") + f"#solicitud-{self.folio}"
