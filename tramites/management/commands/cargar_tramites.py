from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tramites import carga, referencia


class Simulacion(Exception):
    """Deshace la transacción de una carga simulada."""


class Command(BaseCommand):
    help = (
        "Carga los trámites desde fixtures/tramites.json (o el archivo indicado). "
        "Solo guarda lo que cambió; repetirla no modifica nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", nargs="?", type=Path, default=referencia.FIXTURE)
        parser.add_argument(
            "--simular", action="store_true", help="Muestra qué cambiaría sin guardar nada."
        )
        parser.add_argument(
            "--motivo",
            default="",
            help="Motivo que queda en el historial (por omisión, el archivo y la fecha de consulta).",
        )

    def handle(self, *args, archivo: Path, simular: bool, motivo: str, **opciones):
        try:
            datos = referencia.leer_fixture(archivo)
        except FileNotFoundError as error:
            raise CommandError(f"No existe {archivo}") from error
        motivo = motivo or (
            f"Carga desde {archivo.name} (fuentes consultadas el {datos['fecha_consulta']})"
        )
        try:
            with transaction.atomic():
                informe = carga.cargar(datos, motivo=motivo)
                if simular:
                    raise Simulacion
        except Simulacion:
            self.stdout.write(self.style.WARNING("Simulación: no se guardó nada."))
        for linea in informe.detalles:
            self.stdout.write(linea)
        if not informe.hubo_cambios:
            self.stdout.write(self.style.SUCCESS("Trámites al día: nada cambió."))
            return
        for linea in informe.resumen():
            self.stdout.write(linea)
        if not simular:
            self.stdout.write(self.style.SUCCESS("Trámites cargados."))
