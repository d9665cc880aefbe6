"""Las fuentes pasan al modelo único fuentes.Fuente (con sus cuotas, trámites, temas e historial)."""

import django.db.models.deletion
from django.db import migrations, models


def reunir(apps, schema_editor):
    Vieja = apps.get_model("tramites", "Fuente")
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
    for modelo in ("Cuota", "HistoricalCuota"):
        filas = apps.get_model("tramites", modelo).objects
        for vieja, nueva in nuevas.items():
            filas.filter(fuente_id=vieja).update(fuente_comun_id=nueva)
    for modelo in ("Tramite", "TemaComun"):
        for objeto in apps.get_model("tramites", modelo).objects.prefetch_related("fuentes"):
            objeto.fuentes_comunes.set([nuevas[f.pk] for f in objeto.fuentes.all()])


class Migration(migrations.Migration):
    dependencies = [
        ("fuentes", "0001_initial"),
        ("tramites", "0003_contenido_traducible"),
    ]

    operations = [
        migrations.AddField(
            model_name="cuota",
            name="fuente_comun",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="fuentes.fuente",
            ),
        ),
        migrations.AddField(
            model_name="historicalcuota",
            name="fuente_comun",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="fuentes.fuente",
            ),
        ),
        migrations.AddField(
            model_name="tramite",
            name="fuentes_comunes",
            field=models.ManyToManyField(related_name="+", to="fuentes.fuente"),
        ),
        migrations.AddField(
            model_name="temacomun",
            name="fuentes_comunes",
            field=models.ManyToManyField(related_name="+", to="fuentes.fuente"),
        ),
        migrations.RunPython(reunir, elidable=False),
        migrations.RemoveField(model_name="cuota", name="fuente"),
        migrations.RemoveField(model_name="historicalcuota", name="fuente"),
        migrations.RemoveField(model_name="tramite", name="fuentes"),
        migrations.RemoveField(model_name="temacomun", name="fuentes"),
        migrations.DeleteModel(name="Fuente"),
        migrations.RenameField(model_name="cuota", old_name="fuente_comun", new_name="fuente"),
        migrations.RenameField(
            model_name="historicalcuota", old_name="fuente_comun", new_name="fuente"
        ),
        migrations.RenameField(
            model_name="tramite", old_name="fuentes_comunes", new_name="fuentes"
        ),
        migrations.RenameField(
            model_name="temacomun", old_name="fuentes_comunes", new_name="fuentes"
        ),
        migrations.AlterField(
            model_name="cuota",
            name="fuente",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cuotas",
                to="fuentes.fuente",
                verbose_name="fuente del monto",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcuota",
            name="fuente",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="fuentes.fuente",
                verbose_name="fuente del monto",
            ),
        ),
        migrations.AlterField(
            model_name="tramite",
            name="fuentes",
            field=models.ManyToManyField(
                related_name="tramites", to="fuentes.fuente", verbose_name="fuentes"
            ),
        ),
        migrations.AlterField(
            model_name="temacomun",
            name="fuentes",
            field=models.ManyToManyField(
                related_name="temas", to="fuentes.fuente", verbose_name="fuentes"
            ),
        ),
    ]
