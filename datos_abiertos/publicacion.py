"""Publica las atenciones de las ventanillas como el conjunto `atenciones-ventanillas`.

Contrato con la app ventanillas (docs de ambos lados): `ventanillas.agregados.
atenciones_mensuales()` entrega una fila por mes, ventanilla, entidad, servicio, nacionalidad,
sexo y grupo de edad con el número de atenciones sin suprimir; aquí se valida, se suprime cada
celda con menos de 5 atenciones (se publica vacía y marcada «suprimido», nunca un número entre
1 y 4) y se reemplaza de una vez el contenido del conjunto.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple, get_type_hints

from django.db import transaction
from django.utils import timezone

from datos_abiertos import almacen, catalogos, muestra
from datos_abiertos.models import ConjuntoDatos
from ventanillas.models import GrupoEdad, Lugar, ServicioAtencion, Sexo

logger = logging.getLogger(__name__)

SLUG = "atenciones-ventanillas"
MINIMO_PUBLICABLE = 5


class _Celda(NamedTuple):
    """Lo que identifica una fila del contrato; las filas repetidas se suman."""

    periodo: date
    ventanilla: str
    entidad: str
    servicio: str
    nacionalidad: str
    sexo: str
    grupo_edad: str


CAMPOS = tuple(get_type_hints(_Celda))


class FilasInvalidas(ValueError):
    """Alguna fila no cumple el contrato; nada se publicó."""


def suprimir(valor: int, minimo: int = MINIMO_PUBLICABLE) -> tuple[int | None, bool]:
    """(valor publicado, suprimido): menos de `minimo` casos no se publican."""
    if valor < minimo:
        return None, True
    return valor, False


def _validar(numero: int, fila: dict) -> list[str]:
    errores = []
    faltan = [c for c in (*CAMPOS, "atenciones") if c not in fila]
    if faltan:
        return [f"Fila {numero}: faltan {', '.join(faltan)}."]
    periodo = fila["periodo"]
    if not isinstance(periodo, date) or periodo.day != 1:
        errores.append(f"Fila {numero}: periodo debe ser el primer día del mes ({periodo!r}).")
    if fila["servicio"] not in ServicioAtencion.values:
        errores.append(f"Fila {numero}: servicio desconocido «{fila['servicio']}».")
    if fila["sexo"] not in Sexo.values:
        errores.append(f"Fila {numero}: sexo desconocido «{fila['sexo']}».")
    if fila["grupo_edad"] not in GrupoEdad.values:
        errores.append(f"Fila {numero}: grupo de edad desconocido «{fila['grupo_edad']}».")
    if fila["nacionalidad"] not in catalogos.codigos_nacionalidad():
        errores.append(f"Fila {numero}: nacionalidad desconocida «{fila['nacionalidad']}».")
    if fila["entidad"] not in catalogos.entidades():
        errores.append(
            f"Fila {numero}: entidad desconocida «{fila['entidad']}» (clave INEGI 01–32)."
        )
    if not fila["ventanilla"] or len(str(fila["ventanilla"])) > 80:
        errores.append(f"Fila {numero}: falta el slug de la ventanilla.")
    atenciones = fila["atenciones"]
    if isinstance(atenciones, bool) or not isinstance(atenciones, int) or atenciones < 1:
        errores.append(
            f"Fila {numero}: atenciones debe ser un entero de 1 en adelante ({atenciones!r})."
        )
    return errores


def _etiquetas_ventanillas(slugs: set[str]) -> dict:
    """Nombres de las ventanillas según la app ventanillas; las que no estén, con su slug."""
    return dict(Lugar.objects.filter(slug__in=slugs).values_list("slug", "nombre"))


def publicar_atenciones_ventanillas(filas: Iterable[dict]) -> int:
    """Reemplaza de forma atómica el conjunto con estas filas suprimiendo las celdas < 5.

    Devuelve el número de filas publicadas (las suprimidas cuentan: se publican vacías). Si no
    llega ninguna fila, el conjunto vuelve a llenarse con datos de muestra y devuelve 0.
    """
    conjunto = ConjuntoDatos.objects.get(slug=SLUG)
    sumas: dict[_Celda, int] = defaultdict(int)
    errores = []
    for numero, fila in enumerate(filas, 1):
        problemas = _validar(numero, fila)
        if problemas:
            errores += problemas
            if len(errores) > 20:
                break
            continue
        sumas[_Celda(**{c: fila[c] for c in CAMPOS})] += fila["atenciones"]
    if errores:
        raise FilasInvalidas("\n".join(errores[:20]))
    if not sumas:
        # Sin registros reales: vuelven los datos de muestra (el contrato lo pide así).
        with transaction.atomic():
            habia_reales = conjunto.filas_muestra != conjunto.filas
            if habia_reales:
                almacen.reemplazar(conjunto=conjunto, filas=iter(()), alcance=almacen.Alcance())
                conjunto.refresh_from_db()
            muestra.cargar(
                conjunto,
                hasta=muestra.ultimo_mes_publicado(timezone.localdate()),
                forzar=habia_reales,
            )
        return 0
    indicador = conjunto.indicadores[0][0]
    minimo = conjunto.suprime_menores_de or MINIMO_PUBLICABLE

    def observaciones():
        for celda, total in sumas.items():
            valor, suprimido = suprimir(total, minimo)
            yield almacen.FilaObservacion(
                periodo=celda.periodo,
                indicador=indicador,
                valor=valor,
                ventanilla=celda.ventanilla,
                entidad=celda.entidad,
                categoria=celda.servicio,
                nacionalidad=celda.nacionalidad,
                sexo=celda.sexo,
                grupo_edad=celda.grupo_edad,
                suprimido=suprimido,
            )

    with transaction.atomic():
        etiquetas = _etiquetas_ventanillas({celda.ventanilla for celda in sumas})
        if etiquetas:
            conjunto.etiquetas = {**conjunto.etiquetas, "ventanilla": etiquetas}
            conjunto.save(update_fields=["etiquetas"])
        almacen.reemplazar(conjunto=conjunto, filas=observaciones(), alcance=almacen.Alcance())
    logger.info("Publicadas %s filas de atenciones de ventanillas", len(sumas))
    return len(sumas)
