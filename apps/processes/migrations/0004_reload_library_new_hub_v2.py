"""Reload the shipped process templates: new-hub version 2 has deliverables fulfilled by the real
things in the hub (area, partnerships, vision, agreement, board, budget) (H2)."""

from django.db import migrations


def load(apps, schema_editor):
    from apps.processes.loader import load_templates

    load_templates(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("processes", "0003_private_documents")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
