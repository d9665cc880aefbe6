"""Carga fixtures/ventanillas.json (y el catálogo de municipios) y dice qué cambió.

Todo ocurre en una transacción y solo se guarda lo que cambió: repetir la carga no toca nada.
Los lugares que vienen del directorio oficial o que el personal corrigió a mano (origen distinto
de «referencia») no se tocan.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import translation

from config import cache_paginas
from config.traducciones import con_traducciones
from ventanillas import geografia
from ventanillas.models import (
    Actividad,
    CifraReportada,
    DirectorioCanalizacion,
    Estado,
    Fuente,
    HorarioApertura,
    Lugar,
    Municipio,
    Origen,
    Servicio,
    ServicioLugar,
)
from ventanillas.referencia import fecha_consulta, urls_fuentes


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
        modelos = sorted(set(self.creados) | set(self.actualizados) | set(self.borrados))
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
    if isinstance(campo, models.TimeField) and isinstance(valor, str):
        return time.fromisoformat(valor)
    return valor


def _guardar(modelo, buscar: dict, valores: dict, informe: Informe, etiqueta: str = ""):
    """Crea o actualiza una fila solo si algo cambió; devuelve (objeto, cambió)."""
    objeto = modelo.objects.filter(**buscar).first()
    campos = {c.name: c for c in modelo._meta.concrete_fields}
    valores = con_traducciones(modelo, valores, CONJUNTO_TRADUCCIONES)
    valores = {clave: _normalizar(campos[clave], v) for clave, v in valores.items()}
    if objeto is None:
        objeto = modelo.objects.create(**buscar, **valores)
        informe.creados[_nombre(modelo)] += 1
        if etiqueta:
            informe.detalles.append(f"+ {etiqueta}")
        return objeto, True
    distintos = [clave for clave, v in valores.items() if getattr(objeto, clave) != v]
    if not distintos:
        return objeto, False
    for clave in distintos:
        setattr(objeto, clave, valores[clave])
    objeto.save()
    informe.actualizados[_nombre(modelo)] += 1
    if etiqueta:
        informe.detalles.append(f"~ {etiqueta}: {', '.join(distintos)}")
    return objeto, True


def _sincronizar_filas(modelo, padre: dict, filas: list[dict], informe: Informe) -> bool:
    """Reemplaza las filas hijas de un padre solo si difieren (comparadas en orden)."""
    campos = {c.name: c for c in modelo._meta.concrete_fields}
    filas = [con_traducciones(modelo, fila, CONJUNTO_TRADUCCIONES) for fila in filas]
    nuevas = [{k: _normalizar(campos[k], v) for k, v in fila.items()} for fila in filas]
    claves = list(nuevas[0]) if nuevas else []
    comparables = [
        {k: v.pk if isinstance(v, models.Model) else v for k, v in fila.items()} for fila in nuevas
    ]
    actuales = list(modelo.objects.filter(**padre).values(*claves)) if claves else []
    if claves and actuales == comparables:
        return False
    if not claves and not modelo.objects.filter(**padre).exists():
        return False
    borrados, _ = modelo.objects.filter(**padre).delete()
    if borrados:
        informe.borrados[_nombre(modelo)] += borrados
    modelo.objects.bulk_create([modelo(**padre, **fila) for fila in nuevas])
    informe.creados[_nombre(modelo)] += len(nuevas)
    return True


def cargar_municipios(estados: dict[str, Estado], informe: Informe) -> dict[str, Municipio]:
    """El catálogo del INEGI (ventanillas/geodatos/municipios.csv), en bloque."""
    existentes = {m.clave: m for m in Municipio.objects.all()}
    nuevos, cambiados = [], []
    for clave, dato in geografia.municipios().items():
        valores = {
            "estado": estados[dato.clave_entidad],
            "nombre": dato.nombre,
            "latitud": dato.latitud,
            "longitud": dato.longitud,
        }
        municipio = existentes.get(clave)
        if municipio is None:
            nuevos.append(Municipio(clave=clave, **valores))
        elif any(getattr(municipio, k) != v for k, v in valores.items()):
            for k, v in valores.items():
                setattr(municipio, k, v)
            cambiados.append(municipio)
    Municipio.objects.bulk_create(nuevos, batch_size=500)
    Municipio.objects.bulk_update(cambiados, ["estado", "nombre", "latitud", "longitud"])
    if nuevos:
        informe.creados[_nombre(Municipio)] += len(nuevos)
    if cambiados:
        informe.actualizados[_nombre(Municipio)] += len(cambiados)
    return {m.clave: m for m in Municipio.objects.all()}


CONJUNTO_TRADUCCIONES = "contenido_ventanillas"


def cargar(datos: dict) -> Informe:
    # Los textos del fixture son el español: se escriben con el español activo (modeltranslation
    # escribe en la columna del idioma activo).
    with translation.override(settings.LANGUAGE_CODE):
        return _cargar(datos)


@transaction.atomic
def _cargar(datos: dict) -> Informe:
    informe = Informe()
    consulta = fecha_consulta(datos)
    fuentes = {}
    for url in sorted(urls_fuentes(datos)):
        fuentes[url], _ = _guardar(Fuente, {"url": url}, {"fecha_consulta": consulta}, informe)

    estados = {}
    for estado in datos["estados"]:
        valores = {k: v for k, v in estado.items() if k != "clave"}
        estados[estado["clave"]], _ = _guardar(Estado, {"clave": estado["clave"]}, valores, informe)
    municipios = cargar_municipios(estados, informe)

    servicios = {}
    for servicio in datos["servicios"]:
        valores = {k: v for k, v in servicio.items() if k != "slug"}
        valores["fuente"] = fuentes.get(valores["fuente"]) if valores["fuente"] else None
        servicios[servicio["slug"]], _ = _guardar(
            Servicio, {"slug": servicio["slug"]}, valores, informe
        )

    for cifra in datos["cifras"]:
        _guardar(
            CifraReportada,
            {"ambito": cifra["ambito"], "orden": cifra["orden"]},
            {"valor": cifra["valor"], "nota": cifra["nota"], "fuente": fuentes[cifra["fuente"]]},
            informe,
        )
    sobrantes = CifraReportada.objects.exclude(
        models.Q(
            *[models.Q(ambito=c["ambito"], orden=c["orden"]) for c in datos["cifras"]],
            _connector=models.Q.OR,
        )
    )
    borrados, _ = sobrantes.delete()
    if borrados:
        informe.borrados[_nombre(CifraReportada)] += borrados

    slugs = []
    for dato in datos["lugares"]:
        slugs.append(dato["slug"])
        existente = Lugar.objects.filter(slug=dato["slug"]).first()
        if existente and existente.origen != Origen.REFERENCIA:
            informe.detalles.append(
                f"= {dato['slug']}: no se toca (origen «{existente.get_origen_display()}»)"
            )
            continue
        simples = {
            k: v
            for k, v in dato.items()
            if k not in {"slug", "estado", "municipio", "servicios", "horarios", "fuentes"}
        }
        simples["estado"] = estados[dato["estado"]]
        simples["municipio"] = municipios[dato["municipio"]] if dato["municipio"] else None
        simples["origen"] = Origen.REFERENCIA
        simples["publicado"] = True
        lugar, cambio = _guardar(
            Lugar, {"slug": dato["slug"]}, simples, informe, f"lugar {dato['slug']}"
        )
        filas_servicio = [
            {
                "servicio": servicios[s["servicio"]],
                "descripcion": s["descripcion"],
                "orden": s["orden"],
            }
            for s in dato["servicios"]
        ]
        hijos = _sincronizar_filas(ServicioLugar, {"lugar": lugar}, filas_servicio, informe)
        hijos |= _sincronizar_filas(HorarioApertura, {"lugar": lugar}, dato["horarios"], informe)
        propias = {fuentes[url] for url in dato["fuentes"]}
        if set(lugar.fuentes.all()) != propias:
            lugar.fuentes.set(propias)
            hijos = True
        if hijos and not cambio:
            informe.detalles.append(f"~ {dato['slug']}: servicios, horarios o fuentes")
            lugar.save()
    retirados = Lugar.objects.filter(origen=Origen.REFERENCIA).exclude(slug__in=slugs)
    for lugar in retirados:
        informe.detalles.append(f"- lugar {lugar.slug} (ya no está en la referencia)")
        informe.borrados[_nombre(Lugar)] += 1
    retirados.delete()

    for actividad in datos["actividades"]:
        valores = dict(actividad)
        valores["ventanilla"] = Lugar.objects.get(slug=valores["ventanilla"])
        valores["fuente"] = fuentes.get(valores.get("fuente") or "")
        _guardar(
            Actividad,
            {
                "ventanilla": valores.pop("ventanilla"),
                "fecha": valores.pop("fecha"),
                "tema": valores.pop("tema"),
            },
            valores,
            informe,
        )
    for entrada in datos["directorio"]:
        valores = dict(entrada)
        _guardar(
            DirectorioCanalizacion,
            {"estado": estados[valores.pop("estado")], "nombre": valores.pop("nombre")},
            {**valores, "fuente": fuentes[valores["fuente"]]},
            informe,
        )
    if informe.hubo_cambios:
        # Las cargas en bloque no pasan por save(): se avisa a la caché de páginas.
        transaction.on_commit(cache_paginas.invalidar)
    return informe
