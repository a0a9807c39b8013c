"""Eight requests at once: the database, not luck, keeps the data right.

Each test runs a service in 8 threads released together by a barrier. Exactly one call wins;
every other call gets the same ValidationError a slower second request would get, never an
IntegrityError or a database lock error (a 500).
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.accounts.models import User
from apps.hubs import services
from apps.hubs.models import Hub, Membership, Partnership, WorkingGroup, WorkingGroupMember
from apps.organisations import services as organisation_services
from apps.organisations.models import Organisation, Representative
from tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    RepresentativeFactory,
    UserFactory,
    WorkingGroupFactory,
)

THREADS = 8

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(call: Callable[[int], Any], threads: int = THREADS) -> list[Any]:
    """Run call(0) … call(threads - 1) at the same moment; return each result or exception."""
    barrier = threading.Barrier(threads, timeout=30)
    outcomes: list[Any] = [None] * threads

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = call(index)
        except BaseException as exc:  # noqa: BLE001 - the test inspects every outcome
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not any(worker.is_alive() for worker in workers), "a thread hung"
    return outcomes


def split(outcomes: list[Any], kind: type) -> tuple[list[Any], list[BaseException]]:
    wins = [o for o in outcomes if isinstance(o, kind)]
    losses = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(wins) + len(losses) == len(outcomes), outcomes
    return wins, losses


def test_eight_applications_at_once_make_one_membership():
    hub = HubFactory(slug="oslo")
    MembershipFactory(hub=hub, is_steward=True)
    applicant = UserFactory()

    def apply(_index: int) -> Membership:
        # Each request loads its own copies, as a real request would.
        return services.membership_apply(
            hub=Hub.objects.get(pk=hub.pk), user=User.objects.get(pk=applicant.pk)
        )

    wins, losses = split(at_once(apply), Membership)

    assert len(wins) == 1
    assert len(losses) == THREADS - 1
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    assert Membership.objects.filter(hub=hub, user=applicant).count() == 1


def test_eight_reapplications_after_a_rejection_reopen_it_once():
    hub = HubFactory(slug="oslo")
    applicant = UserFactory()
    rejected = MembershipFactory(hub=hub, user=applicant, status="rejected", decision_reason="Not yet")

    def apply(index: int) -> Membership:
        return services.membership_apply(
            hub=Hub.objects.get(pk=hub.pk), user=User.objects.get(pk=applicant.pk), message=f"Try {index}"
        )

    wins, losses = split(at_once(apply), Membership)

    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    rejected.refresh_from_db()
    assert rejected.status == "pending"
    assert rejected.message == wins[0].message


def test_eight_stewards_deciding_at_once_decide_once(mailoutbox):
    hub = HubFactory(slug="oslo")
    stewards = [MembershipFactory(hub=hub, is_steward=True).user for _ in range(THREADS)]
    application = MembershipFactory(hub=hub, status="pending", decided_at=None)

    def decide(index: int) -> Membership:
        approve = index % 2 == 0
        return services.membership_decide(
            membership=Membership.objects.get(pk=application.pk),
            actor=User.objects.get(pk=stewards[index].pk),
            approve=approve,
            reason="" if approve else f"No from {index}",
        )

    wins, losses = split(at_once(decide), Membership)

    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "decided" for loss in losses), losses
    application.refresh_from_db()
    assert (application.status, application.decided_by_id) == (wins[0].status, wins[0].decided_by_id)
    # The applicant hears once, about the decision that stands.
    assert [message.to for message in mailoutbox] == [[application.user.email]]


def test_eight_partnership_applications_at_once_make_one():
    hub = HubFactory(slug="oslo")
    organisation = OrganisationFactory()
    representatives = [RepresentativeFactory(organisation=organisation).user for _ in range(THREADS)]

    def apply(index: int) -> Partnership:
        return services.partnership_apply(
            hub=Hub.objects.get(pk=hub.pk),
            organisation=Organisation.objects.get(pk=organisation.pk),
            actor=User.objects.get(pk=representatives[index].pk),
        )

    wins, losses = split(at_once(apply), Partnership)

    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    assert Partnership.objects.filter(hub=hub, organisation=organisation).count() == 1


def test_eight_registrations_of_one_number_make_one_organisation():
    people = [UserFactory() for _ in range(THREADS)]

    def register(index: int) -> Organisation:
        return organisation_services.organisation_create(
            actor=User.objects.get(pk=people[index].pk),
            name=f"Equinor {index}",
            type=Organisation.Type.PRIVATE,
            country="NO",
            org_number="923 609 016",
        )

    wins, losses = split(at_once(register), Organisation)

    assert len(wins) == 1
    assert all(type(loss) is ValidationError for loss in losses), losses
    assert all("org_number" in loss.message_dict for loss in losses)
    assert Organisation.objects.filter(org_number="923609016").count() == 1
    # The winner, and only the winner, represents it.
    assert list(Representative.objects.values_list("organisation_id", flat=True)) == [wins[0].pk]


def test_eight_organisations_with_the_same_name_all_get_registered():
    people = [UserFactory() for _ in range(THREADS)]
    numbers = [
        "974760673",
        "923609016",
        "991825827",
        "5560360793",
        "2120000142",
        "5560125790",
        "2021002114",
        "971524960",
    ]

    def register(index: int) -> Organisation:
        number = numbers[index]
        return organisation_services.organisation_create(
            actor=User.objects.get(pk=people[index].pk),
            name="Bylab",
            type=Organisation.Type.CIVIL_SOCIETY,
            country="NO" if len(number) == 9 else "SE",
            org_number=number,
        )

    wins, losses = split(at_once(register), Organisation)

    assert losses == []
    assert len({organisation.slug for organisation in wins}) == THREADS
    assert Organisation.objects.filter(name="Bylab").count() == THREADS


def test_eight_joins_at_once_put_the_member_in_the_group_once():
    hub = HubFactory(slug="oslo")
    member = MembershipFactory(hub=hub).user
    group = WorkingGroupFactory(hub=hub)

    def join(_index: int) -> WorkingGroupMember:
        return services.working_group_join(
            group=WorkingGroup.objects.get(pk=group.pk), user=User.objects.get(pk=member.pk)
        )

    wins, losses = split(at_once(join), WorkingGroupMember)

    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    assert WorkingGroupMember.objects.filter(group=group, user=member).count() == 1


def test_eight_working_groups_with_the_same_name_all_get_created():
    hub = HubFactory(slug="oslo")
    steward = MembershipFactory(hub=hub, is_steward=True).user

    def create(_index: int) -> WorkingGroup:
        return services.working_group_create(
            hub=Hub.objects.get(pk=hub.pk), actor=User.objects.get(pk=steward.pk), name="Food"
        )

    wins, losses = split(at_once(create), WorkingGroup)

    assert losses == []
    assert sorted(group.slug for group in wins) == sorted(["food"] + [f"food-{n}" for n in range(2, 9)])


def test_two_hubs_renamed_to_one_name_at_once_one_wins():
    stewards, hubs = [], []
    for n in range(THREADS):
        hub = HubFactory(slug=f"rename{n}", name=f"Rename {n}")
        steward = UserFactory(email=f"steward{n}@example.org")
        MembershipFactory(hub=hub, user=steward, is_steward=True)
        hubs.append(hub)
        stewards.append(steward)

    outcomes = at_once(
        lambda i: services.hub_update(
            hub=Hub.objects.get(pk=hubs[i].pk), actor=stewards[i], name="Fellesbyen"
        )
    )

    wins, losses = split(outcomes, Hub)
    assert len(wins) == 1
    assert len(losses) == THREADS - 1
    assert all(isinstance(loss, ValidationError) and "name" in loss.message_dict for loss in losses), losses
    assert Hub.objects.filter(name="Fellesbyen").count() == 1
