"""Importa el directorio oficial de ventanillas y oficinas desde CSV o Excel (.xlsx/.xls).

Primero se valida todo el archivo; si hay un solo error no se guarda nada y cada error dice su
fila y su columna. Los lugares importados quedan con origen «directorio»: la carga de la
referencia ya no los toca. Formato en docs/ventanillas.md.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd
import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.text import slugify

from config import archivos, cache_paginas
from config.sincronizacion import Sincronizacion
from fuentes import carga as carga_fuentes
from fuentes import clasificacion
from fuentes.carga import FuenteDeclarada
from ventanillas.horarios import interpretar_horario
from ventanillas.models import (
    FUENTES_DE_DATOS,
    Estado,
    HorarioApertura,
    Lugar,
    Municipio,
    Origen,
    Servicio,
    ServicioLugar,
    Tipo,
)

OBLIGATORIAS = ["tipo", "nombre", "estado", "fuente_url", "fecha_consulta"]
OPCIONALES = [
    "slug",
    "clase_oficina",
    "municipio",
    "ciudad",
    "direccion",
    "codigo_postal",
    "institucion_anfitriona",
    "telefono",
    "correo",
    "horario",
    "latitud",
    "longitud",
    "servicios",
    "fecha_verificacion",
    "notas",
]
COLUMNAS = OBLIGATORIAS + OPCIONALES


class ArchivoInvalido(Exception):
    """El archivo no se puede importar; `errores` dice por qué, con fila y columna."""

    def __init__(self, errores: list[str]):
        super().__init__("\n".join(errores))
        self.errores = errores


@dataclass
class Resultado:
    creados: list[str] = field(default_factory=list)
    actualizados: list[str] = field(default_factory=list)


def _normal(texto: str) -> str:
    sin_acentos = unicodedata.normalize("NFKD", str(texto)).encode("ascii", "ignore").decode()
    return " ".join(sin_acentos.lower().replace("_", " ").split())


def leer_tabla(ruta: Path) -> pd.DataFrame:
    """Todas las celdas como texto (así no se pierden ceros: «06600», «01»)."""
    sufijo = ruta.suffix.lower()
    if sufijo in (".csv", ".xlsx", ".xls") and (error := archivos.problema(ruta)):
        raise ArchivoInvalido([error])
    try:
        if sufijo == ".csv":
            tabla = pd.read_csv(ruta, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif sufijo in (".xlsx", ".xls"):
            tabla = pd.read_excel(ruta, dtype=str, keep_default_na=False)
        else:
            raise ArchivoInvalido([f"Formato no admitido «{ruta.suffix}»: use .csv, .xlsx o .xls."])
    except ArchivoInvalido:
        raise
    except FileNotFoundError as error:
        raise ArchivoInvalido([f"No existe el archivo {ruta}."]) from error
    except UnicodeDecodeError as error:
        raise ArchivoInvalido(["El CSV no está en UTF-8: guárdelo como «CSV UTF-8»."]) from error
    except Exception as error:  # noqa: BLE001 - pandas lanza muchos tipos; todos son «ilegible»
        raise ArchivoInvalido([f"No se pudo leer el archivo: {error}"]) from error
    return tabla


class _Validador:
    def __init__(self):
        self.errores: list[str] = []
        self.estados = list(Estado.objects.all())
        self.por_nombre_estado = {_normal(e.nombre): e for e in self.estados}
        self.por_clave_estado = {e.clave: e for e in self.estados}
        self.servicios = {s.slug: s for s in Servicio.objects.all()}

    def error(self, fila: int, columna: str, mensaje: str) -> None:
        self.errores.append(f"Fila {fila}, columna «{columna}»: {mensaje}")

    def estado(self, fila: int, valor: str):
        valor = valor.strip()
        if valor.isdigit() and valor.zfill(2) in self.por_clave_estado:
            return self.por_clave_estado[valor.zfill(2)]
        if _normal(valor) in self.por_nombre_estado:
            return self.por_nombre_estado[_normal(valor)]
        self.error(
            fila,
            "estado",
            f"«{valor}» no es una entidad federativa; use la clave del INEGI (01 a 32) o el "
            "nombre, p. ej. «San Luis Potosí».",
        )
        return None

    def municipio(self, fila: int, valor: str, estado):
        valor = valor.strip()
        if not valor or estado is None:
            return None
        if valor.isdigit():
            clave = valor.zfill(5) if len(valor) > 3 else estado.clave + valor.zfill(3)
            municipio = Municipio.objects.filter(clave=clave).first()
            if municipio and municipio.estado_id == estado.pk:
                return municipio
        else:
            for municipio in Municipio.objects.filter(estado=estado):
                if _normal(municipio.nombre) == _normal(valor):
                    return municipio
        self.error(
            fila,
            "municipio",
            f"«{valor}» no es un municipio de {estado.nombre}; use su clave del INEGI o su nombre.",
        )
        return None

    def coordenada(self, fila: int, columna: str, valor: str, limite: int):
        try:
            numero = Decimal(valor.strip().replace(",", "."))
        except InvalidOperation:
            self.error(
                fila,
                columna,
                f"«{valor}» no es un número; escriba grados decimales, p. ej. 19.4326.",
            )
            return None
        if not -limite <= numero <= limite:
            self.error(fila, columna, f"{valor} está fuera de rango (de −{limite} a {limite}).")
            return None
        return numero.quantize(Decimal("0.00001"))

    def fecha(self, fila: int, columna: str, valor: str):
        texto = valor.strip()[:10]
        try:
            return date.fromisoformat(texto)
        except ValueError:
            self.error(fila, columna, f"«{valor}» no es una fecha; escríbala como 2026-11-23.")
            return None


def validar(tabla: pd.DataFrame) -> list[dict]:
    """Filas listas para guardar; lanza ArchivoInvalido con todos los errores encontrados."""
    columnas = {_normal(c).replace(" ", "_"): c for c in tabla.columns}
    errores = [f"Falta la columna «{c}»." for c in OBLIGATORIAS if c not in columnas]
    errores += [
        f"Columna desconocida «{original}»; las válidas son: {', '.join(COLUMNAS)}."
        for normal, original in columnas.items()
        if normal not in COLUMNAS
    ]
    if errores:
        raise ArchivoInvalido(errores)
    if tabla.empty:
        raise ArchivoInvalido(["El archivo no tiene filas de datos."])
    v = _Validador()
    filas, slugs = [], {}
    for indice, registro in enumerate(tabla.to_dict("records")):
        fila = indice + 2  # la fila 1 es el encabezado, como en la hoja de cálculo
        dato = {c: str(registro.get(columnas.get(c), "") or "").strip() for c in COLUMNAS}
        tipo = _normal(dato["tipo"])
        if tipo.replace(" ", "-") in Tipo.values:
            tipo = tipo.replace(" ", "-")
        else:
            v.error(
                fila,
                "tipo",
                f"«{dato['tipo']}» no es válido; escriba «ventanilla», «oficina» u «otro-lugar».",
            )
        if not dato["nombre"]:
            v.error(fila, "nombre", "está vacía; escriba el nombre del lugar.")
        estado = v.estado(fila, dato["estado"]) if dato["estado"] else None
        if not dato["estado"]:
            v.error(
                fila, "estado", "está vacía; escriba la clave del INEGI o el nombre del estado."
            )
        municipio = v.municipio(fila, dato["municipio"], estado)
        prefijo = {Tipo.OFICINA: "inm", Tipo.OTRO_LUGAR: "ayuda"}.get(tipo, "ventanilla")
        slug = slugify(dato["slug"] or f"{prefijo} {dato['nombre']}")[:120]
        if slug in slugs:
            v.error(fila, "slug", f"«{slug}» se repite (también en la fila {slugs[slug]}).")
        slugs[slug] = fila
        codigo_postal = dato["codigo_postal"]
        if codigo_postal and (not codigo_postal.isdigit() or len(codigo_postal) != 5):
            v.error(
                fila, "codigo_postal", f"«{codigo_postal}» no es válido; escriba cinco dígitos."
            )
        telefono = dato["telefono"]
        if telefono:
            try:
                valido = phonenumbers.is_valid_number(phonenumbers.parse(telefono, "MX"))
            except phonenumbers.NumberParseException:
                valido = False
            if not valido:
                v.error(
                    fila,
                    "telefono",
                    f"«{telefono}» no es un teléfono de México; escriba diez dígitos.",
                )
        if dato["correo"]:
            try:
                validate_email(dato["correo"])
            except ValidationError:
                v.error(fila, "correo", f"«{dato['correo']}» no es un correo válido.")
        latitud = longitud = None
        if bool(dato["latitud"]) != bool(dato["longitud"]):
            columna = "longitud" if dato["latitud"] else "latitud"
            v.error(fila, columna, "está vacía; escriba latitud y longitud, o ninguna de las dos.")
        elif dato["latitud"]:
            latitud = v.coordenada(fila, "latitud", dato["latitud"], 90)
            longitud = v.coordenada(fila, "longitud", dato["longitud"], 180)
        servicios = []
        for codigo in (c.strip() for c in dato["servicios"].replace(",", ";").split(";")):
            if not codigo:
                continue
            if codigo not in v.servicios:
                v.error(
                    fila,
                    "servicios",
                    f"«{codigo}» no es un servicio; use: {', '.join(v.servicios)} (separados por «;»).",
                )
            else:
                servicios.append(v.servicios[codigo])
        try:
            URLValidator(schemes=["http", "https"])(dato["fuente_url"])
        except ValidationError:
            v.error(fila, "fuente_url", "escriba la dirección completa de la fuente (https://…).")
        else:
            rechazo = clasificacion.motivo_de_rechazo(dato["fuente_url"])
            if rechazo:
                v.error(fila, "fuente_url", f"no se acepta como fuente: {rechazo}.")
        fecha_consulta = v.fecha(fila, "fecha_consulta", dato["fecha_consulta"])
        fecha_verificacion = (
            v.fecha(fila, "fecha_verificacion", dato["fecha_verificacion"])
            if dato["fecha_verificacion"]
            else fecha_consulta
        )
        filas.append(
            {
                "slug": slug,
                "tipo": tipo,
                "estado": estado,
                "municipio": municipio,
                "latitud": latitud,
                "longitud": longitud,
                "servicios": servicios,
                "fecha_consulta": fecha_consulta,
                "fecha_verificacion": fecha_verificacion,
                **{
                    c: dato[c]
                    for c in (
                        "nombre",
                        "clase_oficina",
                        "ciudad",
                        "direccion",
                        "codigo_postal",
                        "institucion_anfitriona",
                        "telefono",
                        "correo",
                        "horario",
                        "notas",
                        "fuente_url",
                    )
                },
            }
        )
    if v.errores:
        raise ArchivoInvalido(v.errores)
    return filas


@transaction.atomic
def guardar(filas: list[dict]) -> Resultado:
    resultado = Resultado()
    fuentes = carga_fuentes.guardar(
        Sincronizacion(motivo="Importación del directorio de ventanillas"),
        {FuenteDeclarada(f["fuente_url"], f["fecha_consulta"]) for f in filas},
    )
    for fila in filas:
        fuente = fuentes[fila["fuente_url"]]
        valores = {
            "tipo": fila["tipo"],
            "nombre": fila["nombre"],
            "clase_oficina": fila["clase_oficina"],
            "estado": fila["estado"],
            "municipio": fila["municipio"],
            "ciudad": fila["ciudad"],
            "direccion": fila["direccion"],
            "codigo_postal": fila["codigo_postal"],
            "institucion_anfitriona": fila["institucion_anfitriona"],
            "telefono": fila["telefono"],
            "correo": fila["correo"],
            "latitud": fila["latitud"],
            "longitud": fila["longitud"],
            "horario_texto": fila["horario"],
            "notas": fila["notas"],
            "fecha_verificacion": fila["fecha_verificacion"],
            "origen": Origen.DIRECTORIO,
            "publicado": True,
        }
        # La fila tiene una sola fuente: respalda cada dato que trae. Sin servicios en la fila,
        # el lugar conserva los suyos (abajo) y la fuente de ellos.
        for dato, campo in FUENTES_DE_DATOS.items():
            if dato != "servicios":
                valores[campo] = fuente if fila[dato] else None
        if fila["servicios"]:
            valores[FUENTES_DE_DATOS["servicios"]] = fuente
        lugar, creado = Lugar.objects.update_or_create(slug=fila["slug"], defaults=valores)
        (resultado.creados if creado else resultado.actualizados).append(lugar.slug)
        # Se suma a las fuentes que ya tenía: las notas que vienen de ellas siguen en la ficha.
        lugar.fuentes.add(fuente)
        if fila["servicios"]:
            lugar.servicios_lugar.all().delete()
            ServicioLugar.objects.bulk_create(
                ServicioLugar(lugar=lugar, servicio=s, orden=i)
                for i, s in enumerate(fila["servicios"])
            )
        lugar.horarios.all().delete()
        HorarioApertura.objects.bulk_create(
            HorarioApertura(lugar=lugar, dia=t.dia, abre=t.abre, cierra=t.cierra, nota=t.nota)
            for t in interpretar_horario(fila["horario"]) or []
        )
    transaction.on_commit(cache_paginas.invalidar)
    return resultado


def importar(ruta: Path) -> Resultado:
    """Lee, valida todo y guarda en una transacción; ArchivoInvalido si algo está mal."""
    return guardar(validar(leer_tabla(ruta)))
