from django.core.management.base import BaseCommand

from datos_abiertos.publicacion import publicar_atenciones_ventanillas
from ventanillas.agregados import atenciones_mensuales


class Command(BaseCommand):
    help = (
        "Publica los agregados mensuales de atenciones de las ventanillas en el conjunto de "
        "datos abiertos «atenciones-ventanillas» (suprime las celdas menores de 5)."
    )

    def handle(self, *args, **opciones):
        filas = atenciones_mensuales()
        publicadas = publicar_atenciones_ventanillas(filas)
        self.stdout.write(
            self.style.SUCCESS(
                f"Publicadas {publicadas} filas en «atenciones-ventanillas» "
                f"(de {len(filas)} combinaciones con atenciones)."
            )
        )
