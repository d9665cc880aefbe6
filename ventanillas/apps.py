from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VentanillasConfig(AppConfig):
    name = "ventanillas"
    verbose_name = _("Ventanillas y oficinas")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from config import cache_paginas

        # Solo el contenido público invalida las páginas guardadas; registrar una atención no.
        privados = {"Atencion", "ServicioAtendido", "PersonalVentanilla"}
        for modelo in self.get_models():
            if modelo.__name__ in privados:
                continue
            uid = f"cache_paginas:{modelo._meta.label}"
            post_save.connect(cache_paginas.invalidar, sender=modelo, dispatch_uid=uid + ":save")
            post_delete.connect(
                cache_paginas.invalidar, sender=modelo, dispatch_uid=uid + ":delete"
            )
        lugar_fuentes = self.get_model("Lugar").fuentes.through
        m2m_changed.connect(
            cache_paginas.invalidar,
            sender=lugar_fuentes,
            dispatch_uid="cache_paginas:lugar_fuentes",
        )
