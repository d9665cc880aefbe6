from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tramites import referencia as referencia_mod


class Command(BaseCommand):
    help = (
        "Genera fixtures/tramites.json desde los archivos de referencia "
        "(../shared/reference/tramites.yaml) y fixtures/tramites_complementos.yaml, "
        "y dice qué cambió respecto del fixture anterior."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--referencia",
            type=Path,
            help="Carpeta con tramites.yaml (por omisión ../shared/reference o REFERENCIA_DIR).",
        )
        parser.add_argument(
            "--comprobar",
            action="store_true",
            help="No escribe: termina con error si el fixture no está al día.",
        )

    def handle(self, *args, referencia: Path | None, comprobar: bool, **opciones):
        try:
            datos_referencia = referencia_mod.leer_referencia(referencia)
        except FileNotFoundError as error:
            raise CommandError(f"No encuentro la referencia: {error.filename}") from error
        generacion = referencia_mod.generar(datos_referencia, referencia_mod.leer_complementos())
        for aviso in generacion.avisos:
            self.stderr.write(self.style.WARNING(aviso))
        anterior = referencia_mod.leer_fixture() if referencia_mod.FIXTURE.exists() else None
        cambios = referencia_mod.comparar(anterior, generacion.datos)
        if anterior == generacion.datos:
            self.stdout.write(self.style.SUCCESS("El fixture ya está al día: nada cambió."))
            return
        for linea in cambios:
            self.stdout.write(linea)
        if comprobar:
            raise CommandError("fixtures/tramites.json no está al día con la referencia.")
        referencia_mod.escribir_fixture(generacion.datos)
        self.stdout.write(
            self.style.SUCCESS(
                f"Escrito {referencia_mod.FIXTURE.name}: "
                f"{len(generacion.datos['tramites'])} trámites, {len(cambios)} cambios."
            )
        )
