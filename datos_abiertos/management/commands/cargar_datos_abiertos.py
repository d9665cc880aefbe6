import re
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from datos_abiertos import catalogo, muestra
from datos_abiertos.models import ConjuntoDatos


def _mes(texto: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}", texto):
        raise CommandError(f"Escriba el mes como AAAA-MM, no «{texto}».")
    return date(int(texto[:4]), int(texto[5:]), 1)


class Command(BaseCommand):
    help = (
        "Carga el catálogo de datos abiertos (fixtures/datos_abiertos.json) y llena con datos de "
        "muestra los meses sin cifras reales. Repetirla no cambia nada mientras no cambie el "
        "último mes publicado, la semilla o la escala."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hasta",
            type=_mes,
            help="Último mes de la muestra (AAAA-MM). Por omisión, el último que publicó el Boletín.",
        )
        parser.add_argument("--semilla", type=int, default=muestra.SEMILLA)
        parser.add_argument(
            "--escala",
            type=int,
            default=1,
            help=(
                "Multiplica las celdas por mes (para mediciones): con 2000, documentos-migratorios "
                "pasa de 1.7 millones de filas y toda la muestra de 3.5 millones."
            ),
        )
        parser.add_argument("--conjunto", action="append", help="Solo estos conjuntos (slug).")
        parser.add_argument("--forzar", action="store_true", help="Regenera aunque esté al día.")
        parser.add_argument("--sin-muestra", action="store_true", help="Solo el catálogo.")

    def handle(self, *args, hasta, semilla, escala, conjunto, forzar, sin_muestra, **opciones):
        informe = catalogo.cargar()
        for linea in informe.resumen():
            self.stdout.write(linea)
        if not informe.hubo_cambios:
            self.stdout.write("Catálogo al día: nada cambió.")
        if sin_muestra:
            return
        if escala < 1:
            raise CommandError("La escala es un entero de 1 en adelante.")
        hasta = hasta or muestra.ultimo_mes_publicado(timezone.localdate())
        conjuntos = ConjuntoDatos.objects.all()
        if conjunto:
            conjuntos = conjuntos.filter(slug__in=conjunto)
            if len(conjuntos) != len(set(conjunto)):
                raise CommandError(f"Conjuntos desconocidos en {', '.join(conjunto)}.")
        mostrar = opciones["verbosity"] > 0 and escala > 1
        for elegido in conjuntos:
            with tqdm(
                desc=elegido.slug, unit=" filas", disable=not mostrar, file=sys.stderr
            ) as barra:
                cambios = muestra.cargar(
                    elegido,
                    hasta=hasta,
                    semilla=semilla,
                    escala=escala,
                    forzar=forzar,
                    avance=barra.update,
                )
            if cambios is None:
                self.stdout.write(f"{elegido.slug}: muestra al día hasta {hasta:%Y-%m}.")
            else:
                self.stdout.write(
                    f"{elegido.slug}: muestra hasta {hasta:%Y-%m} — {cambios.creadas} filas nuevas, "
                    f"{cambios.actualizadas} actualizadas, {cambios.borradas} borradas, "
                    f"{cambios.sin_cambio} sin cambio."
                )
        self.stdout.write(self.style.SUCCESS("Datos abiertos cargados."))
