"""Ayudas para las pruebas de seguimiento: solicitudes hechas a mano con su historial."""

from datetime import date

import pytest

from seguimiento import contrasenas, registro
from seguimiento.models import CambioEstatus, Estatus, Solicitud
from tramites.models import Tramite

# Lunes. El 16 de noviembre de 2026 fue día de descanso obligatorio (Revolución).
HOY = date(2026, 11, 23)
CONTRASENA = "PRUE-BA23-4567"


@pytest.fixture
def hoy(dia_de_la_referencia):
    """El reloj en HOY (y andando) para todo el código que pregunta la fecha."""
    assert dia_de_la_referencia == HOY
    return HOY


@pytest.fixture
def crear_solicitud():
    """Crea una solicitud con su historial: cambios como (estatus, fecha[, requerimiento, límite])."""

    def crear(
        nut: str = "PRUEBA-0001",
        *,
        tramite: str = "permiso-para-trabajar",
        ingreso: date = date(2026, 11, 2),
        cambios=(),
        contrasena: str = CONTRASENA,
        es_muestra: bool = False,
        cifrado: str | None = None,
    ) -> Solicitud:
        solicitud = Solicitud(
            nut=nut,
            contrasena=cifrado or contrasenas.cifrar(contrasena),
            tramite=Tramite.objects.get(slug=tramite),
            fecha_ingreso=ingreso,
            es_muestra=es_muestra,
        )
        historial = [CambioEstatus(estatus=Estatus.RECIBIDO, fecha=ingreso)]
        for cambio in cambios:
            estatus, fecha, *resto = cambio
            requerimiento, limite = (resto + ["", None])[:2] if resto else ("", None)
            historial.append(
                CambioEstatus(
                    estatus=estatus, fecha=fecha, requerimiento=requerimiento, fecha_limite=limite
                )
            )
        registro.aplicar(solicitud, registro.derivar(ingreso, historial))
        solicitud.save()
        for cambio in historial:
            cambio.solicitud = solicitud
        CambioEstatus.objects.bulk_create(historial)
        return solicitud

    return crear
