"""Carga fixtures/tramites.json en la base de datos y dice qué cambió.

Todo ocurre en una transacción. Solo se guarda lo que cambió, de modo que repetir la carga no
toca nada ni agrega versiones al historial. Cada cambio queda en el historial con su motivo.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import translation

from config.traducciones import con_traducciones
from tramites.models import (
    Categoria,
    Cuota,
    Formato,
    Fuente,
    FundamentoLegal,
    Modalidad,
    Requisito,
    Supuesto,
    TemaComun,
    Tramite,
)
from tramites.referencia import fecha_consulta


@dataclass
class Informe:
    creados: Counter = field(default_factory=Counter)
    actualizados: Counter = field(default_factory=Counter)
    borrados: Counter = field(default_factory=Counter)
    detalles: list[str] = field(default_factory=list)

    @property
    def hubo_cambios(self) -> bool:
        return bool(self.creados or self.actualizados or self.borrados)

    def resumen(self) -> list[str]:
        modelos = sorted(set(self.creados) | set(self.actualizados) | set(self.borrados), key=str)
        return [
            f"{modelo}: {self.creados[modelo]} nuevos, {self.actualizados[modelo]} actualizados, "
            f"{self.borrados[modelo]} borrados"
            for modelo in modelos
        ]


def _nombre(modelo) -> str:
    return str(modelo._meta.verbose_name_plural)


def _normalizar(campo: models.Field, valor):
    if valor is None:
        return None
    if isinstance(campo, models.DecimalField):
        return Decimal(str(valor))
    if isinstance(campo, models.DateField) and isinstance(valor, str):
        return date.fromisoformat(valor)
    return valor


def _guardar(
    modelo, buscar: dict, valores: dict, informe: Informe, motivo: str, etiqueta: str = ""
):
    """Crea o actualiza una fila solo si algo cambió; devuelve (objeto, cambió)."""
    objeto = modelo.objects.filter(**buscar).first()
    campos = {campo.name: campo for campo in modelo._meta.concrete_fields}
    valores = con_traducciones(modelo, valores, CONJUNTO_TRADUCCIONES)
    valores = {clave: _normalizar(campos[clave], v) for clave, v in valores.items()}
    if objeto is None:
        objeto = modelo(**buscar, **valores)
        objeto._change_reason = motivo
        objeto.save()
        informe.creados[_nombre(modelo)] += 1
        if etiqueta:
            informe.detalles.append(f"+ {etiqueta}")
        return objeto, True
    distintos = [clave for clave, v in valores.items() if getattr(objeto, clave) != v]
    if not distintos:
        return objeto, False
    for clave in distintos:
        setattr(objeto, clave, valores[clave])
    objeto._change_reason = motivo
    objeto.save()
    informe.actualizados[_nombre(modelo)] += 1
    if etiqueta:
        informe.detalles.append(f"~ {etiqueta}: {', '.join(distintos)}")
    return objeto, True


def _borrar(consulta, informe: Informe, motivo: str) -> bool:
    borrados = 0
    for objeto in consulta:
        objeto._change_reason = motivo
        objeto.delete()
        borrados += 1
    if borrados:
        informe.borrados[_nombre(consulta.model)] += borrados
    return bool(borrados)


def _sincronizar_hijos(tramite, modelo, filas, informe, motivo, modalidades) -> bool:
    """Filas hijas de un trámite, emparejadas por su posición (`orden`)."""
    cambio = False
    for fila in filas:
        valores = {k: v for k, v in fila.items() if k != "orden"}
        if "modalidad" in valores:
            valores["modalidad"] = modalidades.get(valores["modalidad"])
        if "fuente" in valores:
            valores["fuente"] = (
                Fuente.objects.get(url=valores["fuente"]) if valores["fuente"] else None
            )
        _, cambio_fila = _guardar(
            modelo, {"tramite": tramite, "orden": fila["orden"]}, valores, informe, motivo
        )
        cambio |= cambio_fila
    sobrantes = modelo.objects.filter(tramite=tramite).exclude(
        orden__in=[f["orden"] for f in filas]
    )
    return _borrar(sobrantes, informe, motivo) or cambio


CONJUNTO_TRADUCCIONES = "contenido_tramites"


def cargar(datos: dict, *, motivo: str) -> Informe:
    # Los textos del fixture son el español: se escriben con el español activo, sea cual sea el
    # idioma de quien corre la carga (modeltranslation escribe en la columna del idioma activo).
    with translation.override(settings.LANGUAGE_CODE):
        return _cargar(datos, motivo=motivo)


@transaction.atomic
def _cargar(datos: dict, *, motivo: str) -> Informe:
    informe = Informe()
    urls = {url for t in datos["tramites"] for url in t["fuentes"]}
    urls |= {url for tema in datos["temas"] for url in tema["fuentes"]}
    urls |= {c["fuente"] for t in datos["tramites"] for c in t["cuotas"] if c["fuente"]}
    for url in sorted(urls):
        _guardar(
            Fuente, {"url": url}, {"fecha_consulta": fecha_consulta(datos, url)}, informe, motivo
        )

    categorias = {}
    for categoria in datos["categorias"]:
        valores = {k: v for k, v in categoria.items() if k != "slug"}
        categorias[categoria["slug"]], _ = _guardar(
            Categoria, {"slug": categoria["slug"]}, valores, informe, motivo
        )

    for tema in datos["temas"]:
        valores = {k: v for k, v in tema.items() if k not in ("clave", "fuentes")}
        objeto, _ = _guardar(
            TemaComun, {"clave": tema["clave"]}, valores, informe, motivo, f"tema {tema['clave']}"
        )
        objeto.fuentes.set(Fuente.objects.filter(url__in=tema["fuentes"]))

    hijos = (
        ("requisitos", Requisito),
        ("cuotas", Cuota),
        ("fundamentos", FundamentoLegal),
        ("formatos", Formato),
        ("supuestos", Supuesto),
    )
    for datos_tramite in datos["tramites"]:
        slug = datos_tramite["slug"]
        simples = {
            k: v
            for k, v in datos_tramite.items()
            if k not in {"slug", "categoria", "modalidades", "fuentes"} | {h for h, _ in hijos}
        }
        simples["categoria"] = categorias[datos_tramite["categoria"]]
        tramite, cambio = _guardar(
            Tramite, {"slug": slug}, simples, informe, motivo, f"trámite {slug}"
        )
        modalidades = {}
        for modalidad in datos_tramite["modalidades"]:
            modalidades[modalidad["slug"]], cambio_modalidad = _guardar(
                Modalidad,
                {"tramite": tramite, "slug": modalidad["slug"]},
                {"nombre": modalidad["nombre"], "orden": modalidad["orden"]},
                informe,
                motivo,
            )
            cambio |= cambio_modalidad
        hijos_cambiaron = False
        for clave, modelo in hijos:
            if _sincronizar_hijos(
                tramite, modelo, datos_tramite[clave], informe, motivo, modalidades
            ):
                hijos_cambiaron = True
                informe.detalles.append(f"~ {slug}: {clave}")
        sobrantes = Modalidad.objects.filter(tramite=tramite).exclude(slug__in=modalidades)
        hijos_cambiaron |= _borrar(sobrantes, informe, motivo)
        fuentes = set(Fuente.objects.filter(url__in=datos_tramite["fuentes"]))
        if set(tramite.fuentes.all()) != fuentes:
            tramite.fuentes.set(fuentes)
            hijos_cambiaron = True
            informe.detalles.append(f"~ {slug}: fuentes")
        if hijos_cambiaron and not cambio:
            # La ficha cambió aunque sus campos propios no: se marca la nueva fecha.
            tramite._change_reason = motivo
            tramite.save()

    slugs = [t["slug"] for t in datos["tramites"]]
    if _borrar(Tramite.objects.exclude(slug__in=slugs), informe, motivo):
        informe.detalles.append("- trámites que ya no están en el fixture")
    return informe
