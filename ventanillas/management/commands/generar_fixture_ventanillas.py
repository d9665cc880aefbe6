from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ventanillas import referencia as referencia_mod


class Command(BaseCommand):
    help = (
        "Genera fixtures/ventanillas.json desde ../shared/reference/ventanillas.yaml y "
        "oficinas.yaml, y dice qué cambió respecto del fixture anterior."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--referencia",
            type=Path,
            help="Carpeta con los YAML (por omisión ../shared/reference o REFERENCIA_DIR).",
        )
        parser.add_argument(
            "--comprobar",
            action="store_true",
            help="No escribe: termina con error si el fixture no está al día.",
        )

    def handle(self, *args, referencia: Path | None, comprobar: bool, **opciones):
        try:
            ventanillas, oficinas = referencia_mod.leer_referencia(referencia)
        except FileNotFoundError as error:
            raise CommandError(f"No encuentro la referencia: {error.filename}") from error
        try:
            generacion = referencia_mod.generar(ventanillas, oficinas)
        except ValueError as error:
            raise CommandError(str(error)) from error
        for aviso in generacion.avisos:
            self.stderr.write(self.style.WARNING(aviso))
        fixture = referencia_mod.FIXTURE
        anterior = referencia_mod.leer_fixture() if fixture.exists() else None
        if anterior == generacion.datos:
            self.stdout.write(self.style.SUCCESS("El fixture ya está al día: nada cambió."))
            return
        cambios = referencia_mod.comparar(anterior, generacion.datos)
        for linea in cambios:
            self.stdout.write(linea)
        if comprobar:
            raise CommandError(f"fixtures/{fixture.name} no está al día con la referencia.")
        referencia_mod.escribir_fixture(generacion.datos)
        self.stdout.write(
            self.style.SUCCESS(
                f"Escrito {fixture.name}: {len(generacion.datos['lugares'])} lugares, "
                f"{len(cambios)} cambios."
            )
        )
