"""Las fuentes de datos pasan al modelo único fuentes.Fuente (cifras publicadas y observaciones)."""

import django.db.models.deletion
from django.db import migrations, models

AYUDA_FUENTE = (
    "Archivo o publicación de donde viene la cifra. Vacía en los datos de muestra y en el "
    "registro propio de las ventanillas: las descargas remiten entonces a donde se publican las "
    "cifras oficiales del conjunto."
)


def reunir(apps, schema_editor):
    Vieja = apps.get_model("datos_abiertos", "FuenteDatos")
    Nueva = apps.get_model("fuentes", "Fuente")
    for vieja in Vieja.objects.all():
        nueva, creada = Nueva.objects.get_or_create(
            url=vieja.url,
            defaults={"fecha_consulta": vieja.fecha_consulta, "titulo": vieja.titulo},
        )
        if not creada:
            nueva.fecha_consulta = max(nueva.fecha_consulta, vieja.fecha_consulta)
            nueva.titulo = nueva.titulo or vieja.titulo
            nueva.save(update_fields=["fecha_consulta", "titulo"])
        # Una sentencia por fuente: las observaciones pueden ser millones.
        for modelo in ("CifraPublicada", "Observacion"):
            apps.get_model("datos_abiertos", modelo).objects.filter(fuente_id=vieja.pk).update(
                fuente_comun_id=nueva.pk
            )


class Migration(migrations.Migration):
    dependencies = [
        ("fuentes", "0001_initial"),
        ("datos_abiertos", "0003_codigos_con_orden_binario"),
    ]

    operations = [
        migrations.AddField(
            model_name="cifrapublicada",
            name="fuente_comun",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="fuentes.fuente",
            ),
        ),
        migrations.AddField(
            model_name="observacion",
            name="fuente_comun",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="fuentes.fuente",
            ),
        ),
        migrations.RunPython(reunir, elidable=False),
        migrations.RemoveField(model_name="cifrapublicada", name="fuente"),
        migrations.RemoveField(model_name="observacion", name="fuente"),
        migrations.DeleteModel(name="FuenteDatos"),
        migrations.RenameField(
            model_name="cifrapublicada", old_name="fuente_comun", new_name="fuente"
        ),
        migrations.RenameField(model_name="observacion", old_name="fuente_comun", new_name="fuente"),
        migrations.AlterField(
            model_name="cifrapublicada",
            name="fuente",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cifras",
                to="fuentes.fuente",
                verbose_name="fuente",
            ),
        ),
        migrations.AlterField(
            model_name="observacion",
            name="fuente",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                help_text=AYUDA_FUENTE,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="observaciones",
                to="fuentes.fuente",
                verbose_name="fuente",
            ),
        ),
    ]
