"""Estadísticas migratorias como datos abiertos: conjuntos, cifras publicadas y observaciones.

Cada conjunto de datos guarda sus observaciones en formato largo (una fila por mes y combinación
de dimensiones) en una sola tabla estrecha, `Observacion`: así un filtro, una faceta, una
descarga y un `COPY` de PostgreSQL son la misma consulta para todos los conjuntos. Cada fila dice
si es una cifra publicada (con su fuente) o un dato de muestra. Las cifras publicadas que se
conocen (totales anuales o parciales de la referencia) viven aparte, en `CifraPublicada`, con su
fuente y fecha de consulta.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fuentes.models import Fuente

# Las dimensiones que puede tener un conjunto, en el orden en que se muestran y se exportan.
DIMENSIONES = ("ventanilla", "entidad", "categoria", "nacionalidad", "sexo", "grupo_edad")


class ConjuntoDatosQuerySet(models.QuerySet):
    def publicados(self):
        return self.filter(publicado=True)


class ConjuntoDatos(models.Model):
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text=_("Parte de la dirección y de los archivos; no la cambie."),
    )
    titulo = models.CharField(_("título"), max_length=200)
    descripcion = models.TextField(_("descripción"))
    tema = models.CharField(_("tema"), max_length=100)
    unidad = models.CharField(
        _("unidad de medida"), max_length=60, help_text=_("Qué cuenta la columna valor.")
    )
    cuadros = models.CharField(
        _("cuadros del Boletín"),
        max_length=200,
        blank=True,
        help_text=_("Numeración de los cuadros de origen, si se conoce."),
    )
    publicador = models.CharField(_("publicador"), max_length=200)
    fuente_url = models.URLField(
        _("dónde se publican las cifras oficiales"), max_length=500, blank=True
    )
    licencia = models.CharField(_("licencia"), max_length=100)
    licencia_url = models.URLField(_("texto de la licencia"), max_length=500)
    dimensiones = models.JSONField(
        _("dimensiones"), default=list, help_text=_("Columnas por las que se puede filtrar.")
    )
    categoria = models.JSONField(
        _("columna de categoría"),
        null=True,
        blank=True,
        help_text=_(
            "Nombre, etiqueta y valores de la columna propia del conjunto (trámite, tipo…)."
        ),
    )
    indicadores = models.JSONField(_("indicadores"), default=list)
    sexos = models.JSONField(_("valores de sexo"), default=list, blank=True)
    grupos_edad = models.JSONField(_("grupos de edad"), default=list, blank=True)
    suprime_menores_de = models.PositiveSmallIntegerField(
        _("suprime celdas menores de"),
        null=True,
        blank=True,
        help_text=_("Las celdas con menos atenciones que este número se publican vacías."),
    )
    notas = models.TextField(_("notas"), blank=True)
    muestra = models.JSONField(
        _("parámetros de la muestra"),
        default=dict,
        blank=True,
        help_text=_("Cómo se generan los datos de muestra mientras no haya cifras publicadas."),
    )
    publicado = models.BooleanField(_("publicado"), default=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    # Lo que sigue lo calcula la carga de observaciones; no se edita a mano.
    periodo_inicio = models.DateField(_("primer mes"), null=True, blank=True)
    periodo_fin = models.DateField(_("último mes (fecha de corte)"), null=True, blank=True)
    filas = models.PositiveBigIntegerField(_("filas"), default=0)
    filas_muestra = models.PositiveBigIntegerField(_("filas de muestra"), default=0)
    valores = models.JSONField(
        _("valores presentes"),
        default=dict,
        blank=True,
        help_text=_("Los códigos que aparecen en cada dimensión (opciones de los filtros)."),
    )
    resumen = models.JSONField(
        _("resumen sin filtros"),
        default=dict,
        blank=True,
        help_text=_("Serie mensual y totales por opción, calculados al cargar los datos."),
    )
    etiquetas = models.JSONField(
        _("etiquetas de códigos"),
        default=dict,
        blank=True,
        help_text=_("Nombre de los códigos que no están en un catálogo fijo (p. ej. ventanillas)."),
    )
    version = models.PositiveIntegerField(
        _("versión"), default=0, help_text=_("Sube con cada cambio de las observaciones.")
    )
    huella_muestra = models.CharField(_("huella de la muestra"), max_length=64, blank=True)
    actualizado = models.DateTimeField(_("última actualización"), null=True, blank=True)
    emitido = models.DateTimeField(
        _("primera publicación"),
        null=True,
        blank=True,
        help_text=_("Cuándo se publicaron por primera vez sus filas (dct:issued del catálogo)."),
    )

    objects = ConjuntoDatosQuerySet.as_manager()

    class Meta:
        verbose_name = _("conjunto de datos")
        verbose_name_plural = _("conjuntos de datos")
        ordering = ("orden", "titulo")

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        return reverse("datos_abiertos:detalle", kwargs={"slug": self.slug})

    @property
    def es_muestra(self) -> bool:
        """Al menos una fila del conjunto es de muestra."""
        return self.filas_muestra > 0

    @property
    def solo_muestra(self) -> bool:
        return self.filas_muestra > 0 and self.filas_muestra == self.filas

    @property
    def columna_categoria(self) -> str:
        return (self.categoria or {}).get("columna", "categoria")

    @property
    def varios_indicadores(self) -> bool:
        return len(self.indicadores) > 1


class CifraPublicada(models.Model):
    """Un total publicado (anual, parcial o mensual) con su fuente, tal como lo da la referencia."""

    conjunto = models.ForeignKey(
        ConjuntoDatos, on_delete=models.CASCADE, related_name="cifras", verbose_name=_("conjunto")
    )
    desde = models.DateField(_("desde el mes"))
    hasta = models.DateField(_("hasta el mes"))
    indicador = models.CharField(_("indicador"), max_length=40, blank=True)
    categoria = models.CharField(_("categoría"), max_length=80, blank=True)
    dimension = models.CharField(
        _("dimensión"),
        max_length=20,
        blank=True,
        help_text=_("Vacía si es el total; si no, la dimensión del desglose (p. ej. sexo)."),
    )
    codigo = models.CharField(_("código"), max_length=40, blank=True)
    valor = models.PositiveBigIntegerField(_("valor"))
    fuente = models.ForeignKey(
        Fuente, on_delete=models.PROTECT, related_name="cifras", verbose_name=_("fuente")
    )
    nota = models.TextField(_("nota"), blank=True)
    usada_en_muestra = models.BooleanField(
        _("usada en la muestra"),
        default=True,
        help_text=_("Los datos de muestra suman exactamente esta cifra en su periodo."),
    )

    class Meta:
        verbose_name = _("cifra publicada")
        verbose_name_plural = _("cifras publicadas")
        ordering = ("conjunto", "desde", "hasta", "categoria", "dimension", "codigo", "id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hasta__gte=models.F("desde")),
                name="%(app_label)s_%(class)s_periodo_ordenado",
            ),
        ]

    def __str__(self):
        return f"{self.conjunto.slug} {self.desde:%Y-%m}–{self.hasta:%Y-%m}: {self.valor}"


# Lo que identifica una celda dentro de un conjunto (su unicidad y su orden).
CLAVES_CELDA = (
    "periodo",
    "ventanilla",
    "entidad",
    "categoria",
    "nacionalidad",
    "sexo",
    "grupo_edad",
    "indicador",
)


class Observacion(models.Model):
    """Un valor mensual de un conjunto para una combinación de dimensiones.

    Las dimensiones que un conjunto no tiene quedan en cadena vacía (no NULL) para que la
    restricción de unicidad las compare. `valor` solo es NULL cuando la celda está suprimida.
    """

    # Sin índice propio: la restricción de unicidad empieza por el conjunto y ya sirve para
    # buscarlo; un índice más solo encarece cada carga de un millón de filas. Sin llave foránea
    # en la base (db_constraint=False), por lo mismo: PostgreSQL revisaba cada fila insertada
    # al confirmar (una sexta parte de una importación grande). Solo escribe en esta tabla
    # almacen.reemplazar, con el conjunto ya leído dentro de la misma transacción, y Django
    # sigue borrando en cascada las observaciones de un conjunto borrado.
    conjunto = models.ForeignKey(
        ConjuntoDatos,
        on_delete=models.CASCADE,
        related_name="observaciones",
        verbose_name=_("conjunto"),
        db_index=False,
        db_constraint=False,
    )
    periodo = models.DateField(_("mes"), help_text=_("Primer día del mes."))
    entidad = models.CharField(_("entidad federativa"), max_length=2, blank=True)
    nacionalidad = models.CharField(_("nacionalidad"), max_length=2, blank=True)
    sexo = models.CharField(_("sexo"), max_length=16, blank=True)
    grupo_edad = models.CharField(_("grupo de edad"), max_length=24, blank=True)
    categoria = models.CharField(_("categoría"), max_length=80, blank=True)
    ventanilla = models.CharField(_("ventanilla"), max_length=80, blank=True)
    indicador = models.CharField(_("indicador"), max_length=40)
    valor = models.PositiveBigIntegerField(_("valor"), null=True, blank=True)
    suprimido = models.BooleanField(
        _("suprimido"), default=False, help_text=_("Celda con muy pocos casos: no se publica.")
    )
    es_muestra = models.BooleanField(_("dato de muestra"), default=False)
    fuente = models.ForeignKey(
        Fuente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observaciones",
        verbose_name=_("fuente"),
        # Solo se busca por fuente al borrar una (PROTECT, que Django revisa): sin índice ni
        # llave foránea en la base, como el conjunto.
        db_index=False,
        db_constraint=False,
        help_text=_(
            "Archivo o publicación de donde viene la cifra. Vacía en los datos de muestra y en "
            "el registro propio de las ventanillas: las descargas remiten entonces a donde se "
            "publican las cifras oficiales del conjunto."
        ),
    )

    class Meta:
        verbose_name = _("observación")
        verbose_name_plural = _("observaciones")
        # conjunto_id y no conjunto: este seguiría la relación (JOIN y orden por título).
        ordering = ("conjunto_id", *CLAVES_CELDA)
        constraints = [
            models.UniqueConstraint(
                fields=["conjunto", *CLAVES_CELDA],
                name="%(app_label)s_%(class)s_celda_unica",
            ),
            models.CheckConstraint(
                condition=models.Q(suprimido=True, valor__isnull=True)
                | models.Q(suprimido=False, valor__isnull=False),
                name="%(app_label)s_%(class)s_suprimido_sin_valor",
            ),
            models.CheckConstraint(
                condition=models.Q(periodo__day=1),
                name="%(app_label)s_%(class)s_periodo_primero_de_mes",
            ),
            # Un dato de muestra nunca lleva fuente: ni por error puede citar una oficial. Las
            # descargas remiten entonces a la página que explica cómo se generó (issue 15).
            models.CheckConstraint(
                condition=models.Q(es_muestra=False) | models.Q(fuente__isnull=True),
                name="%(app_label)s_%(class)s_muestra_sin_fuente",
            ),
        ]
        indexes = [
            models.Index(fields=["conjunto", "entidad", "periodo"], name="datos_obs_entidad_idx"),
            models.Index(
                fields=["conjunto", "nacionalidad", "periodo"], name="datos_obs_nacion_idx"
            ),
            models.Index(
                fields=["conjunto", "categoria", "periodo"], name="datos_obs_categoria_idx"
            ),
            models.Index(
                fields=["conjunto", "indicador", "periodo"], name="datos_obs_indicador_idx"
            ),
        ]

    def __str__(self):
        return f"{self.conjunto_id} {self.periodo:%Y-%m} {self.indicador}: {self.valor}"


class CuboConjunto(models.Model):
    """Las observaciones de un conjunto en columnas compactas (datos_abiertos/cubo.py).

    Lo escribe la carga de observaciones cada vez que cambian; las páginas lo leen para contar
    las facetas de cualquier combinación de filtros sin recorrer la tabla de observaciones.
    """

    conjunto = models.OneToOneField(
        ConjuntoDatos, on_delete=models.CASCADE, related_name="cubo", verbose_name=_("conjunto")
    )
    version = models.PositiveIntegerField(_("versión del conjunto"))
    datos = models.BinaryField(_("columnas"))

    class Meta:
        verbose_name = _("cubo de un conjunto")
        verbose_name_plural = _("cubos de conjuntos")

    def __str__(self):
        return f"{self.conjunto_id} v{self.version}"


class SeriePublicada(models.Model):
    """Una serie anual de cifras reales (nunca de muestra), cada valor con su fuente.

    Aparte de los conjuntos mensuales: ninguna fila de aquí se mezcla con datos de muestra.
    """

    slug = models.SlugField(max_length=80, unique=True)
    titulo = models.CharField(_("título"), max_length=200)
    descripcion = models.TextField(_("qué mide"))
    unidad = models.CharField(_("unidad de medida"), max_length=60)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("serie de cifras publicadas")
        verbose_name_plural = _("series de cifras publicadas")
        ordering = ("orden", "titulo")

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        return reverse("datos_abiertos:serie", kwargs={"slug": self.slug})


class ValorPublicado(models.Model):
    """La cifra de un año de una serie, con la fuente que la publica."""

    serie = models.ForeignKey(
        SeriePublicada, on_delete=models.CASCADE, related_name="valores", verbose_name=_("serie")
    )
    anio = models.PositiveSmallIntegerField(_("año"))
    valor = models.PositiveBigIntegerField(_("valor"))
    # Obligatoria: una cifra real sin fuente no se publica.
    fuente = models.ForeignKey(
        Fuente,
        on_delete=models.PROTECT,
        related_name="valores_publicados",
        verbose_name=_("fuente"),
    )
    nota = models.TextField(_("nota"), blank=True)

    class Meta:
        verbose_name = _("valor publicado")
        verbose_name_plural = _("valores publicados")
        ordering = ("serie", "anio")
        constraints = [
            models.UniqueConstraint(
                fields=["serie", "anio"], name="%(app_label)s_%(class)s_un_valor_por_anio"
            )
        ]

    def __str__(self):
        return f"{self.serie_id} {self.anio}: {self.valor}"
