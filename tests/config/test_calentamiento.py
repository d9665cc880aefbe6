"""Calentamiento de gunicorn: plantillas, rutas y catálogos cargados antes de crear trabajadores."""

from django.template import engines
from django.utils.translation import trans_real

from config.calentamiento import calentar, plantillas_del_sitio


def _cargador():
    (cargador,) = engines["django"].engine.template_loaders
    return cargador


def test_deja_compiladas_todas_las_plantillas_y_cargados_los_idiomas_sin_tocar_la_base():
    # Sin marca django_db: cualquier consulta a la base haría fallar la prueba.
    _cargador().reset()
    trans_real._translations.clear()
    calentar()
    guardadas = _cargador().get_template_cache
    nombres = plantillas_del_sitio()
    assert "base.html" in nombres and "seguimiento/estado.html" in nombres
    assert [n for n in nombres if n not in guardadas] == []
    assert set(trans_real._translations) >= {"es-mx", "en", "fr", "ht"}
