"""Purga de los proxies delante del sitio (Varnish, una CDN) cuando cambia el contenido.

`PURGA_PROXIES` lista sus direcciones (http://varnish:80,…). Cada página depende de la versión del
contenido (config/cache_paginas.py), así que se purga todo: `PURGE /` con la cabecera
`X-Purgar-Todo: 1`, que deploy/varnish/default.vcl convierte en un ban de todas las copias. Sin
proxies configurados no hace nada.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)
SEGUNDOS = 2


def purgar(**_kwargs) -> None:
    for base in settings.PURGA_PROXIES:
        peticion = urllib.request.Request(  # noqa: S310 - dirección de la configuración
            base.rstrip("/") + "/", method="PURGE", headers={"X-Purgar-Todo": "1"}
        )
        try:
            with urllib.request.urlopen(peticion, timeout=SEGUNDOS):  # noqa: S310
                pass
        except (OSError, urllib.error.HTTPError):
            # La página vieja vive a lo más s-maxage en el proxy; el cambio ya está guardado.
            logger.warning("No se pudo purgar %s", base, exc_info=True)
