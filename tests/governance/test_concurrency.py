"""Fifty requests at once: exactly one vote lands, on SQLite and on PostgreSQL (DATABASE_URL).

Each thread opens its own connection and loads its own copies, as a real request would. The
ballot row is locked while a vote is cast and two partial unique constraints back it up, so every
other thread gets the "already voted" error a later request would get: never an IntegrityError,
a lock error or a second vote.
"""

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.models import User
from apps.governance import services
from apps.governance.models import Ballot, Receipt, Tally, Voter
from apps.organisations.models import Organisation
from tests.factories import MembershipFactory, UserFactory
from tests.governance.conftest import make_ballot
from tests.hubs.test_concurrency import at_once, split

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 50


def fresh(ballot):
    return Ballot.objects.select_related("meeting__hub", "motion").get(pk=ballot.pk)


def test_one_member_voting_in_fifty_threads_votes_once(open_meeting, stella, motion, mia):
    ballot = make_ballot(open_meeting, stella, motion=motion, secret=True)

    def vote(index: int) -> services.Cast:
        return services.vote_cast(
            ballot=fresh(ballot),
            actor=User.objects.get(pk=mia.pk),
            choice=["yes", "no", "abstain"][index % 3],
        )

    wins, losses = split(at_once(vote, THREADS), services.Cast)
    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    assert Voter.objects.filter(ballot=ballot).count() == 1
    assert Receipt.objects.filter(ballot=ballot).count() == 1
    assert sum(Tally.objects.filter(ballot=ballot).values_list("votes", flat=True)) == 1


def test_fifty_representatives_of_one_organisation_give_one_vote(
    oslo, open_meeting, stella, motion, acme, petra
):
    from tests.factories import RepresentativeFactory

    ballot = make_ballot(open_meeting, stella, motion=motion)
    reps = [petra] + [RepresentativeFactory(organisation=acme).user for _ in range(THREADS - 1)]

    def vote(index: int) -> services.Cast:
        return services.vote_cast(
            ballot=fresh(ballot),
            actor=User.objects.get(pk=reps[index].pk),
            organisation=Organisation.objects.get(pk=acme.pk),
            choice="yes",
        )

    wins, losses = split(at_once(vote, THREADS), services.Cast)
    assert len(wins) == 1
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    assert Voter.objects.filter(ballot=ballot, organisation=acme).count() == 1
    assert Tally.objects.get(ballot=ballot, choice="yes").votes == 1


def test_fifty_members_at_once_are_all_counted_exactly(oslo, open_meeting, stella, motion):
    ballot = make_ballot(open_meeting, stella, motion=motion, secret=True)
    people = [MembershipFactory(hub=oslo, user=UserFactory()).user for _ in range(THREADS)]

    def vote(index: int) -> services.Cast:
        return services.vote_cast(
            ballot=fresh(ballot), actor=User.objects.get(pk=people[index].pk), choice=["yes", "no"][index % 2]
        )

    _wins, losses = split(at_once(vote, THREADS), services.Cast)
    assert losses == []
    counts = dict(Tally.objects.filter(ballot=ballot).values_list("choice", "votes"))
    assert counts == {"yes": 25, "no": 25, "abstain": 0}
    assert Receipt.objects.filter(ballot=ballot).count() == THREADS


def test_closing_while_fifty_vote_counts_every_vote_that_landed_and_none_after(
    oslo, open_meeting, stella, motion
):
    ballot = make_ballot(open_meeting, stella, motion=motion)
    people = [MembershipFactory(hub=oslo, user=UserFactory()).user for _ in range(THREADS - 1)]

    def act(index: int):
        if index == THREADS - 1:
            return services.ballot_close(ballot=fresh(ballot), actor=User.objects.get(pk=stella.pk))
        return services.vote_cast(
            ballot=fresh(ballot), actor=User.objects.get(pk=people[index].pk), choice="yes"
        )

    outcomes = at_once(act, THREADS)
    closed = Ballot.objects.get(pk=ballot.pk)
    landed = [o for o in outcomes if isinstance(o, services.Cast)]
    refused = [o for o in outcomes if isinstance(o, BaseException)]
    assert all(type(r) is ValidationError and r.code == "closed" for r in refused), refused
    assert closed.status == "closed"
    assert closed.voter_count == len(landed) == Voter.objects.filter(ballot=ballot).count()
    assert Tally.objects.get(ballot=ballot, choice="yes").votes == len(landed)
