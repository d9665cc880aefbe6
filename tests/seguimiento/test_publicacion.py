"""Los tiempos también se publican como conjunto de datos abiertos, mes por mes."""

from datetime import date

import pytest

from datos_abiertos.models import ConjuntoDatos, Observacion
from seguimiento import publicacion
from seguimiento.models import Estatus
from seguimiento.plazos import Calendario
from tests.seguimiento.conftest import HOY

pytestmark = pytest.mark.django_db
mas = Calendario().sumar_dias_habiles


def _valores(**filtro) -> dict:
    return {
        (o.periodo, o.categoria, o.indicador): o.valor
        for o in Observacion.objects.filter(conjunto__slug=publicacion.SLUG, **filtro)
    }


def test_publica_resueltas_mediana_p90_en_plazo_y_rezago(crear_solicitud):
    ingreso = date(2026, 6, 1)
    crear_solicitud(
        "PRUEBA-0001", ingreso=ingreso, cambios=[(Estatus.RESUELTO_FAVORABLE, mas(ingreso, 10))]
    )
    crear_solicitud(
        "PRUEBA-0002", ingreso=ingreso, cambios=[(Estatus.RESUELTO_FAVORABLE, mas(ingreso, 14))]
    )
    crear_solicitud(
        "PRUEBA-0003", ingreso=ingreso, cambios=[(Estatus.RESUELTO_NO_FAVORABLE, mas(ingreso, 30))]
    )
    # Abierta desde el lunes 4 de mayo: al cierre de mayo lleva 19 días hábiles.
    crear_solicitud("PRUEBA-0004", ingreso=date(2026, 5, 4))
    # Resuelta en el mes en curso: todavía no se publica.
    crear_solicitud(
        "PRUEBA-0005",
        ingreso=date(2026, 11, 2),
        cambios=[(Estatus.RESUELTO_FAVORABLE, date(2026, 11, 20))],
    )

    cambios = publicacion.publicar(hoy=HOY)
    assert cambios.creadas > 0
    conjunto = ConjuntoDatos.objects.get(slug=publicacion.SLUG)
    assert conjunto.titulo == "Tiempos de resolución de los trámites"
    assert conjunto.filas_muestra == 0
    assert conjunto.periodo_fin == date(2026, 10, 1)
    valores = _valores()
    junio, julio = date(2026, 6, 1), date(2026, 7, 1)
    assert valores[(junio, "permiso-para-trabajar", "resueltas")] == 2
    assert valores[(junio, "permiso-para-trabajar", "mediana-dias-habiles")] == 10
    assert valores[(junio, "permiso-para-trabajar", "p90-dias-habiles")] == 14
    assert valores[(junio, "permiso-para-trabajar", "resueltas-en-plazo")] == 2
    assert valores[(julio, "permiso-para-trabajar", "resueltas")] == 1
    assert valores[(julio, "permiso-para-trabajar", "resueltas-en-plazo")] == 0
    assert (
        valores[(date(2026, 5, 1), "permiso-para-trabajar", "pendientes-11-a-20-dias-habiles")] == 1
    )
    assert (
        valores[(date(2026, 10, 1), "permiso-para-trabajar", "pendientes-mas-de-60-dias-habiles")]
        == 1
    )
    assert not any(periodo >= date(2026, 11, 1) for periodo, _t, _i in valores)
    assert publicacion.publicado()

    otra = publicacion.publicar(hoy=HOY)
    assert not otra.hubo_cambios


def test_los_datos_de_muestra_se_publican_marcados(crear_solicitud):
    ingreso = date(2026, 6, 1)
    crear_solicitud(
        "MUESTRA-000001",
        es_muestra=True,
        ingreso=ingreso,
        cambios=[(Estatus.RESUELTO_FAVORABLE, mas(ingreso, 5))],
    )
    publicacion.publicar(hoy=HOY)
    conjunto = ConjuntoDatos.objects.get(slug=publicacion.SLUG)
    assert conjunto.titulo == "Tiempos de resolución de los trámites (datos de muestra)"
    assert conjunto.notas.startswith("Datos de muestra")
    assert conjunto.solo_muestra
    assert all(o.es_muestra for o in Observacion.objects.filter(conjunto=conjunto))


def test_sin_solicitudes_el_conjunto_queda_vacio_y_no_se_enlaza():
    publicacion.publicar(hoy=HOY)
    assert ConjuntoDatos.objects.get(slug=publicacion.SLUG).filas == 0
    assert not publicacion.publicado()
