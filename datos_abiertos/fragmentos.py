"""El cuerpo de las páginas de datos abiertos, ya hecho, por versión del contenido.

Armar la página de un conjunto (formulario con 250 opciones contadas, serie año por mes, 50
filas, cifras publicadas con su fuente) costaba de 50 a 90 ms de procesador en cada visita,
aunque el resultado solo cambia cuando cambian los datos. Aquí cada página guarda su cuerpo
hecho en la memoria del proceso (CACHES["cuerpos_datos"], con su propio tope: un despliegue,
con plantillas o traducciones nuevas, empieza de cero), con una clave que dice todo aquello de
lo que depende:

- la versión del contenido (config/cache_paginas.py), la misma que usan las demás apps: sube
  con cada escritura de los modelos de datos abiertos (menos las observaciones y el cubo, que
  cambian solo por almacen.py, y este sube la versión del conjunto con `save()`) y de las
  fuentes y los trámites; las cargas masivas que no pasan por `save()` llaman a
  `cache_paginas.invalidar()`;
- lo que la vista agrega (la versión del conjunto, la fecha de hoy de la cita);
- el idioma y la dirección completa pedida (esquema, servidor, ruta y consulta: los enlaces
  absolutos y la paginación salen de ella).

Nada de una persona entra: la misma dirección da la misma página a cualquiera.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import caches
from django.utils.translation import get_language

from config import cache_paginas

# Las observaciones y el cubo cambian solo por almacen.py, que sube la versión del conjunto y
# lo guarda con save(): una señal por cada una de millones de filas no haría falta, y el cubo
# que se arma en la primera visita no es un cambio de contenido.
SIN_SENAL = ("Observacion", "CuboConjunto")


def clave(nombre: str, request, *partes) -> str:
    direccion = hashlib.sha256(
        "|".join(
            [request.scheme, request.get_host(), request.get_full_path(), *map(str, partes)]
        ).encode()
    ).hexdigest()
    return f"datos:cuerpo:{nombre}:{cache_paginas.version()}:{get_language()}:{direccion}"


def leer(clave_cuerpo: str) -> str | None:
    return caches["cuerpos_datos"].get(clave_cuerpo)


def guardar(clave_cuerpo: str, html: str) -> None:
    caches["cuerpos_datos"].set(clave_cuerpo, html, None)


def cuerpo(clave_cuerpo: str, hacer: Callable[[], str]) -> str:
    """El cuerpo guardado con esa clave; si no está, lo hace y lo guarda."""
    html = leer(clave_cuerpo)
    if html is None:
        html = hacer()
        guardar(clave_cuerpo, html)
    return html
