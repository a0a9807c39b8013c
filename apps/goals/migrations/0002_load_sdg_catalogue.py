"""Every installation (and every test database) starts with the UN catalogue.

Runs the same loader as `manage.py load_sdg`, with the historical models. Reversing leaves the
rows to the table drop of 0001.
"""

from django.db import migrations


def load(apps, schema_editor):
    from apps.goals.catalogue import load_catalogue

    load_catalogue(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
