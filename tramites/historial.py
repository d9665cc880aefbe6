"""Historial público de un trámite: cada cambio a su ficha, requisitos y cuotas, con fecha y motivo.

Se lee de las tablas de django-simple-history en tres consultas y las diferencias se calculan en
memoria comparando cada versión con la anterior del mismo objeto.
"""

from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuentes.models import Fuente
from tramites.models import Cuota, Modalidad, Requisito, Tramite

CAMPOS = {
    Tramite: (
        "nombre",
        "homoclave",
        "resumen",
        "descripcion",
        "quien_lo_solicita",
        "resultado",
        "cuando_solicitar",
        "plazo_resolucion_dias_habiles",
        "plazo_resolucion_dias_naturales",
        "plazo_fundamento",
        "plazo_notas",
        "vigencia_resultado",
        "vigencia_fundamento",
        "donde",
        "pendiente",
        "publicado",
    ),
    Requisito: ("texto", "presentacion", "notas", "fundamento", "fuente_id", "modalidad_id"),
    Cuota: (
        "concepto",
        "monto",
        "anio_vigencia",
        "fundamento",
        "grupo",
        "notas",
        "modalidad_id",
        "fuente_id",
    ),
}
TIPO = {"+": _("Se agregó"), "~": _("Cambió"), "-": _("Se quitó")}
OBJETO = {Tramite: _("la ficha"), Requisito: _("un requisito"), Cuota: _("una cuota")}


@dataclass
class CambioCampo:
    campo: str
    antes: object
    despues: object


@dataclass
class Cambio:
    fecha: datetime
    tipo: str
    accion: str
    objeto: str
    descripcion: str
    motivo: str = ""
    campos: list[CambioCampo] = field(default_factory=list)


@dataclass
class Entrada:
    """Cambios hechos el mismo día con el mismo motivo."""

    fecha: datetime
    motivo: str
    cambios: list[Cambio]


def _descripcion(modelo, registro) -> str:
    if modelo is Requisito:
        return registro.texto
    if modelo is Cuota:
        return registro.concepto
    return registro.nombre


def _cambios(modelo, registros, nombres: dict) -> list[Cambio]:
    etiquetas = {f.attname: str(f.verbose_name) for f in modelo._meta.concrete_fields}
    resultado = []
    por_objeto = sorted(registros, key=lambda r: (r.id, r.history_date, r.history_id))
    for _id, versiones in groupby(por_objeto, key=lambda r: r.id):
        anterior = None
        for version in versiones:
            campos = []
            if version.history_type == "~" and anterior is not None:
                campos = [
                    CambioCampo(
                        etiquetas[c],
                        nombres.get((c, getattr(anterior, c)), getattr(anterior, c)),
                        nombres.get((c, getattr(version, c)), getattr(version, c)),
                    )
                    for c in CAMPOS[modelo]
                    if getattr(anterior, c) != getattr(version, c)
                ]
                if not campos:
                    anterior = version
                    continue  # guardado sin cambios visibles
            resultado.append(
                Cambio(
                    fecha=version.history_date,
                    tipo=version.history_type,
                    accion=str(TIPO[version.history_type]),
                    objeto=str(OBJETO[modelo]),
                    descripcion=_descripcion(modelo, version),
                    motivo=version.history_change_reason or "",
                    campos=campos,
                )
            )
            anterior = version
    return resultado


def historial(tramite: Tramite) -> list[Entrada]:
    # Los identificadores de modalidad y fuente se muestran con su nombre.
    nombres = {("modalidad_id", m.pk): m.nombre for m in Modalidad.objects.filter(tramite=tramite)}
    nombres.update(
        {
            ("fuente_id", f.pk): f.url
            for f in Fuente.objects.filter(
                Q(cuotas__tramite=tramite) | Q(requisitos__tramite=tramite)
            ).distinct()
        }
    )
    cambios = (
        _cambios(Tramite, Tramite.history.filter(id=tramite.pk), nombres)
        + _cambios(Requisito, Requisito.history.filter(tramite_id=tramite.pk), nombres)
        + _cambios(Cuota, Cuota.history.filter(tramite_id=tramite.pk), nombres)
    )

    def clave(cambio):
        return (timezone.localdate(cambio.fecha), cambio.motivo)

    cambios.sort(key=lambda c: c.fecha, reverse=True)
    entradas = []
    for (_dia, motivo), grupo in groupby(sorted(cambios, key=clave, reverse=True), key=clave):
        lista = sorted(grupo, key=lambda c: c.fecha)
        entradas.append(Entrada(fecha=lista[-1].fecha, motivo=motivo, cambios=lista))
    entradas.sort(key=lambda e: e.fecha, reverse=True)
    return entradas
