# ruff: noqa: E501 - demo texts read best on one line each
"""Demo data: the Oslo initiative "Pollinatorpassasje langs Akerselva" with a full financing plan
(costs, municipal money, a granted grant, in-kind tools, crowdfunding and volunteer hours at the
hub's rate), a second grant application waiting for an answer, and a running all-or-nothing
campaign with pledges from residents and an organisation, matched 1:1 by a sponsor up to a cap.
Runs after the initiatives and processes demos. Idempotent: a second run finds everything by
its text and changes nothing."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative, Permit, PermitStatus
from apps.organisations.models import Organisation
from apps.processes.models import Deliverable

from . import services
from .models import (
    Budget,
    Campaign,
    CostLine,
    FundingSource,
    GrantApplication,
    MatchFund,
    Mode,
    Pledge,
    PledgeStatus,
    SourceKind,
)
from .selectors import PERMITS_DELIVERABLE

INITIATIVE = "pollinatorpassasje-langs-akerselva"

COSTS = [
    ("Frø og pluggplanter til seks blomsterenger", "materials", "18500.00", "17980.00"),
    ("Materialer til ti insekthoteller", "materials", "6200.50", None),
    ("Skilt med informasjon om villbier", "communication", "4800.00", None),
    ("Leie av jordfreser og verktøy", "equipment", "3250.00", "3250.00"),
    ("Åpningsfest ved Nydalen", "events", "2500.00", None),
]
# (kind, from whom, planned, received, planned hours, hours given)
SOURCES = [
    (SourceKind.MUNICIPAL, "Bydel Grünerløkka, nærmiljøtilskudd", "10000.00", "10000.00", None, None),
    (SourceKind.IN_KIND, "Grønn Gårdsplass AS: verktøy til utlån", "3250.00", "3250.00", None, None),
    (SourceKind.CROWDFUNDING, "Folkefinansiering på Allmenning", "8000.00", None, None, None),
    (SourceKind.VOLUNTEER_HOURS, "Dugnad: så og plante langs elva", None, None, "4.50", "2.00"),
]
GRANTS = [
    (
        "Sparebankstiftelsen DNB",
        "Blomsterenger og insekthoteller",
        "15000.00",
        "12000.00",
        "granted",
        -60,
        -20,
    ),
    ("Oslo kommune, klimatilskudd", "Skilting og formidling", "6000.00", None, "submitted", 20, None),
]
# (e-mail, organisation or None, amount, shown name, anonymous, message, received)
PLEDGES = [
    ("member@oslo.demo", None, "500.00", "", False, "Gleder meg til å se blomstene!", True),
    ("erik@oslo.demo", None, "1000.00", "Erik og familien", False, "For villbiene langs elva.", True),
    ("sofie@oslo.demo", None, "250.00", "", True, "", False),
    ("board@oslo.demo", None, "300.00", "", False, "Lykke til med dugnaden.", False),
    ("member@oslo.demo", "Tøyen Nabolagsforening", "1500.00", "", False, "Fra naboene på Tøyen.", False),
]
SPONSOR = "Grønn Gårdsplass AS"


def seed(*, stdout: Any) -> None:
    hub = Hub.objects.filter(slug="oslo").first()
    initiative = Initiative.objects.filter(hub=hub, slug=INITIATIVE).select_related("owner").first()
    if hub is None or initiative is None:
        return
    emails = {p[0] for p in PLEDGES}
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    organisations = {
        o.name: o for o in Organisation.objects.filter(name__in=[SPONSOR, "Tøyen Nabolagsforening"])
    }
    today = hub.today()
    with transaction.atomic():
        budget, _created = Budget.objects.get_or_create(hub=hub, initiative=initiative)
        for description, category, planned, actual in COSTS:
            CostLine.objects.get_or_create(
                budget=budget,
                description=description,
                defaults={
                    "category": category,
                    "planned": Decimal(planned),
                    "actual": Decimal(actual) if actual else None,
                },
            )
        for kind, source_text, source_planned, got, hours, given in SOURCES:
            FundingSource.objects.get_or_create(
                budget=budget,
                description=source_text,
                defaults={
                    "kind": kind,
                    "planned": Decimal(source_planned) if source_planned else None,
                    "received": Decimal(got) if got else None,
                    "planned_hours": Decimal(hours) if hours else None,
                    "actual_hours": Decimal(given) if given else None,
                },
            )
        for funder, purpose, amount, granted, status, deadline_days, decided_days in GRANTS:
            application, created = GrantApplication.objects.get_or_create(
                budget=budget,
                funder=funder,
                defaults={
                    "purpose": purpose,
                    "amount": Decimal(amount),
                    "amount_granted": Decimal(granted) if granted else None,
                    "status": status,
                    "deadline": today + timedelta(days=deadline_days),
                    "submitted_on": today + timedelta(days=min(deadline_days, 0) - 5),
                    "decided_on": today + timedelta(days=decided_days) if decided_days is not None else None,
                },
            )
            if created and status == "granted":
                FundingSource.objects.create(
                    budget=budget,
                    kind=SourceKind.GRANT,
                    description=funder,
                    planned=application.amount_granted,
                    received=application.amount_granted,
                    grant_application=application,
                )
        # The campaign's viability: the permit it needs is granted, and so is the process's
        # "permits granted" deliverable.
        Permit.objects.get_or_create(
            initiative=initiative,
            what="Tillatelse til å så blomstereng på kommunal grunn",
            defaults={
                "authority": "Bymiljøetaten",
                "status": PermitStatus.APPROVED,
                "applied_on": today - timedelta(days=50),
                "decided_on": today - timedelta(days=30),
                "decision": "Godkjent med vilkår om stedegne arter.",
            },
        )
        Deliverable.objects.filter(
            phase_run__run__initiative=initiative, key=PERMITS_DELIVERABLE, done=False
        ).update(done=True, done_at=timezone.now(), note="Tillatelse fra Bymiljøetaten.")

        campaign, created = Campaign.objects.get_or_create(
            initiative=initiative,
            defaults={
                "hub": hub,
                "description": "Hjelp oss å så seks blomsterenger og bygge ti insekthoteller langs Akerselva, fra Nydalen til Vaterland. Alt eller ingenting: når vi ikke når målet, betaler ingen noe.",
                "goal": Decimal("8000.00"),
                "deadline": today + timedelta(days=21),
                "mode": Mode.ALL_OR_NOTHING,
                "status": Campaign.Status.OPEN,
                "opened_at": timezone.now() - timedelta(days=9),
                "created_by": initiative.owner,
            },
        )
        if created:
            if SPONSOR in organisations:
                MatchFund.objects.create(
                    campaign=campaign,
                    organisation=organisations[SPONSOR],
                    ratio=Decimal("1.00"),
                    cap=Decimal("2000.00"),
                )
            for email, organisation, amount, shown, anonymous, message, arrived in PLEDGES:
                if email not in users:
                    continue
                Pledge.objects.create(
                    campaign=campaign,
                    user=users[email],
                    organisation=organisations.get(organisation) if organisation else None,
                    amount=Decimal(amount),
                    public_name=shown,
                    anonymous=anonymous,
                    message=message,
                    status=PledgeStatus.RECEIVED if arrived else PledgeStatus.PLEDGED,
                    decided_at=timezone.now() if arrived else None,
                    decided_by=initiative.owner if arrived else None,
                )
            services.recount(campaign)
            campaign.save(update_fields=["pledged_total", "received_total"])
            stdout.write(f"  funding: {initiative.title}: a financing plan and a running campaign")
