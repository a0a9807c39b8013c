"""Swedish titles for the UN catalogue (data/sdg/sv, the project's own translation), loaded by
the same loader as 0002; the corrected Norwegian targets in data/sdg/nb_NO are updated in place."""

from django.db import migrations, models


def load(apps, schema_editor):
    from apps.goals.catalogue import load_catalogue

    load_catalogue(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("goals", "0002_load_sdg_catalogue")]

    operations = [
        migrations.AddField(
            model_name="sdggoal",
            name="short_sv",
            field=models.CharField(blank=True, max_length=200, verbose_name="short name (Swedish)"),
        ),
        migrations.AddField(
            model_name="sdggoal",
            name="title_sv",
            field=models.TextField(blank=True, max_length=1000, verbose_name="title (Swedish)"),
        ),
        migrations.AddField(
            model_name="sdgindicator",
            name="title_sv",
            field=models.TextField(blank=True, max_length=1000, verbose_name="title (Swedish)"),
        ),
        migrations.AddField(
            model_name="sdgtarget",
            name="title_sv",
            field=models.TextField(blank=True, max_length=1000, verbose_name="title (Swedish)"),
        ),
        migrations.RunPython(load, migrations.RunPython.noop, elidable=False),
    ]
