"""Las fuentes pasan al modelo único fuentes.Fuente (lugares, servicios, cifras, actividades…)."""

import django.db.models.deletion
from django.db import migrations, models

# Modelos con una llave foránea `fuente`.
LLAVES = ("Servicio", "CifraReportada", "Actividad", "DirectorioCanalizacion")


def reunir(apps, schema_editor):
    Vieja = apps.get_model("ventanillas", "Fuente")
    Nueva = apps.get_model("fuentes", "Fuente")
    nuevas = {}
    for vieja in Vieja.objects.all():
        nueva, creada = Nueva.objects.get_or_create(
            url=vieja.url, defaults={"fecha_consulta": vieja.fecha_consulta}
        )
        if not creada and nueva.fecha_consulta < vieja.fecha_consulta:
            nueva.fecha_consulta = vieja.fecha_consulta
            nueva.save(update_fields=["fecha_consulta"])
        nuevas[vieja.pk] = nueva.pk
    for modelo in LLAVES:
        filas = apps.get_model("ventanillas", modelo).objects
        for vieja, nueva in nuevas.items():
            filas.filter(fuente_id=vieja).update(fuente_comun_id=nueva)
    for lugar in apps.get_model("ventanillas", "Lugar").objects.prefetch_related("fuentes"):
        lugar.fuentes_comunes.set([nuevas[f.pk] for f in lugar.fuentes.all()])


def _llave_temporal():
    return models.ForeignKey(
        blank=True,
        null=True,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="fuentes.fuente",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("fuentes", "0001_initial"),
        ("ventanillas", "0002_contenido_traducible"),
    ]

    operations = [
        *[
            migrations.AddField(model_name=m.lower(), name="fuente_comun", field=_llave_temporal())
            for m in LLAVES
        ],
        migrations.AddField(
            model_name="lugar",
            name="fuentes_comunes",
            field=models.ManyToManyField(related_name="+", to="fuentes.fuente"),
        ),
        migrations.RunPython(reunir, elidable=False),
        *[migrations.RemoveField(model_name=m.lower(), name="fuente") for m in LLAVES],
        migrations.RemoveField(model_name="lugar", name="fuentes"),
        migrations.DeleteModel(name="Fuente"),
        *[
            migrations.RenameField(
                model_name=m.lower(), old_name="fuente_comun", new_name="fuente"
            )
            for m in LLAVES
        ],
        migrations.RenameField(model_name="lugar", old_name="fuentes_comunes", new_name="fuentes"),
        migrations.AlterField(
            model_name="servicio",
            name="fuente",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="fuentes.fuente",
                verbose_name="fuente de la nota",
            ),
        ),
        migrations.AlterField(
            model_name="cifrareportada",
            name="fuente",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                to="fuentes.fuente",
                verbose_name="fuente",
            ),
        ),
        migrations.AlterField(
            model_name="actividad",
            name="fuente",
            field=models.ForeignKey(
                blank=True,
                help_text="Nota o publicación que da cuenta de la actividad, si la hay.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to="fuentes.fuente",
                verbose_name="fuente",
            ),
        ),
        migrations.AlterField(
            model_name="directoriocanalizacion",
            name="fuente",
            field=models.ForeignKey(
                help_text="Obligatoria.",
                on_delete=django.db.models.deletion.PROTECT,
                to="fuentes.fuente",
                verbose_name="fuente",
            ),
        ),
        migrations.AlterField(
            model_name="lugar",
            name="fuentes",
            field=models.ManyToManyField(
                related_name="lugares", to="fuentes.fuente", verbose_name="fuentes"
            ),
        ),
    ]
