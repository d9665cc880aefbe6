"""Solicitudes de muestra para que /tramites/tiempos/ y la consulta tengan algo que mostrar.

Todo lo que genera lleva `es_muestra` y su número empieza con «MUESTRA-»: no son de nadie y
las páginas lo dicen («Datos de muestra»). Las fechas se cuentan hacia atrás desde hoy; los
tiempos siguen una distribución log-normal alrededor del plazo legal de cada trámite, con
requerimientos de información en una de cada cuatro. Con la misma semilla y el mismo día sale
exactamente lo mismo.

La solicitud MUESTRA-000001 tiene una contraseña conocida (CONTRASENA_CONOCIDA, documentada en
docs/seguimiento.md) para probar la consulta: va en revisión, con un requerimiento ya atendido
y un plazo que vence en el futuro.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from config import cache_paginas
from config.sincronizacion import Informe, nombre
from seguimiento import contrasenas, registro
from seguimiento.calendario import calendario_inm
from seguimiento.models import CambioEstatus, Estatus, Solicitud
from seguimiento.plazos import Calendario
from tramites.models import Tramite

PREFIJO = "MUESTRA-"
NUT_CONOCIDO = "MUESTRA-000001"
# Dato de muestra, no un secreto: sirve para probar la consulta y está en la documentación.
CONTRASENA_CONOCIDA = "MUES-TRA2-2026"  # noqa: S105
TRAMITE_CONOCIDO = "permiso-para-trabajar"
SOLICITUDES = 1500
SEMILLA = 2026
DIAS_ATRAS = 460
PLAZO_SUPUESTO = 20  # para trámites sin plazo publicado: solo da forma a la muestra
REQUERIMIENTOS = (
    "Requerimiento de muestra: aclarar un dato del formato de solicitud.",
    "Requerimiento de muestra: entregar una copia legible de un documento ya presentado.",
    "Requerimiento de muestra: presentar el comprobante de pago de derechos.",
)


def _habiles_en(calendario: Calendario, desde: date, hasta: date) -> list[date]:
    dias, dia = [], desde
    while dia <= hasta:
        if calendario.es_habil(dia):
            dias.append(dia)
        dia += timedelta(days=1)
    return dias


def _historial(azar: random.Random, ingreso: date, plazo: int, calendario: Calendario):
    """Cambios (estatus, fecha, requerimiento, fecha límite) de una solicitud inventada."""
    mas = calendario.sumar_dias_habiles
    cambios = [(Estatus.RECIBIDO, ingreso, "", None)]
    revision = mas(ingreso, azar.randint(1, 3))
    cambios.append((Estatus.EN_REVISION, revision, "", None))
    inicio = ingreso
    if azar.random() < 0.25:
        pedido = mas(revision, azar.randint(2, 8))
        limite = registro.fecha_limite_por_omision(pedido, calendario)
        cambios.append((Estatus.REQUIERE_INFORMACION, pedido, azar.choice(REQUERIMIENTOS), limite))
        if azar.random() < 0.06:
            # No respondió: se resuelve en contra al vencer el plazo para subsanar.
            cambios.append(
                (Estatus.RESUELTO_NO_FAVORABLE, mas(limite, azar.randint(1, 5)), "", None)
            )
            return cambios
        inicio = mas(pedido, azar.randint(1, 9))
        cambios.append((Estatus.EN_REVISION, inicio, "", None))
    tarda = max(2, round(azar.lognormvariate(0, 0.45) * plazo * 0.75))
    resolucion = mas(inicio, tarda)
    favorable = azar.random() < 0.85
    estatus = Estatus.RESUELTO_FAVORABLE if favorable else Estatus.RESUELTO_NO_FAVORABLE
    cambios.append((estatus, resolucion, "", None))
    if favorable and azar.random() < 0.8:
        cambios.append((Estatus.DOCUMENTO_LISTO, mas(resolucion, azar.randint(2, 8)), "", None))
    return cambios


def _historial_conocido(hoy: date, calendario: Calendario):
    """MUESTRA-000001: ingresó hace 12 días hábiles, con un requerimiento ya atendido."""
    dias = _habiles_en(calendario, hoy - timedelta(days=40), hoy)
    ingreso = dias[-13]
    mas = calendario.sumar_dias_habiles
    pedido = mas(ingreso, 4)
    entregado = mas(ingreso, 8)
    return ingreso, [
        (Estatus.RECIBIDO, ingreso, "", None),
        (Estatus.EN_REVISION, mas(ingreso, 1), "", None),
        (
            Estatus.REQUIERE_INFORMACION,
            pedido,
            REQUERIMIENTOS[0],
            registro.fecha_limite_por_omision(pedido, calendario),
        ),
        (Estatus.EN_REVISION, entregado, "", None),
    ]


def _contrasena(azar: random.Random) -> str:
    caracteres = "".join(azar.choice(contrasenas.ALFABETO) for _ in range(12))
    return "-".join(caracteres[i : i + 4] for i in range(0, 12, 4))


def al_dia(*, solicitudes: int, hoy: date) -> bool:
    """¿Ya está la muestra de hoy con ese número de solicitudes?"""
    muestra = Solicitud.objects.filter(es_muestra=True)
    conocida = muestra.filter(nut=NUT_CONOCIDO).values_list("creada", flat=True).first()
    return (
        conocida is not None
        and timezone.localdate(conocida) == hoy
        and muestra.count() == solicitudes
    )


@transaction.atomic
def generar(
    *,
    solicitudes: int = SOLICITUDES,
    semilla: int = SEMILLA,
    hoy: date | None = None,
    forzar: bool = False,
) -> Informe:
    """Reemplaza las solicitudes de muestra; no toca las reales. Nada si ya está al día."""
    hoy = hoy or timezone.localdate()
    if not forzar and al_dia(solicitudes=solicitudes, hoy=hoy):
        return Informe()
    calendario = calendario_inm()
    tramites = list(Tramite.objects.publicados().prefetch_related("modalidades"))
    if not tramites:
        raise ValueError("No hay trámites cargados: corra primero `manage.py cargar_tramites`.")
    from ventanillas.models import Lugar

    oficinas = list(Lugar.objects.oficinas().order_by("slug"))
    informe = Informe()
    _borradas, borradas = Solicitud.objects.filter(es_muestra=True).delete()
    informe.borrados.update({nombre(Solicitud): borradas.get(Solicitud._meta.label, 0)})
    azar = random.Random(semilla)  # noqa: S311 — datos de muestra reproducibles, no secretos
    pesos = [azar.uniform(0.3, 1.0) for _ in tramites]
    ingresos = _habiles_en(calendario, hoy - timedelta(days=DIAS_ATRAS), hoy)
    nuevas: list[tuple[Solicitud, list]] = []
    for numero in range(1, solicitudes + 1):
        nut = f"{PREFIJO}{numero:06d}"
        if nut == NUT_CONOCIDO:
            tramite = next((t for t in tramites if t.slug == TRAMITE_CONOCIDO), tramites[0])
            ingreso, historial = _historial_conocido(hoy, calendario)
            contrasena = CONTRASENA_CONOCIDA
        else:
            tramite = azar.choices(tramites, weights=pesos)[0]
            ingreso = azar.choice(ingresos)
            plazo = tramite.plazo_resolucion_dias_habiles or PLAZO_SUPUESTO
            historial = _historial(azar, ingreso, plazo, calendario)
            contrasena = _contrasena(azar)
        historial = [c for c in historial if c[1] <= hoy]
        modalidades = list(tramite.modalidades.all())
        solicitud = Solicitud(
            nut=nut,
            contrasena=contrasenas.cifrar(contrasena),
            tramite=tramite,
            modalidad=azar.choice(modalidades) if modalidades else None,
            oficina=azar.choice(oficinas) if oficinas else None,
            fecha_ingreso=ingreso,
            es_muestra=True,
        )
        cambios = [
            CambioEstatus(estatus=e, fecha=f, requerimiento=r, fecha_limite=lim)
            for e, f, r, lim in historial
        ]
        registro.aplicar(solicitud, registro.derivar(ingreso, cambios))
        nuevas.append((solicitud, cambios))
    Solicitud.objects.bulk_create([s for s, _c in nuevas], batch_size=1000)
    todos = []
    for solicitud, cambios in nuevas:
        for cambio in cambios:
            cambio.solicitud = solicitud
            todos.append(cambio)
    CambioEstatus.objects.bulk_create(todos, batch_size=2000)
    # bulk_create no emite señales: la página de tiempos guardada deja de valer aquí.
    transaction.on_commit(cache_paginas.invalidar)
    informe.creados[nombre(Solicitud)] = len(nuevas)
    informe.creados[nombre(CambioEstatus)] = len(todos)
    return informe
