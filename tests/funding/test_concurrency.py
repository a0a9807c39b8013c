"""Pledges at the same moment keep the campaign's totals exact; a pledge that arrives while the
campaign is being closed waits for the lock and is refused (PostgreSQL)."""

import threading
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from apps.accounts.models import User
from apps.funding import selectors, services
from apps.funding.models import Budget, Campaign, Pledge
from apps.initiatives.models import Initiative
from tests.factories import HubFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def open_campaign() -> Campaign:
    hub = HubFactory(slug="oslo")
    owner = MembershipFactory(hub=hub).user
    initiative = Initiative.objects.create(hub=hub, slug="park", title="Park", owner=owner)
    budget = Budget.objects.create(hub=hub, initiative=initiative)
    services.cost_line_add(budget=budget, actor=owner, description="Trees", planned="100")
    services.source_add(budget=budget, actor=owner, kind="sponsor", description="Obos", planned="100")
    draft = services.campaign_create(
        initiative=initiative, actor=owner, goal="1000", deadline=hub.today() + timedelta(days=5)
    )
    return services.campaign_open(campaign=draft, actor=owner)


def fresh(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_related("hub", "initiative").get(pk=campaign.pk)


def test_concurrent_pledges_keep_the_total_exact():
    campaign = open_campaign()
    people = [UserFactory() for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS, timeout=30)
    outcomes: list[Any] = [None] * THREADS

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = services.pledge_create(
                campaign=fresh(campaign), actor=User.objects.get(pk=people[index].pk), amount="0.10"
            )
        except BaseException as exc:  # noqa: BLE001
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert all(isinstance(o, Pledge) for o in outcomes), outcomes
    stored = fresh(campaign)
    assert stored.pledged_total == Decimal("0.10") * THREADS == Decimal("0.80")
    assert selectors.campaign_totals(stored).pledged == Decimal("0.80")


def blocked_by_me(worker: threading.Thread, backend: list[int]) -> bool:
    with connection.cursor() as cursor:
        while worker.is_alive():
            if backend:
                cursor.execute("SELECT pg_backend_pid() = ANY(pg_blocking_pids(%s))", [backend[0]])
                if cursor.fetchone()[0]:
                    return True
            worker.join(timeout=0.05)
    return False


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are observable only on PostgreSQL (CI runs it)"
)
def test_a_pledge_during_closing_waits_for_the_lock_and_is_refused():
    campaign = open_campaign()
    owner = campaign.initiative.owner
    person = UserFactory()
    outcome: list[Any] = []
    backend: list[int] = []

    def pledge() -> None:
        try:
            connection.ensure_connection()
            backend.append(connection.connection.info.backend_pid)
            outcome.append(services.pledge_create(campaign=fresh(campaign), actor=person, amount="10"))
        except ValidationError as exc:
            outcome.append(exc)
        finally:
            connection.close()

    worker = threading.Thread(target=pledge)
    with transaction.atomic():  # the team's request closing the campaign, still open
        services.campaign_close(campaign=fresh(campaign), actor=owner)
        worker.start()
        assert blocked_by_me(worker, backend), "the pledge did not wait for the closing lock"
    worker.join(timeout=60)
    assert not worker.is_alive(), "the pledge hung"
    assert len(outcome) == 1 and isinstance(outcome[0], ValidationError), outcome
    assert outcome[0].code == "not_open"
    assert not Pledge.objects.exists()
