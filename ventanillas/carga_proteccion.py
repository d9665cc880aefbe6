"""Carga fixtures/proteccion.json: el refugio ante la COMAR, sus oficinas y otras instituciones.

Todo en una transacción y solo lo que cambió, con el motivo en el historial: repetir la carga no
toca nada. Las fuentes pasan por fuentes/carga.py, que rechaza imitaciones de dominios oficiales y
proxies web. Los textos se traducen con fixtures/traducciones/contenido_proteccion.<idioma>.json.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from config import cache_paginas
from config.sincronizacion import Informe, Sincronizacion
from fuentes import carga as carga_fuentes
from fuentes.carga import FuenteDeclarada
from ventanillas.models import Estado, HechoProteccion, Institucion, OficinaComar

FIXTURE = settings.BASE_DIR / "fixtures" / "proteccion.json"
CONJUNTO_TRADUCCIONES = "contenido_proteccion"


def leer_fixture(ruta: Path = FIXTURE) -> dict:
    return json.loads(ruta.read_text(encoding="utf-8"))


def _urls(datos: dict) -> set[str]:
    urls = {u for h in datos["hechos"] for u in h["fuentes"]}
    urls |= {u for i in datos["instituciones"] for u in i["fuentes"]}
    for oficina in datos["oficinas"]:
        urls |= set(oficina["fuentes_ubicacion"]) | set(oficina["fuentes_datos"])
    return urls


@transaction.atomic
def cargar(datos: dict, *, motivo: str = "") -> Informe:
    sinc = Sincronizacion(motivo=motivo, traducciones=CONJUNTO_TRADUCCIONES)
    informe = sinc.informe
    fechas = datos["fuentes_fechas"]
    fuentes = carga_fuentes.guardar(
        sinc,
        (
            FuenteDeclarada(url, date.fromisoformat(fechas.get(url) or datos["fecha_consulta"]))
            for url in _urls(datos)
        ),
    )
    estados = {e.clave: e for e in Estado.objects.all()}

    def relacionar(objeto, campo, urls, cambio):
        if sinc.relacionar(objeto, campo, (fuentes[u] for u in urls)) and not cambio:
            informe.actualizados[str(objeto._meta.verbose_name_plural)] += 1

    for hecho in datos["hechos"]:
        valores = {k: v for k, v in hecho.items() if k not in {"clave", "fuentes"}}
        objeto, cambio = sinc.guardar(HechoProteccion, {"clave": hecho["clave"]}, valores)
        relacionar(objeto, "fuentes", hecho["fuentes"], cambio)
    sinc.borrar(HechoProteccion.objects.exclude(clave__in=[h["clave"] for h in datos["hechos"]]))

    for oficina in datos["oficinas"]:
        valores = {
            k: v
            for k, v in oficina.items()
            if k not in {"slug", "fuentes_ubicacion", "fuentes_datos"}
        }
        # Sin los estados cargados (cargar_ventanillas), la oficina queda sin estado.
        valores["estado"] = estados.get(oficina["estado"])
        objeto, cambio = sinc.guardar(OficinaComar, {"slug": oficina["slug"]}, valores)
        relacionar(objeto, "fuentes_ubicacion", oficina["fuentes_ubicacion"], cambio)
        relacionar(objeto, "fuentes_datos", oficina["fuentes_datos"], cambio)
    sinc.borrar(OficinaComar.objects.exclude(slug__in=[o["slug"] for o in datos["oficinas"]]))

    for institucion in datos["instituciones"]:
        valores = {k: v for k, v in institucion.items() if k not in {"ancla", "fuentes"}}
        objeto, cambio = sinc.guardar(Institucion, {"ancla": institucion["ancla"]}, valores)
        relacionar(objeto, "fuentes", institucion["fuentes"], cambio)
    sinc.borrar(Institucion.objects.exclude(ancla__in=[i["ancla"] for i in datos["instituciones"]]))
    if informe.hubo_cambios:
        transaction.on_commit(cache_paginas.invalidar)
    return informe
