"""URLconf de prueba: una vista cuya base de datos no responde."""

from django.db import OperationalError
from django.urls import path

from config.urls import urlpatterns as urlpatterns_sitio


def sin_base(request):
    raise OperationalError("could not connect to server: Connection refused")


urlpatterns = [path("sin-base/", sin_base), *urlpatterns_sitio]
