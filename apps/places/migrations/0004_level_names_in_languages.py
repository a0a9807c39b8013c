"""Area levels get names in Norwegian Bokmål and Swedish; existing levels are named from the
table of known levels (apps/places/levels.py) where they match it."""

from django.db import migrations, models


def name_levels(apps, schema_editor):
    from apps.places.levels import LANGUAGES, known_names

    AreaLevel = apps.get_model("places", "AreaLevel")
    for level in AreaLevel.objects.all():
        known = known_names(level.slug, level.name)
        changed = []
        for language in LANGUAGES:
            name, plural = known.get(language) or ("", "")
            for attr, value in ((f"name_{language}", name), (f"name_plural_{language}", plural)):
                if value and not getattr(level, attr):
                    setattr(level, attr, value)
                    changed.append(attr)
        if changed:
            level.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("places", "0003_level_version")]

    operations = [
        migrations.AlterModelOptions(
            name="arealevel",
            options={
                "ordering": ["hub", "depth", "slug"],
                "verbose_name": "area level",
                "verbose_name_plural": "area levels",
            },
        ),
        migrations.AddField(
            model_name="arealevel",
            name="name_nb",
            field=models.CharField(blank=True, max_length=80, verbose_name="name (Norwegian Bokmål)"),
        ),
        migrations.AddField(
            model_name="arealevel",
            name="name_plural_nb",
            field=models.CharField(blank=True, max_length=80, verbose_name="name in plural (Norwegian Bokmål)"),
        ),
        migrations.AddField(
            model_name="arealevel",
            name="name_sv",
            field=models.CharField(blank=True, max_length=80, verbose_name="name (Swedish)"),
        ),
        migrations.AddField(
            model_name="arealevel",
            name="name_plural_sv",
            field=models.CharField(blank=True, max_length=80, verbose_name="name in plural (Swedish)"),
        ),
        migrations.RunPython(name_levels, migrations.RunPython.noop),
    ]
