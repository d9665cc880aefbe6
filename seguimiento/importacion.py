"""Importa solicitudes y cambios de estatus desde un CSV o un libro de Excel (pandas).

Así alimentaría al sitio el sistema de la oficina. Una fila por cambio de estatus:

    nut, contrasena, tramite, modalidad, oficina, fecha_ingreso, estatus, fecha,
    requerimiento, fecha_limite

Solo `nut`, `estatus` y `fecha` son obligatorias en cada fila; los datos de la solicitud
(contraseña, trámite, fecha de ingreso…) hacen falta la primera vez que aparece un número y,
si vienen después, actualizan la solicitud. Se valida todo el archivo antes de escribir: con un
solo error no se guarda nada y cada error dice su fila y su columna. Repetir un archivo no
cambia nada (un cambio se identifica por número, fecha y estatus). No se admiten columnas con
datos personales.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from django.db import transaction
from django.utils import timezone

from config import archivos, cache_paginas
from config.sincronizacion import Informe, nombre
from seguimiento import contrasenas, registro
from seguimiento.calendario import calendario_inm
from seguimiento.models import PATRON_NUT, CambioEstatus, Estatus, Solicitud
from tramites.models import Modalidad, Tramite

COLUMNAS = (
    "nut",
    "contrasena",
    "tramite",
    "modalidad",
    "oficina",
    "fecha_ingreso",
    "estatus",
    "fecha",
    "requerimiento",
    "fecha_limite",
)
OBLIGATORIAS = ("nut", "estatus", "fecha")
DE_LA_SOLICITUD = ("contrasena", "tramite", "modalidad", "oficina", "fecha_ingreso")
# Columnas que delatan datos personales: el sitio no los guarda.
PERSONALES = {
    "nombre",
    "nombres",
    "apellido",
    "apellidos",
    "primer_apellido",
    "segundo_apellido",
    "pasaporte",
    "numero_pasaporte",
    "curp",
    "correo",
    "email",
    "telefono",
    "domicilio",
    "direccion",
    "fecha_nacimiento",
    "nacionalidad",
    "sexo",
}
EXTENSIONES = (".csv", ".xlsx", ".xls")
MAXIMO_ERRORES = 50
LARGO_REQUERIMIENTO = 2000


class ImportacionInvalida(Exception):
    """El archivo no se importó; `errores` dice qué corregir, fila por fila."""

    def __init__(self, errores: list[str]):
        super().__init__("\n".join(errores))
        self.errores = errores


def _sin_acentos(texto: str) -> str:
    descompuesto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in descompuesto if not unicodedata.combining(c))


# Otras formas en que una hoja de cálculo suele escribir los encabezados.
ALIAS = {
    "numero_unico_de_tramite": "nut",
    "fecha_de_ingreso": "fecha_ingreso",
    "fecha_del_estatus": "fecha",
    "fecha_limite_para_responder": "fecha_limite",
    "que_se_requiere": "requerimiento",
}


def _columna(nombre) -> str:
    texto = _sin_acentos(str(nombre)).strip().lower()
    texto = re.sub(r"[^a-z0-9]+", "_", texto).strip("_")
    return ALIAS.get(texto, texto)


ESTATUS = {}
for _valor, _etiqueta in Estatus.choices:
    ESTATUS[_columna(_valor)] = _valor
    ESTATUS[_columna(str(_etiqueta))] = _valor


def leer(archivo: Path) -> pd.DataFrame:
    """El archivo como tabla de textos, con los encabezados normalizados."""
    extension = archivo.suffix.lower()
    if extension not in EXTENSIONES:
        raise ImportacionInvalida(
            [f"El archivo {archivo.name} no es CSV ni Excel: use .csv, .xlsx o .xls."]
        )
    if error := archivos.problema(archivo):
        raise ImportacionInvalida([error])
    try:
        if extension == ".csv":
            tabla = pd.read_csv(
                archivo,
                dtype=str,
                keep_default_na=False,
                encoding="utf-8-sig",
                sep=None,
                engine="python",
            )
        else:
            tabla = pd.read_excel(archivo, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise ImportacionInvalida([f"No existe el archivo {archivo}."]) from None
    except UnicodeDecodeError:
        raise ImportacionInvalida(
            [f"{archivo.name}: el texto no está en UTF-8. Guárdelo como «CSV UTF-8»."]
        ) from None
    except Exception as error:  # noqa: BLE001 - pandas lanza muchos tipos distintos
        raise ImportacionInvalida(
            [f"No se pudo leer {archivo.name} como {extension[1:].upper()}: {error}"]
        ) from None
    tabla.columns = [_columna(c) for c in tabla.columns]
    return tabla


def _fecha(texto: str) -> date:
    texto = texto.strip()
    for formato in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y"):
        try:
            return datetime.strptime(texto, formato).date()  # noqa: DTZ007 - solo la fecha
        except ValueError:
            continue
    raise ValueError(texto)


@dataclass
class _Fila:
    numero: int
    nut: str
    estatus: str
    fecha: date
    requerimiento: str
    fecha_limite: date | None
    datos: dict


class _Validador:
    """Revisa todas las filas y junta los errores; no escribe nada."""

    def __init__(self, *, hoy: date):
        self.hoy = hoy
        self.errores: list[str] = []
        self.tramites = {t.slug: t for t in Tramite.objects.all()}
        self.modalidades = {
            (m.tramite_id, m.slug): m for m in Modalidad.objects.select_related("tramite")
        }
        from ventanillas.models import Lugar

        self.oficinas = {o.slug: o for o in Lugar.objects.oficinas()}
        self.calendario = calendario_inm()

    def error(self, numero: int, columna: str, mensaje: str) -> None:
        self.errores.append(f"Fila {numero}, columna «{columna}»: {mensaje}")

    def encabezados(self, columnas: list[str]) -> bool:
        personales = [c for c in columnas if c in PERSONALES]
        if personales:
            self.errores.append(
                f"El archivo trae columnas con datos personales ({', '.join(personales)}): "
                "el sitio no los guarda. Quítelas y vuelva a importar."
            )
        desconocidas = [c for c in columnas if c not in COLUMNAS and c not in PERSONALES]
        if desconocidas:
            self.errores.append(
                f"Columnas desconocidas: {', '.join(desconocidas)}. Las columnas válidas son: "
                f"{', '.join(COLUMNAS)}."
            )
        faltan = [c for c in OBLIGATORIAS if c not in columnas]
        if faltan:
            self.errores.append(f"Faltan las columnas obligatorias: {', '.join(faltan)}.")
        repetidas = sorted({c for c in columnas if columnas.count(c) > 1})
        if repetidas:
            self.errores.append(f"Columnas repetidas: {', '.join(repetidas)}.")
        return not self.errores

    def fila(self, numero: int, valores: dict) -> _Fila | None:
        antes = len(self.errores)
        texto = {c: str(valores.get(c, "")).strip() for c in COLUMNAS}
        nut = re.sub(r"\s+", "", texto["nut"]).upper()
        if not nut:
            self.error(numero, "nut", "falta el número único de trámite.")
        elif not re.fullmatch(PATRON_NUT, nut):
            self.error(
                numero,
                "nut",
                f"«{texto['nut']}» no es un número válido (letras, dígitos y guiones).",
            )
        estatus = ESTATUS.get(_columna(texto["estatus"]))
        if estatus is None:
            self.error(
                numero,
                "estatus",
                f"«{texto['estatus']}» no es un estatus; use uno de: {', '.join(Estatus.values)}.",
            )
        fecha = self._fecha(numero, "fecha", texto["fecha"], obligatoria=True)
        if fecha and fecha > self.hoy:
            self.error(numero, "fecha", f"{fecha:%Y-%m-%d} es una fecha futura.")
        requerimiento = texto["requerimiento"]
        fecha_limite = self._fecha(numero, "fecha_limite", texto["fecha_limite"])
        if estatus == Estatus.REQUIERE_INFORMACION:
            if not requerimiento:
                self.error(numero, "requerimiento", "diga qué información se requiere.")
            elif len(requerimiento) > LARGO_REQUERIMIENTO:
                self.error(
                    numero,
                    "requerimiento",
                    f"escriba como máximo {LARGO_REQUERIMIENTO} caracteres.",
                )
            if fecha and fecha_limite is None and not texto["fecha_limite"]:
                fecha_limite = registro.fecha_limite_por_omision(fecha, self.calendario)
            if fecha and fecha_limite and fecha_limite <= fecha:
                self.error(
                    numero, "fecha_limite", "debe ser posterior a la fecha del requerimiento."
                )
        elif estatus is not None:
            if requerimiento:
                self.error(numero, "requerimiento", "solo va con el estatus requiere_informacion.")
            if texto["fecha_limite"]:
                self.error(numero, "fecha_limite", "solo va con el estatus requiere_informacion.")
        datos = self._datos(numero, texto)
        if len(self.errores) > antes:
            return None
        return _Fila(numero, nut, estatus, fecha, requerimiento, fecha_limite, datos)

    def _fecha(self, numero: int, columna: str, texto: str, *, obligatoria=False) -> date | None:
        if not texto:
            if obligatoria:
                self.error(numero, columna, "falta la fecha (AAAA-MM-DD).")
            return None
        try:
            return _fecha(texto)
        except ValueError:
            self.error(numero, columna, f"«{texto}» no es una fecha; escríbala como AAAA-MM-DD.")
            return None

    def _datos(self, numero: int, texto: dict) -> dict:
        """Los datos de la solicitud que trae la fila (solo los no vacíos)."""
        datos = {}
        if texto["contrasena"]:
            if len(texto["contrasena"]) < contrasenas.LONGITUD_MINIMA:
                self.error(
                    numero,
                    "contrasena",
                    f"debe tener al menos {contrasenas.LONGITUD_MINIMA} caracteres generados al "
                    "azar.",
                )
            elif len(texto["contrasena"]) > 128:
                self.error(numero, "contrasena", "debe tener como máximo 128 caracteres.")
            datos["contrasena"] = texto["contrasena"]
        tramite = None
        if texto["tramite"]:
            tramite = self.tramites.get(texto["tramite"])
            if tramite is None:
                self.error(numero, "tramite", f"no hay un trámite «{texto['tramite']}».")
            else:
                datos["tramite"] = tramite
        if texto["modalidad"]:
            if not texto["tramite"]:
                self.error(numero, "modalidad", "indique también el trámite de la modalidad.")
            elif tramite is not None:
                modalidad = self.modalidades.get((tramite.pk, texto["modalidad"]))
                if modalidad is None:
                    self.error(
                        numero,
                        "modalidad",
                        f"el trámite {tramite.slug} no tiene la modalidad «{texto['modalidad']}».",
                    )
                datos["modalidad"] = modalidad
        if texto["oficina"]:
            oficina = self.oficinas.get(texto["oficina"])
            if oficina is None:
                self.error(numero, "oficina", f"no hay una oficina del INM «{texto['oficina']}».")
            datos["oficina"] = oficina
        if texto["fecha_ingreso"]:
            ingreso = self._fecha(numero, "fecha_ingreso", texto["fecha_ingreso"])
            if ingreso and ingreso > self.hoy:
                self.error(numero, "fecha_ingreso", f"{ingreso:%Y-%m-%d} es una fecha futura.")
            if ingreso:
                datos["fecha_ingreso"] = ingreso
        return datos


def _agrupar(filas: list[_Fila], validador: _Validador) -> dict[str, dict]:
    """Por número: datos de la solicitud (sin contradicciones) y sus cambios (sin repetir)."""
    grupos: dict[str, dict] = {}
    for fila in filas:
        grupo = grupos.setdefault(fila.nut, {"datos": {}, "fila_datos": {}, "cambios": {}})
        for clave, valor in fila.datos.items():
            if clave in grupo["datos"] and grupo["datos"][clave] != valor:
                validador.error(
                    fila.numero,
                    clave,
                    f"no coincide con la fila {grupo['fila_datos'][clave]} del mismo número.",
                )
            else:
                grupo["datos"][clave] = valor
                grupo["fila_datos"].setdefault(clave, fila.numero)
        clave_cambio = (fila.fecha, fila.estatus)
        if clave_cambio in grupo["cambios"]:
            validador.error(
                fila.numero,
                "estatus",
                f"repite el cambio de la fila {grupo['cambios'][clave_cambio].numero} "
                "(mismo número, fecha y estatus).",
            )
        else:
            grupo["cambios"][clave_cambio] = fila
    return grupos


def _revisar_solicitudes(grupos: dict, existentes: dict, validador: _Validador) -> None:
    for nut, grupo in grupos.items():
        primera = min(f.numero for f in grupo["cambios"].values())
        if nut not in existentes:
            faltan = [
                c for c in ("contrasena", "tramite", "fecha_ingreso") if c not in grupo["datos"]
            ]
            if faltan:
                validador.error(
                    primera,
                    faltan[0],
                    f"la solicitud {nut} es nueva: faltan {', '.join(faltan)}.",
                )
                continue
        ingreso = grupo["datos"].get("fecha_ingreso") or existentes[nut].fecha_ingreso
        for fila in grupo["cambios"].values():
            if fila.fecha < ingreso:
                validador.error(
                    fila.numero,
                    "fecha",
                    f"{fila.fecha:%Y-%m-%d} es anterior al ingreso ({ingreso:%Y-%m-%d}).",
                )
        if "fecha_ingreso" in grupo["datos"] and nut in existentes:
            primero = (
                existentes[nut].cambios.order_by("fecha").values_list("fecha", flat=True).first()
            )
            if primero and primero < ingreso:
                validador.error(
                    grupo["fila_datos"]["fecha_ingreso"],
                    "fecha_ingreso",
                    f"la solicitud {nut} ya tiene cambios desde {primero:%Y-%m-%d}.",
                )


def importar(
    archivo: Path,
    *,
    hoy: date | None = None,
    avance: Callable[[int], None] | None = None,
    guardado: Callable[[int, int], None] | None = None,
) -> Informe:
    """Valida el archivo entero y, si no hay errores, lo guarda en una sola transacción.

    `avance(n)`: n filas más revisadas. `guardado(hechas, total)`: solicitudes guardadas.
    """
    hoy = hoy or timezone.localdate()
    tabla = leer(archivo)
    validador = _Validador(hoy=hoy)
    if not validador.encabezados(list(tabla.columns)):
        raise ImportacionInvalida(validador.errores)
    if tabla.empty:
        raise ImportacionInvalida([f"{archivo.name} no tiene filas de datos."])
    filas = []
    for posicion, valores in enumerate(tabla.to_dict("records")):
        # Fila 1 = encabezados, como la numera la hoja de cálculo.
        fila = validador.fila(posicion + 2, valores)
        if fila:
            filas.append(fila)
        if avance:
            avance(1)
    grupos = _agrupar(filas, validador)
    existentes = Solicitud.objects.in_bulk(list(grupos), field_name="nut")
    _revisar_solicitudes(grupos, existentes, validador)
    if validador.errores:
        errores = validador.errores[:MAXIMO_ERRORES]
        if len(validador.errores) > MAXIMO_ERRORES:
            errores.append(f"… y {len(validador.errores) - MAXIMO_ERRORES} errores más.")
        raise ImportacionInvalida(errores)
    informe = Informe(filas=len(tabla))
    with transaction.atomic():
        for hechas, (nut, grupo) in enumerate(grupos.items(), 1):
            _guardar(nut, grupo, existentes.get(nut), informe)
            if guardado:
                guardado(hechas, len(grupos))
        if informe.hubo_cambios:
            transaction.on_commit(cache_paginas.invalidar)
    return informe


def _guardar(nut: str, grupo: dict, solicitud: Solicitud | None, informe: Informe) -> None:
    datos = dict(grupo["datos"])
    contrasena = datos.pop("contrasena", None)
    nueva = solicitud is None
    cambiados = []
    if nueva:
        solicitud = Solicitud(nut=nut, contrasena=contrasenas.cifrar(contrasena), **datos)
    else:
        tramite = datos.get("tramite")
        # Cambió de trámite sin decir la modalidad: la anterior ya no le corresponde.
        if (
            tramite
            and "modalidad" not in datos
            and solicitud.modalidad_id
            and solicitud.modalidad.tramite_id != tramite.pk
        ):
            datos["modalidad"] = None
        for campo, valor in datos.items():
            if getattr(solicitud, campo) != valor:
                setattr(solicitud, campo, valor)
                cambiados.append(campo)
        if contrasena and not contrasenas.verificar(contrasena, solicitud.contrasena):
            solicitud.contrasena = contrasenas.cifrar(contrasena)
            cambiados.append("contrasena")
    actuales = {} if nueva else {(c.fecha, c.estatus): c for c in solicitud.cambios.all()}
    por_guardar = []
    for clave, fila in grupo["cambios"].items():
        cambio = actuales.get(clave)
        if cambio is None:
            cambio = CambioEstatus(
                estatus=fila.estatus,
                fecha=fila.fecha,
                requerimiento=fila.requerimiento,
                fecha_limite=fila.fecha_limite,
            )
            actuales[clave] = cambio
            por_guardar.append(cambio)
            informe.creados[nombre(CambioEstatus)] += 1
        elif (cambio.requerimiento, cambio.fecha_limite) != (fila.requerimiento, fila.fecha_limite):
            cambio.requerimiento, cambio.fecha_limite = fila.requerimiento, fila.fecha_limite
            por_guardar.append(cambio)
            informe.actualizados[nombre(CambioEstatus)] += 1
    if not nueva and not cambiados and not por_guardar:
        return
    cambiados += registro.aplicar(
        solicitud, registro.derivar(solicitud.fecha_ingreso, actuales.values())
    )
    solicitud.save()
    for cambio in por_guardar:
        cambio.solicitud = solicitud
        cambio.save()
    if nueva:
        informe.creados[nombre(Solicitud)] += 1
        informe.detalles.append(f"+ {nut}")
    elif cambiados:
        informe.actualizados[nombre(Solicitud)] += 1
        informe.detalles.append(f"~ {nut}: {', '.join(dict.fromkeys(cambiados))}")
