"""Bench data for value creation in the largest hub: one initiative with 200 partners and 2,000
commitments, a budget of 300 lines and 100 sources, a campaign with 5,000 pledges, and 2,000
commitments to the hub itself; made with bulk_create (deterministic, once). Returns the partner,
funding, agreement, governance, results and dialogue pages and API lists to measure."""

import random
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

PARTNERS = 200
COMMITMENTS_EACH = 10
LINES = 300
SOURCES = 100
PLEDGES = 5_000


def prepare(hub_slug: str, log: Callable[[str], None]) -> list[str]:
    from django.utils import timezone

    from apps.accounts.models import User
    from apps.funding.models import Budget, Campaign, CampaignStatus, CostLine, FundingSource, Pledge
    from apps.hubs.models import Hub, Partnership
    from apps.initiatives.models import Initiative
    from apps.organisations.models import Organisation
    from apps.partners.models import Commitment, Partner

    hub = Hub.objects.get(slug=hub_slug)
    owner = User.objects.filter(memberships__hub=hub).order_by("pk").first()
    initiative, created = Initiative.objects.get_or_create(
        hub=hub, slug="bench-verdiskaping", defaults={"title": "Verdiskaping i benken", "owner": owner}
    )
    if created or not Partner.objects.filter(initiative=initiative).exists():
        rng = random.Random(17)
        organisations = list(Organisation.objects.order_by("pk")[:PARTNERS])
        partners = Partner.objects.bulk_create(
            [Partner(hub=hub, initiative=initiative, organisation=o, role="resources") for o in organisations]
        )
        approved = set(
            Partnership.objects.filter(hub=hub, status="approved").values_list("organisation_id", flat=True)
        )
        already = set(
            Partner.objects.filter(hub=hub, initiative=None, organisation__isnull=False).values_list(
                "organisation_id", flat=True
            )
        )
        partners += Partner.objects.bulk_create(
            [
                Partner(hub=hub, organisation=o, role="co_owner")
                for o in organisations
                if o.pk in approved and o.pk not in already
            ]
        )
        kinds = ["money", "in_kind", "competence", "hours"]
        statuses = ["offered", "agreed", "delivered", "withdrawn"]
        commitments = []
        for partner in partners:
            for i in range(COMMITMENTS_EACH):
                kind = kinds[i % 4]
                commitments.append(
                    Commitment(
                        partner=partner,
                        kind=kind,
                        description=f"Bidrag {i}",
                        amount=None if kind == "hours" else Decimal(rng.randint(100, 100_000)) / 100,
                        hours=Decimal(rng.randint(1, 400)) / 10 if kind == "hours" else None,
                        status=statuses[rng.randint(0, 3)],
                    )
                )
        Commitment.objects.bulk_create(commitments, batch_size=2000)
        budget, _ = Budget.objects.get_or_create(hub=hub, initiative=initiative)
        CostLine.objects.bulk_create(
            [
                CostLine(
                    budget=budget, description=f"Post {i}", planned=Decimal(rng.randint(100, 10**6)) / 100
                )
                for i in range(LINES)
            ]
        )
        FundingSource.objects.bulk_create(
            [
                FundingSource(
                    budget=budget,
                    kind="sponsor",
                    description=f"Kilde {i}",
                    planned=Decimal(rng.randint(100, 10**6)) / 100,
                )
                for i in range(SOURCES)
            ]
        )
        campaign = Campaign.objects.create(
            hub=hub,
            initiative=initiative,
            goal=Decimal("1000000.00"),
            deadline=timezone.now().date() + timedelta(days=30),
            status=CampaignStatus.OPEN,
            opened_at=timezone.now(),
        )
        people = list(User.objects.filter(memberships__hub=hub).values_list("pk", flat=True)[:PLEDGES])
        Pledge.objects.bulk_create(
            [
                Pledge(
                    campaign=campaign, user_id=people[i % len(people)], amount=Decimal(rng.randint(50, 5000))
                )
                for i in range(PLEDGES)
            ],
            batch_size=2000,
        )
        log(f"Generated {len(commitments):,} commitments, {LINES} cost lines and {PLEDGES:,} pledges.")
    h, s = hub_slug, initiative.slug
    return [
        f"/{h}/partners/initiatives/{s}/",
        f"/{h}/partners/hub/",
        f"/{h}/funding/i/{s}/budget/",
        f"/{h}/funding/i/{s}/campaign/",
        f"/{h}/agreements/",
        f"/{h}/governance/",
        f"/{h}/governance/decisions/",
        f"/{h}/results/",
        f"/{h}/dialogues/",
        f"/api/v1/hubs/{h}/partners/commitments",
        f"/api/v1/hubs/{h}/partners/commitments?offset=1000",
        f"/api/v1/hubs/{h}/initiatives/{s}/partners",
        f"/api/v1/hubs/{h}/initiatives/{s}/budget",
        f"/api/v1/hubs/{h}/campaigns",
        f"/api/v1/hubs/{h}/results",
    ]
