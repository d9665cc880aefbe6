"""Qué tipo de fuente es una dirección: oficial, secundaria o de muestra, y cuáles nunca valen.

Una sola regla para todo el sitio. Es oficial una página de un dominio de gobierno o de un
organismo que publica sus propios datos (lista `DOMINIOS_OFICIALES`); secundaria, cualquier otra
(prensa, despachos, blogs); de muestra, una página del propio sitio que explica cómo se generaron
datos sintéticos. Nunca se acepta un dominio que imita a uno oficial (inm-gob.mx) ni una página
vista a través de un proxy web: quien lee no podría confiar en lo que cita.
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Gobierno de México (gob.mx abarca inm.gob.mx, dof.gob.mx, diputados.gob.mx…), el INEGI y la CNDH
# (autónomos), el aeropuerto de la Ciudad de México (empresa del Estado, sobre las oficinas de
# gobierno en sus terminales) y los organismos de la ONU que publican sobre sus propios programas:
# la OIM (opera las ventanillas), el ACNUR y ReliefWeb (OCHA, donde el ACNUR aloja sus documentos).
DOMINIOS_OFICIALES = (
    "gob.mx",
    "inegi.org.mx",
    "cndh.org.mx",
    "aicm.com.mx",
    "iom.int",
    "acnur.org",
    "unhcr.org",
    "un.org",
    "reliefweb.int",
)

# Dominios que ya se intentaron citar y nunca valen: imitaciones de un dominio oficial y proxies
# web. Las reglas de abajo atrapan también los que aún no conocemos.
DOMINIOS_RECHAZADOS = {
    "inm-gob.mx": _("imita al dominio oficial inm.gob.mx"),
    "arietiform.com": _("es un proxy web que muestra páginas de otros sitios"),
}

# Una dirección web completa dentro de la ruta o de la consulta: la página se ve a través de
# otro sitio (proxy, «traductor», visor de caché).
_DIRECCION_DENTRO = re.compile(r"(?:^|[/=])https?(?::|%3a)?/{0,2}[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.I)
_PROXIES_CONOCIDOS = ("nph-", "cgiproxy", "/proxy/", "translate.goog", "webcache.")


class TipoFuente(models.TextChoices):
    OFICIAL = "oficial", _("fuente oficial")
    SECUNDARIA = "secundaria", _("fuente secundaria")
    MUESTRA = "muestra", _("datos de muestra")


@dataclass(frozen=True)
class Clasificacion:
    tipo: str
    regla: str


class FuenteRechazada(ValidationError):
    """La dirección no se acepta como fuente (imitación de un dominio oficial o proxy web)."""


def dominio(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _bajo(nombre: str, dominios) -> str | None:
    return next((d for d in dominios if nombre == d or nombre.endswith("." + d)), None)


def motivo_de_rechazo(url: str) -> str | None:
    """Por qué `url` nunca puede ser fuente, o None si se acepta."""
    if url.startswith("/"):
        return None
    nombre = dominio(url)
    for rechazado, motivo in DOMINIOS_RECHAZADOS.items():
        if nombre == rechazado or nombre.endswith("." + rechazado):
            return str(motivo)
    if _bajo(nombre, DOMINIOS_OFICIALES):
        # Un organismo oficial puede archivar sus propias páginas (webarchive.archive.unhcr.org).
        return None
    # inm-gob.mx, gob-mx.com, inm.gob.mx.ejemplo.com: parecen oficiales y no lo son.
    parecido = "." + nombre.replace("-", ".") + "."
    if any(f".{d}." in parecido for d in DOMINIOS_OFICIALES):
        return str(_("imita a un dominio oficial sin serlo"))
    partes = urlsplit(url)
    resto = unquote(f"{partes.path}?{partes.query}")
    if _DIRECCION_DENTRO.search(resto) or any(p in url.lower() for p in _PROXIES_CONOCIDOS):
        return str(_("es una página vista a través de un proxy web; cite la dirección original"))
    return None


def validar(url: str) -> None:
    """Rechaza con un mensaje claro una dirección que no puede ser fuente."""
    motivo = motivo_de_rechazo(url)
    if motivo:
        raise FuenteRechazada(
            _("No se acepta «%(url)s» como fuente: %(motivo)s."),
            code="fuente_rechazada",
            params={"url": url, "motivo": motivo},
        )


def clasificar(url: str) -> Clasificacion:
    """El tipo de una fuente aceptada y la regla que lo decide."""
    if url.startswith("/"):
        return Clasificacion(
            TipoFuente.MUESTRA, str(_("página del propio sitio sobre datos generados"))
        )
    oficial = _bajo(dominio(url), DOMINIOS_OFICIALES)
    if oficial:
        return Clasificacion(
            TipoFuente.OFICIAL, str(_("dominio oficial (%(dominio)s)") % {"dominio": oficial})
        )
    return Clasificacion(TipoFuente.SECUNDARIA, str(_("dominio no oficial")))
