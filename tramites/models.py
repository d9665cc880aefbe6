"""Los trámites del INM y todo lo que una persona necesita para hacerlos.

Cada hecho viene de una fuente con URL y fecha de consulta (fuentes.Fuente). Un dato que no se
conoce se guarda vacío (null) y la página lo dice; nunca se rellena con un valor supuesto.
"""

from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from config.traducciones import columnas_por_idioma
from fuentes import postura
from fuentes.models import Fuente
from fuentes.postura import Respaldo
from tramites.instituciones import OPCIONES as OPCIONES_INSTITUCIONES

TRADUCIBLES = {
    "Categoria": ("nombre", "descripcion"),
    "Tramite": (
        "nombre",
        "resumen",
        "descripcion",
        "quien_lo_solicita",
        "resultado",
        "plazo_notas",
        "vigencia_resultado",
        "cuando_solicitar",
        "donde",
        "derechos_que_otorga",
        "antecedentes",
        "pendiente",
    ),
    "Modalidad": ("nombre",),
    "Requisito": ("texto", "notas"),
    "Cuota": ("concepto", "notas"),
    "Supuesto": ("texto",),
    "TemaComun": ("titulo", "texto", "pendiente"),
}


class Categoria(models.Model):
    slug = models.SlugField(unique=True)
    nombre = models.CharField(_("nombre"), max_length=100)
    descripcion = models.TextField(_("descripción"), blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("categoría")
        verbose_name_plural = _("categorías")
        ordering = ("orden", "nombre")

    def __str__(self):
        return self.nombre


class TramiteQuerySet(models.QuerySet):
    def publicados(self):
        return self.filter(publicado=True)

    def con_detalle(self):
        """Todo lo que muestra la ficha, en un número fijo de consultas."""
        return self.select_related(
            "categoria", "plazo_fuente", "cuando_fuente", "vigencia_fuente"
        ).prefetch_related(
            "modalidades",
            models.Prefetch("requisitos", Requisito.objects.select_related("modalidad", "fuente")),
            models.Prefetch("cuotas", Cuota.objects.select_related("modalidad", "fuente")),
            "fundamentos",
            "formatos",
            "supuestos",
            models.Prefetch("fuentes", Fuente.objects.order_by("url")),
        )


class Tramite(models.Model):
    slug = models.SlugField(
        max_length=80, unique=True, help_text=_("Parte de la dirección; no la cambie.")
    )
    nombre = models.CharField(_("nombre"), max_length=200)
    categoria = models.ForeignKey(
        Categoria, on_delete=models.PROTECT, related_name="tramites", verbose_name=_("categoría")
    )
    homoclave = models.CharField(
        _("homoclave"),
        max_length=20,
        blank=True,
        help_text=_("Clave del Catálogo Nacional de Regulaciones, Trámites y Servicios."),
    )
    id_ficha_gobmx = models.CharField(_("ficha en gob.mx"), max_length=40, blank=True)
    resumen = models.CharField(
        _("resumen"), max_length=300, help_text=_("Una línea para la lista de trámites.")
    )
    descripcion = models.TextField(_("descripción"))
    quien_lo_solicita = models.TextField(_("quién lo solicita"))
    resultado = models.TextField(_("qué se obtiene"), blank=True)
    plazo_resolucion_dias_habiles = models.PositiveSmallIntegerField(
        _("plazo de resolución (días hábiles)"),
        null=True,
        blank=True,
        help_text=_(
            "Vacío si la fuente no lo publica o si el plazo es en días naturales; 0 si se "
            "resuelve en el momento."
        ),
    )
    # Un plazo en días naturales va aparte: quien cuenta días hábiles (seguimiento) no debe
    # tomarlo por uno en días hábiles.
    plazo_resolucion_dias_naturales = models.PositiveSmallIntegerField(
        _("plazo de resolución (días naturales)"),
        null=True,
        blank=True,
        help_text=_(
            "Solo si la norma lo fija en días naturales (p. ej. la regularización, Ley de "
            "Migración art. 136). Nunca junto con el plazo en días hábiles."
        ),
    )
    plazo_fuente = models.ForeignKey(
        Fuente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fuente del plazo"),
    )
    plazo_fundamento = models.CharField(
        _("fundamento del plazo"),
        max_length=200,
        blank=True,
        help_text=_("Artículo que fija el plazo, p. ej. «Ley de Migración, art. 128»."),
    )
    plazo_notas = models.TextField(_("notas sobre el plazo"), blank=True)
    vigencia_resultado = models.TextField(_("vigencia del resultado"), blank=True)
    vigencia_fuente = models.ForeignKey(
        Fuente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fuente de la vigencia"),
    )
    vigencia_fundamento = models.CharField(
        _("fundamento de la vigencia"), max_length=200, blank=True
    )
    cuando_solicitar = models.TextField(
        _("cuándo se pide"),
        blank=True,
        help_text=_(
            "Una frase para la primera pantalla de la ficha: en qué momento hay que presentarlo "
            "(p. ej. «dentro de los 30 días anteriores a que venza su tarjeta»)."
        ),
    )
    cuando_fuente = models.ForeignKey(
        Fuente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fuente de cuándo se pide"),
    )
    cuando_fundamento = models.CharField(
        _("fundamento de cuándo se pide"), max_length=200, blank=True
    )
    donde = models.TextField(_("dónde se hace"), blank=True)
    cita_en_linea = models.URLField(
        _("sistema de citas"),
        max_length=300,
        blank=True,
        help_text=_("Dirección para sacar cita, solo si una fuente dice que este trámite la usa."),
    )
    derechos_que_otorga = models.TextField(_("derechos que otorga"), blank=True)
    antecedentes = models.TextField(_("antecedentes"), blank=True)
    pendiente = models.TextField(
        _("lo que aún no sabemos"),
        blank=True,
        help_text=_(
            "Para el público, en una frase clara: qué dato no se ha localizado en una fuente "
            "oficial y dónde preguntarlo."
        ),
    )
    nota_editorial = models.TextField(
        _("nota para el equipo"),
        blank=True,
        help_text=_("Qué falta revisar y por qué. No se publica."),
    )
    usa_escrito_libre = models.BooleanField(
        _("usa escrito libre"),
        default=False,
        help_text=_("El trámite pide una carta o escrito redactado por la persona."),
    )
    fuentes = models.ManyToManyField(Fuente, related_name="tramites", verbose_name=_("fuentes"))
    publicado = models.BooleanField(_("publicado"), default=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    actualizado = models.DateTimeField(_("última actualización"), auto_now=True)
    history = HistoricalRecords(
        verbose_name=_("versión de trámite"),
        excluded_fields=["actualizado", *columnas_por_idioma(*TRADUCIBLES["Tramite"])],
    )

    objects = TramiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("trámite")
        verbose_name_plural = _("trámites")
        ordering = ("categoria__orden", "orden", "nombre")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(plazo_resolucion_dias_habiles__isnull=True)
                | models.Q(plazo_resolucion_dias_naturales__isnull=True),
                name="%(app_label)s_%(class)s_plazo_en_un_solo_tipo_de_dias",
            ),
        ]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("tramites:detalle", kwargs={"slug": self.slug})

    @property
    def usa_formato_solicitud(self) -> bool:
        """Se inicia con un formato de solicitud del INM (usa los formatos precargados)."""
        return any(f.nombre.startswith("Formato para solicitar") for f in self.formatos.all())

    @property
    def respaldo_cuando(self) -> Respaldo:
        return postura.respaldo(
            fuente=self.cuando_fuente,
            conocido=bool(self.cuando_solicitar),
            fundamento=self.cuando_fundamento,
        )

    @property
    def respaldo_plazo(self) -> Respaldo:
        return postura.respaldo(
            fuente=self.plazo_fuente,
            conocido=self.plazo_resolucion_dias_habiles is not None
            or self.plazo_resolucion_dias_naturales is not None,
            fundamento=self.plazo_fundamento,
        )

    @property
    def respaldo_vigencia(self) -> Respaldo:
        return postura.respaldo(
            fuente=self.vigencia_fuente,
            conocido=bool(self.vigencia_resultado),
            fundamento=self.vigencia_fundamento,
        )


class Modalidad(models.Model):
    tramite = models.ForeignKey(Tramite, on_delete=models.CASCADE, related_name="modalidades")
    slug = models.SlugField()
    nombre = models.CharField(_("nombre"), max_length=200)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("modalidad")
        verbose_name_plural = _("modalidades")
        ordering = ("tramite", "orden", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["tramite", "slug"], name="%(app_label)s_%(class)s_slug_unico"
            )
        ]

    def __str__(self):
        return self.nombre


class Presentacion(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPIA = "copia", _("Copia")
    ORIGINAL_Y_COPIA = "original_y_copia", _("Original y copia")
    NO_INDICADA = "", _("No lo indica la fuente")


class Requisito(models.Model):
    tramite = models.ForeignKey(Tramite, on_delete=models.CASCADE, related_name="requisitos")
    modalidad = models.ForeignKey(
        Modalidad,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="requisitos",
        verbose_name=_("modalidad"),
        help_text=_("Vacío si aplica a todas las modalidades."),
    )
    texto = models.TextField(_("requisito"))
    presentacion = models.CharField(
        _("cómo se presenta"), max_length=20, choices=Presentacion.choices, blank=True
    )
    notas = models.TextField(
        _("nota para el público"),
        blank=True,
        help_text=_("Una frase clara para quien hace el trámite. Se publica."),
    )
    nota_editorial = models.TextField(
        _("nota para el equipo"),
        blank=True,
        help_text=_(
            "De dónde salió el dato, qué falta revisar, discrepancias entre fuentes. No se publica."
        ),
    )
    fuente = models.ForeignKey(
        Fuente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requisitos",
        verbose_name=_("fuente"),
        help_text=_(
            "De dónde sale este requisito. Su postura (oficial o no) la decide el dominio de la "
            "fuente."
        ),
    )
    fundamento = models.CharField(
        _("fundamento"),
        max_length=200,
        blank=True,
        help_text=_("Artículo o numeral que lo pide, p. ej. «Lineamientos, art. 41 fr. II»."),
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords(
        verbose_name=_("versión de requisito"),
        excluded_fields=columnas_por_idioma(*TRADUCIBLES["Requisito"]),
    )

    class Meta:
        verbose_name = _("requisito")
        verbose_name_plural = _("requisitos")
        ordering = ("tramite", "orden", "id")

    def __str__(self):
        return self.texto[:80]

    @property
    def respaldo(self) -> Respaldo:
        return postura.respaldo(fuente=self.fuente, fundamento=self.fundamento)


class EstadoCuota(models.TextChoices):
    VIGENTE = "vigente", _("Vigente")
    SIN_COSTO = "sin_costo", _("Sin costo")
    DESACTUALIZADA = "desactualizada", _("De otro año")
    DESCONOCIDA = "desconocida", _("No localizada")


class Cuota(models.Model):
    """Un derecho que se paga (Ley Federal de Derechos), con su año de vigencia.

    Las cuotas con el mismo `grupo` son alternativas (se paga una, p. ej. según los años de
    vigencia del documento); las de grupo vacío se suman.
    """

    tramite = models.ForeignKey(Tramite, on_delete=models.CASCADE, related_name="cuotas")
    modalidad = models.ForeignKey(
        Modalidad,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cuotas",
        verbose_name=_("modalidad"),
        help_text=_("Vacío si aplica a todas las modalidades."),
    )
    concepto = models.CharField(_("concepto"), max_length=300)
    monto = models.DecimalField(
        _("monto (MXN)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Vacío si no se ha localizado en una fuente."),
    )
    anio_vigencia = models.PositiveSmallIntegerField(_("año de vigencia"), null=True, blank=True)
    fundamento = models.CharField(
        _("fundamento"),
        max_length=200,
        blank=True,
        help_text=_("Tal como lo cita la fuente, p. ej. «LFD art. 8o. fr. VI inciso a)»."),
    )
    articulo_lfd = models.CharField(_("artículo de la LFD"), max_length=20, blank=True)
    fraccion_lfd = models.CharField(_("fracción e inciso"), max_length=40, blank=True)
    grupo = models.CharField(
        _("grupo de alternativas"),
        max_length=100,
        blank=True,
        help_text=_("Cuotas con el mismo grupo son opciones: se paga solo una."),
    )
    notas = models.TextField(
        _("nota para el público"),
        blank=True,
        help_text=_("Una frase clara para quien hace el trámite. Se publica."),
    )
    nota_editorial = models.TextField(
        _("nota para el equipo"),
        blank=True,
        help_text=_(
            "De dónde salió el dato, qué falta revisar, discrepancias entre fuentes. No se publica."
        ),
    )
    fuente = models.ForeignKey(
        Fuente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cuotas",
        verbose_name=_("fuente del monto"),
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords(
        verbose_name=_("versión de cuota"),
        excluded_fields=columnas_por_idioma(*TRADUCIBLES["Cuota"]),
    )

    class Meta:
        verbose_name = _("cuota")
        verbose_name_plural = _("cuotas")
        ordering = ("tramite", "orden", "id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(monto__isnull=True) | models.Q(monto__gte=0),
                name="%(app_label)s_%(class)s_monto_no_negativo",
            ),
        ]

    def __str__(self):
        return self.concepto

    def estado(self, anio_actual: int | None = None) -> str:
        anio_actual = anio_actual or timezone.localdate().year
        if self.monto is None:
            return EstadoCuota.DESCONOCIDA
        if self.monto == Decimal(0):
            return EstadoCuota.SIN_COSTO
        if self.anio_vigencia == anio_actual:
            return EstadoCuota.VIGENTE
        return EstadoCuota.DESACTUALIZADA

    @property
    def respaldo(self) -> Respaldo:
        """Qué tan seguro es el monto: sin monto, no localizado; si no, lo que diga su fuente."""
        return postura.respaldo(
            fuente=self.fuente, conocido=self.monto is not None, fundamento=self.fundamento
        )


class FundamentoLegal(models.Model):
    tramite = models.ForeignKey(Tramite, on_delete=models.CASCADE, related_name="fundamentos")
    texto = models.TextField(_("disposición"))
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("fundamento legal")
        verbose_name_plural = _("fundamentos legales")
        ordering = ("tramite", "orden", "id")

    def __str__(self):
        return self.texto[:80]


class Formato(models.Model):
    tramite = models.ForeignKey(Tramite, on_delete=models.CASCADE, related_name="formatos")
    nombre = models.CharField(_("nombre"), max_length=300)
    url = models.URLField(_("dirección"), max_length=500, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("formato")
        verbose_name_plural = _("formatos")
        ordering = ("tramite", "orden", "id")

    def __str__(self):
        return self.nombre


class Supuesto(models.Model):
    """Caso en que procede el trámite (p. ej. los supuestos de razones humanitarias)."""

    tramite = models.ForeignKey(Tramite, on_delete=models.CASCADE, related_name="supuestos")
    modalidad = models.ForeignKey(
        Modalidad, on_delete=models.CASCADE, null=True, blank=True, related_name="supuestos"
    )
    texto = models.TextField(_("supuesto"))
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("supuesto")
        verbose_name_plural = _("supuestos")
        ordering = ("tramite", "orden", "id")

    def __str__(self):
        return self.texto[:80]


class TemaComun(models.Model):
    """Información que vale para todos los trámites: cómo pagar, plazos, seguimiento…"""

    clave = models.SlugField(unique=True)
    titulo = models.CharField(_("título"), max_length=200)
    texto = models.TextField(_("texto"))
    url = models.URLField(_("enlace oficial"), max_length=500, blank=True)
    pendiente = models.TextField(_("lo que aún no sabemos"), blank=True)
    fuentes = models.ManyToManyField(Fuente, related_name="temas", verbose_name=_("fuentes"))
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    actualizado = models.DateTimeField(_("última actualización"), auto_now=True)
    history = HistoricalRecords(
        verbose_name=_("versión de tema común"),
        excluded_fields=["actualizado", *columnas_por_idioma(*TRADUCIBLES["TemaComun"])],
    )

    class Meta:
        verbose_name = _("tema común")
        verbose_name_plural = _("temas comunes")
        ordering = ("orden", "titulo")

    def __str__(self):
        return self.titulo


class IdiomaFrase(models.TextChoices):
    ES = "es", _("Español")
    EN = "en", _("Inglés")
    FR = "fr", _("Francés")
    HT = "ht", _("Criollo haitiano")


class FraseBusqueda(models.Model):
    """Cómo pide la gente un trámite o una institución («me casé», «pèmi travay», «FM3»).

    Son palabras nuestras sobre cómo se pregunta, no hechos: solo sirven para encontrar.
    Llevan a un trámite o a una institución (tramites/instituciones.py), nunca a los dos.
    """

    texto = models.CharField(_("frase"), max_length=200)
    idioma = models.CharField(_("idioma"), max_length=2, choices=IdiomaFrase.choices)
    tramite = models.ForeignKey(
        Tramite,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="frases_busqueda",
        verbose_name=_("trámite"),
    )
    institucion = models.CharField(
        _("institución"), max_length=40, blank=True, choices=OPCIONES_INSTITUCIONES
    )
    actualizado = models.DateTimeField(_("última actualización"), auto_now=True)
    history = HistoricalRecords(
        verbose_name=_("versión de frase de búsqueda"), excluded_fields=["actualizado"]
    )

    class Meta:
        verbose_name = _("frase de búsqueda")
        verbose_name_plural = _("frases de búsqueda")
        ordering = ("idioma", "texto")
        constraints = [
            models.UniqueConstraint(
                fields=["idioma", "texto"], name="%(app_label)s_%(class)s_una_vez_por_idioma"
            ),
            models.CheckConstraint(
                condition=(models.Q(tramite__isnull=False) & models.Q(institucion=""))
                | (models.Q(tramite__isnull=True) & ~models.Q(institucion="")),
                name="%(app_label)s_%(class)s_un_solo_destino",
            ),
        ]

    def __str__(self):
        return self.texto

    @property
    def destino(self) -> str:
        return self.tramite.slug if self.tramite_id else self.institucion


class EntradaIndice(models.Model):
    """Una fila del índice de búsqueda: un texto de un trámite o institución en un idioma.

    Lo llena tramites/indice_busqueda.py; `terminos` son las palabras ya normalizadas (sin
    acentos, raíz, sin palabras vacías). SQLite la indexa con FTS5 y PostgreSQL con un tsvector
    (migración 0008): esas estructuras viven fuera del ORM.
    """

    tramite = models.ForeignKey(
        Tramite, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    institucion = models.CharField(max_length=40, blank=True)
    frase = models.ForeignKey(
        FraseBusqueda, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    idioma = models.CharField(max_length=2)
    parte = models.CharField(max_length=20)
    peso = models.FloatField()
    texto = models.TextField()
    terminos = models.TextField()

    class Meta:
        verbose_name = _("entrada del índice de búsqueda")
        verbose_name_plural = _("entradas del índice de búsqueda")

    def __str__(self):
        return f"{self.tramite_id or self.institucion} · {self.idioma} · {self.parte}"


class TerminoIndice(models.Model):
    """Vocabulario del índice: cada término y en cuántas entradas aparece (para corregir la
    ortografía por trigramas y pesar los términos raros más que los comunes)."""

    termino = models.CharField(max_length=100, unique=True)
    entradas = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("término del índice de búsqueda")
        verbose_name_plural = _("términos del índice de búsqueda")

    def __str__(self):
        return self.termino
