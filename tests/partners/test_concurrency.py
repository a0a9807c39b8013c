"""Races on partners: the same organisation added by several people at once makes one partner;
a commitment agreed by eight people at the same moment is agreed once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.accounts.models import User
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative, TeamMember
from apps.organisations.models import Organisation
from apps.partners import services
from apps.partners.models import Commitment, CommitmentChange, Partner
from tests.factories import HubFactory, MembershipFactory, OrganisationFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def _race(work):
    barrier = threading.Barrier(THREADS, timeout=30)
    outcomes: list = [None] * THREADS

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except BaseException as exc:  # noqa: BLE001
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    return outcomes


@pytest.fixture
def scene():
    hub = HubFactory(slug="oslo")
    owner = MembershipFactory(hub=hub).user
    leads = [MembershipFactory(hub=hub).user for _ in range(THREADS)]
    initiative = Initiative.objects.create(hub=hub, slug="yard", title="Yard", owner=owner)
    for lead in leads:
        TeamMember.objects.create(initiative=initiative, user=lead, role="lead")
    organisation = OrganisationFactory()
    rep = RepresentativeFactory(organisation=organisation).user
    return hub, initiative, leads, organisation, rep


def test_the_same_partner_added_at_once_by_eight_leads_is_one_partner(scene):
    hub, initiative, leads, organisation, _rep = scene

    def add(index):
        return services.partner_add(
            actor=User.objects.get(pk=leads[index].pk),
            hub=Hub.objects.get(pk=hub.pk),
            initiative=Initiative.objects.get(pk=initiative.pk),
            organisation=Organisation.objects.get(pk=organisation.pk),
        )

    outcomes = _race(add)
    assert len([o for o in outcomes if isinstance(o, Partner)]) == 1
    assert all(isinstance(o, (Partner, ValidationError)) for o in outcomes), outcomes
    assert Partner.objects.count() == 1


def test_a_commitment_moves_once_when_eight_people_move_it_at_once(scene):
    hub, initiative, leads, organisation, rep = scene
    partner = services.partner_add(actor=leads[0], hub=hub, initiative=initiative, organisation=organisation)
    commitment = services.commitment_offer(
        actor=rep, partner=partner, kind="money", description="X", amount="100"
    )

    def move(index):
        return services.commitment_set_status(
            actor=User.objects.get(pk=leads[index].pk),
            commitment=Commitment.objects.get(pk=commitment.pk),
            status="agreed",
        )

    outcomes = _race(move)
    wins = [o for o in outcomes if isinstance(o, Commitment)]
    assert len(wins) == 1, outcomes
    losses = [o for o in outcomes if not isinstance(o, Commitment)]
    refused = [o.error_dict["status"][0].code for o in losses if isinstance(o, ValidationError)]
    assert refused == ["invalid_transition"] * (THREADS - 1), losses
    commitment.refresh_from_db()
    assert commitment.status == "agreed"
    assert CommitmentChange.objects.filter(commitment=commitment).count() == 2
