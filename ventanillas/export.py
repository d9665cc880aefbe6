"""Exportaciones del directorio: CSV, GeoJSON y vCard.

Cada función devuelve el nombre del archivo, el tipo de contenido y los datos; la vista decide
cómo enviarlos. Ningún lugar tiene coordenadas de una fuente: la geometría es el centro del
municipio (o del estado) y cada elemento lo dice en la propiedad `posicion`. El tipo va con su
nombre (los otros lugares que ayudan no son ventanillas de la OIM) y cada dato con su postura
(oficial, secundaria, no_localizado), la misma que muestra la ficha.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator

import phonenumbers
from django.conf import settings
from django.utils import translation

from ventanillas.cercania import posicion
from ventanillas.models import EXPLICACION_TIPO, Tipo

COLUMNAS = [
    "slug",
    "tipo",
    "tipo_nombre",
    "nombre",
    "clase_oficina",
    "estado_clave",
    "estado",
    "municipio_clave",
    "municipio",
    "ciudad",
    "direccion",
    "direccion_postura",
    "codigo_postal",
    "institucion_anfitriona",
    "telefono",
    "telefono_postura",
    "correo",
    "horario",
    "horario_postura",
    "servicios",
    "servicios_postura",
    "latitud",
    "longitud",
    "latitud_aproximada",
    "longitud_aproximada",
    "posicion",
    "fecha_verificacion",
    "fuentes",
    "url",
]


def telefono_internacional(telefono: str) -> str:
    """«55 5387 2400» → «+525553872400»; vacío si no es un número de México válido."""
    if not telefono:
        return ""
    try:
        numero = phonenumbers.parse(telefono, "MX")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(numero):
        return ""
    return phonenumbers.format_number(numero, phonenumbers.PhoneNumberFormat.E164)


def _fila(lugar, url: str) -> dict:
    """Espera el lugar con sus fuentes de datos y sus servicios cargados (con_respaldos)."""
    punto = posicion(lugar)
    return {
        "slug": lugar.slug,
        "tipo": lugar.tipo,
        "tipo_nombre": _en_espanol(Tipo(lugar.tipo).label),
        "nombre": lugar.nombre,
        "clase_oficina": lugar.clase_oficina,
        "estado_clave": lugar.estado.clave,
        "estado": lugar.estado.nombre,
        "municipio_clave": lugar.municipio.clave if lugar.municipio_id else "",
        "municipio": lugar.municipio.nombre if lugar.municipio_id else "",
        "ciudad": lugar.ciudad,
        "direccion": lugar.direccion,
        "direccion_postura": lugar.respaldo_direccion.postura.value,
        "codigo_postal": lugar.codigo_postal,
        "institucion_anfitriona": lugar.institucion_anfitriona,
        "telefono": lugar.telefono,
        "telefono_postura": lugar.respaldo_telefono.postura.value,
        "correo": lugar.correo,
        "horario": lugar.horario_texto,
        "horario_postura": lugar.respaldo_horario.postura.value,
        "servicios": ";".join(sorted({s.servicio.slug for s in lugar.servicios_lugar.all()})),
        "servicios_postura": lugar.respaldo_servicios.postura.value,
        "latitud": "" if lugar.latitud is None else str(lugar.latitud),
        "longitud": "" if lugar.longitud is None else str(lugar.longitud),
        "latitud_aproximada": f"{punto.latitud:.5f}",
        "longitud_aproximada": f"{punto.longitud:.5f}",
        "posicion": punto.precision,
        "fecha_verificacion": lugar.fecha_verificacion.isoformat(),
        "fuentes": " ".join(f.url for f in lugar.fuentes.all()),
        "url": url,
    }


def _en_espanol(texto) -> str:
    """Las descargas son las mismas en cualquier idioma: sus textos van en español."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(texto)


def exportar_csv(*, lugares: Iterable, url_de) -> tuple[str, str, Iterator[str]]:
    """(nombre, tipo, líneas) del CSV; `url_de(lugar)` da la dirección absoluta de su página."""

    def lineas():
        bufer = io.StringIO()
        escritor = csv.DictWriter(bufer, fieldnames=COLUMNAS, lineterminator="\n")
        escritor.writeheader()
        yield bufer.getvalue()
        for lugar in lugares:
            bufer.seek(0)
            bufer.truncate()
            escritor.writerow(_fila(lugar, url_de(lugar)))
            yield bufer.getvalue()

    return "ventanillas.csv", "text/csv; charset=utf-8", lineas()


def exportar_geojson(*, lugares: Iterable, url_de) -> tuple[str, str, bytes]:
    """FeatureCollection con un punto por lugar (aproximado salvo que la fuente dé coordenadas)."""
    elementos = []
    for lugar in lugares:
        fila = _fila(lugar, url_de(lugar))
        punto = posicion(lugar)
        propiedades = {k: v for k, v in fila.items() if k not in {"latitud", "longitud"}}
        propiedades["servicios"] = fila["servicios"].split(";") if fila["servicios"] else []
        propiedades["fuentes"] = fila["fuentes"].split() if fila["fuentes"] else []
        propiedades["posicion_aproximada"] = punto.aproximada
        propiedades["nota_posicion"] = punto.explicacion
        elementos.append(
            {
                "type": "Feature",
                "id": lugar.slug,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(punto.longitud, 5), round(punto.latitud, 5)],
                },
                "properties": propiedades,
            }
        )
    coleccion = {
        "type": "FeatureCollection",
        "nota": "Ninguna fuente da coordenadas de estos lugares. Cada punto es el centro "
        "geométrico de su municipio (o de su estado): vea la propiedad «posicion». "
        "Centros calculados del Marco Geoestadístico del INEGI. Cada dato lleva su postura "
        "(«oficial»: lo dice una fuente oficial; «secundaria»: solo fuentes no oficiales, hay "
        "que confirmarlo; «no_localizado»: no se encontró).",
        "tipos": {
            tipo.value: {
                "nombre": _en_espanol(tipo.label),
                "descripcion": _en_espanol(EXPLICACION_TIPO[tipo]),
            }
            for tipo in Tipo
        },
        "features": elementos,
    }
    datos = json.dumps(coleccion, ensure_ascii=False, indent=1).encode()
    return "ventanillas.json", "application/geo+json", datos


def _escapar(texto: str) -> str:
    return texto.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _plegar(linea: str) -> str:
    """Líneas de a lo más 75 octetos, como pide el formato vCard (RFC 6350, 3.2)."""
    partes, actual = [], ""
    for caracter in linea:
        limite = 75 if not partes else 74
        if len((actual + caracter).encode()) > limite:
            partes.append(actual)
            actual = ""
        actual += caracter
    partes.append(actual)
    return "\r\n ".join(partes)


def exportar_vcard(*, lugar, url: str) -> tuple[str, str, bytes]:
    """Tarjeta vCard 3.0 del lugar para guardarla en la agenda del teléfono."""
    lineas = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_escapar(lugar.nombre)}",
    ]
    organizacion = lugar.institucion_anfitriona or (
        "Instituto Nacional de Migración" if lugar.es_oficina else ""
    )
    if organizacion:
        lineas.append(f"ORG:{_escapar(organizacion)}")
    localidad = lugar.ciudad or (lugar.municipio.nombre if lugar.municipio_id else "")
    lineas.append(
        "ADR;TYPE=WORK:;;"
        + ";".join(
            _escapar(v)
            for v in (
                lugar.direccion,
                localidad,
                lugar.estado.nombre,
                lugar.codigo_postal,
                "México",
            )
        )
    )
    telefono = telefono_internacional(lugar.telefono)
    if telefono:
        lineas.append(f"TEL;TYPE=WORK,VOICE:{telefono}")
    if lugar.correo:
        lineas.append(f"EMAIL;TYPE=WORK:{lugar.correo}")
    lineas.append(f"URL:{url}")
    lineas.append("END:VCARD")
    contenido = "\r\n".join(_plegar(linea) for linea in lineas) + "\r\n"
    return f"{lugar.slug}.vcf", "text/vcard; charset=utf-8", contenido.encode()
