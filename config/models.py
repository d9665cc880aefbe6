from django.db import models


class ContadorIntentos(models.Model):
    """Un contador del limitador (config/limites.py) cuando no hay Redis.

    Se suma con una sola sentencia (INSERT … ON CONFLICT … RETURNING), así que no necesita
    candados propios. La clave es una huella con la clave del sitio: ni IP ni número de trámite.
    """

    clave = models.CharField(max_length=120, primary_key=True)
    # Fin de la ventana y cuántos intentos van en ella, en segundos desde 1970 (el reloj del
    # sitio): la ventana empieza con el primer intento y dura lo que diga su política.
    vence = models.BigIntegerField(db_index=True)
    intentos = models.PositiveIntegerField()

    class Meta:
        db_table = "limites_contadores"
        verbose_name = "contador de intentos"
        verbose_name_plural = "contadores de intentos"

    def __str__(self) -> str:
        return f"{self.intentos} intentos hasta {self.vence}"
