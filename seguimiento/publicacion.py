"""Publica los tiempos de resolución como el conjunto de datos abiertos `tiempos-de-resolucion`.

Usa la API de la app datos_abiertos: define (o actualiza) el `ConjuntoDatos` y reemplaza sus
observaciones con `almacen.reemplazar`, que solo escribe lo que cambió. Una fila por mes y
trámite para cada indicador, con las mismas definiciones que /tramites/tiempos/
(seguimiento/tiempos.py). Mientras las cifras salgan del generador de muestra, cada fila va
marcada como dato de muestra y el conjunto lo dice en su título y sus notas.
"""

import logging
from collections import defaultdict
from datetime import date, timedelta

import numpy as np
from django.db import transaction
from django.utils import timezone

from datos_abiertos.almacen import FilaObservacion
from seguimiento import tiempos
from seguimiento.calendario import calendario_inm
from seguimiento.models import Solicitud
from seguimiento.plazos import Calendario
from tramites.models import Tramite

logger = logging.getLogger(__name__)

SLUG = "tiempos-de-resolucion"
ORDEN = 20
INDICADORES = [
    [
        "resueltas",
        "Solicitudes resueltas",
        "Solicitudes resueltas en el mes (a favor o en contra).",
    ],
    [
        "resueltas-en-plazo",
        "Resueltas dentro del plazo legal",
        "Resueltas en el mes a más tardar el día en que vencía su plazo legal, contado desde que "
        "la solicitud quedó completa. Solo trámites con plazo publicado.",
    ],
    [
        "mediana-dias-habiles",
        "Mediana de días hábiles hasta la resolución",
        "De las resueltas en el mes: la mitad tardó este número de días hábiles o menos (rango "
        "más cercano). No se suma entre meses ni entre trámites.",
    ],
    [
        "p90-dias-habiles",
        "Percentil 90 de días hábiles hasta la resolución",
        "De las resueltas en el mes: el 90 % tardó este número de días hábiles o menos (rango "
        "más cercano). No se suma entre meses ni entre trámites.",
    ],
    [
        "pendientes-hasta-10-dias-habiles",
        "Pendientes de hasta 10 días hábiles",
        "Solicitudes sin resolver al cierre del mes con hasta 10 días hábiles desde su ingreso.",
    ],
    [
        "pendientes-11-a-20-dias-habiles",
        "Pendientes de 11 a 20 días hábiles",
        "Solicitudes sin resolver al cierre del mes con 11 a 20 días hábiles desde su ingreso.",
    ],
    [
        "pendientes-21-a-60-dias-habiles",
        "Pendientes de 21 a 60 días hábiles",
        "Solicitudes sin resolver al cierre del mes con 21 a 60 días hábiles desde su ingreso.",
    ],
    [
        "pendientes-mas-de-60-dias-habiles",
        "Pendientes de más de 60 días hábiles",
        "Solicitudes sin resolver al cierre del mes con más de 60 días hábiles desde su ingreso.",
    ],
]
PENDIENTES = [codigo for codigo, *_ in INDICADORES[4:]]
assert len(PENDIENTES) == len(tiempos.TRAMOS)


def _mes(fecha: date) -> date:
    return fecha.replace(day=1)


def _fin_de_mes(primero: date) -> date:
    return (primero + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _meses(desde: date, hasta: date) -> list[date]:
    meses, mes = [], _mes(desde)
    while mes <= hasta:
        meses.append(mes)
        mes = (mes + timedelta(days=32)).replace(day=1)
    return meses


def _fila(
    periodo: date, tramite: str, indicador: str, valor: int, es_muestra: bool
) -> FilaObservacion:
    return FilaObservacion(
        periodo=periodo, categoria=tramite, indicador=indicador, valor=valor, es_muestra=es_muestra
    )


def filas(*, hasta: date, calendario: Calendario) -> tuple[list[FilaObservacion], bool]:
    """Observaciones de todos los meses completos hasta `hasta` (incluido) y si son de muestra."""
    es_muestra = not Solicitud.objects.filter(es_muestra=False).exists()
    datos = list(
        Solicitud.objects.filter(es_muestra=es_muestra, fecha_ingreso__lte=_fin_de_mes(hasta))
        .order_by()
        .values_list(
            "tramite__slug",
            "tramite__plazo_resolucion_dias_habiles",
            "fecha_ingreso",
            "inicio_plazo",
            "fecha_resolucion",
        )
    )
    if not datos:
        return [], es_muestra
    resultado = []
    resueltas = defaultdict(list)
    for slug, plazo, ingreso, inicio, resolucion in datos:
        if resolucion and resolucion <= _fin_de_mes(hasta):
            resueltas[(_mes(resolucion), slug, plazo)].append((ingreso, inicio, resolucion))
    for (periodo, slug, plazo), grupo in sorted(resueltas.items()):
        total, med, p90, en_plazo = tiempos.resumir_resueltas(
            grupo, plazo=plazo, calendario=calendario
        )
        resultado += [
            _fila(periodo, slug, "resueltas", total, es_muestra),
            _fila(periodo, slug, "mediana-dias-habiles", med, es_muestra),
            _fila(periodo, slug, "p90-dias-habiles", p90, es_muestra),
        ]
        if en_plazo is not None:
            resultado.append(_fila(periodo, slug, "resueltas-en-plazo", en_plazo, es_muestra))
    # Rezago al cierre de cada mes, por antigüedad desde el ingreso.
    slugs = np.array([d[0] for d in datos])
    ingresos = np.array([d[2] for d in datos], dtype="datetime64[D]")
    lejano = np.datetime64("9999-12-31")
    resoluciones = np.array(
        [np.datetime64(d[4]) if d[4] else lejano for d in datos], dtype="datetime64[D]"
    )
    limites_tramos = np.array([hasta_ or 10**9 for _d, hasta_ in tiempos.TRAMOS])
    for periodo in _meses(min(d[2] for d in datos), hasta):
        cierre = np.datetime64(_fin_de_mes(periodo))
        abiertas = (ingresos <= cierre) & (resoluciones > cierre)
        if not abiertas.any():
            continue
        edades = calendario.dias_habiles_entre_arreglos(
            ingresos[abiertas], np.full(abiertas.sum(), cierre)
        )
        indices = np.searchsorted(limites_tramos, edades, side="left")
        conteo = defaultdict(int)
        for slug, indice in zip(slugs[abiertas].tolist(), indices.tolist(), strict=True):
            conteo[(slug, indice)] += 1
        for (slug, indice), cantidad in sorted(conteo.items()):
            resultado.append(_fila(periodo, slug, PENDIENTES[indice], cantidad, es_muestra))
    return resultado, es_muestra


def _definicion(es_muestra: bool) -> dict:
    from datos_abiertos import catalogos

    licencia = catalogos.leer_fixture()["licencia"]
    muestra = " (datos de muestra)" if es_muestra else ""
    notas = (
        "Registro de seguimiento de este sitio, no las cifras oficiales del INM. "
        "Días hábiles: sin fines de semana, festivos federales ni días inhábiles del INM; el "
        "día de ingreso no cuenta. Los indicadores no se suman entre sí; la mediana y el "
        "percentil 90 tampoco se suman entre meses ni entre trámites."
    )
    if es_muestra:
        notas = (
            "Datos de muestra: solicitudes inventadas por el generador del sitio mientras la "
            "oficina no registre solicitudes reales. " + notas
        )
    return {
        "titulo": f"Tiempos de resolución de los trámites{muestra}",
        "descripcion": (
            "Cuántas solicitudes se resuelven cada mes por trámite, cuántas dentro del plazo "
            "legal, la mediana y el percentil 90 de días hábiles hasta la resolución, y cuántas "
            "quedan pendientes al cierre del mes según su antigüedad. Es lo que muestra la "
            "página «Cuánto tardan los trámites» de este sitio."
        ),
        "tema": "Trámites del INM",
        "unidad": "solicitudes (días hábiles en la mediana y el percentil 90)",
        "publicador": "Trámites Migratorios (registro de seguimiento de este sitio)",
        "fuente_url": "",
        "licencia": licencia["nombre"],
        "licencia_url": licencia["url"],
        "dimensiones": ["categoria"],
        "categoria": {
            "columna": "tramite",
            "etiqueta": "Trámite",
            "descripcion": "Trámite, con el identificador (slug) de su ficha en /tramites/.",
            "valores": [
                [slug, nombre] for slug, nombre in Tramite.objects.values_list("slug", "nombre")
            ],
        },
        "indicadores": INDICADORES,
        "notas": notas,
        # Las filas las publica esta app, no el generador de datos_abiertos: con nivel 0, si
        # `cargar_datos_abiertos` recorre este conjunto no inventa nada (y no falla).
        "muestra": {"nivel_anual": 0, "generado_por": "seguimiento.publicacion"},
        "orden": ORDEN,
    }


def publicado() -> bool:
    from datos_abiertos.models import ConjuntoDatos

    return ConjuntoDatos.objects.publicados().filter(slug=SLUG, filas__gt=0).exists()


def publicar(*, hoy: date | None = None):
    """Define el conjunto y reemplaza sus observaciones; devuelve los cambios de `almacen`."""
    from datos_abiertos import almacen
    from datos_abiertos.models import ConjuntoDatos

    hoy = hoy or timezone.localdate()
    ultimo_mes = _mes(_mes(hoy) - timedelta(days=1))
    observaciones, es_muestra = filas(hasta=ultimo_mes, calendario=calendario_inm())
    with transaction.atomic():
        conjunto, _creado = ConjuntoDatos.objects.update_or_create(
            slug=SLUG, defaults=_definicion(es_muestra)
        )
        cambios = almacen.reemplazar(
            conjunto=conjunto, filas=iter(observaciones), alcance=almacen.Alcance()
        )
    logger.info("Tiempos de resolución publicados: %s filas", len(observaciones))
    return cambios
