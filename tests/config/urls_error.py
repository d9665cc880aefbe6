"""URLconf de prueba con una vista que falla, para ver la página 500."""

from django.urls import path

from config.urls import urlpatterns as urlpatterns_sitio


def falla(request):
    raise RuntimeError("falla de prueba")


urlpatterns = [path("falla/", falla), *urlpatterns_sitio]
