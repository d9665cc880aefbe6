from django.core.management.base import BaseCommand, CommandError

from seguimiento import muestra


class Command(BaseCommand):
    help = (
        "Genera solicitudes de muestra (NUT «MUESTRA-…», marcadas como datos de muestra) para la "
        "consulta de estado y la página de tiempos, y publica los tiempos en datos abiertos. No "
        "toca las solicitudes reales. Repetirla el mismo día no cambia nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("--solicitudes", type=int, default=muestra.SOLICITUDES)
        parser.add_argument("--semilla", type=int, default=muestra.SEMILLA)
        parser.add_argument("--forzar", action="store_true", help="Regenera aunque esté al día.")
        parser.add_argument(
            "--sin-publicar", action="store_true", help="No publica los tiempos en datos abiertos."
        )

    def handle(self, *args, solicitudes, semilla, forzar, sin_publicar, **opciones):
        if solicitudes < 1:
            raise CommandError("Indique al menos una solicitud.")
        try:
            informe = muestra.generar(solicitudes=solicitudes, semilla=semilla, forzar=forzar)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not informe.hubo_cambios:
            self.stdout.write(f"Muestra de seguimiento al día: {solicitudes} solicitudes.")
        for linea in informe.resumen():
            self.stdout.write(linea)
        self.stdout.write(
            f"Para probar la consulta en /seguimiento/: número {muestra.NUT_CONOCIDO}, "
            f"contraseña {muestra.CONTRASENA_CONOCIDA} (dato de muestra, no es secreto)."
        )
        if not sin_publicar:
            from django.core.management import call_command

            call_command("publicar_tiempos", stdout=self.stdout, verbosity=opciones["verbosity"])
        self.stdout.write(self.style.SUCCESS("Muestra de seguimiento lista."))
