"""Horarios de los lugares: zona horaria, lectura del horario de la fuente y «abierto ahora».

México tiene varias zonas horarias. La zona de cada lugar sale de la base de datos de zonas
horarias de IANA (tz database, archivo zone1970.tab): una zona por estado y, donde la base
separa municipios (frontera con EE. UU., Bahía de Banderas), la del municipio.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

# Clave INEGI del estado → zona de la tz database (comentarios de zone1970.tab entre paréntesis).
ZONA_POR_ESTADO = {
    "01": "America/Mexico_City",
    "02": "America/Tijuana",  # Baja California
    "03": "America/Mazatlan",  # Baja California Sur
    "04": "America/Merida",  # Campeche, Yucatán
    "05": "America/Monterrey",  # Coahuila (most areas)
    "06": "America/Mexico_City",
    "07": "America/Mexico_City",
    "08": "America/Chihuahua",  # Chihuahua (most areas)
    "09": "America/Mexico_City",
    "10": "America/Monterrey",  # Durango
    "11": "America/Mexico_City",
    "12": "America/Mexico_City",
    "13": "America/Mexico_City",
    "14": "America/Mexico_City",
    "15": "America/Mexico_City",
    "16": "America/Mexico_City",
    "17": "America/Mexico_City",
    "18": "America/Mazatlan",  # Nayarit (most areas)
    "19": "America/Monterrey",  # Nuevo León (most areas)
    "20": "America/Mexico_City",
    "21": "America/Mexico_City",
    "22": "America/Mexico_City",
    "23": "America/Cancun",  # Quintana Roo
    "24": "America/Mexico_City",
    "25": "America/Mazatlan",  # Sinaloa
    "26": "America/Hermosillo",  # Sonora
    "27": "America/Mexico_City",
    "28": "America/Monterrey",  # Tamaulipas (most areas)
    "29": "America/Mexico_City",
    "30": "America/Mexico_City",
    "31": "America/Merida",  # Yucatán
    "32": "America/Mexico_City",
}

# Municipios con zona propia. Solo los que la tz database nombra o los que las fuentes del
# sitio sitúan en un cruce fronterizo con EE. UU. («US border» en zone1970.tab): Piedras Negras
# (Puente Internacional II), Nuevo Laredo, Reynosa (puente Reynosa-Hidalgo) y Juárez (puente
# Lerdo). Otro municipio fronterizo se agrega aquí cuando una fuente lo respalde.
ZONA_POR_MUNICIPIO = {
    "18020": "America/Bahia_Banderas",  # Bahía de Banderas, Nayarit
    "08037": "America/Ciudad_Juarez",  # Juárez, Chihuahua (US border - west)
    "05025": "America/Matamoros",  # Piedras Negras, Coahuila (US border)
    "28027": "America/Matamoros",  # Nuevo Laredo, Tamaulipas (US border)
    "28032": "America/Matamoros",  # Reynosa, Tamaulipas (US border)
}


def zona_horaria(*, clave_estado: str, clave_municipio: str | None = None) -> ZoneInfo:
    nombre = ZONA_POR_MUNICIPIO.get(clave_municipio or "") or ZONA_POR_ESTADO[clave_estado]
    return ZoneInfo(nombre)


@dataclass(frozen=True)
class Tramo:
    dia: int  # 0 = lunes … 6 = domingo
    abre: time
    cierra: time
    nota: str = ""


_DIAS = {
    "lunes": 0,
    "martes": 1,
    "miércoles": 2,
    "miercoles": 2,
    "jueves": 3,
    "viernes": 4,
    "sábado": 5,
    "sabado": 5,
    "domingo": 6,
}
_NOMBRE_DIA = "|".join(_DIAS)
_HORA = r"([01]?\d|2[0-3])[:.]([0-5]\d)"
# «lunes a viernes, 09:00 a 18:00 (nota)»: días, dos horas y una nota opcional. Nada más.
_PATRON = re.compile(
    rf"^\s*(?P<desde>{_NOMBRE_DIA})(?:\s+a\s+(?P<hasta>{_NOMBRE_DIA}))?\s*,?\s*"
    rf"(?:de\s+)?{_HORA}\s*(?:a|-|–)\s*{_HORA}\s*(?:h|hrs?\.?)?\s*(?:\((?P<nota>[^()]*)\))?\s*$",
    re.IGNORECASE,
)


def interpretar_horario(texto: str) -> list[Tramo] | None:
    """Tramos de apertura de un horario en texto libre, o None si no es inequívoco.

    Solo se acepta un texto con días explícitos y hora de apertura y de cierre, en uno o más
    segmentos separados por «;». Si algún segmento no tiene días o falta una hora (p. ej.
    «apertura a las 09:00»), todo el horario queda como desconocido: un horario a medias haría
    decir «cerrado» a una oficina abierta.
    """
    if not texto or not texto.strip():
        return None
    tramos = []
    for segmento in texto.split(";"):
        coincidencia = _PATRON.match(segmento.strip().lower())
        if not coincidencia:
            return None
        desde = _DIAS[coincidencia["desde"]]
        hasta = _DIAS[coincidencia["hasta"]] if coincidencia["hasta"] else desde
        if hasta < desde:
            return None
        abre = time(int(coincidencia.group(3)), int(coincidencia.group(4)))
        cierra = time(int(coincidencia.group(5)), int(coincidencia.group(6)))
        if abre >= cierra:
            return None
        nota = (coincidencia["nota"] or "").strip()
        tramos += [Tramo(dia, abre, cierra, nota) for dia in range(desde, hasta + 1)]
    return tramos


@dataclass(frozen=True)
class EstadoApertura:
    abierto: bool
    hora_local: datetime
    zona: str


@dataclass(frozen=True)
class Horario:
    """Lo que hace falta para decir si un lugar está abierto, sin el lugar ni la base."""

    zona: str
    # (día, cerrado, abre, cierra) de cada fila de HorarioApertura.
    filas: tuple[tuple[int, bool, time | None, time | None], ...]


def horario_de(lugar) -> Horario | None:
    """El horario de un lugar con `horarios`, `estado` y `municipio` cargados; None si no hay."""
    horarios = list(lugar.horarios.all())
    if not horarios:
        return None
    zona = zona_horaria(
        clave_estado=lugar.estado.clave,
        clave_municipio=lugar.municipio.clave if lugar.municipio_id else None,
    )
    return Horario(zona.key, tuple((h.dia, h.cerrado, h.abre, h.cierra) for h in horarios))


def apertura(horario: Horario | None, ahora: datetime | None = None) -> EstadoApertura | None:
    """¿Está abierto ahora, en la hora del lugar? None si no se conoce su horario."""
    if horario is None:
        return None
    zona = ZoneInfo(horario.zona)
    local = (ahora or timezone.now()).astimezone(zona)
    hora = local.time().replace(tzinfo=None)
    abierto = any(
        not cerrado and dia == local.weekday() and abre <= hora < cierra
        for dia, cerrado, abre, cierra in horario.filas
    )
    return EstadoApertura(abierto=abierto, hora_local=local, zona=zona.key)


def estado_apertura(lugar, ahora: datetime | None = None) -> EstadoApertura | None:
    """¿Está abierto ahora, en la hora del lugar? None si no se conoce su horario."""
    return apertura(horario_de(lugar), ahora)
