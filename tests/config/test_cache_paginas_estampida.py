"""Sin estampida tras un cambio: un proceso recalcula la página y los demás sirven la anterior."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from config import cache_paginas

pytestmark = pytest.mark.django_db
URL = "/tramites/"
SIMULTANEAS = 8


class Vista:
    """Hace de todo lo que va después del middleware: cuenta cálculos y tarda como una página."""

    def __init__(self):
        self.calculos = 0
        self.texto = "primera"
        self.candado = threading.Lock()

    def __call__(self, request):
        with self.candado:
            self.calculos += 1
            texto = self.texto
        time.sleep(0.3)
        return HttpResponse(texto)


@pytest.fixture
def pagina():
    cache.clear()
    vista = Vista()
    middleware = cache_paginas.CachePaginasMiddleware(vista)
    fabrica = RequestFactory()

    def pedir():
        return middleware(fabrica.get(URL)).content.decode()

    assert pedir() == "primera"
    assert vista.calculos == 1
    yield vista, pedir
    cache.clear()


def _a_la_vez(pedir) -> list[str]:
    barrera = threading.Barrier(SIMULTANEAS)

    def una():
        barrera.wait()
        return pedir()

    with ThreadPoolExecutor(SIMULTANEAS) as hilos:
        return list(hilos.map(lambda _i: una(), range(SIMULTANEAS)))


def test_sin_cambios_nadie_recalcula(pagina):
    vista, pedir = pagina
    assert _a_la_vez(pedir) == ["primera"] * SIMULTANEAS
    assert vista.calculos == 1


def test_tras_un_cambio_n_peticiones_a_la_vez_causan_un_calculo(pagina):
    vista, pedir = pagina
    vista.texto = "segunda"
    cache_paginas.invalidar()
    respuestas = _a_la_vez(pedir)
    assert vista.calculos == 2  # la primera visita y una sola más tras el cambio
    assert respuestas.count("segunda") == 1
    assert respuestas.count("primera") == SIMULTANEAS - 1
    # Ya calculada, todos reciben la nueva.
    assert _a_la_vez(pedir) == ["segunda"] * SIMULTANEAS
    assert vista.calculos == 2


def test_la_copia_anterior_no_se_sirve_pasado_el_plazo(pagina):
    vista, pedir = pagina
    vista.texto = "segunda"
    cache_paginas.invalidar()
    with time_machine.travel(time.time() + cache_paginas.SEGUNDOS_COPIA_ANTERIOR + 5):
        assert pedir() == "segunda"
    assert vista.calculos == 2


def test_si_quien_recalcula_falla_otro_puede_recalcular(pagina):
    vista, pedir = pagina
    cache_paginas.invalidar()
    vista.texto = "segunda"

    def falla(request):
        raise RuntimeError("la base se cayó")

    roto = cache_paginas.CachePaginasMiddleware(falla)
    with pytest.raises(RuntimeError):
        roto(RequestFactory().get(URL))
    # El candado se soltó: la siguiente petición recalcula en vez de servir la anterior.
    assert pedir() == "segunda"
