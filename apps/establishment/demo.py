"""Demo of a hub's establishment (H2) for `manage.py seed_demo`. Idempotent.

Pådriv Tønsberg (made by the processes demo, its establishment run in step 2) sits
mid-establishment with real things a visitor can explore: step 1 is done – the exploratory
meeting was held (an event in the past, with invitations sent from the establishment page);
step 2 is in progress – the area is drawn around the town centre, two start-up partners are
approved (a third has applied), and the shared vision is open for endorsement, backed by one
partner so far (two are needed).
"""

from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.establishment import services
from apps.establishment.models import Invitation
from apps.events.models import Event, Registration
from apps.hubs.models import ApplicationStatus, Hub, Partnership
from apps.organisations.models import Organisation, Representative
from apps.places.models import Area
from apps.processes.models import PhaseRun
from apps.visions.models import Endorsement, Vision, VisionVersion

# Tønsberg's centre, from Slottsfjellet and the canal to Kaldnes and Ringshaug road (lon, lat).
AREA = {
    "type": "Polygon",
    "coordinates": [
        [
            [10.3905, 59.2620],
            [10.4020, 59.2585],
            [10.4190, 59.2600],
            [10.4260, 59.2680],
            [10.4180, 59.2790],
            [10.3990, 59.2810],
            [10.3860, 59.2730],
            [10.3905, 59.2620],
        ]
    ],
}

ORGANISATIONS = [
    # (slug, name, type, org number, approved?, endorses the vision?)
    ("tonsberg-kommune", "Tønsberg kommune", Organisation.Type.PUBLIC, "817000711", True, True),
    (
        "vestfold-naeringsforening",
        "Vestfold Næringsforening",
        Organisation.Type.PRIVATE,
        "917000719",
        True,
        False,
    ),
    (
        "kaldnes-velforening",
        "Kaldnes Velforening",
        Organisation.Type.CIVIL_SOCIETY,
        "927000717",
        False,
        False,
    ),
]

INVITED = [
    "post@tonsberg-kommune.demo",
    "leder@vestfold-naering.demo",
    "styret@kaldnes-vel.demo",
    "kontakt@slottsfjellsmuseet.demo",
    "hei@tonsberg-torvet.demo",
    "post@usn-vestfold.demo",
]

VISION_TEXT = (
    "## Et levende Tønsberg sentrum\n\n"
    "Vi vil at sentrum skal være et sted der folk bor, handler, lærer og møtes hele året – fra "
    "Slottsfjellet til Kaldnes. Vi jobber sammen: kommunen, næringslivet, foreningene og "
    "innbyggerne.\n\n"
    "- Brygga og kanalen åpne for alle\n"
    "- Flere grønne møteplasser\n"
    "- Tomme lokaler fylt med midlertidig liv\n"
)


@transaction.atomic
def seed(*, stdout: Any) -> None:
    hub = Hub.objects.filter(slug="tonsberg").first()
    steward = User.objects.filter(email="steward@oslo.demo").first()
    if hub is None or steward is None or not steward.has_perm("establishment.lead", hub):
        if stdout is not None:
            stdout.write("Establishment: no Tønsberg hub with its steward; skipped.")
        return
    now = timezone.now()

    # Step 1: the exploratory meeting, held on the day the step was due, with invitations sent.
    first = PhaseRun.objects.filter(run__hub=hub, run__initiative__isnull=True, position=0).first()
    day = first.due_on if first is not None else timezone.localdate() - timedelta(days=36)
    starts = timezone.make_aware(datetime.combine(day, time(18, 0)), hub.zone)
    meeting, _created = Event.objects.get_or_create(
        hub=hub,
        kind=Event.Kind.EXPLORATORY,
        title="Sonderingsmøte: et Pådriv for Tønsberg?",
        defaults={
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2, minutes=30),
            "location": "Tønsberg bibliotek, Storgaten 16",
            "lat": 59.2673,
            "lon": 10.4078,
            "organiser": steward,
            "registration_open": False,
            "description": (
                "Vi presenterte Pådriv-metoden og fant ut sammen om det er interesse "
                "for et Pådriv i Tønsberg."
            ),
            "minutes": (
                "32 deltok: kommunen, næringsforeningen, velforeninger, museet og studenter. "
                "Stor interesse – forprosjektet settes i gang."
            ),
        },
    )
    people = [
        steward,
        *User.objects.filter(email__endswith="@oslo.demo").exclude(pk=steward.pk).order_by("pk")[:7],
    ]
    for position, person in enumerate(people, start=1):
        Registration.objects.get_or_create(
            event=meeting,
            user=person,
            defaults={"status": Registration.Status.CONFIRMED, "position": position},
        )
    invited_at = starts - timedelta(days=14)
    for email in INVITED:
        Invitation.objects.get_or_create(
            event=meeting,
            email=email,
            defaults={"hub": hub, "language": "nb", "invited_by": steward, "invited_at": invited_at},
        )

    # Step 2: the area, two approved start-up partners (one more has applied), the vision.
    if not Area.objects.filter(hub=hub, code="hub-area").exists():
        services.hub_area_save(hub=hub, actor=steward, geometry=AREA, name="Tønsberg sentrum")
    partners = []
    for slug, name, kind, number, approved, endorses in ORGANISATIONS:
        organisation, _created = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "type": kind, "country": "NO", "org_number": number}
        )
        Partnership.objects.get_or_create(
            hub=hub,
            organisation=organisation,
            defaults={
                "status": ApplicationStatus.APPROVED if approved else ApplicationStatus.PENDING,
                "applied_by": steward,
                "decided_at": now if approved else None,
                "decided_by": steward if approved else None,
                "contribution": "Møtelokaler, kunnskap om området og arbeidstimer i forprosjektet.",
            },
        )
        if endorses:
            Representative.objects.get_or_create(organisation=organisation, user=steward)
            partners.append(organisation)
    vision, _created = Vision.objects.get_or_create(
        hub=hub,
        initiative=None,
        area=None,
        title="Felles målbilde for Tønsberg sentrum",
        defaults={"status": Vision.Status.ENDORSING, "created_by": steward},
    )
    version = vision.versions.order_by("-number").first()
    if version is None:
        version = VisionVersion.objects.create(vision=vision, number=1, text=VISION_TEXT, author=steward)
    for organisation in partners:
        Endorsement.objects.get_or_create(
            version=version, organisation=organisation, defaults={"representative": steward}
        )
    if stdout is not None:
        stdout.write(
            "Establishment: Pådriv Tønsberg has held its exploratory meeting and is in its pre-project."
        )
