"""Datos que usa la plantilla base en todas las páginas."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info, override
from django.utils.translation import gettext_lazy as _

# La sección del menú sale de la primera parte de la dirección (config/urls.py): así una página
# de otra app bajo /tramites/ (lo que tardan los trámites) sigue marcando «Trámites».
SECCIONES = {
    "tramites": "tramites",
    "datos": "datos_abiertos",
    "ventanillas": "ventanillas",
    "participa": "participa",
}


def _idiomas(request) -> list[dict]:
    """Cada idioma con la dirección de esta misma página en ese idioma."""
    actual = get_language()
    ruta = request.get_full_path()
    idiomas = []
    for codigo, nombre in settings.LANGUAGES:
        url = translate_url(ruta, codigo)
        if url == ruta and codigo != actual:
            # Página sin equivalente (p. ej. un 404): se ofrece el inicio en ese idioma.
            with override(codigo):
                url = reverse("inicio")
        info = get_language_info(codigo)
        idiomas.append(
            {
                "codigo": codigo,
                "nombre": nombre,
                "nombre_local": info["name_local"],
                "url": url,
                "url_absoluta": request.build_absolute_uri(url),
                "actual": codigo == actual,
            }
        )
    return idiomas


def quien_publica() -> tuple[dict, dict]:
    """Quien publica el sitio y quien responde por los datos personales (README, «Configuración»)."""
    editor = {
        "nombre": settings.EDITOR_NOMBRE or _("Equipo de Trámites Migratorios"),
        "correo": settings.EDITOR_CORREO,
        "url": settings.EDITOR_URL,
    }
    responsable = {
        "nombre": settings.RESPONSABLE_DATOS_NOMBRE or editor["nombre"],
        "domicilio": settings.RESPONSABLE_DATOS_DOMICILIO,
        "correo": settings.RESPONSABLE_DATOS_CORREO or editor["correo"],
    }
    return editor, responsable


def sitio(request) -> dict:
    coincidencia = getattr(request, "resolver_match", None)
    partes = (coincidencia.route if coincidencia else "").split("/")
    if partes[0] in dict(settings.LANGUAGES):
        partes = partes[1:]
    editor, responsable = quien_publica()
    return {
        "sitio": {
            "nombre": settings.SITIO_NOMBRE,
            "fecha_publicacion": settings.FECHA_PUBLICACION,
            "inm_telefono": settings.INM_TELEFONO,
            "inm_telefono_enlace": settings.INM_TELEFONO_ENLACE,
            "editor": editor,
            "responsable_datos": responsable,
            "oficial_inm": settings.SITIO_OFICIAL_INM,
        },
        "seccion_actual": SECCIONES.get(partes[0], ""),
        # Solo se calcula si la plantilla lo usa: el encabezado suele salir ya hecho de la
        # caché de trozos (templates/base.html) y resolver cuatro direcciones cuesta.
        "idiomas": SimpleLazyObject(lambda: _idiomas(request)),
    }
