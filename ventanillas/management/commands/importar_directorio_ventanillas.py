from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ventanillas import directorio


class Simulacion(Exception):
    """Deshace la transacción de una importación simulada."""


class Command(BaseCommand):
    help = (
        "Importa el directorio oficial de ventanillas y oficinas desde un CSV (UTF-8) o un "
        "Excel (.xlsx/.xls). Valida todo antes de guardar: un archivo con errores no cambia "
        "nada y cada error dice su fila y columna. Formato en docs/ventanillas.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", type=Path)
        parser.add_argument(
            "--simular", action="store_true", help="Valida y muestra qué cambiaría sin guardar."
        )

    def handle(self, *args, archivo: Path, simular: bool, **opciones):
        try:
            with transaction.atomic():
                resultado = directorio.importar(archivo)
                if simular:
                    raise Simulacion
        except directorio.ArchivoInvalido as error:
            for linea in error.errores:
                self.stderr.write(linea)
            raise CommandError(
                f"{archivo.name}: {len(error.errores)} errores; no se guardó nada."
            ) from error
        except Simulacion:
            self.stdout.write(self.style.WARNING("Simulación: no se guardó nada."))
        for slug in resultado.creados:
            self.stdout.write(f"+ {slug}")
        for slug in resultado.actualizados:
            self.stdout.write(f"~ {slug}")
        if not simular:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Directorio importado: {len(resultado.creados)} nuevos, "
                    f"{len(resultado.actualizados)} actualizados."
                )
            )
