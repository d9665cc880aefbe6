"""La columna del cubo (CuboConjunto.datos) se guarda sin comprimir en PostgreSQL.

Por omisión PostgreSQL comprime con pglz todo valor grande antes de guardarlo: con 775 mil
filas el cubo son 20 MB y comprimirlos costaba ~0.4 s de cada importación (la mitad de
guardar el cubo). Sin compresión ocupa unas cuatro veces más en disco (un valor por conjunto)
y se escribe en ~0.1 s (medido con benchmarks/datos.py --solo-importacion). SQLite no
comprime: nada que hacer.
"""

from django.db import migrations


def _almacenar(modo):
    def aplicar(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        tabla = schema_editor.quote_name(
            apps.get_model("datos_abiertos", "CuboConjunto")._meta.db_table
        )
        schema_editor.execute(f"ALTER TABLE {tabla} ALTER COLUMN datos SET STORAGE {modo}")

    return aplicar


class Migration(migrations.Migration):
    dependencies = [
        ("datos_abiertos", "0008_series_publicadas"),
    ]

    operations = [
        migrations.RunPython(_almacenar("EXTERNAL"), _almacenar("EXTENDED")),
    ]
