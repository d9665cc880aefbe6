"""Ventanillas informativas, oficinas del INM y otros lugares que ayudan a personas migrantes,
sus actividades y el registro de atenciones.

Cada hecho público viene de una fuente con URL y fecha de consulta. Lo que no se conoce se
guarda vacío y la página lo dice; nunca se rellena con un valor supuesto. Las atenciones que
registran las ventanillas nunca llevan nombre ni número de documento de la persona.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from config.traducciones import columnas_por_idioma
from fuentes import postura
from fuentes.models import Fuente
from fuentes.postura import Respaldo

# Textos que se traducen (django-modeltranslation, ventanillas/translation.py). Los nombres
# propios, las direcciones y las instituciones quedan como los publica la fuente.
TRADUCIBLES = {
    "Servicio": ("nombre", "explicacion", "nota"),
    "Lugar": (
        "direccion_nota",
        "telefono_nota",
        "horario_texto",
        "horario_nota",
        "fecha_apertura_nota",
        "notas",
    ),
    "ServicioLugar": ("descripcion",),
    "HorarioApertura": ("nota",),
    "CifraReportada": ("nota",),
    "DatoLugar": ("texto",),
    "DatoRed": ("texto",),
    # Protección internacional: los textos en palabras propias; no los nombres de las
    # instituciones, los domicilios, los teléfonos, las URL ni los artículos de la ley.
    "HechoProteccion": ("titulo", "texto", "pendiente"),
    "OficinaComar": ("horario", "nota"),
    "Institucion": ("necesidad", "que_hacer", "aviso"),
}


class Estado(models.Model):
    """Entidad federativa, con su clave del INEGI y el centro geométrico de su territorio."""

    clave = models.CharField(
        _("clave INEGI"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^(0[1-9]|[12][0-9]|3[0-2])$")],
    )
    nombre = models.CharField(_("nombre"), max_length=60, unique=True)
    slug = models.SlugField(unique=True)
    latitud = models.FloatField(_("latitud del centro"))
    longitud = models.FloatField(_("longitud del centro"))

    class Meta:
        verbose_name = _("estado")
        verbose_name_plural = _("estados")
        ordering = ("nombre",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(clave__regex=r"^(0[1-9]|[12][0-9]|3[0-2])$"),
                name="%(app_label)s_%(class)s_clave_inegi",
            ),
        ]

    def __str__(self):
        return self.nombre


class Municipio(models.Model):
    clave = models.CharField(
        _("clave INEGI"),
        max_length=5,
        unique=True,
        help_text=_("Cinco dígitos: los dos del estado y los tres del municipio."),
    )
    estado = models.ForeignKey(
        Estado, on_delete=models.PROTECT, related_name="municipios", verbose_name=_("estado")
    )
    nombre = models.CharField(_("nombre"), max_length=120)
    latitud = models.FloatField(_("latitud del centro"))
    longitud = models.FloatField(_("longitud del centro"))

    class Meta:
        verbose_name = _("municipio")
        verbose_name_plural = _("municipios")
        ordering = ("estado__nombre", "nombre")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(clave__regex=r"^[0-9]{5}$"),
                name="%(app_label)s_%(class)s_clave_inegi",
            ),
        ]

    def __str__(self):
        return f"{self.nombre}, {self.estado.nombre}"


class Servicio(models.Model):
    """Un tipo de ayuda, explicado en palabras sencillas (filtro de la lista)."""

    slug = models.SlugField(unique=True)
    nombre = models.CharField(_("nombre"), max_length=120)
    explicacion = models.TextField(
        _("explicación"), help_text=_("Qué obtiene la persona, en palabras sencillas.")
    )
    nota = models.TextField(_("nota"), blank=True)
    fuente = models.ForeignKey(
        Fuente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fuente de la nota"),
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("servicio")
        verbose_name_plural = _("servicios")
        ordering = ("orden", "nombre")

    def __str__(self):
        return self.nombre


class Tipo(models.TextChoices):
    VENTANILLA = "ventanilla", _("Ventanilla informativa (red de la OIM)")
    OFICINA = "oficina", _("Oficina del INM")
    # Oficinas municipales o estatales de atención a migrantes: ninguna fuente las liga a la red
    # de ventanillas de la OIM, así que nunca se cuentan ni se muestran como ventanillas.
    OTRO_LUGAR = "otro-lugar", _("Otro lugar que ayuda a personas migrantes")


# Qué es cada tipo de lugar, en una frase: la ficha, las descargas y el JSON-LD dicen lo mismo.
EXPLICACION_TIPO = {
    Tipo.VENTANILLA: _(
        "Punto de información para personas migrantes que abre un gobierno estatal o municipal "
        "con apoyo de la Organización Internacional para las Migraciones (OIM)."
    ),
    Tipo.OFICINA: _("Instalación del Instituto Nacional de Migración."),
    Tipo.OTRO_LUGAR: _(
        "No es una ventanilla de la red de la OIM: ninguna fuente consultada dice que forme "
        "parte de ella. Es una oficina pública que ayuda a personas migrantes."
    ),
}


class Origen(models.TextChoices):
    REFERENCIA = "referencia", _("Archivos de referencia del sitio")
    DIRECTORIO = "directorio", _("Directorio oficial importado")
    PERSONAL = "personal", _("Captura del personal")


class LugarQuerySet(models.QuerySet):
    def publicados(self):
        return self.filter(publicado=True)

    def ventanillas(self):
        return self.filter(tipo=Tipo.VENTANILLA)

    def oficinas(self):
        return self.filter(tipo=Tipo.OFICINA)

    def otros_lugares(self):
        return self.filter(tipo=Tipo.OTRO_LUGAR)

    def con_respaldos(self):
        """Con la fuente de cada dato (dirección, teléfono, horario, servicios) en la consulta."""
        return self.select_related("estado", "municipio", *FUENTES_DE_DATOS.values())

    def con_detalle(self):
        """Todo lo que muestra la ficha, en un número fijo de consultas."""
        return self.con_respaldos().prefetch_related(
            models.Prefetch("servicios_lugar", ServicioLugar.objects.select_related("servicio")),
            models.Prefetch("datos", DatoLugar.objects.select_related("fuente")),
            "horarios",
            "fuentes",
        )


codigo_postal = RegexValidator(r"^[0-9]{5}$", _("Escriba el código postal con cinco dígitos."))

# Dato de la ficha → campo con la fuente que lo respalda. La postura de cada dato (oficial, no
# oficial, no localizado) sale de esa fuente con fuentes/postura.py.
FUENTES_DE_DATOS = {
    "direccion": "direccion_fuente",
    "telefono": "telefono_fuente",
    "horario": "horario_fuente",
    "servicios": "servicios_fuente",
}


def _fuente_de(nombre: str):
    return models.ForeignKey(
        Fuente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=nombre,
        help_text=_(
            "De dónde sale este dato. Si la fuente es oficial, la ficha lo dice; si no, pide "
            "confirmarlo."
        ),
    )


class Lugar(models.Model):
    """Una ventanilla informativa, una oficina del INM u otro lugar que ayuda a migrantes."""

    tipo = models.CharField(_("tipo"), max_length=12, choices=Tipo.choices)
    slug = models.SlugField(
        max_length=120, unique=True, help_text=_("Parte de la dirección; no la cambie.")
    )
    nombre = models.CharField(_("nombre"), max_length=200)
    clase_oficina = models.CharField(
        _("clase de oficina"),
        max_length=120,
        blank=True,
        help_text=_("Como la describe la fuente: oficina de representación, de trámites…"),
    )
    estado = models.ForeignKey(
        Estado, on_delete=models.PROTECT, related_name="lugares", verbose_name=_("estado")
    )
    municipio = models.ForeignKey(
        Municipio,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lugares",
        verbose_name=_("municipio"),
        help_text=_("Vacío si la fuente no dice en qué municipio está."),
    )
    ciudad = models.CharField(
        _("ciudad o localidad"), max_length=120, blank=True, help_text=_("Como la da la fuente.")
    )
    direccion = models.TextField(_("dirección"), blank=True)
    direccion_nota = models.TextField(_("nota sobre la dirección"), blank=True)
    codigo_postal = models.CharField(
        _("código postal"), max_length=5, blank=True, validators=[codigo_postal]
    )
    institucion_anfitriona = models.CharField(
        _("institución anfitriona"), max_length=300, blank=True
    )
    telefono = models.CharField(
        _("teléfono"), max_length=40, blank=True, help_text=_("Diez dígitos, p. ej. 55 5387 2400.")
    )
    telefono_nota = models.TextField(_("nota sobre el teléfono"), blank=True)
    correo = models.EmailField(_("correo electrónico"), blank=True)
    latitud = models.DecimalField(
        _("latitud"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Solo si una fuente la da. Vacía: se usa el centro del municipio."),
    )
    longitud = models.DecimalField(
        _("longitud"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    horario_texto = models.TextField(
        _("horario según la fuente"),
        blank=True,
        help_text=_("Tal como lo da la fuente. Las filas de horario se llenan solo si es claro."),
    )
    horario_nota = models.TextField(_("nota sobre el horario"), blank=True)
    fecha_apertura = models.DateField(_("fecha de apertura"), null=True, blank=True)
    fecha_apertura_nota = models.TextField(_("nota sobre la apertura"), blank=True)
    notas = models.TextField(_("notas"), blank=True)
    nota_editorial = models.TextField(
        _("nota para el equipo"),
        blank=True,
        help_text=_(
            "Fuentes que no coinciden, qué falta revisar, por qué no es una ventanilla de la OIM. "
            "No se publica."
        ),
    )
    fuentes = models.ManyToManyField(Fuente, related_name="lugares", verbose_name=_("fuentes"))
    direccion_fuente = _fuente_de(_("fuente de la dirección"))
    telefono_fuente = _fuente_de(_("fuente del teléfono"))
    horario_fuente = _fuente_de(_("fuente del horario"))
    servicios_fuente = _fuente_de(_("fuente de los servicios"))
    fecha_verificacion = models.DateField(
        _("última verificación"), help_text=_("Último día en que se revisaron sus fuentes.")
    )
    origen = models.CharField(
        _("origen de los datos"),
        max_length=12,
        choices=Origen.choices,
        default=Origen.PERSONAL,
        help_text=_(
            "La carga de la referencia solo actualiza los lugares con origen «referencia»: "
            "cambie el origen si corrige un lugar a mano para que no se sobrescriba."
        ),
    )
    publicado = models.BooleanField(_("publicado"), default=True)
    actualizado = models.DateTimeField(_("última actualización"), auto_now=True)

    objects = LugarQuerySet.as_manager()

    class Meta:
        verbose_name = _("lugar")
        verbose_name_plural = _("lugares")
        ordering = ("tipo", "estado__nombre", "nombre")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tipo__in=Tipo.values), name="%(app_label)s_%(class)s_tipo"
            ),
            models.CheckConstraint(
                condition=models.Q(latitud__isnull=True, longitud__isnull=True)
                | models.Q(
                    latitud__gte=-90, latitud__lte=90, longitud__gte=-180, longitud__lte=180
                ),
                name="%(app_label)s_%(class)s_coordenadas_validas",
            ),
            models.CheckConstraint(
                condition=models.Q(codigo_postal="") | models.Q(codigo_postal__regex=r"^[0-9]{5}$"),
                name="%(app_label)s_%(class)s_codigo_postal",
            ),
        ]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("ventanillas:detalle", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        # Un dato publicado sin su fuente se vería como «no localizado»: se pide la fuente.
        errores = {
            campo: _("Elija la fuente que da este dato.")
            for dato, campo in FUENTES_DE_DATOS.items()
            if dato != "servicios" and self.valor_de(dato) and not getattr(self, f"{campo}_id")
        }
        if errores:
            raise ValidationError(errores)

    @property
    def es_ventanilla(self) -> bool:
        return self.tipo == Tipo.VENTANILLA

    @property
    def es_oficina(self) -> bool:
        return self.tipo == Tipo.OFICINA

    @property
    def es_otro_lugar(self) -> bool:
        return self.tipo == Tipo.OTRO_LUGAR

    @property
    def explicacion_tipo(self) -> str:
        return str(EXPLICACION_TIPO[self.tipo])

    @property
    def tiene_coordenadas(self) -> bool:
        return self.latitud is not None and self.longitud is not None

    def valor_de(self, dato: str) -> bool:
        """¿Se conoce el dato? (los servicios, si ya vienen cargados con la ficha)."""
        if dato == "horario":
            return bool(self.horario_texto)
        if dato == "servicios":
            return bool(self.servicios_lugar.all())
        return bool(getattr(self, dato))

    def respaldo(self, dato: str) -> Respaldo:
        """La postura de un dato de la ficha según su fuente (fuentes/postura.py)."""
        return postura.respaldo(
            fuente=getattr(self, FUENTES_DE_DATOS[dato]), conocido=self.valor_de(dato)
        )

    @property
    def respaldo_direccion(self) -> Respaldo:
        return self.respaldo("direccion")

    @property
    def respaldo_telefono(self) -> Respaldo:
        return self.respaldo("telefono")

    @property
    def respaldo_horario(self) -> Respaldo:
        return self.respaldo("horario")

    @property
    def respaldo_servicios(self) -> Respaldo:
        return self.respaldo("servicios")


class DatoLugar(models.Model):
    """Otro dato de un lugar que da una fuente (quién lo dirige, qué capacidad tiene, qué
    cambió), en palabras propias y con la fecha que da la fuente."""

    lugar = models.ForeignKey(Lugar, on_delete=models.CASCADE, related_name="datos")
    texto = models.TextField(
        _("dato"), help_text=_("En palabras propias, con la fecha que da la fuente.")
    )
    fuente = models.ForeignKey(
        Fuente, on_delete=models.PROTECT, related_name="+", verbose_name=_("fuente")
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("dato del lugar")
        verbose_name_plural = _("datos del lugar")
        ordering = ("lugar", "orden", "id")

    def __str__(self):
        return self.texto

    @property
    def respaldo(self) -> Respaldo:
        return postura.respaldo(fuente=self.fuente)


class DatoRed(models.Model):
    """Un dato sobre una red de lugares (las ventanillas de la OIM, las oficinas del INM, las
    oficinas de atención a migrantes), con su fuente: se muestra junto a la cobertura."""

    ambito = models.CharField(_("de qué"), max_length=12, choices=Tipo.choices)
    texto = models.TextField(_("dato"))
    fuente = models.ForeignKey(
        Fuente, on_delete=models.PROTECT, related_name="+", verbose_name=_("fuente")
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("dato de la red")
        verbose_name_plural = _("datos de la red")
        ordering = ("ambito", "orden", "id")

    def __str__(self):
        return self.texto

    @property
    def respaldo(self) -> Respaldo:
        return postura.respaldo(fuente=self.fuente)


class ServicioLugar(models.Model):
    """Un servicio que da un lugar, con la descripción que trae su fuente."""

    lugar = models.ForeignKey(Lugar, on_delete=models.CASCADE, related_name="servicios_lugar")
    servicio = models.ForeignKey(
        Servicio, on_delete=models.PROTECT, related_name="lugares", verbose_name=_("servicio")
    )
    descripcion = models.CharField(_("como lo describe la fuente"), max_length=300, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("servicio del lugar")
        verbose_name_plural = _("servicios del lugar")
        ordering = ("lugar", "orden", "id")

    def __str__(self):
        return self.descripcion or self.servicio.nombre


class Dia(models.IntegerChoices):
    LUNES = 0, _("lunes")
    MARTES = 1, _("martes")
    MIERCOLES = 2, _("miércoles")
    JUEVES = 3, _("jueves")
    VIERNES = 4, _("viernes")
    SABADO = 5, _("sábado")
    DOMINGO = 6, _("domingo")


class HorarioApertura(models.Model):
    """Un tramo de apertura de un día, en la hora local del lugar."""

    lugar = models.ForeignKey(Lugar, on_delete=models.CASCADE, related_name="horarios")
    dia = models.PositiveSmallIntegerField(_("día"), choices=Dia.choices)
    abre = models.TimeField(_("abre"), null=True, blank=True)
    cierra = models.TimeField(_("cierra"), null=True, blank=True)
    cerrado = models.BooleanField(_("cerrado todo el día"), default=False)
    nota = models.CharField(_("nota"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("horario de apertura")
        verbose_name_plural = _("horarios de apertura")
        ordering = ("lugar", "dia", "abre")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dia__gte=0, dia__lte=6), name="%(app_label)s_%(class)s_dia"
            ),
            models.CheckConstraint(
                condition=models.Q(cerrado=True, abre__isnull=True, cierra__isnull=True)
                | models.Q(
                    cerrado=False,
                    abre__isnull=False,
                    cierra__isnull=False,
                    abre__lt=models.F("cierra"),
                ),
                name="%(app_label)s_%(class)s_tramo_valido",
            ),
        ]

    def __str__(self):
        if self.cerrado:
            return f"{self.get_dia_display()}: {_('cerrado')}"
        return f"{self.get_dia_display()}: {self.abre:%H:%M}–{self.cierra:%H:%M}"


class CifraReportada(models.Model):
    """Cuántas ventanillas u oficinas dice cada fuente que hay: se muestran lado a lado."""

    ambito = models.CharField(_("de qué"), max_length=12, choices=Tipo.choices)
    valor = models.CharField(_("cifra"), max_length=40)
    nota = models.TextField(_("qué dice la fuente"))
    fuente = models.ForeignKey(Fuente, on_delete=models.PROTECT, verbose_name=_("fuente"))
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("cifra reportada")
        verbose_name_plural = _("cifras reportadas")
        ordering = ("ambito", "orden", "id")

    def __str__(self):
        return self.valor


class Actividad(models.Model):
    """Actividad de sensibilización que una ventanilla hace con su comunidad."""

    ventanilla = models.ForeignKey(
        Lugar,
        on_delete=models.CASCADE,
        related_name="actividades",
        limit_choices_to={"tipo": Tipo.VENTANILLA},
        verbose_name=_("ventanilla"),
    )
    fecha = models.DateField(_("fecha"))
    lugar = models.CharField(_("dónde"), max_length=200)
    tema = models.CharField(_("tema"), max_length=200)
    descripcion = models.TextField(_("descripción"), blank=True)
    fuente = models.ForeignKey(
        Fuente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("fuente"),
        help_text=_("Nota o publicación que da cuenta de la actividad, si la hay."),
    )
    publicada = models.BooleanField(_("publicada"), default=True)

    class Meta:
        verbose_name = _("actividad de sensibilización")
        verbose_name_plural = _("actividades de sensibilización")
        ordering = ("-fecha", "tema")

    def __str__(self):
        return f"{self.fecha:%Y-%m-%d} · {self.tema}"


class TipoInstitucion(models.TextChoices):
    COMAR = "comar", _("COMAR (refugio)")
    PROTECCION_NNA = (
        "proteccion-nna",
        _("DIF o Procuraduría de Protección de Niñas, Niños y Adolescentes"),
    )
    CONSULADO = "consulado", _("Consulado")
    ALBERGUE = "albergue", _("Albergue")
    INM = "inm", _("INM")
    FISCALIA = "fiscalia", _("Fiscalía o Ministerio Público")
    SALUD = "salud", _("Servicios de salud")
    OTRA = "otra", _("Otra")


class DirectorioCanalizacion(models.Model):
    """Institución a la que una ventanilla puede canalizar, por estado. Solo con fuente."""

    estado = models.ForeignKey(
        Estado, on_delete=models.PROTECT, related_name="canalizaciones", verbose_name=_("estado")
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=TipoInstitucion.choices)
    nombre = models.CharField(_("nombre"), max_length=200)
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    direccion = models.TextField(_("dirección"), blank=True)
    fuente = models.ForeignKey(
        Fuente, on_delete=models.PROTECT, verbose_name=_("fuente"), help_text=_("Obligatoria.")
    )

    class Meta:
        verbose_name = _("institución de canalización")
        verbose_name_plural = _("directorio de canalización")
        ordering = ("estado__nombre", "tipo", "nombre")

    def __str__(self):
        return f"{self.nombre} ({self.estado})"


class PersonalVentanilla(models.Model):
    """Liga una cuenta del personal con la ventanilla donde registra atenciones."""

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_ventanilla",
        verbose_name=_("cuenta"),
    )
    ventanilla = models.ForeignKey(
        Lugar,
        on_delete=models.CASCADE,
        related_name="personal",
        limit_choices_to={"tipo": Tipo.VENTANILLA},
        verbose_name=_("ventanilla"),
    )

    class Meta:
        verbose_name = _("personal de ventanilla")
        verbose_name_plural = _("personal de ventanillas")
        ordering = ("ventanilla__nombre", "usuario__username")

    def __str__(self):
        return f"{self.usuario} · {self.ventanilla}"


# Códigos fijados en el contrato con datos_abiertos (docs/ventanillas.md).
class ServicioAtencion(models.TextChoices):
    ORIENTACION_TRAMITES = "orientacion-tramites", _("Orientación sobre trámites migratorios")
    CANALIZACION_PROTECCION = "canalizacion-proteccion", _("Canalización a protección y asistencia")
    VINCULACION_LABORAL = "vinculacion-laboral", _("Vinculación laboral")
    RETORNO_VOLUNTARIO = "retorno-voluntario", _("Retorno voluntario asistido (OIM)")
    DOCUMENTOS_IDENTIDAD = "documentos-identidad", _("Documentos de identidad")
    OTRO = "otro", _("Otro")


class Sexo(models.TextChoices):
    MUJER = "mujer", _("Mujer")
    HOMBRE = "hombre", _("Hombre")
    OTRO = "otro-no-indica", _("Otro o no lo indica")


class GrupoEdad(models.TextChoices):
    NINEZ = "0-11", _("0 a 11 años")
    ADOLESCENCIA = "12-17", _("12 a 17 años")
    JOVEN = "18-29", _("18 a 29 años")
    ADULTA = "30-59", _("30 a 59 años")
    MAYOR = "60-mas", _("60 años o más")


class PerfilMigratorio(models.TextChoices):
    TRANSITO = "transito", _("En tránsito")
    DESTINO = "destino", _("Destino (se queda en México)")
    RETORNO = "retorno", _("Retornada a México")
    POTENCIAL = "potencial", _("Migrante potencial (piensa migrar)")


class Atencion(models.Model):
    """Una persona atendida en una ventanilla. Nunca nombre ni número de documento."""

    ventanilla = models.ForeignKey(
        Lugar,
        on_delete=models.PROTECT,
        related_name="atenciones",
        limit_choices_to={"tipo": Tipo.VENTANILLA},
        verbose_name=_("ventanilla"),
    )
    fecha = models.DateField(_("fecha"))
    nacionalidad = CountryField(_("nacionalidad"), blank=True)
    sexo = models.CharField(_("sexo"), max_length=16, choices=Sexo.choices)
    grupo_edad = models.CharField(_("edad"), max_length=8, choices=GrupoEdad.choices)
    perfil = models.CharField(
        _("perfil migratorio"), max_length=12, choices=PerfilMigratorio.choices
    )
    # Situaciones de vulnerabilidad (las que piden canalizar de inmediato, en URGENTES).
    nna_no_acompanado = models.BooleanField(
        _("niña, niño o adolescente no acompañado"), default=False
    )
    solicita_refugio = models.BooleanField(_("quiere pedir refugio (asilo)"), default=False)
    victima_delito = models.BooleanField(_("víctima de un delito"), default=False)
    necesidad_salud = models.BooleanField(_("necesidad de salud"), default=False)
    embarazo = models.BooleanField(_("embarazo"), default=False)
    discapacidad = models.BooleanField(_("discapacidad"), default=False)
    # Canalizaciones hechas.
    canalizada_comar = models.BooleanField(_("COMAR"), default=False)
    canalizada_proteccion_nna = models.BooleanField(
        _("DIF o Procuraduría de Protección de NNA"), default=False
    )
    canalizada_consulado = models.BooleanField(_("consulado"), default=False)
    canalizada_albergue = models.BooleanField(_("albergue"), default=False)
    canalizada_inm = models.BooleanField(_("INM"), default=False)
    canalizada_fiscalia = models.BooleanField(_("fiscalía"), default=False)
    canalizada_salud = models.BooleanField(_("servicios de salud"), default=False)
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrada por"),
    )
    creada = models.DateTimeField(_("registrada el"), auto_now_add=True)

    class Meta:
        verbose_name = _("atención")
        verbose_name_plural = _("atenciones")
        ordering = ("-fecha", "-creada")
        permissions = [
            ("ver_todas_atenciones", _("Puede ver las atenciones de todas las ventanillas")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sexo__in=Sexo.values), name="%(app_label)s_%(class)s_sexo"
            ),
            models.CheckConstraint(
                condition=models.Q(grupo_edad__in=GrupoEdad.values),
                name="%(app_label)s_%(class)s_grupo_edad",
            ),
            models.CheckConstraint(
                condition=models.Q(perfil__in=PerfilMigratorio.values),
                name="%(app_label)s_%(class)s_perfil",
            ),
        ]
        indexes = [models.Index(fields=["ventanilla", "fecha"])]

    def __str__(self):
        return f"{self.ventanilla} · {self.fecha:%Y-%m-%d} · #{self.pk}"


class ServicioAtendido(models.Model):
    atencion = models.ForeignKey(Atencion, on_delete=models.CASCADE, related_name="servicios")
    servicio = models.CharField(_("servicio"), max_length=30, choices=ServicioAtencion.choices)

    class Meta:
        verbose_name = _("servicio dado")
        verbose_name_plural = _("servicios dados")
        ordering = ("atencion", "servicio")
        constraints = [
            models.UniqueConstraint(
                fields=["atencion", "servicio"], name="%(app_label)s_%(class)s_unico"
            ),
            models.CheckConstraint(
                condition=models.Q(servicio__in=ServicioAtencion.values),
                name="%(app_label)s_%(class)s_servicio",
            ),
        ]

    def __str__(self):
        return self.get_servicio_display()


# ---------------------------------------------------------------------------------------------
# Protección internacional (refugio ante la COMAR) y otras instituciones que las personas
# migrantes necesitan. No son trámites del INM: se cargan de fixtures/proteccion.json.


def _respaldo_de(fuentes, *, conocido: bool = True, fundamento: str = "") -> Respaldo:
    """La postura de un hecho con varias fuentes: la mejor de ellas (fuentes/postura.py)."""
    fuentes = list(fuentes)
    valor = postura.de_fuentes(fuentes, conocido=conocido)
    primera = next(iter(postura.ordenar(fuentes)), None) if conocido else None
    return Respaldo(
        postura=valor,
        fundamento=fundamento if valor != postura.Postura.NO_LOCALIZADO else "",
        fuente_url=primera.url if primera else "",
    )


class HechoProteccion(models.Model):
    """Un hecho del procedimiento de refugio (quién puede pedirlo, el plazo, que es gratuito…),
    en palabras propias, con sus fuentes y lo que no se pudo confirmar."""

    clave = models.SlugField(unique=True)
    titulo = models.CharField(_("título"), max_length=200)
    texto = models.TextField(_("texto"))
    articulos = models.CharField(_("artículos"), max_length=200, blank=True)
    dias_habiles = models.PositiveSmallIntegerField(_("días hábiles"), null=True, blank=True)
    pendiente = models.TextField(
        _("lo que no se pudo confirmar"), blank=True, help_text=_("Se muestra tal cual.")
    )
    fuentes = models.ManyToManyField(Fuente, related_name="+", verbose_name=_("fuentes"))
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords(
        verbose_name=_("versión de hecho sobre protección internacional"),
        excluded_fields=columnas_por_idioma(*TRADUCIBLES["HechoProteccion"]),
    )

    class Meta:
        verbose_name = _("hecho sobre protección internacional")
        verbose_name_plural = _("hechos sobre protección internacional")
        ordering = ("orden", "clave")

    def __str__(self):
        return self.titulo

    @property
    def respaldo(self) -> Respaldo:
        return _respaldo_de(self.fuentes.all(), fundamento=self.articulos)


class OficinaComar(models.Model):
    """Una oficina de la COMAR. Que exista en esa ciudad y su domicilio u horario pueden venir de
    fuentes distintas (la lista del ACNUR solo da ciudades): cada dato lleva su postura."""

    slug = models.SlugField(unique=True)
    ciudad = models.CharField(_("ciudad"), max_length=120)
    estado = models.ForeignKey(
        Estado,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("estado"),
    )
    direccion = models.TextField(_("domicilio"), blank=True, help_text=_("Vacío: no localizado."))
    horario = models.CharField(_("horario"), max_length=300, blank=True)
    telefono = models.CharField(_("teléfono"), max_length=120, blank=True)
    nota = models.TextField(_("nota"), blank=True)
    fuentes_ubicacion = models.ManyToManyField(
        Fuente, related_name="+", verbose_name=_("fuentes de que la oficina está ahí")
    )
    fuentes_datos = models.ManyToManyField(
        Fuente, related_name="+", blank=True, verbose_name=_("fuentes del domicilio y horario")
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords(
        verbose_name=_("versión de oficina de la COMAR"),
        excluded_fields=columnas_por_idioma(*TRADUCIBLES["OficinaComar"]),
    )

    class Meta:
        verbose_name = _("oficina de la COMAR")
        verbose_name_plural = _("oficinas de la COMAR")
        ordering = ("orden", "slug")

    def __str__(self):
        return self.ciudad

    @property
    def respaldo_ubicacion(self) -> Respaldo:
        return _respaldo_de(self.fuentes_ubicacion.all())

    @property
    def respaldo_direccion(self) -> Respaldo:
        return _respaldo_de(self.fuentes_datos.all(), conocido=bool(self.direccion))

    @property
    def respaldo_horario(self) -> Respaldo:
        return _respaldo_de(self.fuentes_datos.all(), conocido=bool(self.horario))


class Institucion(models.Model):
    """Una institución (no el INM ni sus trámites) a la que acudir para una necesidad concreta:
    pasaporte, CURP, una queja, ayuda del ACNUR o de la OIM, niñez, víctimas de delito."""

    ancla = models.SlugField(
        unique=True, help_text=_("Identificador en la página (#curp); otras páginas lo enlazan.")
    )
    necesidad = models.CharField(_("necesidad"), max_length=200)
    nombre = models.CharField(_("institución"), max_length=400)
    que_hacer = models.TextField(_("qué hacer"), blank=True)
    url = models.CharField(_("sitio web"), max_length=500, blank=True)
    otras_urls = models.JSONField(_("otros enlaces"), default=list, blank=True)
    telefono = models.CharField(_("teléfono"), max_length=120, blank=True)
    aviso = models.TextField(_("aviso"), blank=True)
    fuentes = models.ManyToManyField(Fuente, related_name="+", verbose_name=_("fuentes"))
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords(
        verbose_name=_("versión de institución"),
        excluded_fields=columnas_por_idioma(*TRADUCIBLES["Institucion"]),
    )

    class Meta:
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")
        ordering = ("orden", "ancla")

    def __str__(self):
        return self.nombre

    @property
    def respaldo(self) -> Respaldo:
        return _respaldo_de(self.fuentes.all(), conocido=bool(self.que_hacer))
