"""Guarda las fuentes que declara cada contenido; rechaza las que nunca pueden ser fuente."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from config.sincronizacion import Sincronizacion
from fuentes import clasificacion
from fuentes.models import Fuente


@dataclass(frozen=True)
class FuenteDeclarada:
    url: str
    fecha_consulta: date
    titulo: str = ""
    editor: str = ""


def guardar(
    sincronizacion: Sincronizacion, fuentes: Iterable[FuenteDeclarada]
) -> dict[str, Fuente]:
    """Crea o actualiza cada fuente y las devuelve por dirección.

    Si alguna está en un dominio que imita a uno oficial o es un proxy web, no se guarda nada y
    el error dice cuáles y por qué. Varias cargas pueden citar la misma dirección: se conserva
    la consulta más reciente y el título que alguna haya dado.
    """
    por_url: dict[str, FuenteDeclarada] = {}
    for fuente in fuentes:
        # La misma dirección dos veces: cuenta la consulta más reciente.
        if fuente.url not in por_url or fuente.fecha_consulta > por_url[fuente.url].fecha_consulta:
            por_url[fuente.url] = fuente
    fuentes = [por_url[url] for url in sorted(por_url)]
    problemas = [
        f"{f.url}: {motivo}" for f in fuentes if (motivo := clasificacion.motivo_de_rechazo(f.url))
    ]
    if problemas:
        raise clasificacion.FuenteRechazada(
            "Fuentes que no se aceptan (un dominio que imita a uno oficial o un proxy web; "
            "cite la página original): " + "; ".join(problemas)
        )
    existentes = {f.url: f for f in Fuente.objects.filter(url__in=[f.url for f in fuentes])}
    guardadas = {}
    for fuente in fuentes:
        anterior = existentes.get(fuente.url)
        valores = {"fecha_consulta": fuente.fecha_consulta}
        if anterior and anterior.fecha_consulta > fuente.fecha_consulta:
            valores["fecha_consulta"] = anterior.fecha_consulta
        if fuente.titulo:
            valores["titulo"] = fuente.titulo
        if fuente.editor:
            valores["editor"] = fuente.editor
        guardadas[fuente.url], _ = sincronizacion.guardar(Fuente, {"url": fuente.url}, valores)
    return guardadas
