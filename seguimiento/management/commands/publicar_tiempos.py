from django.core.management.base import BaseCommand

from seguimiento import publicacion


class Command(BaseCommand):
    help = (
        f"Publica los tiempos de resolución por trámite y mes como el conjunto de datos abiertos "
        f"«{publicacion.SLUG}». Solo escribe lo que cambió."
    )

    def handle(self, *args, **opciones):
        cambios = publicacion.publicar()
        self.stdout.write(
            f"{publicacion.SLUG}: {cambios.creadas} filas nuevas, {cambios.actualizadas} "
            f"actualizadas, {cambios.borradas} borradas, {cambios.sin_cambio} sin cambio."
        )
