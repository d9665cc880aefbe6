from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ventanillas import carga, referencia


class Simulacion(Exception):
    """Deshace la transacción de una carga simulada."""


class Command(BaseCommand):
    help = (
        "Carga las ventanillas y oficinas desde fixtures/ventanillas.json (o el archivo "
        "indicado), con los estados y municipios del INEGI. Solo guarda lo que cambió."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", nargs="?", type=Path, default=referencia.FIXTURE)
        parser.add_argument(
            "--simular", action="store_true", help="Muestra qué cambiaría sin guardar nada."
        )

    def handle(self, *args, archivo: Path, simular: bool, **opciones):
        try:
            datos = referencia.leer_fixture(archivo)
        except FileNotFoundError as error:
            raise CommandError(f"No existe {archivo}") from error
        try:
            with transaction.atomic():
                informe = carga.cargar(datos)
                if simular:
                    raise Simulacion
        except Simulacion:
            self.stdout.write(self.style.WARNING("Simulación: no se guardó nada."))
        for linea in informe.detalles:
            self.stdout.write(linea)
        if not informe.hubo_cambios:
            self.stdout.write(self.style.SUCCESS("Ventanillas y oficinas al día: nada cambió."))
            return
        for linea in informe.resumen():
            self.stdout.write(linea)
        if not simular:
            self.stdout.write(self.style.SUCCESS("Ventanillas y oficinas cargadas."))
