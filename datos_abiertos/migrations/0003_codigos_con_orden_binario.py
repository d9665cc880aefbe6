"""Las columnas de códigos de Observacion con la intercalación «C» en PostgreSQL.

Son códigos ASCII (claves INEGI, ISO, slugs), no texto para ordenar alfabéticamente: con la
intercalación «C» PostgreSQL los compara byte a byte en vez de con las reglas del idioma, y el
índice único de nueve columnas se mantiene y se recorre más rápido al importar un millón de
filas (medido con benchmarks/datos.py). SQLite ya compara en binario: nada que hacer.
Si un AlterField futuro cambia alguna de estas columnas, repita aquí su intercalación.
"""

from django.db import migrations

COLUMNAS = {
    "ventanilla": 80,
    "entidad": 2,
    "categoria": 80,
    "nacionalidad": 2,
    "sexo": 16,
    "grupo_edad": 24,
    "indicador": 40,
}


def _intercalar(intercalacion):
    def aplicar(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        cambios = ", ".join(
            f'ALTER COLUMN {columna} TYPE varchar({largo}) COLLATE "{intercalacion}"'
            for columna, largo in COLUMNAS.items()
        )
        schema_editor.execute(f"ALTER TABLE datos_abiertos_observacion {cambios}")

    return aplicar


class Migration(migrations.Migration):
    dependencies = [
        ("datos_abiertos", "0002_observaciones_para_cargas_grandes"),
    ]

    operations = [
        migrations.RunPython(_intercalar("C"), _intercalar("default")),
    ]
