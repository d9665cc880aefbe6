"""Un tercer tipo de lugar (otros lugares que ayudan a personas migrantes), la fuente de cada dato
de la ficha, otros datos con su fuente y una nota para el equipo."""

import django.db.models.deletion
from django.db import migrations, models

from fuentes import clasificacion

DATOS = {
    "direccion": "direccion_fuente",
    "telefono": "telefono_fuente",
    "horario_texto": "horario_fuente",
}


def fuente_de_cada_dato(apps, schema_editor):
    """Los datos ya guardados toman la fuente más fuerte de su lugar (la oficial primero), para
    no quedar como «no localizados»; `cargar_ventanillas` pone después la fuente exacta."""
    Lugar = apps.get_model("ventanillas", "Lugar")
    for lugar in Lugar.objects.prefetch_related("fuentes", "servicios_lugar"):
        fuentes = sorted(
            lugar.fuentes.all(),
            key=lambda f: (clasificacion.clasificar(f.url).tipo != clasificacion.TipoFuente.OFICIAL, f.url),
        )
        if not fuentes:
            continue
        cambios = [c for d, c in DATOS.items() if getattr(lugar, d)]
        if list(lugar.servicios_lugar.all()):
            cambios.append("servicios_fuente")
        for campo in cambios:
            setattr(lugar, campo, fuentes[0])
        if cambios:
            lugar.save(update_fields=cambios)


class Migration(migrations.Migration):

    dependencies = [
        ('fuentes', '0001_initial'),
        ('ventanillas', '0003_fuente_compartida'),
    ]

    operations = [
        migrations.CreateModel(
            name='DatoLugar',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('texto', models.TextField(help_text='En palabras propias, con la fecha que da la fuente.', verbose_name='dato')),
                ('texto_es_mx', models.TextField(help_text='En palabras propias, con la fecha que da la fuente.', null=True, verbose_name='dato')),
                ('texto_en', models.TextField(help_text='En palabras propias, con la fecha que da la fuente.', null=True, verbose_name='dato')),
                ('orden', models.PositiveSmallIntegerField(default=0, verbose_name='orden')),
            ],
            options={
                'verbose_name': 'dato del lugar',
                'verbose_name_plural': 'datos del lugar',
                'ordering': ('lugar', 'orden', 'id'),
            },
        ),
        migrations.CreateModel(
            name='DatoRed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('ambito', models.CharField(choices=[('ventanilla', 'Ventanilla informativa (red de la OIM)'), ('oficina', 'Oficina del INM'), ('otro-lugar', 'Otro lugar que ayuda a personas migrantes')], max_length=12, verbose_name='de qué')),
                ('texto', models.TextField(verbose_name='dato')),
                ('texto_es_mx', models.TextField(null=True, verbose_name='dato')),
                ('texto_en', models.TextField(null=True, verbose_name='dato')),
                ('orden', models.PositiveSmallIntegerField(default=0, verbose_name='orden')),
            ],
            options={
                'verbose_name': 'dato de la red',
                'verbose_name_plural': 'datos de la red',
                'ordering': ('ambito', 'orden', 'id'),
            },
        ),
        migrations.AlterModelOptions(
            name='lugar',
            options={'ordering': ('tipo', 'estado__nombre', 'nombre'), 'verbose_name': 'lugar', 'verbose_name_plural': 'lugares'},
        ),
        migrations.RemoveConstraint(
            model_name='lugar',
            name='ventanillas_lugar_tipo',
        ),
        migrations.AddField(
            model_name='lugar',
            name='direccion_fuente',
            field=models.ForeignKey(blank=True, help_text='De dónde sale este dato. Si la fuente es oficial, la ficha lo dice; si no, pide confirmarlo.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='fuentes.fuente', verbose_name='fuente de la dirección'),
        ),
        migrations.AddField(
            model_name='lugar',
            name='horario_fuente',
            field=models.ForeignKey(blank=True, help_text='De dónde sale este dato. Si la fuente es oficial, la ficha lo dice; si no, pide confirmarlo.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='fuentes.fuente', verbose_name='fuente del horario'),
        ),
        migrations.AddField(
            model_name='lugar',
            name='nota_editorial',
            field=models.TextField(blank=True, help_text='Fuentes que no coinciden, qué falta revisar, por qué no es una ventanilla de la OIM. No se publica.', verbose_name='nota para el equipo'),
        ),
        migrations.AddField(
            model_name='lugar',
            name='servicios_fuente',
            field=models.ForeignKey(blank=True, help_text='De dónde sale este dato. Si la fuente es oficial, la ficha lo dice; si no, pide confirmarlo.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='fuentes.fuente', verbose_name='fuente de los servicios'),
        ),
        migrations.AddField(
            model_name='lugar',
            name='telefono_fuente',
            field=models.ForeignKey(blank=True, help_text='De dónde sale este dato. Si la fuente es oficial, la ficha lo dice; si no, pide confirmarlo.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='fuentes.fuente', verbose_name='fuente del teléfono'),
        ),
        migrations.AlterField(
            model_name='cifrareportada',
            name='ambito',
            field=models.CharField(choices=[('ventanilla', 'Ventanilla informativa (red de la OIM)'), ('oficina', 'Oficina del INM'), ('otro-lugar', 'Otro lugar que ayuda a personas migrantes')], max_length=12, verbose_name='de qué'),
        ),
        migrations.AlterField(
            model_name='lugar',
            name='tipo',
            field=models.CharField(choices=[('ventanilla', 'Ventanilla informativa (red de la OIM)'), ('oficina', 'Oficina del INM'), ('otro-lugar', 'Otro lugar que ayuda a personas migrantes')], max_length=12, verbose_name='tipo'),
        ),
        migrations.AddConstraint(
            model_name='lugar',
            constraint=models.CheckConstraint(condition=models.Q(('tipo__in', ['ventanilla', 'oficina', 'otro-lugar'])), name='ventanillas_lugar_tipo'),
        ),
        migrations.AddField(
            model_name='datolugar',
            name='fuente',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='fuentes.fuente', verbose_name='fuente'),
        ),
        migrations.AddField(
            model_name='datolugar',
            name='lugar',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='datos', to='ventanillas.lugar'),
        ),
        migrations.AddField(
            model_name='datored',
            name='fuente',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='fuentes.fuente', verbose_name='fuente'),
        ),
        migrations.RunPython(fuente_de_cada_dato, migrations.RunPython.noop),
    ]
