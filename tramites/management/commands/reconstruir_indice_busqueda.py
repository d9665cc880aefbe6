from django.core.management.base import BaseCommand

from tramites import indice_busqueda


class Command(BaseCommand):
    help = (
        "Rehace el índice de búsqueda (trámites, frases e instituciones en cada idioma). "
        "Se mantiene solo al cambiar el contenido; esto sirve tras cargar datos por otra vía "
        "(p. ej. loaddata) o al agregar un idioma."
    )

    def handle(self, *args, **opciones):
        entradas = indice_busqueda.reconstruir()
        if opciones["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Índice de búsqueda: {entradas} entradas."))
