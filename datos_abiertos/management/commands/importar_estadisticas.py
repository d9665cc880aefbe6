import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from datos_abiertos.importacion import ImportacionInvalida, importar
from datos_abiertos.models import ConjuntoDatos, Observacion


class Command(BaseCommand):
    help = (
        "Importa un cuadro oficial del Boletín Mensual de Estadísticas Migratorias (xls, xlsx o "
        "csv; un archivo por año, meses en columnas) a un conjunto de datos. Valida todo antes de "
        "escribir: un archivo con errores se rechaza entero con la fila y la columna de cada "
        "problema. Reemplaza los meses que trae (también los de muestra); repetirla no cambia nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", type=Path)
        parser.add_argument(
            "--conjunto", required=True, help="Slug del conjunto, p. ej. personas-presentadas."
        )
        parser.add_argument("--anio", type=int, required=True, help="Año del cuadro.")
        parser.add_argument(
            "--dimension",
            action="append",
            help=(
                "Dimensión de cada columna de rótulos antes de los meses, en orden (se repite: "
                "--dimension entidad --dimension nacionalidad). Por omisión, nacionalidad si el "
                "conjunto la tiene."
            ),
        )
        parser.add_argument(
            "--indicador", help="Indicador que trae el archivo (si el conjunto tiene varios)."
        )
        parser.add_argument(
            "--categoria",
            default="",
            help="Valor fijo de la columna propia del conjunto (p. ej. tvrh para un cuadro de TVRH).",
        )
        parser.add_argument(
            "--fuente", default="", help="Dirección de donde se descargó el archivo."
        )
        parser.add_argument(
            "--hoja", default="0", help="Hoja del libro de Excel (nombre o número)."
        )

    def handle(
        self,
        *args,
        archivo,
        conjunto,
        anio,
        dimension,
        indicador,
        categoria,
        fuente,
        hoja,
        **opciones,
    ):
        elegido = ConjuntoDatos.objects.filter(slug=conjunto).first()
        if elegido is None:
            disponibles = ", ".join(ConjuntoDatos.objects.values_list("slug", flat=True))
            raise CommandError(f"No existe el conjunto «{conjunto}». Hay: {disponibles}.")
        if not dimension:
            dimension = (
                ["nacionalidad"]
                if "nacionalidad" in elegido.dimensiones
                else elegido.dimensiones[:1]
            )
        antes = Observacion.objects.filter(conjunto=elegido).count()
        with tqdm(
            desc=f"Importando {archivo.name}",
            unit=" filas",
            disable=opciones["verbosity"] == 0,
            file=sys.stderr,
        ) as barra:
            try:
                resultado = importar(
                    archivo,
                    conjunto=elegido,
                    anio=anio,
                    dimensiones=dimension,
                    indicador=indicador,
                    categoria=categoria,
                    fuente_url=fuente,
                    hoja=int(hoja) if hoja.isdigit() else hoja,
                    avance=barra.update,
                )
            except ImportacionInvalida as error:
                for linea in error.errores:
                    self.stderr.write(linea)
                raise CommandError(
                    f"{archivo.name} no se importó: {len(error.errores)} problema(s). La base de "
                    f"datos no cambió."
                ) from error
        cambios = resultado.cambios
        self.stdout.write(
            f"{resultado.archivo}: {resultado.filas_archivo} filas de datos, meses "
            f"{resultado.meses[0]:02d} a {resultado.meses[-1]:02d} de {resultado.anio}, "
            f"{resultado.observaciones} observaciones distintas de cero."
        )
        if resultado.descartadas and opciones["verbosity"] > 1:
            for linea in resultado.descartadas:
                self.stdout.write(f"  descartada — {linea}")
        elif resultado.descartadas:
            self.stdout.write(
                f"{len(resultado.descartadas)} filas de agregados o notas descartadas."
            )
        if not cambios.hubo_cambios:
            self.stdout.write(self.style.SUCCESS("Nada cambió: el conjunto ya tenía estas cifras."))
            return
        despues = Observacion.objects.filter(conjunto=elegido).count()
        self.stdout.write(
            f"Observaciones: {cambios.creadas} nuevas, {cambios.actualizadas} actualizadas, "
            f"{cambios.borradas} borradas (incluye las de muestra de esos meses), "
            f"{cambios.sin_cambio} sin cambio. El conjunto pasó de {antes} a {despues} filas."
        )
        self.stdout.write(self.style.SUCCESS(f"Importado en {elegido.titulo}."))
