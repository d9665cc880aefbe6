"""La respuesta primero: en un teléfono de 360 × 640, cada ficha dice cuánto cuesta y cuándo
pedirla en las dos primeras pantallas, sin desplazarse de lado, en los cuatro idiomas."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from tests.e2e.navegador import _cerrar, _pagina

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("contenido")]

TELEFONO = {"width": 360, "height": 640}
DOS_PANTALLAS = 2 * TELEFONO["height"]

# Posición en la página (no en la ventana) del valor de una fila de «En breve», por su etiqueta.
MEDIR = """([costo, cuando]) => {
  const filas = [...document.querySelectorAll('.ms-respuesta .ms-lista-resumen__fila')];
  const arriba = (etiqueta) => {
    const fila = filas.find((f) => f.querySelector('dt').textContent.trim() === etiqueta);
    if (!fila) return null;
    const valor = fila.querySelector('dd');
    return {top: valor.getBoundingClientRect().top + window.scrollY, texto: valor.textContent};
  };
  return {
    costo: arriba(costo),
    cuando: arriba(cuando),
    ancho: document.scrollingElement.scrollWidth,
  };
}"""


def test_costo_y_cuando_pedirlo_en_las_dos_primeras_pantallas(navegador, live_server):
    from tramites.models import Tramite

    tramites = list(Tramite.objects.order_by("slug"))
    assert len(tramites) == 14
    # Una sola página para las 56 fichas: la prueba corre en CI.
    contexto, pagina = _pagina(navegador, javascript=False, viewport=TELEFONO)
    fallas = []
    for idioma, _nombre in settings.LANGUAGES:
        with translation.override(idioma):
            etiquetas = [gettext("Cuánto cuesta"), gettext("Cuándo pedirlo")]
            for tramite in tramites:
                url = tramite.get_absolute_url()  # con el prefijo del idioma activo
                pagina.goto(live_server.url + url)
                medida = pagina.evaluate(MEDIR, etiquetas)
                for clave in ("costo", "cuando"):
                    if medida[clave] is None or medida[clave]["top"] >= DOS_PANTALLAS:
                        fallas.append((url, clave, medida[clave] and medida[clave]["top"]))
                # La frase de cuándo pedirlo es la de la ficha (en su idioma o el español).
                if tramite.cuando_solicitar and medida["cuando"]:
                    assert tramite.cuando_solicitar in medida["cuando"]["texto"], url
                if medida["ancho"] > TELEFONO["width"]:
                    fallas.append((url, "ancho", medida["ancho"]))
    _cerrar(contexto, pagina)
    assert fallas == []
