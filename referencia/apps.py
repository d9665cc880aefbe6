from django.apps import AppConfig


class ReferenciaConfig(AppConfig):
    """Solo trae las órdenes `generar_fixture_*`: el sitio en marcha no usa nada de aquí."""

    name = "referencia"
    verbose_name = "Referencia"
