"""Proyección del INEGI, distancias de círculo máximo y catálogo de municipios."""

import pytest

from ventanillas.geografia import a_mapa, desproyectar, distancia_km, mapa, municipios, proyectar


def test_la_proyeccion_ida_y_vuelta_devuelve_el_mismo_punto():
    for latitud, longitud in [(19.4326, -99.1332), (32.5149, -117.0382), (14.9, -92.26)]:
        x, y = proyectar(latitud, longitud)
        lat2, lon2 = desproyectar(x, y)
        assert lat2 == pytest.approx(latitud, abs=1e-7)
        assert lon2 == pytest.approx(longitud, abs=1e-7)


def test_el_origen_de_la_proyeccion_cae_en_su_falso_este():
    x, y = proyectar(12.0, -102.0)
    assert x == pytest.approx(2_500_000)
    assert y == pytest.approx(0, abs=1e-6)


def test_distancia_de_circulo_maximo():
    # Ciudad de México – Guadalajara: unos 460 km en línea recta.
    assert distancia_km((19.4326, -99.1332), (20.6597, -103.3496)) == pytest.approx(461, abs=5)
    assert distancia_km((19.4, -99.1), (19.4, -99.1)) == 0


def test_catalogo_de_municipios_del_inegi():
    catalogo = municipios()
    assert len(catalogo) == 2465
    tapachula = catalogo["07089"]
    assert tapachula.nombre == "Tapachula"
    assert tapachula.clave_entidad == "07"
    # Su centro geométrico está en el sur de Chiapas.
    assert 14.5 < tapachula.latitud < 15.3
    assert -92.6 < tapachula.longitud < -92.0


def test_el_mapa_trae_los_32_estados_y_los_puntos_caen_en_el_lienzo():
    datos = mapa()
    assert len(datos["estados"]) == 32
    for municipio in municipios().values():
        x, y = a_mapa(municipio.latitud, municipio.longitud)
        assert 0 <= x <= datos["ancho"], municipio
        assert 0 <= y <= datos["alto"], municipio
