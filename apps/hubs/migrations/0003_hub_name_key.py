from django.db import migrations, models


def fill_name_keys(apps, schema_editor):
    Hub = apps.get_model("hubs", "Hub")
    seen: dict[str, int] = {}
    for hub in Hub.objects.order_by("pk"):
        key = " ".join(hub.name.split()).casefold()[:120]
        # Hubs already sharing a name keep them apart by their address until a steward renames.
        if key in seen:
            key = f"{key[: 119 - len(hub.slug)]}#{hub.slug}"
        seen[key] = hub.pk
        hub.name_key = key
        hub.save(update_fields=["name_key"])


class Migration(migrations.Migration):
    dependencies = [("hubs", "0002_hub_stage")]

    operations = [
        migrations.AddField(
            model_name="hub",
            name="name_key",
            field=models.CharField(editable=False, max_length=120, null=True),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="hub",
            name="name_key",
            field=models.CharField(editable=False, max_length=120, unique=True),
        ),
    ]
