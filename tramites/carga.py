"""Carga fixtures/tramites.json en la base de datos y dice qué cambió.

Todo ocurre en una transacción. Solo se guarda lo que cambió, de modo que repetir la carga no
toca nada ni agrega versiones al historial. Cada cambio queda en el historial con su motivo.
"""

import json
from datetime import date
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from config.sincronizacion import Informe, Sincronizacion
from fuentes import carga as carga_fuentes
from fuentes.carga import FuenteDeclarada
from tramites.instituciones import INSTITUCIONES
from tramites.models import (
    Categoria,
    Cuota,
    Formato,
    FraseBusqueda,
    FundamentoLegal,
    Modalidad,
    Requisito,
    Supuesto,
    TemaComun,
    Tramite,
)

FIXTURE = settings.BASE_DIR / "fixtures" / "tramites.json"
# Cómo pide la gente cada trámite o institución, por idioma (palabras nuestras, no hechos).
FRASES = settings.BASE_DIR / "fixtures" / "frases_busqueda.yaml"
# Campos del trámite que apuntan a la fuente de un hecho de la ficha.
FUENTES_DE_LA_FICHA = ("plazo_fuente", "cuando_fuente", "vigencia_fuente")


def leer_fixture(ruta: Path = FIXTURE) -> dict:
    return json.loads(ruta.read_text(encoding="utf-8"))


def urls_fuentes(datos: dict) -> set[str]:
    """Toda fuente que cita el fixture: de trámites, temas, requisitos, cuotas y plazos."""
    urls = {url for t in datos["tramites"] for url in t["fuentes"]}
    urls |= {url for tema in datos["temas"] for url in tema["fuentes"]}
    urls |= {
        fila["fuente"]
        for t in datos["tramites"]
        for fila in t["requisitos"] + t["cuotas"]
        if fila["fuente"]
    }
    urls |= {t[c] for t in datos["tramites"] for c in FUENTES_DE_LA_FICHA if t[c]}
    return urls


def fecha_consulta(datos: dict, url: str) -> date:
    """Fecha en que se consultó una fuente: la del complemento o la de la referencia."""
    return date.fromisoformat(datos["fuentes_fechas"].get(url, datos["fecha_consulta"]))


CONJUNTO_TRADUCCIONES = "contenido_tramites"


def cargar(datos: dict, *, motivo: str) -> Informe:
    # Los textos del fixture son el español: se escriben con el español activo, sea cual sea el
    # idioma de quien corre la carga (modeltranslation escribe en la columna del idioma activo).
    with translation.override(settings.LANGUAGE_CODE):
        return _cargar(datos, motivo=motivo)


@transaction.atomic
def _cargar(datos: dict, *, motivo: str) -> Informe:
    sinc = Sincronizacion(motivo=motivo, traducciones=CONJUNTO_TRADUCCIONES)
    fuentes = carga_fuentes.guardar(
        sinc, (FuenteDeclarada(url, fecha_consulta(datos, url)) for url in urls_fuentes(datos))
    )

    categorias = {}
    for categoria in datos["categorias"]:
        valores = {k: v for k, v in categoria.items() if k != "slug"}
        categorias[categoria["slug"]], _ = sinc.guardar(
            Categoria, {"slug": categoria["slug"]}, valores
        )

    for tema in datos["temas"]:
        valores = {k: v for k, v in tema.items() if k not in ("clave", "fuentes")}
        objeto, _ = sinc.guardar(
            TemaComun, {"clave": tema["clave"]}, valores, f"tema {tema['clave']}"
        )
        sinc.relacionar(objeto, "fuentes", (fuentes[url] for url in tema["fuentes"]))

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
        for campo in FUENTES_DE_LA_FICHA:
            simples[campo] = fuentes.get(datos_tramite[campo])
        tramite, cambio = sinc.guardar(Tramite, {"slug": slug}, simples, f"trámite {slug}")
        modalidades = {}
        for modalidad in datos_tramite["modalidades"]:
            modalidades[modalidad["slug"]], cambio_modalidad = sinc.guardar(
                Modalidad,
                {"tramite": tramite, "slug": modalidad["slug"]},
                {"nombre": modalidad["nombre"], "orden": modalidad["orden"]},
            )
            cambio |= cambio_modalidad
        hijos_cambiaron = False
        for clave, modelo in hijos:
            filas = [_con_relaciones(fila, modalidades, fuentes) for fila in datos_tramite[clave]]
            if sinc.hijos_por_orden(modelo, {"tramite": tramite}, filas):
                hijos_cambiaron = True
                sinc.informe.detalles.append(f"~ {slug}: {clave}")
        sobrantes = Modalidad.objects.filter(tramite=tramite).exclude(slug__in=modalidades)
        hijos_cambiaron |= bool(sinc.borrar(sobrantes))
        if sinc.relacionar(tramite, "fuentes", (fuentes[u] for u in datos_tramite["fuentes"])):
            hijos_cambiaron = True
            sinc.informe.detalles.append(f"~ {slug}: fuentes")
        if hijos_cambiaron and not cambio:
            # La ficha cambió aunque sus campos propios no: se marca la nueva fecha.
            sinc.marcar_cambio(tramite)

    slugs = [t["slug"] for t in datos["tramites"]]
    sinc.borrar(Tramite.objects.exclude(slug__in=slugs), "trámites que ya no están en el fixture")
    cargar_frases(sinc, leer_frases())
    return sinc.informe


def leer_frases(ruta: Path = FRASES) -> list[dict]:
    with ruta.open(encoding="utf-8") as archivo:
        return yaml.safe_load(archivo)["frases"]


def cargar_frases(sinc: Sincronizacion, grupos: list[dict]) -> None:
    """Cada grupo: `tramite` (slug) o `institucion` (clave) y una lista de frases por idioma."""
    tramites = {t.slug: t for t in Tramite.objects.all()}
    vistas = set()
    for grupo in grupos:
        if "tramite" in grupo and grupo["tramite"] not in tramites:
            raise ValidationError(f"Frases de búsqueda: no existe el trámite {grupo['tramite']}")
        if "institucion" in grupo and grupo["institucion"] not in INSTITUCIONES:
            raise ValidationError(
                f"Frases de búsqueda: no existe la institución {grupo['institucion']}"
            )
        destino = {
            "tramite": tramites.get(grupo.get("tramite")),
            "institucion": grupo.get("institucion", ""),
        }
        for idioma, textos in grupo.items():
            if idioma in ("tramite", "institucion"):
                continue
            for texto in textos:
                clave = (idioma, str(texto).strip())
                if clave in vistas:
                    raise ValidationError(f"Frase de búsqueda repetida: {clave[1]} ({idioma})")
                vistas.add(clave)
                sinc.guardar(FraseBusqueda, {"idioma": idioma, "texto": clave[1]}, destino)
    sobrantes = [f.pk for f in FraseBusqueda.objects.all() if (f.idioma, f.texto) not in vistas]
    sinc.borrar(FraseBusqueda.objects.filter(pk__in=sobrantes), "frases que ya no están")


def _con_relaciones(fila: dict, modalidades: dict, fuentes: dict) -> dict:
    """La fila del fixture con su modalidad y su fuente como objetos."""
    fila = dict(fila)
    if "modalidad" in fila:
        fila["modalidad"] = modalidades.get(fila["modalidad"])
    if "fuente" in fila:
        fila["fuente"] = fuentes[fila["fuente"]] if fila["fuente"] else None
    return fila
