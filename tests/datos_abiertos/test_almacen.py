"""Guardar observaciones: cada campo de la fila llega a su columna, por cualquier camino."""

from datetime import date
from operator import attrgetter

import pytest

from datos_abiertos import almacen
from datos_abiertos.almacen import FilaObservacion
from datos_abiertos.models import ConjuntoDatos, Observacion
from fuentes.models import Fuente

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacio():
    return ConjuntoDatos.objects.create(
        slug="prueba-almacen",
        titulo="Prueba",
        descripcion="Conjunto vacío para probar el almacén.",
        tema="Pruebas",
        unidad="casos",
        publicador="Pruebas",
        licencia="Libre",
        licencia_url="https://example.org/licencia",
        dimensiones=["ventanilla", "entidad", "categoria", "nacionalidad", "sexo", "grupo_edad"],
        indicadores=[["atendidas", "Atendidas", ""], ["otras", "Otras", ""]],
    )


def _guardada(conjunto, **clave) -> dict:
    return Observacion.objects.filter(conjunto=conjunto, **clave).values(*almacen.CAMPOS).get()


def _como_dict(fila: FilaObservacion) -> dict:
    return dict(zip(almacen.CAMPOS, fila, strict=True))


def _fila(fuente, **cambios) -> FilaObservacion:
    # Un valor distinto en cada campo: si uno cae en la columna de otro, la prueba lo ve.
    datos = {
        "periodo": date(2024, 3, 1),
        "indicador": "atendidas",
        "valor": 17,
        "ventanilla": "tapachula",
        "entidad": "07",
        "categoria": "orientacion-tramites",
        "nacionalidad": "HN",
        "sexo": "mujer",
        "grupo_edad": "18-29",
        "suprimido": False,
        "es_muestra": False,
        "fuente_id": fuente.pk,
    }
    return FilaObservacion(**{**datos, **cambios})


def test_cada_campo_de_la_fila_llega_a_su_columna(vacio):
    fuente = Fuente.objects.create(
        url="https://example.org/cuadro", titulo="Cuadro", fecha_consulta=date(2024, 5, 1)
    )
    fila = _fila(fuente)
    # Conjunto vacío: en PostgreSQL las filas van directo a la tabla con COPY.
    almacen.reemplazar(conjunto=vacio, filas=[fila], alcance=almacen.Alcance())
    assert _guardada(vacio, indicador="atendidas") == _como_dict(fila)

    # Con filas que comparar: una cambia de valor y otra es nueva (tabla temporal y COPY).
    cambiada = _fila(fuente, valor=None, suprimido=True, es_muestra=True, fuente_id=None)
    nueva = _fila(fuente, indicador="otras", valor=5, sexo="hombre", grupo_edad="60-mas")
    cambios = almacen.reemplazar(conjunto=vacio, filas=[cambiada, nueva], alcance=almacen.Alcance())
    assert (cambios.creadas, cambios.actualizadas, cambios.borradas) == (1, 1, 0)
    assert _guardada(vacio, indicador="atendidas") == _como_dict(cambiada)
    assert _guardada(vacio, indicador="otras") == _como_dict(nueva)
    vacio.refresh_from_db()
    assert vacio.filas == 2


def test_una_celda_repetida_no_guarda_nada(vacio):
    fila = _fila(
        Fuente.objects.create(
            url="https://example.org/otro", titulo="Otro", fecha_consulta=date(2024, 5, 1)
        )
    )
    with pytest.raises(ValueError, match="Celda repetida"):
        almacen.reemplazar(conjunto=vacio, filas=[fila, fila], alcance=almacen.Alcance())
    assert not Observacion.objects.filter(conjunto=vacio).exists()


@pytest.mark.parametrize("hay_filas", [False, True])
def test_un_dato_de_muestra_con_fuente_no_se_guarda(vacio, hay_filas):
    """Ni por COPY directo ni por la tabla temporal: la base rechaza la muestra con fuente."""
    oficial = Fuente.objects.create(
        url="https://portales.segob.gob.mx/cuadro.xls",
        titulo="Cuadro oficial",
        fecha_consulta=date(2024, 5, 1),
    )
    if hay_filas:
        almacen.reemplazar(
            conjunto=vacio,
            filas=[_fila(oficial, indicador="otras", es_muestra=True, fuente_id=None)],
            alcance=almacen.Alcance(),
        )
    antes = list(Observacion.objects.filter(conjunto=vacio).values_list("indicador", "fuente_id"))
    with pytest.raises(ValueError, match="Un dato de muestra no puede llevar fuente"):
        almacen.reemplazar(
            conjunto=vacio,
            filas=[_fila(oficial, es_muestra=True)],
            alcance=almacen.Alcance(indicadores=("atendidas",)),
        )
    assert (
        list(Observacion.objects.filter(conjunto=vacio).values_list("indicador", "fuente_id"))
        == antes
    )


def test_ninguna_fila_de_muestra_cita_una_fuente_gubernamental(client):
    """Issue 15: en cada conjunto, las filas de muestra remiten a cómo se generaron."""
    import csv
    import io

    for conjunto in ConjuntoDatos.objects.publicados():
        cuerpo = b"".join(client.get(f"/datos/{conjunto.slug}.csv").streaming_content)
        filas = list(csv.DictReader(io.StringIO(cuerpo.decode())))
        muestra = [f for f in filas if f["origen"] == "Datos de muestra"]
        assert len(muestra) == conjunto.filas_muestra
        assert {f["fuente_url"] for f in muestra} <= {"http://testserver/datos/muestra/"}
        assert not any(".gob.mx" in f["fuente_url"] for f in muestra)


def test_una_carga_grande_da_el_mismo_informe_las_mismas_filas_y_el_cubo_guardado(
    vacio, monkeypatch
):
    """El camino de las cargas grandes (en PostgreSQL: hash joins, sin JIT) y el cubo que queda
    en la base, primero creado y luego reemplazado, dicen lo mismo que las filas guardadas."""
    monkeypatch.setattr(almacen, "LOTE_COPY", 2)
    fuente = Fuente.objects.create(
        url="https://example.org/grande", titulo="Grande", fecha_consulta=date(2024, 5, 1)
    )
    primeras = [
        _fila(fuente, periodo=date(2024, mes, 1), nacionalidad=pais, valor=mes * 10 + n)
        for mes in (1, 2, 3)
        for n, pais in enumerate(["HN", "GT", "SV"])
    ]
    almacen.reemplazar(conjunto=vacio, filas=primeras, alcance=almacen.Alcance())
    vacio.refresh_from_db()
    _el_cubo_guardado_es_el_de_las_filas(vacio)

    # Solo enero y febrero: marzo queda fuera del alcance y no se toca.
    alcance = almacen.Alcance(desde=date(2024, 1, 1), hasta=date(2024, 2, 1))
    segundas = [
        primeras[0],  # sin cambio
        primeras[1]._replace(valor=999),  # actualizada
        primeras[3]._replace(valor=None, suprimido=True),  # actualizada (suprimida)
        primeras[4],  # sin cambio
        _fila(fuente, periodo=date(2024, 2, 1), nacionalidad="CU", valor=7),  # nueva
        # primeras[2] y primeras[5] no vienen: se borran.
    ]
    cambios = almacen.reemplazar(conjunto=vacio, filas=segundas, alcance=alcance)
    assert cambios == almacen.Cambios(creadas=1, actualizadas=2, borradas=2, sin_cambio=2)
    celda = attrgetter("periodo", "nacionalidad")
    esperadas = sorted(segundas + primeras[6:], key=celda)
    guardadas = sorted(
        (
            FilaObservacion(*fila)
            for fila in Observacion.objects.filter(conjunto=vacio).values_list(*almacen.CAMPOS)
        ),
        key=celda,
    )
    assert guardadas == esperadas
    vacio.refresh_from_db()
    _el_cubo_guardado_es_el_de_las_filas(vacio)

    # Repetida: nada cambia.
    otra = almacen.reemplazar(conjunto=vacio, filas=segundas, alcance=alcance)
    assert otra == almacen.Cambios(sin_cambio=len(segundas))


def _el_cubo_guardado_es_el_de_las_filas(conjunto):
    import numpy as np

    from datos_abiertos import cubo

    # El de la base, no el que la carga dejó en la memoria del proceso.
    cubo._memoria.clear()
    guardado = cubo.leer(conjunto.pk, conjunto.version)
    esperado = cubo.construir(conjunto.pk, conjunto.version)
    assert guardado is not None and guardado.filas == conjunto.filas
    for columna in cubo.COLUMNAS:
        assert np.array_equal(guardado.codigos[columna], esperado.codigos[columna]), columna
        assert list(guardado.diccionarios[columna]) == list(esperado.diccionarios[columna])
    for campo in ("valor", "muestra", "suprimido", "ids", "inicio_mes"):
        assert np.array_equal(getattr(guardado, campo), getattr(esperado, campo)), campo
