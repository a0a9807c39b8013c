"""Demo resident groups for `manage.py seed_demo` (after knowledge, before surveys): both hubs ask
for age band and area of residence; Södertörn chooses among its municipalities (its population per
small area, summed, is the comparison) and asks one question of its own. Idempotent."""

from typing import Any

from django.db import transaction

from apps.hubs.models import Hub
from apps.places.models import AreaLevel
from apps.residents.models import DemographicQuestion, GroupSettings

TEXTS = {
    "oslo": ("Hvor gammel er du?", "Hvor bor du?"),
    "sodertorn": ("Hur gammal är du?", "Var bor du?"),
}
SODERTORN_OWN = ("Hur länge har du bott i området?", ["Mindre än 2 år", "2–10 år", "Mer än 10 år"])


def seed(*, stdout: Any = None) -> None:
    for slug, (age_text, area_text) in TEXTS.items():
        hub = Hub.objects.filter(slug=slug).first()
        if hub is None:
            continue
        with transaction.atomic():
            level = AreaLevel.objects.filter(hub=hub, slug="municipality").first()
            settings, _created = GroupSettings.objects.get_or_create(hub=hub)
            settings.enabled, settings.area_level = True, level
            settings.save()
            DemographicQuestion.objects.get_or_create(
                hub=hub, kind=DemographicQuestion.Kind.AGE, defaults={"text": age_text, "position": 0}
            )
            DemographicQuestion.objects.get_or_create(
                hub=hub, kind=DemographicQuestion.Kind.AREA, defaults={"text": area_text, "position": 1}
            )
            if slug == "sodertorn":
                text, choices = SODERTORN_OWN
                DemographicQuestion.objects.get_or_create(
                    hub=hub,
                    kind=DemographicQuestion.Kind.CUSTOM,
                    text=text,
                    defaults={"choices": choices, "position": 2},
                )
        if stdout is not None:
            stdout.write(f"  residents: {hub.slug}: resident groups switched on")
