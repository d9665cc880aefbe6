"""Configuración única del sitio, gobernada por variables de entorno.

Cada variable está documentada en README.md. Los valores por omisión sirven para desarrollo
local (SQLite, caché en memoria); producción los cambia con variables, no con otro módulo.
"""

import os
import subprocess
from datetime import date
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(nombre: str, defecto: bool) -> bool:
    valor = os.environ.get(nombre)
    if valor is None or valor.strip() == "":
        return defecto
    return valor.strip().lower() in {"1", "true", "yes", "si", "sí", "on"}


def env_lista(nombre: str, defecto: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(nombre, defecto).split(",") if v.strip()]


# Seguridad básica
DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Defina SECRET_KEY (o DEBUG=1 para desarrollo local). Vea README.md."
        )
    # Solo para desarrollo: nunca se usa con DEBUG apagado.
    SECRET_KEY = "desarrollo-inseguro-no-usar-en-produccion-" + "x" * 20  # noqa: S105

ALLOWED_HOSTS = env_lista("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_lista("CSRF_TRUSTED_ORIGINS")

# Aplicaciones
INSTALLED_APPS = [
    # Antes del admin: sus formularios muestran un campo por idioma del contenido.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise sirve los estáticos también en desarrollo, igual que en producción.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # sitemap.xml (config/sitemaps.py).
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    "simple_history",
    "fuentes",
    "tramites",
    "datos_abiertos",
    "ventanillas",
    "participa",
    "seguimiento",
    # Solo órdenes de construcción (generar_fixture_*): ver referencia/__init__.py.
    "referencia",
    # La tabla de los límites de intentos sin Redis (config/models.py).
    "config.apps.SitioConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Brotli o gzip por fuera de todo lo que cambia el cuerpo; nunca con secretos (BREACH).
    "config.cache_http.CompresionMiddleware",
    # Content-Security-Policy en toda respuesta, también en las que sirve la caché de páginas.
    "csp.middleware.CSPMiddleware",
    "config.resiliencia.CabecerasMiddleware",
    # CORS en los datos públicos (API, descargas, metadatos, canales), también desde la caché.
    "config.cors.CorsMiddleware",
    # 304 ante If-None-Match / If-Modified-Since, también para lo que sirve la caché de páginas.
    "django.middleware.http.ConditionalGetMiddleware",
    # Cache-Control, ETag, Last-Modified y Vary para navegadores, CDN y Varnish.
    "config.cache_http.CacheHttpMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Páginas públicas ya calculadas: se sirven antes de sesiones, idioma y plantillas.
    "config.cache_paginas.CachePaginasMiddleware",
    # Sin base de datos: 503 amable (lo que está en caché se sigue sirviendo arriba).
    "config.resiliencia.BaseCaidaMiddleware",
    "config.resiliencia.LimiteAccesoAdminMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Anota en el historial qué cuenta del personal hizo cada cambio en el admin.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "config.context_processors.sitio",
            ],
            "libraries": {"sitio": "config.templatetags.sitio"},
        },
    },
]

# Base de datos: sin DATABASE_URL, un archivo SQLite (nada que instalar para empezar).
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
# Cada proceso (o hilo) de gunicorn conserva su conexión entre peticiones. También en SQLite: una
# conexión nueva lee y analiza el esquema entero (≈270 tablas, índices y disparadores) en su
# primera consulta, unos 4 ms de CPU, más que toda una página que se sirve de la caché.
segundos_conexion = int(os.environ.get("CONN_MAX_AGE", "60"))
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=segundos_conexion, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "CONN_MAX_AGE": segundos_conexion,
            "OPTIONS": {
                # WAL deja leer mientras otro proceso escribe; IMMEDIATE evita bloqueos a medias.
                # Con conexiones que duran, el archivo -wal ya no se borra al cerrar la última:
                # tras cada checkpoint se recorta a 64 MB en vez de quedar del tamaño de la
                # importación más grande.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA journal_size_limit=67108864;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # La conexión caída no debe colgar una página: se rinde en pocos segundos.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caché: Redis en producción (REDIS_URL o CACHE_URL=redis://...), memoria local por omisión.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "locmem://"
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tm"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
elif CACHE_URL.startswith("dummy://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif CACHE_URL.startswith("locmem://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": CACHE_URL.removeprefix("locmem://") or "tramites",
        }
    }
else:
    raise ImproperlyConfigured(
        f"CACHE_URL no reconocida: {CACHE_URL!r} (use redis://, locmem:// o dummy://)"
    )

# Caché de páginas completas (config/cache_paginas.py). `PAGINAS_EN_CACHE=0` la apaga sin apagar
# la caché de trozos ni la versión del contenido: así se mide lo que cuesta calcular cada página
# (benchmarks/paginas.py) con la misma configuración que en producción.
PAGINAS_EN_CACHE = env_bool("PAGINAS_EN_CACHE", True)
# Proxies con copias de las páginas (Varnish, deploy/varnish/default.vcl): al cambiar el
# contenido se les pide purgarlas (config/purga.py). Separados por comas: http://varnish:80.
PURGA_PROXIES = env_lista("PURGA_PROXIES")

# Límites de intentos (config/limites.py): un almacén que comparten todos los procesos y
# máquinas. Con Redis, Redis; sin Redis, una tabla de la base (config/models.py), nunca la
# memoria de cada proceso: con varios procesos de gunicorn cada uno contaría por su lado.
LIMITES_REDIS_URL = (
    CACHE_URL if CACHE_URL.startswith(("redis://", "rediss://", "unix://")) else None
)
# Antes de la huella de cada contador en Redis: dos sitios en un mismo Redis no se mezclan.
LIMITES_PREFIJO = os.environ.get("CACHE_KEY_PREFIX", "tm") + ":limites"

# Trozos de plantilla que se repiten en muchas páginas (encabezado, pie, textos fijos): en la
# memoria de cada proceso, sin viaje a Redis. Sus claves dicen de qué dependen (idioma,
# dirección, versión del contenido); nada de una persona entra en ellos.
CACHES["fragmentos"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragmentos",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# El cuerpo hecho de cada página de datos abiertos, por dirección completa (cada combinación de
# filtros es una): 70 a 100 KB cada uno. Aparte de los trozos de contenido, para que quien
# recorra miles de filtros no los desplace, y con su propio tope: ~30 MB por proceso.
CACHES["cuerpos_datos"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "cuerpos_datos",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": 300},
}

# Sesiones (solo las usa el personal en el admin): en base de datos, leídas desde la caché.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Los avisos al público van en una cookie: una visita anónima no escribe en la base de datos.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# Las cuentas del personal usan el cifrado de Django; las contraseñas de seguimiento, uno propio
# más ligero (son aleatorias y largas: vea seguimiento/hashers.py y docs/seguimiento.md).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "seguimiento.hashers.ContrasenaTramiteHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Idiomas: español (fuente, sin prefijo en la URL); los demás bajo /<código>/.
LANGUAGE_CODE = "es-mx"
LANGUAGES = [
    ("es-mx", "Español"),
    ("en", "English"),
    ("fr", "Français"),
    ("ht", "Kreyòl ayisyen"),
]
# Django no trae el criollo haitiano en su tabla de idiomas; sin esta entrada
# get_language_info("ht") falla y el selector no puede nombrarlo.
LANG_INFO.setdefault(
    "ht",
    {"bidi": False, "code": "ht", "name": "Haitian Creole", "name_local": "Kreyòl ayisyen"},
)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Contenido (fichas de trámites, ventanillas): español, inglés, francés y criollo. Lo que no está
# traducido se muestra en español con un aviso (la interfaz sí está en los cuatro idiomas).
MODELTRANSLATION_LANGUAGES = ("es-mx", "en", "fr", "ht")
MODELTRANSLATION_DEFAULT_LANGUAGE = "es-mx"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("es-mx",)
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

# Archivos estáticos: WhiteNoise con nombres con huella y versiones comprimidas.
STATIC_URL = "/static/"
# El sitio no recibe archivos de personas; con MEDIA_ROOT vacío (el directorio de trabajo) el
# servidor de pruebas de Django servía archivos del proyecto bajo cualquier ruta.
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Un año de caché: los nombres cambian con el contenido.
WHITENOISE_MAX_AGE = 31536000

# HTTPS: activo por omisión con DEBUG apagado; HTTPS=0 para HTTP local (benchmarks, pruebas).
HTTPS = env_bool("HTTPS", not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# El chequeo de salud lo hace el orquestador por HTTP dentro de la red privada.
SECURE_REDIRECT_EXEMPT = [r"^salud/$"]
if env_bool("PROXY_SSL_HEADER", False):
    # Solo detrás de un proxy que fija X-Forwarded-Proto y borra el que manda el cliente.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Política estricta: solo recursos propios, sin 'unsafe-inline' ni 'unsafe-eval'. Las
# plantillas no tienen scripts ni estilos en línea (el JSON-LD es un bloque de datos, no se
# ejecuta), así que no hacen falta nonces.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
CSRF_COOKIE_HTTPONLY = True

# Trabajo pesado (PDF, descargas grandes): cuántos hilos de cada proceso lo hacen a la vez y
# cuántos segundos espera turno una petición antes de recibir un 503 (config/concurrencia.py).
# Con gunicorn de 4 hilos, 2 quedan siempre libres para las páginas.
CUPO_TRABAJO_PESADO = int(os.environ.get("CUPO_TRABAJO_PESADO", "2"))
ESPERA_TRABAJO_PESADO = float(os.environ.get("ESPERA_TRABAJO_PESADO", "20"))

# Archivos que el personal importa con los comandos (config/archivos.py).
IMPORTACION_MAXIMO_MB = int(os.environ.get("IMPORTACION_MAXIMO_MB", "256"))

# Registro: JSON por línea a stdout; el contenedor lo recoge.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.log_format.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Las 404 de bots no son noticia.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Los bots mandan cabeceras Host ajenas a diario; Django ya responde 400.
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
        # WeasyPrint informa cada paso de cada PDF; solo interesan sus avisos.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
    },
}


def _fecha_publicacion() -> date:
    """Fecha de la versión publicada: la variable de entorno o la del último commit."""
    valor = os.environ.get("FECHA_PUBLICACION", "").strip()
    if not valor:
        try:
            valor = subprocess.run(  # noqa: S603
                ["git", "log", "-1", "--format=%cs"],  # noqa: S607
                cwd=BASE_DIR,
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout.strip()
        except OSError:
            valor = ""
    try:
        return date.fromisoformat(valor)
    except ValueError:
        return date.fromtimestamp((BASE_DIR / "manage.py").stat().st_mtime)


# Participa: días que se conservan los datos de contacto (ver aviso de privacidad).
PARTICIPA_RETENCION_DIAS = int(os.environ.get("PARTICIPA_RETENCION_DIAS", "180"))
PARTICIPA_RETENCION_MAXIMA_DIAS = int(os.environ.get("PARTICIPA_RETENCION_MAXIMA_DIAS", "365"))
# Días naturales en que el equipo se compromete a responder un reporte o una solicitud: la página
# del folio da la fecha y el admin marca los casos abiertos que ya la pasaron.
PARTICIPA_PLAZO_RESPUESTA_DIAS = int(os.environ.get("PARTICIPA_PLAZO_RESPUESTA_DIAS", "15"))

# Sitio
SITIO_NOMBRE = _("Trámites Migratorios")
FECHA_PUBLICACION = _fecha_publicacion()
INM_TELEFONO = "800 004 6264"
INM_TELEFONO_ENLACE = "+528000046264"

# Límites de intentos (config/limites.py). Proxies de confianza delante del sitio: con 1, la IP
# de quien pregunta es la última de X-Forwarded-For; con 0 (por omisión), la de la conexión.
PROXIES_DE_CONFIANZA = int(os.environ.get("PROXIES_DE_CONFIANZA", "0"))
if "SEGUIMIENTO_PROXIES" in os.environ:
    # Sin este aviso, un despliegue que aún la usa contaría a todas las personas como una sola.
    raise ImproperlyConfigured("SEGUIMIENTO_PROXIES ahora se llama PROXIES_DE_CONFIANZA.")
# Admin: intentos fallidos de acceso permitidos por IP en cada ventana.
ADMIN_INTENTOS = int(os.environ.get("ADMIN_INTENTOS", "5"))
ADMIN_VENTANA_SEGUNDOS = int(os.environ.get("ADMIN_VENTANA_SEGUNDOS", "900"))

# Quién publica el sitio y quién responde por los datos personales: el pie de página y el aviso
# de privacidad los muestran (config/context_processors.py). Sin nombre, el sitio lo firma su
# propio equipo; sin correo ni dirección web, se le escribe desde Participa; el responsable de
# los datos, si no se da, es quien publica. Mientras SITIO_OFICIAL_INM esté apagado (encenderlo
# solo si lo publica el propio INM), cada página dice que es informativo y no un servicio del INM.
EDITOR_NOMBRE = os.environ.get("EDITOR_NOMBRE", "").strip()
EDITOR_CORREO = os.environ.get("EDITOR_CORREO", "").strip()
EDITOR_URL = os.environ.get("EDITOR_URL", "").strip()
RESPONSABLE_DATOS_NOMBRE = os.environ.get("RESPONSABLE_DATOS_NOMBRE", "").strip()
RESPONSABLE_DATOS_DOMICILIO = os.environ.get("RESPONSABLE_DATOS_DOMICILIO", "").strip()
RESPONSABLE_DATOS_CORREO = os.environ.get("RESPONSABLE_DATOS_CORREO", "").strip()
SITIO_OFICIAL_INM = env_bool("SITIO_OFICIAL_INM", False)

# Seguimiento: intentos fallidos de consulta permitidos por número de trámite y por dirección IP
# en cada ventana; al pasarse, la consulta se bloquea hasta que la ventana termina.
SEGUIMIENTO_INTENTOS_POR_NUT = int(os.environ.get("SEGUIMIENTO_INTENTOS_POR_NUT", "5"))
SEGUIMIENTO_INTENTOS_POR_IP = int(os.environ.get("SEGUIMIENTO_INTENTOS_POR_IP", "20"))
SEGUIMIENTO_VENTANA_MINUTOS = int(os.environ.get("SEGUIMIENTO_VENTANA_MINUTOS", "15"))
