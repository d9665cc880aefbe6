"""La muestra suma exactamente las cifras publicadas que conocemos y siempre sale igual."""

from datetime import date

import pytest
from django.db.models import Sum

from datos_abiertos import muestra
from datos_abiertos.models import CifraPublicada, ConjuntoDatos, Observacion
from tests.datos_abiertos.conftest import HASTA

pytestmark = pytest.mark.django_db


def _suma(slug: str, desde: date, hasta: date, **filtros) -> int:
    return Observacion.objects.filter(
        conjunto__slug=slug, periodo__gte=desde, periodo__lte=hasta, **filtros
    ).aggregate(total=Sum("valor"))["total"]


def _anio(slug: str, anio: int, **filtros) -> int:
    return _suma(slug, date(anio, 1, 1), date(anio, 12, 1), **filtros)


# Referencia datos.md, sección 2.1 (eventos de presentación y canalización, cuadros 3.1.1/3.1.3).
@pytest.mark.parametrize(
    ("anio", "total"),
    [
        (2018, 131_445),
        (2019, 182_940),
        (2020, 82_379),
        (2022, 441_409),
        (2023, 778_907),
        (2024, 1_231_320),
    ],
)
def test_eventos_de_presentacion_suman_el_total_anual_publicado(anio, total):
    assert _anio("personas-presentadas", anio) == total


def test_eventos_2023_y_2024_coinciden_mes_a_mes():
    # Sección 2.1, «Mensual 2023» y «Mensual 2024».
    assert _suma("personas-presentadas", date(2023, 1, 1), date(2023, 1, 1)) == 37_359
    assert _suma("personas-presentadas", date(2023, 9, 1), date(2023, 9, 1)) == 96_315
    assert _suma("personas-presentadas", date(2024, 5, 1), date(2024, 5, 1)) == 125_302
    assert _suma("personas-presentadas", date(2024, 12, 1), date(2024, 12, 1)) == 68_765


def test_eventos_respetan_los_desgloses_publicados_por_sexo_edad_y_nacionalidad():
    # Sección 2.1: 2019 mujeres 61,405; 2021 menores de 12 no acompañados 1,440;
    # 2023 Venezuela 222,143; enero–abril 2025 hombres 74,198.
    assert _anio("personas-presentadas", 2019, sexo="mujer") == 61_405
    assert _anio("personas-presentadas", 2021, grupo_edad="0-11-no-acompanados") == 1_440
    assert _anio("personas-presentadas", 2023, nacionalidad="VE") == 222_143
    assert _suma("personas-presentadas", date(2025, 1, 1), date(2025, 4, 1)) == 108_489
    assert (
        _suma("personas-presentadas", date(2025, 1, 1), date(2025, 4, 1), sexo="hombre") == 74_198
    )


def test_devoluciones_suman_el_total_y_cada_tipo_publicados():
    # Sección 2.1b (cuadro 3.2.4): 2015 = 181,163; 2021 = 130,275; 2024 retorno asistido NNA 3,920.
    assert _anio("personas-devueltas", 2015) == 181_163
    assert _anio("personas-devueltas", 2021) == 130_275
    assert _anio("personas-devueltas", 2024, categoria="retorno-asistido-nna") == 3_920
    assert _anio("personas-devueltas", 2017, categoria="deportacion") == 3_977


def test_solicitudes_de_refugio_y_documentos_suman_lo_publicado():
    # Sección 2.4 (COMAR, columna LJA): 2019 = 70,310; 2024 = 78,975 (GTND).
    assert _anio("solicitudes-refugio", 2019) == 70_310
    assert _anio("solicitudes-refugio", 2024) == 78_975
    # Sección 2.3: TVRH 2023 = 129,212 (SEGOB); primer semestre 81,593 (UPMRIP).
    assert _anio("documentos-migratorios", 2023, categoria="tvrh") == 129_212
    assert (
        _suma("documentos-migratorios", date(2023, 1, 1), date(2023, 6, 1), categoria="tvrh")
        == 81_593
    )
    # Sección 2.2d: TVR 2016 = 94,502 (INM).
    assert _anio("documentos-migratorios", 2016, categoria="tvr") == 94_502


def test_toda_cifra_usada_en_la_muestra_se_cumple_exactamente():
    for cifra in CifraPublicada.objects.filter(usada_en_muestra=True).select_related("conjunto"):
        filtros = {}
        if cifra.categoria:
            filtros["categoria"] = cifra.categoria
        if cifra.dimension:
            filtros[cifra.dimension] = cifra.codigo
        assert _suma(cifra.conjunto.slug, cifra.desde, cifra.hasta, **filtros) == cifra.valor, cifra


def test_la_muestra_cubre_de_2010_al_ultimo_mes_y_esta_marcada():
    for conjunto in ConjuntoDatos.objects.all():
        if conjunto.slug == "atenciones-ventanillas":
            # Empieza con la primera ventanilla conocida (Motozintla, mayo de 2016).
            assert conjunto.periodo_inicio == date(2016, 5, 1)
        else:
            assert conjunto.periodo_inicio == date(2010, 1, 1), conjunto.slug
        assert conjunto.periodo_fin == HASTA
        assert conjunto.solo_muestra
    assert not Observacion.objects.filter(es_muestra=False).exists()


def test_las_atenciones_de_muestra_nunca_publican_de_1_a_4():
    atenciones = Observacion.objects.filter(conjunto__slug="atenciones-ventanillas")
    assert not atenciones.filter(valor__lt=5).exists()
    assert atenciones.filter(suprimido=True, valor__isnull=True).exists()


def test_misma_semilla_mismas_filas_y_otra_semilla_otras(conjunto):
    primera = list(muestra.generar(conjunto, hasta=date(2012, 12, 1)))
    segunda = list(muestra.generar(conjunto, hasta=date(2012, 12, 1)))
    otra = list(muestra.generar(conjunto, hasta=date(2012, 12, 1), semilla=7))
    assert primera == segunda
    assert primera != otra


def test_repetir_la_carga_no_cambia_nada(conjunto):
    version = conjunto.version
    assert muestra.cargar(conjunto, hasta=HASTA) is None
    conjunto.refresh_from_db()
    assert conjunto.version == version


def test_la_escala_multiplica_las_filas_para_las_mediciones(conjunto):
    normal = sum(1 for _f in muestra.generar(conjunto, hasta=date(2011, 12, 1)))
    grande = sum(1 for _f in muestra.generar(conjunto, hasta=date(2011, 12, 1), escala=40))
    # Con escala 2000, documentos-migratorios pasa de 1.7 M filas (lo usa benchmarks/datos.py).
    assert grande > 20 * normal


def test_reparto_exacto_y_tabla_con_margenes():
    import numpy as np

    assert muestra.repartir(10, [1, 1, 1]).sum() == 10
    rng = np.random.default_rng(1)
    tabla = muestra.tabla_con_margenes([5, 7, 0, 9], [3, 10, 8], rng)
    assert tabla.sum(axis=1).tolist() == [5, 7, 0, 9]
    assert tabla.sum(axis=0).tolist() == [3, 10, 8]
    assert (tabla >= 0).all()


def test_ultimo_mes_publicado_segun_el_calendario_del_boletin():
    # El mes M sale hacia el día 7 de M+2.
    assert muestra.ultimo_mes_publicado(date(2026, 11, 23)) == date(2026, 9, 1)
    assert muestra.ultimo_mes_publicado(date(2026, 11, 3)) == date(2026, 8, 1)
    assert muestra.ultimo_mes_publicado(date(2026, 1, 10)) == date(2025, 11, 1)
