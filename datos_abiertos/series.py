"""Series anuales de cifras reales (fixtures/series_publicadas.json): carga y lectura.

Cada valor trae su fuente; su postura (oficial o secundaria) la deriva fuentes.postura de la
dirección, como cualquier otro hecho del sitio. Nada aquí es de muestra ni se mezcla con las
observaciones mensuales de los conjuntos.
"""

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from config.sincronizacion import Sincronizacion
from datos_abiertos.models import SeriePublicada, ValorPublicado
from fuentes import carga as carga_fuentes
from fuentes import postura
from fuentes.carga import FuenteDeclarada

FIXTURE = settings.BASE_DIR / "fixtures" / "series_publicadas.json"
COLUMNAS = ("anio", "valor", "unidad", "postura", "fuente_url", "fuente", "nota")


def leer_fixture() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def cargar(sinc: Sincronizacion, conocidas: dict, datos: dict | None = None) -> None:
    """Deja las series y sus valores exactamente como en el fixture (solo lo que cambió).

    `conocidas` son las fuentes que ya guardó el catálogo en esta carga (por dirección): una
    dirección que ambos citan se guarda una sola vez, con el título del catálogo.
    """
    datos = datos or leer_fixture()
    declaradas = {
        f["clave"]: FuenteDeclarada(
            f["url"], date.fromisoformat(f["fecha_consulta"]), titulo=f["titulo"]
        )
        for f in datos["fuentes"]
    }
    nuevas = [f for f in declaradas.values() if f.url not in conocidas]
    fuentes = {**conocidas, **carga_fuentes.guardar(sinc, nuevas)}
    por_clave = {clave: fuentes[f.url] for clave, f in declaradas.items()}
    slugs = []
    for orden, definicion in enumerate(datos["series"]):
        serie, _ = sinc.guardar(
            SeriePublicada,
            {"slug": definicion["slug"]},
            {
                "titulo": definicion["titulo"],
                "descripcion": definicion["descripcion"],
                "unidad": definicion["unidad"],
                "orden": orden,
            },
        )
        slugs.append(serie.slug)
        sinc.reemplazar_filas(
            ValorPublicado,
            {"serie": serie},
            [
                {
                    "anio": v["anio"],
                    "valor": v["valor"],
                    "fuente": por_clave[v["fuente"]],
                    "nota": v["nota"],
                }
                for v in sorted(definicion["valores"], key=lambda v: v["anio"])
            ],
        )
    sinc.borrar(SeriePublicada.objects.exclude(slug__in=slugs))


@dataclass
class Fila:
    anio: int
    valor: int
    nota: str
    fuente: object
    respaldo: postura.Respaldo


def filas(serie: SeriePublicada) -> list[Fila]:
    return [
        Fila(v.anio, v.valor, v.nota, v.fuente, postura.respaldo(fuente=v.fuente))
        for v in serie.valores.select_related("fuente")
    ]


def como_csv(serie: SeriePublicada) -> bytes:
    texto = io.StringIO()
    escritor = csv.writer(texto, lineterminator="\n")
    escritor.writerow(COLUMNAS)
    for fila in filas(serie):
        escritor.writerow(
            [
                fila.anio,
                fila.valor,
                serie.unidad,
                fila.respaldo.postura.value,
                fila.fuente.url,
                fila.fuente.titulo,
                fila.nota,
            ]
        )
    return texto.getvalue().encode()
