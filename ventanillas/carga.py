"""Carga fixtures/ventanillas.json (y el catálogo de municipios) y dice qué cambió.

Todo ocurre en una transacción y solo se guarda lo que cambió: repetir la carga no toca nada.
Los lugares que vienen del directorio oficial o que el personal corrigió a mano (origen distinto
de «referencia») no se tocan.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import models, transaction
from django.utils import translation

from config import cache_paginas, entidades
from config.sincronizacion import Informe, Sincronizacion, nombre
from fuentes import carga as carga_fuentes
from fuentes.carga import FuenteDeclarada
from ventanillas import geografia
from ventanillas.models import (
    FUENTES_DE_DATOS,
    Actividad,
    CifraReportada,
    DatoLugar,
    DatoRed,
    DirectorioCanalizacion,
    Estado,
    HorarioApertura,
    Lugar,
    Municipio,
    Origen,
    Servicio,
    ServicioLugar,
)

FIXTURE = settings.BASE_DIR / "fixtures" / "ventanillas.json"


def leer_fixture(ruta: Path = FIXTURE) -> dict:
    return json.loads(ruta.read_text(encoding="utf-8"))


def urls_fuentes(datos: dict) -> set[str]:
    urls = {url for lugar in datos["lugares"] for url in lugar["fuentes"]}
    urls |= {dato["fuente"] for lugar in datos["lugares"] for dato in lugar["datos"]}
    urls |= {d["fuente"] for d in datos["datos_red"]}
    urls |= {c["fuente"] for c in datos["cifras"]}
    urls |= {s["fuente"] for s in datos["servicios"] if s["fuente"]}
    urls |= {a["fuente"] for a in datos["actividades"] if a.get("fuente")}
    urls |= {d["fuente"] for d in datos["directorio"]}
    return urls


def cargar_estados(sinc: Sincronizacion) -> dict[str, Estado]:
    """Los 32 estados de la lista única (config/entidades.py), con su centro geográfico."""
    centros = {e["clave"]: e for e in geografia.mapa()["estados"]}
    estados = {}
    for entidad in entidades.ENTIDADES:
        valores = {
            "nombre": entidad.nombre,
            "slug": entidad.slug,
            "latitud": centros[entidad.clave]["latitud"],
            "longitud": centros[entidad.clave]["longitud"],
        }
        estados[entidad.clave], _ = sinc.guardar(Estado, {"clave": entidad.clave}, valores)
    return estados


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
        informe.creados[nombre(Municipio)] += len(nuevos)
    if cambiados:
        informe.actualizados[nombre(Municipio)] += len(cambiados)
    return {m.clave: m for m in Municipio.objects.all()}


def fecha_consulta(datos: dict, url: str) -> date:
    """Día en que se consultó una fuente: el de la referencia que la cita (la más reciente)."""
    return date.fromisoformat(datos["fuentes_fechas"].get(url, datos["fecha_consulta"]))


CONJUNTO_TRADUCCIONES = "contenido_ventanillas"


def cargar(datos: dict, *, motivo: str = "") -> Informe:
    # Los textos del fixture son el español: se escriben con el español activo (modeltranslation
    # escribe en la columna del idioma activo).
    with translation.override(settings.LANGUAGE_CODE):
        return _cargar(datos, motivo=motivo)


@transaction.atomic
def _cargar(datos: dict, *, motivo: str) -> Informe:
    sinc = Sincronizacion(motivo=motivo, traducciones=CONJUNTO_TRADUCCIONES)
    informe = sinc.informe
    fuentes = carga_fuentes.guardar(
        sinc, (FuenteDeclarada(url, fecha_consulta(datos, url)) for url in urls_fuentes(datos))
    )
    estados = cargar_estados(sinc)
    municipios = cargar_municipios(estados, informe)

    servicios = {}
    for servicio in datos["servicios"]:
        valores = {k: v for k, v in servicio.items() if k != "slug"}
        valores["fuente"] = fuentes[valores["fuente"]] if valores["fuente"] else None
        servicios[servicio["slug"]], _ = sinc.guardar(Servicio, {"slug": servicio["slug"]}, valores)

    for cifra in datos["cifras"]:
        sinc.guardar(
            CifraReportada,
            {"ambito": cifra["ambito"], "orden": cifra["orden"]},
            {"valor": cifra["valor"], "nota": cifra["nota"], "fuente": fuentes[cifra["fuente"]]},
        )
    sinc.borrar(CifraReportada.objects.exclude(_por_ambito_y_orden(datos["cifras"])))
    for dato in datos["datos_red"]:
        sinc.guardar(
            DatoRed,
            {"ambito": dato["ambito"], "orden": dato["orden"]},
            {"texto": dato["texto"], "fuente": fuentes[dato["fuente"]]},
        )
    sinc.borrar(DatoRed.objects.exclude(_por_ambito_y_orden(datos["datos_red"])))

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
            if k not in {"slug", "estado", "municipio", "servicios", "horarios", "fuentes", "datos"}
        }
        simples["estado"] = estados[dato["estado"]]
        simples["municipio"] = municipios[dato["municipio"]] if dato["municipio"] else None
        for campo in FUENTES_DE_DATOS.values():
            simples[campo] = fuentes[dato[campo]] if dato[campo] else None
        simples["origen"] = Origen.REFERENCIA
        simples["publicado"] = True
        lugar, cambio = sinc.guardar(
            Lugar, {"slug": dato["slug"]}, simples, f"lugar {dato['slug']}"
        )
        filas_servicio = [
            {
                "servicio": servicios[s["servicio"]],
                "descripcion": s["descripcion"],
                "orden": s["orden"],
            }
            for s in dato["servicios"]
        ]
        hijos = sinc.reemplazar_filas(ServicioLugar, {"lugar": lugar}, filas_servicio)
        hijos |= sinc.reemplazar_filas(HorarioApertura, {"lugar": lugar}, dato["horarios"])
        hijos |= sinc.reemplazar_filas(
            DatoLugar,
            {"lugar": lugar},
            [{**d, "fuente": fuentes[d["fuente"]]} for d in dato["datos"]],
        )
        hijos |= sinc.relacionar(lugar, "fuentes", (fuentes[url] for url in dato["fuentes"]))
        if hijos and not cambio:
            informe.detalles.append(f"~ {dato['slug']}: servicios, horarios, datos o fuentes")
            sinc.marcar_cambio(lugar)
    retirados = Lugar.objects.filter(origen=Origen.REFERENCIA).exclude(slug__in=slugs)
    for lugar in retirados:
        informe.detalles.append(f"- lugar {lugar.slug} (ya no está en la referencia)")
    sinc.borrar(retirados)

    for actividad in datos["actividades"]:
        valores = dict(actividad)
        ventanilla = Lugar.objects.get(slug=valores.pop("ventanilla"))
        valores["fuente"] = fuentes.get(valores.get("fuente") or "")
        sinc.guardar(
            Actividad,
            {"ventanilla": ventanilla, "fecha": valores.pop("fecha"), "tema": valores.pop("tema")},
            valores,
        )
    for entrada in datos["directorio"]:
        valores = dict(entrada)
        sinc.guardar(
            DirectorioCanalizacion,
            {"estado": estados[valores.pop("estado")], "nombre": valores.pop("nombre")},
            {**valores, "fuente": fuentes[valores["fuente"]]},
        )
    if informe.hubo_cambios:
        # Las cargas en bloque no pasan por save(): se avisa a la caché de páginas.
        transaction.on_commit(cache_paginas.invalidar)
    return informe


def _por_ambito_y_orden(filas: list[dict]) -> models.Q:
    return models.Q(
        *[models.Q(ambito=f["ambito"], orden=f["orden"]) for f in filas], _connector=models.Q.OR
    )
