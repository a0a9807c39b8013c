# ruff: noqa: E501 - demo texts and the table of events read best on one line each
"""Demo data: a shared vision for Pådriv Oslo in three versions, endorsed by three partners.
Idempotent: a second run finds the vision and changes nothing."""

from typing import Any

from apps.accounts.models import User
from apps.hubs.models import ApplicationStatus, Hub
from apps.organisations.models import Organisation
from apps.participation.spaces import Space
from apps.visions.models import Endorsement, Vision, VisionVersion

TITLE = "Felles målbilde for Pådriv Oslo"

VERSIONS = [
    (
        "ingrid@oslo.demo",
        "Første utkast fra nettverksleder.",
        "## Hvor vil vi?\n\nOslo skal være en by der innbyggere, organisasjoner, næringsliv og kommunen "
        "skaper byen sammen.\n\n- Grønne gårdsrom i alle bydeler\n- Gater for folk\n- Gjenbruk av byggematerialer",
    ),
    (
        "member@oslo.demo",
        "La til barn og unge, og nabolagene.",
        "## Hvor vil vi?\n\nOslo skal være en grønn og inkluderende by der innbyggere, organisasjoner, næringsliv "
        "og kommunen skaper byen sammen.\n\n- Grønne gårdsrom i alle bydeler\n- Gater for folk, trygge for barn\n"
        "- Gjenbruk av byggematerialer\n- Barn og unge med i planleggingen",
    ),
    (
        "steward@oslo.demo",
        "Mål til 2030, etter verkstedet.",
        "## Hvor vil vi?\n\nOslo skal være en grønn og inkluderende by der innbyggere, organisasjoner, næringsliv "
        "og kommunen skaper byen sammen.\n\n- Grønne gårdsrom i alle bydeler innen 2030\n"
        "- Gater for folk, trygge for barn\n- Gjenbruk av byggematerialer i alle midlertidige prosjekter\n"
        "- Barn og unge med i planleggingen\n\n## Hvordan?\n\nVi deler kunnskap, lokaler og arbeidstid.",
    ),
]

ENDORSERS = [
    ("Oslo kommune", "steward@oslo.demo"),
    ("Grønn Gårdsplass AS", "lars@oslo.demo"),
    ("Tøyen Nabolagsforening", "member@oslo.demo"),
]


def seed(*, stdout: Any) -> None:
    hub = Hub.objects.filter(slug="oslo").first()
    if hub is None:
        return
    users = {
        u.email: u
        for u in User.objects.filter(email__in={e for e, _, _ in VERSIONS} | {e for _, e in ENDORSERS})
    }
    vision, created = Vision.objects.get_or_create(
        hub=hub,
        initiative=None,
        area=None,
        title=TITLE,
        defaults={"status": Vision.Status.ENDORSING, "created_by": users.get("ingrid@oslo.demo")},
    )
    for number, (email, note, text) in enumerate(VERSIONS, start=1):
        VisionVersion.objects.get_or_create(
            vision=vision, number=number, defaults={"text": text, "author": users.get(email), "note": note}
        )
    latest = vision.versions.order_by("-number").first()
    first = vision.versions.get(number=1)
    for index, (name, email) in enumerate(ENDORSERS):
        organisation = Organisation.objects.filter(
            name=name, partnerships__hub=hub, partnerships__status=ApplicationStatus.APPROVED
        ).first()
        if organisation is None or email not in users:
            continue
        # One partner endorsed an earlier version and has not yet looked at the latest.
        version = first if index == 2 else latest
        Endorsement.objects.get_or_create(
            version=version, organisation=organisation, defaults={"representative": users[email]}
        )
    if created:
        vision.coauthors.add(*[u for e, u in users.items() if e == "member@oslo.demo"])
    stdout.write(f"Visions: {Space(hub=hub).title} has “{TITLE}” with {vision.versions.count()} versions.")
