"""A run keeps its template's texts in every language (`texts`), so it shows in the reader's
language. Runs started before this keep showing the language they started in."""

from django.db import migrations, models


def _field():
    return models.JSONField(blank=True, default=dict, editable=False)


class Migration(migrations.Migration):
    dependencies = [("processes", "0003_private_documents")]

    operations = [
        migrations.AddField(model_name="processrun", name="texts", field=_field()),
        migrations.AddField(model_name="phaserun", name="texts", field=_field()),
        migrations.AddField(model_name="activityrun", name="texts", field=_field()),
        migrations.AddField(model_name="deliverable", name="texts", field=_field()),
    ]
