"""Lo común a los convertidores: el resultado de una generación y la orden que escribe el fixture."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


@dataclass
class Generacion:
    datos: dict
    avisos: list[str] = field(default_factory=list)


def escribir_fixture(datos: dict, ruta: Path) -> None:
    ruta.write_text(json.dumps(datos, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


class OrdenGenerarFixture(BaseCommand):
    """Base de las órdenes `generar_fixture_*`: convierte, compara con el fixture y lo escribe.

    `convertidor` es el módulo de referencia/ que convierte (generar_desde, comparar, resumen);
    `fixture`, el archivo que escribe.
    """

    convertidor = None
    fixture: Path

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
        convertidor = self.convertidor
        try:
            generacion = convertidor.generar_desde(referencia)
        except FileNotFoundError as error:
            raise CommandError(f"No encuentro la referencia: {error.filename}") from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        for aviso in generacion.avisos:
            self.stderr.write(self.style.WARNING(aviso))
        fixture = self.fixture
        anterior = json.loads(fixture.read_text(encoding="utf-8")) if fixture.exists() else None
        if anterior == generacion.datos:
            self.stdout.write(self.style.SUCCESS("El fixture ya está al día: nada cambió."))
            return
        cambios = convertidor.comparar(anterior, generacion.datos)
        for linea in cambios:
            self.stdout.write(linea)
        if comprobar:
            raise CommandError(f"fixtures/{fixture.name} no está al día con la referencia.")
        escribir_fixture(generacion.datos, fixture)
        self.stdout.write(
            self.style.SUCCESS(
                f"Escrito {fixture.name}: {convertidor.resumen(generacion.datos)}, "
                f"{len(cambios)} cambios."
            )
        )
