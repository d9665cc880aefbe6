import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from seguimiento.importacion import ImportacionInvalida, importar


class Command(BaseCommand):
    help = (
        "Importa solicitudes y cambios de estatus desde un CSV o un libro de Excel, una fila por "
        "cambio (columnas: nut, contrasena, tramite, modalidad, oficina, fecha_ingreso, estatus, "
        "fecha, requerimiento, fecha_limite). Valida todo antes de escribir: con un error no se "
        "guarda nada y cada error dice su fila y su columna. Repetirla no cambia nada. Borre el "
        "archivo al terminar: trae contraseñas."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", type=Path)
        parser.add_argument(
            "--publicar",
            action="store_true",
            help="Al terminar, publica de nuevo los tiempos en datos abiertos.",
        )

    def handle(self, *args, archivo: Path, publicar: bool, **opciones):
        sin_barras = opciones["verbosity"] == 0
        revision = tqdm(
            desc=f"Revisando {archivo.name}", unit=" filas", disable=sin_barras, file=sys.stderr
        )
        escritura = None

        def guardado(hechas: int, total: int) -> None:
            # La barra de guardado aparece cuando la revisión terminó sin errores.
            nonlocal escritura
            if escritura is None:
                revision.close()
                escritura = tqdm(
                    desc="Guardando",
                    total=total,
                    unit=" solicitudes",
                    disable=sin_barras,
                    file=sys.stderr,
                )
            escritura.update(hechas - escritura.n)

        try:
            informe = importar(archivo, avance=revision.update, guardado=guardado)
        except ImportacionInvalida as error:
            revision.close()
            for linea in error.errores:
                self.stderr.write(linea)
            raise CommandError(
                f"No se importó nada de {archivo.name}: corrija {len(error.errores)} "
                "problema(s) y vuelva a intentarlo."
            ) from None
        finally:
            revision.close()
            if escritura is not None:
                escritura.close()
        for linea in informe.detalles:
            self.stdout.write(linea)
        if not informe.hubo_cambios:
            self.stdout.write(self.style.SUCCESS(f"{archivo.name}: todo al día, nada cambió."))
        else:
            for linea in informe.resumen():
                self.stdout.write(linea)
            self.stdout.write(
                self.style.SUCCESS(f"Importadas {informe.filas} filas de {archivo.name}.")
            )
        if publicar:
            from django.core.management import call_command

            call_command("publicar_tiempos", stdout=self.stdout, verbosity=opciones["verbosity"])
