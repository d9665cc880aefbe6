"""El cuerpo de las páginas de datos abiertos, ya hecho, por versión del contenido.

Armar la página de un conjunto (formulario con 250 opciones contadas, serie año por mes, 50
filas, cifras publicadas con su fuente) costaba de 50 a 90 ms de procesador en cada visita,
aunque el resultado solo cambia cuando cambian los datos. Aquí cada página guarda su cuerpo
hecho en la memoria del proceso (CACHES["fragmentos"]: un despliegue, con plantillas o
traducciones nuevas, empieza de cero), con una clave que dice todo aquello de lo que depende:

- la versión de los datos abiertos, que sube con cada escritura de sus modelos (señales abajo;
  las cargas masivas que no pasan por `save()` llaman a `invalidar()`), y la del contenido del
  sitio (config/cache_paginas.py: fuentes, trámites);
- lo que la vista agrega (la versión del conjunto, la fecha de hoy de la cita);
- el idioma y la dirección completa pedida (esquema, servidor, ruta y consulta: los enlaces
  absolutos y la paginación salen de ella).

Nada de una persona entra: la misma dirección da la misma página a cualquiera.
"""

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from config import cache_paginas

CLAVE_VERSION = "datos:version"
# Las observaciones y el cubo cambian solo por almacen.py, que sube la versión del conjunto y
# lo guarda con save(): una señal por cada una de millones de filas no haría falta.
SIN_SENAL = {"Observacion", "CuboConjunto"}


def version() -> str:
    valor = cache.get(CLAVE_VERSION)
    if valor is None:
        valor = str(time.time_ns())
        cache.add(CLAVE_VERSION, valor, None)
        valor = cache.get(CLAVE_VERSION, valor)
    return valor


def _nueva_version() -> None:
    cache.set(CLAVE_VERSION, str(time.time_ns()), None)


def invalidar(**_kwargs) -> None:
    """Nueva versión de los datos abiertos: los cuerpos guardados dejan de usarse.

    Otra vez al confirmar la transacción: un cuerpo hecho entre el cambio y la confirmación
    (con los datos de antes) no queda como vigente.
    """
    _nueva_version()
    transaction.on_commit(_nueva_version)


def conectar(app_config) -> None:
    for modelo in app_config.get_models():
        if modelo.__name__ in SIN_SENAL:
            continue
        uid = f"datos_fragmentos:{modelo._meta.label}"
        post_save.connect(invalidar, sender=modelo, dispatch_uid=uid + ":save")
        post_delete.connect(invalidar, sender=modelo, dispatch_uid=uid + ":delete")
    m2m_changed.connect(invalidar, dispatch_uid="datos_fragmentos:m2m")


def clave(nombre: str, request, *partes) -> str:
    direccion = hashlib.sha256(
        "|".join(
            [request.scheme, request.get_host(), request.get_full_path(), *map(str, partes)]
        ).encode()
    ).hexdigest()
    return (
        f"datos:cuerpo:{nombre}:{version()}:{cache_paginas.version()}:{get_language()}:{direccion}"
    )


def leer(clave_cuerpo: str) -> str | None:
    return caches["fragmentos"].get(clave_cuerpo)


def guardar(clave_cuerpo: str, html: str) -> None:
    caches["fragmentos"].set(clave_cuerpo, html, None)


def cuerpo(clave_cuerpo: str, hacer: Callable[[], str]) -> str:
    """El cuerpo guardado con esa clave; si no está, lo hace y lo guarda."""
    html = leer(clave_cuerpo)
    if html is None:
        html = hacer()
        guardar(clave_cuerpo, html)
    return html
