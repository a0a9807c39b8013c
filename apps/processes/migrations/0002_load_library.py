"""Load the shipped process templates (apps/processes/library/*.yaml) so every installation has them."""

from django.db import migrations


def load(apps, schema_editor):
    from apps.processes.loader import load_templates

    load_templates(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("processes", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
