"""Consulta de una solicitud con su número y su contraseña.

Un número que no existe y una contraseña equivocada dan el mismo resultado, en el mismo tiempo
(la contraseña se compara siempre contra un cifrado, real o señuelo), y cada intento pasa antes
por los límites por número y por conexión de `config/limites.py`.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from config import limites
from seguimiento import contrasenas
from seguimiento.models import CambioEstatus, Solicitud
from seguimiento.referencias import Referencias, referencias
from seguimiento.situacion import Situacion, situacion


@dataclass
class Resultado:
    situacion: Situacion | None = None
    bloqueo: limites.Bloqueo | None = None
    # Solo para el registro: nunca se muestra (la persona ve el mismo mensaje en ambos casos).
    motivo: str = field(default="", repr=False)

    @property
    def encontrada(self) -> bool:
        return self.situacion is not None


# SQL escrito a mano (con los nombres que da el modelo): es la página que más gente pide a la
# vez, y armar estas consultas con el ORM cuesta más que responderlas (≈1 ms contra ≈0.4 ms
# por consulta; benchmarks/seguimiento.py). `raw()` convierte los tipos igual en PostgreSQL y
# en SQLite. Solo las columnas que usa la página de estado (las demás quedan diferidas).
def _select(modelo, campos: tuple[str, ...], donde: str) -> str:
    columnas = ", ".join(modelo._meta.get_field(campo).column for campo in campos)
    return f"SELECT {columnas} FROM {modelo._meta.db_table} WHERE {donde}"  # noqa: S608


_SOLICITUD = _select(
    Solicitud,
    (
        "id",
        "nut",
        "contrasena",
        "tramite",
        "modalidad",
        "oficina",
        "fecha_ingreso",
        "estatus",
        "fecha_estatus",
        "fecha_resolucion",
        "inicio_plazo",
        "es_muestra",
    ),
    "nut = %s",
)
_HISTORIAL = _select(
    CambioEstatus,
    ("id", "solicitud", "estatus", "fecha", "requerimiento", "fecha_limite"),
    f"{CambioEstatus._meta.get_field('solicitud').column} = %s ORDER BY fecha, id",
)


def _buscar(nut: str) -> Solicitud | None:
    # Una sola consulta exista o no: el historial se lee después de comprobar la contraseña,
    # para que el tiempo de respuesta no delate qué números existen.
    return next(iter(Solicitud.objects.raw(_SOLICITUD, [nut])), None)


def consultar(*, nut: str, contrasena: str, ip: str, refs: Referencias | None = None) -> Resultado:
    """La situación de la solicitud si el número y la contraseña corresponden.

    `refs`: las referencias que la vista ya leyó (si no, se leen aquí).
    """
    reserva = limites.reservar(
        contadores=[limites.CONSULTA_POR_IP.contador(ip), limites.CONSULTA_POR_NUT.contador(nut)]
    )
    if isinstance(reserva, limites.Bloqueo):
        return Resultado(bloqueo=reserva)
    solicitud = _buscar(nut)
    correcta = contrasenas.verificar(contrasena, solicitud.contrasena if solicitud else None)
    if not correcta:
        return Resultado(motivo="sin_solicitud" if solicitud is None else "contrasena")
    limites.devolver(reserva)
    refs = refs or referencias()
    refs.enlazar(solicitud)
    return Resultado(
        situacion=situacion(
            solicitud,
            list(CambioEstatus.objects.raw(_HISTORIAL, [solicitud.pk])),
            hoy=timezone.localdate(),
            calendario=refs.calendario,
        )
    )
