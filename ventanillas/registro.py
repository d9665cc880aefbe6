"""Registro de atenciones de las ventanillas: quién puede registrar dónde, guardar y canalizar.

Cada cuenta del personal registra solo para su ventanilla (PersonalVentanilla). Quien tiene el
permiso «ver_todas_atenciones» (o es superusuario) ve y registra para todas. Nunca se guarda
nombre ni número de documento: el formulario no tiene campos de texto libre.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ventanillas.models import (
    Atencion,
    DirectorioCanalizacion,
    Lugar,
    ServicioAtendido,
    TipoInstitucion,
)


@dataclass(frozen=True)
class Bandera:
    campo: str
    etiqueta: str
    # Institución a la que hay que canalizar de inmediato, o None si no es urgente.
    urgente_a: str | None = None


VULNERABILIDADES = [
    Bandera(
        "nna_no_acompanado",
        _("Niña, niño o adolescente sin compañía de un adulto"),
        TipoInstitucion.PROTECCION_NNA,
    ),
    Bandera("solicita_refugio", _("Quiere pedir refugio (asilo)"), TipoInstitucion.COMAR),
    Bandera("victima_delito", _("Víctima de un delito"), TipoInstitucion.FISCALIA),
    Bandera("necesidad_salud", _("Necesita atención de salud"), TipoInstitucion.SALUD),
    Bandera("embarazo", _("Embarazo")),
    Bandera("discapacidad", _("Discapacidad")),
]

CANALIZACIONES = [
    Bandera("canalizada_comar", _("COMAR (refugio)")),
    Bandera("canalizada_proteccion_nna", _("DIF o Procuraduría de Protección de NNA")),
    Bandera("canalizada_consulado", _("Consulado")),
    Bandera("canalizada_albergue", _("Albergue")),
    Bandera("canalizada_inm", _("INM")),
    Bandera("canalizada_fiscalia", _("Fiscalía o Ministerio Público")),
    Bandera("canalizada_salud", _("Servicios de salud")),
]


def puede_ver_todas(usuario) -> bool:
    return usuario.is_superuser or usuario.has_perm("ventanillas.ver_todas_atenciones")


def ventanillas_permitidas(usuario):
    """Las ventanillas donde esta cuenta puede registrar y consultar atenciones."""
    if not usuario.is_authenticated or not usuario.has_perm("ventanillas.add_atencion"):
        return Lugar.objects.none()
    ventanillas = Lugar.objects.ventanillas().select_related("estado")
    if puede_ver_todas(usuario):
        return ventanillas
    return ventanillas.filter(personal__usuario=usuario)


def atenciones_visibles(usuario):
    """Atenciones que esta cuenta puede ver: las de su ventanilla, o todas si es admin."""
    atenciones = Atencion.objects.select_related("ventanilla").prefetch_related("servicios")
    if puede_ver_todas(usuario):
        return atenciones
    return atenciones.filter(ventanilla__personal__usuario=usuario)


@transaction.atomic
def registrar_atencion(*, datos: dict, usuario) -> Atencion:
    """Guarda una atención con sus servicios. `datos` viene de un AtencionForm válido."""
    banderas = {b.campo: b.campo in datos["vulnerabilidades"] for b in VULNERABILIDADES}
    banderas |= {b.campo: b.campo in datos["canalizaciones"] for b in CANALIZACIONES}
    atencion = Atencion.objects.create(
        ventanilla=datos["ventanilla"],
        fecha=datos["fecha"],
        nacionalidad=datos["nacionalidad"] or "",
        sexo=datos["sexo"],
        grupo_edad=datos["grupo_edad"],
        perfil=datos["perfil"],
        registrada_por=usuario,
        **banderas,
    )
    ServicioAtendido.objects.bulk_create(
        ServicioAtendido(atencion=atencion, servicio=s) for s in datos["servicios"]
    )
    return atencion


def urgencias(atencion: Atencion) -> list[Bandera]:
    """Las situaciones marcadas que piden canalizar de inmediato."""
    return [b for b in VULNERABILIDADES if b.urgente_a and getattr(atencion, b.campo)]


def directorio_de_canalizacion(*, estado, tipos=None) -> list[DirectorioCanalizacion]:
    """Instituciones con fuente en el estado (de los tipos dados, o todas)."""
    consulta = DirectorioCanalizacion.objects.filter(estado=estado).select_related("fuente")
    if tipos:
        consulta = consulta.filter(tipo__in=tipos)
    return list(consulta)
