"""A secret ballot's stored data cannot be joined back to a voter.

What is stored per secret vote: one row in `Voter` (who voted, nothing of the choice) and one in
`Receipt` (a hash of the code the voter saw, under a random key). The choice itself only adds one
to a `Tally` count. These tests read the tables as the database has them.
"""

import pytest
from django.db import connection

from apps.governance import selectors, services
from apps.governance.models import Candidate, Receipt, Tally, Voter
from tests.factories import MembershipFactory, UserFactory
from tests.governance.conftest import make_ballot

pytestmark = pytest.mark.django_db

VOTERS = 30


def columns(model) -> dict[str, str]:
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return {c.name: connection.introspection.get_field_type(c.type_code, c) for c in described}


def foreign_tables(model) -> set[str]:
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, model._meta.db_table)
    return {table for _column, table in relations.values()}


@pytest.fixture
def voted(oslo, open_meeting, stella, motion):
    """Thirty members vote in a secret motion ballot and a secret election; returns the ballots
    and each voter's receipts in the order they voted."""
    people = [MembershipFactory(hub=oslo, user=UserFactory()).user for _ in range(VOTERS)]
    ballot = make_ballot(open_meeting, stella, motion=motion, secret=True)
    election = make_ballot(open_meeting, stella, title="Styre", seats=2, candidates=people[:4], secret=True)
    candidates = list(Candidate.objects.filter(ballot=election))
    receipts = []
    for index, person in enumerate(people):
        receipts.append(
            services.vote_cast(ballot=ballot, actor=person, choice=["yes", "no", "abstain"][index % 3])
        )
        receipts.append(
            services.vote_cast(
                ballot=election, actor=person, candidates=candidates[index % 3 : index % 3 + 2]
            )
        )
    return ballot, election, receipts


def test_the_secret_tables_have_no_voter_no_time_and_no_sequence(voted):
    for model in (Receipt, Tally):
        assert foreign_tables(model) <= {"governance_ballot", "governance_candidate"}, model
        assert not {"DateTimeField", "DateField", "TimeField"} & set(columns(model).values()), model
    assert set(columns(Receipt)) == {"id", "ballot_id", "code_hash"}
    assert Receipt._meta.pk.get_internal_type() == "UUIDField"
    assert set(columns(Tally)) == {"id", "ballot_id", "choice", "candidate_id", "votes"}


def test_who_voted_keeps_nothing_of_the_choice(voted):
    ballot, election, _receipts = voted
    rows = Voter.objects.filter(ballot__in=[ballot, election])
    assert rows.count() == 2 * VOTERS
    assert set(rows.values_list("choice", flat=True)) == {""}
    assert not Voter.marks.through.objects.filter(voter__ballot__in=[ballot, election]).exists()
    # Who voted and the receipts share nothing but the ballot.
    assert set(columns(Voter)) & set(columns(Receipt)) == {"id", "ballot_id"}
    assert columns(Voter)["id"] != columns(Receipt)["id"]


def test_the_votes_are_only_counts(voted):
    ballot, election, _receipts = voted
    # One row per option whatever the number of voters: nothing per vote to order or join.
    assert Tally.objects.filter(ballot=ballot).count() == 3
    assert Tally.objects.filter(ballot=election).count() == 4
    assert dict(Tally.objects.filter(ballot=ballot).values_list("choice", "votes")) == {
        "yes": 10,
        "no": 10,
        "abstain": 10,
    }


def test_receipts_are_not_in_the_order_people_voted(voted):
    ballot, _election, receipts = voted
    in_voting_order = [services.hash_receipt(c.receipt) for c in receipts if c.voter.ballot_id == ballot.pk]
    by_key = list(Receipt.objects.filter(ballot=ballot).order_by("pk").values_list("code_hash", flat=True))
    assert sorted(by_key) == sorted(in_voting_order)
    assert by_key != in_voting_order  # random keys: 1 in 30! that they fall in order


def test_results_are_hidden_until_the_ballot_closes(voted, stella):
    ballot, _election, _receipts = voted
    ballot.refresh_from_db()
    assert selectors.results(ballot) == []
    services.ballot_close(ballot=ballot, actor=stella)
    ballot = selectors.ballot_get(hub=ballot.meeting.hub, pk=ballot.pk)
    assert [(r.choice, r.votes) for r in selectors.results(ballot)] == [
        ("yes", 10),
        ("no", 10),
        ("abstain", 10),
    ]
    assert selectors.open_votes(ballot) == []  # a secret ballot never lists who voted what
