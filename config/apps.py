from django.apps import AppConfig


class SitioConfig(AppConfig):
    """El paquete del proyecto como app: solo para la tabla de los límites de intentos."""

    name = "config"
    label = "sitio"
    verbose_name = "Sitio"
    default_auto_field = "django.db.models.BigAutoField"
