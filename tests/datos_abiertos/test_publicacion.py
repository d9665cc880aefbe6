"""Contrato con ventanillas: publicar las atenciones suprimiendo las celdas con menos de 5."""

from datetime import date

import pytest

from datos_abiertos.models import ConjuntoDatos, Observacion
from datos_abiertos.publicacion import FilasInvalidas, publicar_atenciones_ventanillas

pytestmark = pytest.mark.django_db


def _fila(**cambios):
    fila = {
        "periodo": date(2026, 3, 1),
        "ventanilla": "tapachula",
        "entidad": "07",
        "servicio": "orientacion-tramites",
        "nacionalidad": "HN",
        "sexo": "mujer",
        "grupo_edad": "18-29",
        "atenciones": 12,
    }
    return {**fila, **cambios}


def _atenciones():
    return Observacion.objects.filter(conjunto__slug="atenciones-ventanillas")


def test_publica_reemplaza_la_muestra_y_suprime_de_1_a_4():
    filas = [
        _fila(),
        _fila(sexo="hombre", atenciones=4),
        _fila(servicio="retorno-voluntario", atenciones=1),
        _fila(nacionalidad="XX", atenciones=5),
    ]
    assert publicar_atenciones_ventanillas(filas) == 4
    publicadas = _atenciones()
    assert publicadas.count() == 4
    assert not publicadas.filter(es_muestra=True).exists()
    assert not publicadas.filter(valor__gte=1, valor__lte=4).exists()
    suprimidas = publicadas.filter(suprimido=True)
    assert suprimidas.count() == 2
    assert set(suprimidas.values_list("valor", flat=True)) == {None}
    assert publicadas.get(nacionalidad="XX").valor == 5
    assert (
        publicadas.get(sexo="mujer", nacionalidad="HN", categoria="orientacion-tramites").valor
        == 12
    )
    conjunto = ConjuntoDatos.objects.get(slug="atenciones-ventanillas")
    assert not conjunto.es_muestra
    assert conjunto.periodo_inicio == conjunto.periodo_fin == date(2026, 3, 1)


def test_repetir_la_publicacion_no_cambia_nada_y_una_fila_mala_no_publica_nada():
    publicar_atenciones_ventanillas([_fila(), _fila(sexo="hombre", atenciones=2)])
    version = ConjuntoDatos.objects.get(slug="atenciones-ventanillas").version
    assert publicar_atenciones_ventanillas([_fila(), _fila(sexo="hombre", atenciones=2)]) == 2
    assert ConjuntoDatos.objects.get(slug="atenciones-ventanillas").version == version
    antes = list(_atenciones().values_list("pk", "valor"))
    with pytest.raises(FilasInvalidas, match="Fila 2: servicio desconocido «cafe»"):
        publicar_atenciones_ventanillas([_fila(atenciones=30), _fila(servicio="cafe")])
    with pytest.raises(FilasInvalidas, match="periodo debe ser el primer día del mes"):
        publicar_atenciones_ventanillas([_fila(periodo=date(2026, 3, 15))])
    with pytest.raises(FilasInvalidas, match="atenciones debe ser un entero"):
        publicar_atenciones_ventanillas([_fila(atenciones=0)])
    assert list(_atenciones().values_list("pk", "valor")) == antes


def test_filas_repetidas_se_suman_antes_de_suprimir():
    # Dos filas de 3 son una celda de 6: se publica 6, no dos celdas suprimidas.
    assert publicar_atenciones_ventanillas([_fila(atenciones=3), _fila(atenciones=3)]) == 1
    assert _atenciones().get().valor == 6


def test_sin_registros_reales_vuelve_la_muestra():
    publicar_atenciones_ventanillas([_fila()])
    assert publicar_atenciones_ventanillas([]) == 0
    atenciones = _atenciones()
    assert atenciones.count() > 100
    assert not atenciones.filter(es_muestra=False).exists()


def test_con_el_registro_vacio_de_ventanillas_queda_la_muestra(dia_de_la_referencia):
    agregados = pytest.importorskip("ventanillas.agregados")
    antes = _atenciones().count()
    assert publicar_atenciones_ventanillas(agregados.atenciones_mensuales()) == 0
    assert _atenciones().count() == antes


def test_el_diccionario_explica_los_codigos_y_la_supresion(client):
    html = client.get("/datos/atenciones-ventanillas/diccionario/").content.decode()
    for codigo in ("orientacion-tramites", "retorno-voluntario", "otro-no-indica", "60-mas", "XX"):
        assert codigo in html
    assert "menos de 5 atenciones se publica vacía" in html


def test_cada_dato_del_contrato_llega_a_su_columna():
    publicar_atenciones_ventanillas([_fila(grupo_edad="60-mas", atenciones=9)])
    assert _atenciones().values(
        "periodo",
        "ventanilla",
        "entidad",
        "categoria",
        "nacionalidad",
        "sexo",
        "grupo_edad",
        "indicador",
        "valor",
        "suprimido",
        "es_muestra",
        "fuente",
    ).get() == {
        "periodo": date(2026, 3, 1),
        "ventanilla": "tapachula",
        "entidad": "07",
        "categoria": "orientacion-tramites",
        "nacionalidad": "HN",
        "sexo": "mujer",
        "grupo_edad": "60-mas",
        "indicador": "atenciones",
        "valor": 9,
        "suprimido": False,
        "es_muestra": False,
        "fuente": None,
    }
