"""Demo data: in Pådriv Oslo, "Grønt gårdsrom i Hagegata" overlaps "Grønn gårdsplass på Tøyen"
(the same courtyard block, the same goals, similar words), and the finder puts the pair in the
stewards' review queue. Idempotent: the initiative is found again by its slug, and the finder
never stores a pair twice."""

from typing import Any

from django.contrib.contenttypes.models import ContentType

from apps.accounts.models import User
from apps.goals.models import GoalTag, HubGoal, SdgGoal
from apps.hubs.models import Hub
from apps.initiatives.models import Follow, Initiative, TeamMember, TeamRole

from . import services

SLUG = "gront-gardsrom-i-hagegata"
NEAR = "gronn-gardsplass-pa-toyen"
LON, LAT = 10.7709, 59.9149


def seed(*, stdout: Any) -> None:
    hub = Hub.objects.filter(slug="oslo").first()
    owner = User.objects.filter(email="erik@oslo.demo").first()
    near = Initiative.objects.filter(hub=hub, slug=NEAR).select_related("area").first() if hub else None
    if hub is None or owner is None or near is None:
        stdout.write(
            "  consolidation: the Oslo demo hub, erik@oslo.demo or Tøyen's courtyard is missing; skipped"
        )
        return
    initiative, _created = Initiative.objects.get_or_create(
        hub=hub,
        slug=SLUG,
        defaults={
            "title": "Grønt gårdsrom i Hagegata",
            "summary": "En grønn gårdsplass bak Hagegata på Tøyen: asfalten ut, stauder og bærbusker inn.",
            "description": (
                "Bakgården i Hagegata er grå asfalt med søppeldunker. Vi vil gjøre den til et grønt "
                "gårdsrom for naboene på Tøyen, med plantekasser, benker og bærbusker vi deler."
            ),
            "status": "idea",
            "owner": owner,
            "place": {"type": "Point", "coordinates": [LON, LAT]},
            "lon": LON,
            "lat": LAT,
            "area": near.area,
        },
    )
    TeamMember.objects.get_or_create(initiative=initiative, user=owner, defaults={"role": TeamRole.OWNER})
    Follow.objects.get_or_create(initiative=initiative, user=owner)
    kind = ContentType.objects.get_for_model(Initiative)
    for hub_goal in HubGoal.objects.filter(hub=hub, code="green-biodiversity"):
        GoalTag.objects.get_or_create(content_type=kind, object_id=initiative.pk, hub=hub, hub_goal=hub_goal)
    for sdg in SdgGoal.objects.filter(number=15):
        GoalTag.objects.get_or_create(content_type=kind, object_id=initiative.pk, hub=hub, sdg_goal=sdg)
    created = services.find_overlaps(hub=hub)
    stdout.write(f"Consolidation: {len(created)} new overlapping pairs in Oslo's review queue.")
