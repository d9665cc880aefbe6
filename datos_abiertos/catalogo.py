"""Carga el catálogo (fixtures/datos_abiertos.json): fuentes, conjuntos y cifras publicadas.

Solo guarda lo que cambió, de modo que repetir la carga no toca nada. Las observaciones no
vienen del fixture: las hace el generador de muestra (`muestra.py`), la importación de archivos
oficiales (`importacion.py`) o la publicación de las ventanillas (`publicacion.py`).
"""

from datetime import date

from django.db import transaction

from config import cache_paginas
from config.sincronizacion import Informe, Sincronizacion, nombre
from datos_abiertos import catalogos, series
from datos_abiertos.models import CifraPublicada, ConjuntoDatos
from fuentes import carga as carga_fuentes
from fuentes.carga import FuenteDeclarada


def mes(texto: str) -> date:
    """«2023-04» → 1 de abril de 2023."""
    anio, numero = texto.split("-")
    return date(int(anio), int(numero), 1)


def _valores_categoria(definicion: dict | None) -> dict | None:
    """La columna propia del conjunto con sus valores; los trámites, con sus nombres del sitio."""
    if not definicion:
        return None
    categoria = dict(definicion)
    if categoria.pop("desde_tramites", False):
        from tramites.carga import leer_fixture as leer_tramites
        from tramites.models import Tramite

        nombres = dict(Tramite.objects.order_by().values_list("slug", "nombre"))
        if not nombres:
            nombres = {t["slug"]: t["nombre"] for t in leer_tramites()["tramites"]}
        elegidos = categoria.get("valores") or list(nombres)
        faltan = [slug for slug in elegidos if slug not in nombres]
        if faltan:
            raise ValueError(f"Trámites que no existen en tramites: {', '.join(faltan)}")
        categoria["valores"] = [[slug, nombres[slug]] for slug in elegidos]
    return categoria


def cargar(datos: dict | None = None) -> Informe:
    datos = datos or catalogos.leer_fixture()
    sinc = Sincronizacion()
    fecha = date.fromisoformat(datos["fecha_consulta"])
    with transaction.atomic():
        fuentes = carga_fuentes.guardar(
            sinc, (FuenteDeclarada(f["url"], fecha, titulo=f["titulo"]) for f in datos["fuentes"])
        )
        licencia = datos["licencia"]
        conjuntos = {}
        for definicion in datos["conjuntos"]:
            conjuntos[definicion["slug"]], _ = sinc.guardar(
                ConjuntoDatos,
                {"slug": definicion["slug"]},
                {
                    "titulo": definicion["titulo"],
                    "descripcion": definicion["descripcion"],
                    "tema": definicion["tema"],
                    "unidad": definicion["unidad"],
                    "cuadros": definicion.get("cuadros", ""),
                    "publicador": definicion.get("publicador", datos["publicador"]),
                    "fuente_url": definicion.get("fuente_url", ""),
                    "licencia": licencia["nombre"],
                    "licencia_url": licencia["url"],
                    "dimensiones": definicion["dimensiones"],
                    "categoria": _valores_categoria(definicion.get("categoria")),
                    "indicadores": definicion["indicadores"],
                    "sexos": definicion.get("sexos", []),
                    "grupos_edad": definicion.get("grupos_edad", []),
                    "suprime_menores_de": definicion.get("suprime_menores_de"),
                    "notas": definicion.get("notas", ""),
                    "muestra": definicion.get("muestra", {}),
                    "etiquetas": _etiquetas(definicion),
                    "orden": definicion["orden"],
                },
            )
        _cargar_cifras(datos["cifras"], conjuntos, fuentes, sinc.informe)
        # Las series anuales de cifras reales, aparte de los conjuntos (y de su muestra).
        series.cargar(sinc, fuentes)
        # Las cifras nuevas entran con bulk_create, sin señales: las páginas hechas se renuevan.
        cache_paginas.invalidar()
    return sinc.informe


def _etiquetas(definicion: dict) -> dict:
    ventanillas = definicion.get("muestra", {}).get("ventanillas", [])
    if not ventanillas:
        return {}
    return {"ventanilla": {slug: nombre for slug, _e, _d, nombre in ventanillas}}


def _cargar_cifras(cifras: list[dict], conjuntos: dict, fuentes: dict, informe: Informe) -> None:
    nuevas = [
        {
            "conjunto_id": conjuntos[c["conjunto"]].pk,
            "desde": mes(c["desde"]),
            "hasta": mes(c["hasta"]),
            "indicador": c["indicador"],
            "categoria": c["categoria"],
            "dimension": c["dimension"],
            "codigo": c["codigo"],
            "valor": c["valor"],
            "fuente_id": fuentes[c["fuente"]].pk,
            "nota": c["nota"],
            "usada_en_muestra": c["usar_en_muestra"],
        }
        for c in cifras
    ]
    campos = list(nuevas[0]) if nuevas else []
    existentes = {
        tuple(fila[:-1]): fila[-1] for fila in CifraPublicada.objects.values_list(*campos, "pk")
    }
    deseadas = {tuple(c.values()) for c in nuevas}
    sobran = [pk for clave, pk in existentes.items() if clave not in deseadas]
    if sobran:
        CifraPublicada.objects.filter(pk__in=sobran).delete()
        informe.borrados[nombre(CifraPublicada)] += len(sobran)
    faltan = [CifraPublicada(**c) for c in nuevas if tuple(c.values()) not in existentes]
    if faltan:
        CifraPublicada.objects.bulk_create(faltan)
        informe.creados[nombre(CifraPublicada)] += len(faltan)
