from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Búsqueda sin acentos en PostgreSQL («regularizacion» encuentra «regularización»).

    En SQLite la operación no hace nada: allí la búsqueda normaliza en Python.
    """

    dependencies = [("tramites", "0001_initial")]

    operations = [UnaccentExtension()]
