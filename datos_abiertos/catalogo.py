"""Carga el catálogo (fixtures/datos_abiertos.json): fuentes, conjuntos y cifras publicadas.

Solo guarda lo que cambió, de modo que repetir la carga no toca nada. Las observaciones no
vienen del fixture: las hace el generador de muestra (`muestra.py`), la importación de archivos
oficiales (`importacion.py`) o la publicación de las ventanillas (`publicacion.py`).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from datos_abiertos import catalogos
from datos_abiertos.models import CifraPublicada, ConjuntoDatos, FuenteDatos


@dataclass
class Informe:
    creados: Counter = field(default_factory=Counter)
    actualizados: Counter = field(default_factory=Counter)
    borrados: Counter = field(default_factory=Counter)

    @property
    def hubo_cambios(self) -> bool:
        return bool(+self.creados or +self.actualizados or +self.borrados)

    def resumen(self) -> list[str]:
        lineas = []
        for nombre in sorted(set(self.creados) | set(self.actualizados) | set(self.borrados)):
            lineas.append(
                f"{nombre}: {self.creados[nombre]} nuevos, {self.actualizados[nombre]} "
                f"actualizados, {self.borrados[nombre]} borrados"
            )
        return lineas


def mes(texto: str) -> date:
    """«2023-04» → 1 de abril de 2023."""
    anio, numero = texto.split("-")
    return date(int(anio), int(numero), 1)


def _guardar(modelo, informe: Informe, buscar: dict, valores: dict):
    nombre = str(modelo._meta.verbose_name_plural)
    objeto = modelo.objects.filter(**buscar).first()
    if objeto is None:
        informe.creados[nombre] += 1
        return modelo.objects.create(**buscar, **valores)
    cambiados = [c for c, v in valores.items() if getattr(objeto, c) != v]
    if cambiados:
        for campo in cambiados:
            setattr(objeto, campo, valores[campo])
        objeto.save(update_fields=cambiados)
        informe.actualizados[nombre] += 1
    return objeto


def _valores_categoria(definicion: dict | None) -> dict | None:
    """La columna propia del conjunto con sus valores; los trámites, con sus nombres del sitio."""
    if not definicion:
        return None
    categoria = dict(definicion)
    if categoria.pop("desde_tramites", False):
        from tramites.models import Tramite
        from tramites.referencia import leer_fixture as leer_tramites

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
    informe = Informe()
    fecha = date.fromisoformat(datos["fecha_consulta"])
    with transaction.atomic():
        fuentes = {}
        for fuente in datos["fuentes"]:
            fuentes[fuente["url"]] = _guardar(
                FuenteDatos,
                informe,
                {"url": fuente["url"]},
                {"titulo": fuente["titulo"], "fecha_consulta": fecha},
            )
        licencia = datos["licencia"]
        conjuntos = {}
        for definicion in datos["conjuntos"]:
            conjuntos[definicion["slug"]] = _guardar(
                ConjuntoDatos,
                informe,
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
        _cargar_cifras(datos["cifras"], conjuntos, fuentes, informe)
    return informe


def _etiquetas(definicion: dict) -> dict:
    ventanillas = definicion.get("muestra", {}).get("ventanillas", [])
    if not ventanillas:
        return {}
    return {"ventanilla": {slug: nombre for slug, _e, _d, nombre in ventanillas}}


def _cargar_cifras(cifras: list[dict], conjuntos: dict, fuentes: dict, informe: Informe) -> None:
    nombre = str(CifraPublicada._meta.verbose_name_plural)
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
        informe.borrados[nombre] += len(sobran)
    faltan = [CifraPublicada(**c) for c in nuevas if tuple(c.values()) not in existentes]
    if faltan:
        CifraPublicada.objects.bulk_create(faltan)
        informe.creados[nombre] += len(faltan)
