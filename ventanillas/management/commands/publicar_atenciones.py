from django.core.management.base import BaseCommand, CommandError

from ventanillas.agregados import atenciones_mensuales


class Command(BaseCommand):
    help = (
        "Publica los agregados mensuales de atenciones de las ventanillas en el conjunto de "
        "datos abiertos «atenciones-ventanillas» (datos_abiertos suprime las celdas menores de 5)."
    )

    def handle(self, *args, **opciones):
        # Se importa aquí: datos_abiertos es otra app y esta orden no debe romper el arranque.
        try:
            from datos_abiertos.publicacion import publicar_atenciones_ventanillas
        except ImportError as error:
            raise CommandError(
                "datos_abiertos aún no ofrece publicar_atenciones_ventanillas; no se publicó nada."
            ) from error
        filas = atenciones_mensuales()
        publicadas = publicar_atenciones_ventanillas(filas)
        self.stdout.write(
            self.style.SUCCESS(
                f"Publicadas {publicadas} filas en «atenciones-ventanillas» "
                f"(de {len(filas)} combinaciones con atenciones)."
            )
        )
