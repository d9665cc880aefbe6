from django.core.management.base import BaseCommand

from participa.moderacion import dias_retencion, dias_retencion_maxima, purgar_contactos


class Command(BaseCommand):
    help = (
        "Borra los datos de contacto de reportes y solicitudes vencidos según el aviso de "
        "privacidad. Pensada para correr una vez al día (cron o tarea programada)."
    )

    def handle(self, *args, **opciones):
        borrados = purgar_contactos()
        for modelo, cuantos in borrados.items():
            self.stdout.write(f"{modelo}: {cuantos} contactos borrados")
        self.stdout.write(
            self.style.SUCCESS(
                f"Listo: contactos borrados {dias_retencion()} días después de cerrar el caso "
                f"o {dias_retencion_maxima()} días después de recibirlo."
            )
        )
