"""Meetings, motions, ballots and votes through the services: the rules of one vote each."""

from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.governance import services
from apps.governance.models import Ballot, Candidate, Meeting, Motion, Receipt, Tally, Voter
from tests.factories import UserFactory
from tests.governance.conftest import WHEN, make_ballot

pytestmark = pytest.mark.django_db


def tally(ballot):
    return {t.choice or t.candidate.user.email: t.votes for t in Tally.objects.filter(ballot=ballot)}


# Meetings ---------------------------------------------------------------------------------


def test_a_steward_calls_a_meeting_with_an_ordered_agenda(meeting):
    assert meeting.status == "planned"
    assert [(i.position, i.title) for i in meeting.agenda_items.all()] == [
        (1, "Godkjenning av innkalling"),
        (2, "Årsberetning"),
        (3, "Valg av styre"),
    ]


def test_a_member_cannot_call_a_meeting(oslo, mia):
    with pytest.raises(PermissionDenied):
        services.meeting_create(hub=oslo, actor=mia, title="Møte", starts_at=WHEN)
    assert not Meeting.objects.exists()


def test_a_naive_time_or_empty_title_is_refused(oslo, stella):
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(hub=oslo, actor=stella, title="Møte", starts_at=datetime(2026, 6, 1, 18))
    assert "starts_at" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(hub=oslo, actor=stella, title="  ", starts_at=WHEN)
    assert "title" in exc.value.message_dict
    assert not Meeting.objects.exists()


def test_updating_replaces_the_agenda_and_keeps_minutes(meeting, stella):
    services.meeting_update(
        meeting=meeting,
        actor=stella,
        title="Årsmøte",
        starts_at=WHEN,
        kind="annual",
        agenda=["Åpning", "", "Valg"],
        minutes="## Referat",
    )
    meeting.refresh_from_db()
    assert [i.title for i in meeting.agenda_items.all()] == ["Åpning", "Valg"]
    assert meeting.minutes == "## Referat"


def test_a_meeting_runs_planned_open_closed_and_no_further(meeting, stella):
    services.meeting_advance(meeting=meeting, actor=stella)
    assert meeting.status == "open"
    services.meeting_advance(meeting=meeting, actor=stella)
    assert meeting.status == "closed" and meeting.closed_at is not None
    with pytest.raises(ValidationError) as exc:
        services.meeting_advance(meeting=meeting, actor=stella)
    assert exc.value.code == "closed"


def test_a_meeting_with_an_open_ballot_cannot_close(motion_ballot, open_meeting, stella):
    with pytest.raises(ValidationError) as exc:
        services.meeting_advance(meeting=open_meeting, actor=stella)
    assert exc.value.code == "ballots_open"
    assert Meeting.objects.get(pk=open_meeting.pk).status == "open"


# Motions ----------------------------------------------------------------------------------


def test_a_member_proposes_a_motion(motion, mia):
    assert motion.proposed_by == mia and motion.organisation is None and motion.outcome == "pending"


def test_a_partner_representative_proposes_for_their_organisation(open_meeting, petra, acme):
    motion = services.motion_create(meeting=open_meeting, actor=petra, title="Mer sykkelparkering", text="…")
    assert motion.organisation == acme


@pytest.mark.parametrize("who", ["vic", "rita", "sven"])
def test_outsiders_cannot_propose(open_meeting, who, request):
    with pytest.raises(PermissionDenied):
        services.motion_create(meeting=open_meeting, actor=request.getfixturevalue(who), title="X", text="Y")
    assert not Motion.objects.exists()


def test_no_motion_to_a_closed_meeting(open_meeting, stella, mia):
    services.meeting_advance(meeting=open_meeting, actor=stella)
    with pytest.raises(PermissionDenied):
        services.motion_create(meeting=open_meeting, actor=mia, title="For sent", text="…")


def test_the_proposer_withdraws_before_the_vote_but_not_during(motion, mia, bob, stella, open_meeting):
    with pytest.raises(PermissionDenied):
        services.motion_withdraw(motion=motion, actor=bob)
    ballot = make_ballot(open_meeting, stella, motion=motion)
    with pytest.raises(ValidationError) as exc:
        services.motion_withdraw(motion=motion, actor=mia)
    assert exc.value.code == "voting"
    assert Motion.objects.get(pk=motion.pk).outcome == "pending"
    Ballot.objects.filter(pk=ballot.pk).update(status="draft")
    services.motion_withdraw(motion=motion, actor=mia)
    assert Motion.objects.get(pk=motion.pk).outcome == "withdrawn"
    assert not Ballot.objects.filter(pk=ballot.pk).exists()


# Ballots ----------------------------------------------------------------------------------


def test_one_ballot_per_motion(motion_ballot, open_meeting, stella, motion):
    with pytest.raises(ValidationError) as exc:
        services.ballot_create(meeting=open_meeting, actor=stella, kind="motion", motion=motion)
    assert "motion" in exc.value.message_dict


def test_an_election_needs_seats_and_member_candidates(open_meeting, stella, mia, vic):
    for kwargs, field in [
        ({"seats": 0, "candidates": [mia]}, "seats"),
        ({"seats": 99, "candidates": [mia]}, "seats"),
        ({"seats": 1, "candidates": []}, "candidates"),
        ({"seats": 1, "candidates": [mia, vic]}, "candidates"),
        ({"seats": 1, "candidates": [mia], "title": ""}, "title"),
    ]:
        kwargs.setdefault("title", "Valg")
        with pytest.raises(ValidationError) as exc:
            services.ballot_create(meeting=open_meeting, actor=stella, kind="election", **kwargs)
        assert field in exc.value.message_dict
    assert not Ballot.objects.exists()


def test_a_ballot_opens_only_in_an_open_meeting(meeting, stella, mia):
    ballot = services.ballot_create(
        meeting=meeting, actor=stella, kind="election", title="Valg", candidates=[mia]
    )
    with pytest.raises(ValidationError) as exc:
        services.ballot_open(ballot=ballot, actor=stella)
    assert exc.value.code == "meeting_not_open"
    assert Ballot.objects.get(pk=ballot.pk).status == "draft"


@pytest.mark.parametrize("who", ["mia", "bob", "petra", "sven", "vic"])
def test_only_hub_leads_open_and_close(open_meeting, stella, motion, who, request):
    actor = request.getfixturevalue(who)
    ballot = make_ballot(open_meeting, stella, motion=motion, open_it=False)
    with pytest.raises(PermissionDenied):
        services.ballot_open(ballot=ballot, actor=actor)
    services.ballot_open(ballot=ballot, actor=stella)
    with pytest.raises(PermissionDenied):
        services.ballot_close(ballot=ballot, actor=actor)
    assert Ballot.objects.get(pk=ballot.pk).status == "open"
    assert Motion.objects.get(pk=motion.pk).outcome == "pending"


def test_the_network_lead_may_close(motion_ballot, nora):
    services.ballot_close(ballot=motion_ballot, actor=nora)
    assert motion_ballot.status == "closed"


# Voting -----------------------------------------------------------------------------------


def test_a_member_votes_once(motion_ballot, mia):
    services.vote_cast(ballot=motion_ballot, actor=mia, choice="yes")
    with pytest.raises(ValidationError) as exc:
        services.vote_cast(ballot=motion_ballot, actor=mia, choice="no")
    assert exc.value.code == "duplicate"
    assert tally(motion_ballot) == {"yes": 1, "no": 0, "abstain": 0}
    assert Voter.objects.get().choice == "yes"


@pytest.mark.parametrize("who", ["vic", "rita", "sven", "root"])
def test_people_without_a_vote_are_refused(motion_ballot, who, request):
    with pytest.raises(PermissionDenied):
        services.vote_cast(ballot=motion_ballot, actor=request.getfixturevalue(who), choice="yes")
    assert not Voter.objects.exists()
    assert sum(tally(motion_ballot).values()) == 0


def test_a_representative_of_a_non_partner_cannot_vote_for_it(motion_ballot, rita):
    organisation = rita.representative_set.get().organisation
    with pytest.raises(PermissionDenied):
        services.vote_cast(ballot=motion_ballot, actor=rita, organisation=organisation, choice="yes")
    assert not Voter.objects.exists()


def test_a_representative_votes_for_their_organisation_not_for_themselves(motion_ballot, petra, acme):
    with pytest.raises(PermissionDenied):
        services.vote_cast(ballot=motion_ballot, actor=petra, choice="yes")  # not a member
    services.vote_cast(ballot=motion_ballot, actor=petra, organisation=acme, choice="no")
    voter = Voter.objects.get()
    assert voter.organisation == acme and voter.person is None and voter.cast_by == petra


def test_a_member_who_represents_votes_twice_once_each(motion_ballot, dora, petra, acme):
    services.vote_cast(ballot=motion_ballot, actor=dora, choice="yes")
    services.vote_cast(ballot=motion_ballot, actor=dora, organisation=acme, choice="no")
    with pytest.raises(ValidationError) as exc:
        services.vote_cast(ballot=motion_ballot, actor=petra, organisation=acme, choice="yes")
    assert exc.value.code == "duplicate" and "Acme" in exc.value.messages[0]
    assert tally(motion_ballot) == {"yes": 1, "no": 1, "abstain": 0}


def test_a_representative_of_someone_else_cannot_use_that_organisation(motion_ballot, mia, acme):
    with pytest.raises(PermissionDenied):
        services.vote_cast(ballot=motion_ballot, actor=mia, organisation=acme, choice="yes")


def test_no_vote_before_opening_or_after_closing(open_meeting, stella, motion, mia):
    ballot = make_ballot(open_meeting, stella, motion=motion, open_it=False)
    with pytest.raises(ValidationError) as exc:
        services.vote_cast(ballot=ballot, actor=mia, choice="yes")
    assert exc.value.code == "not_open"
    services.ballot_open(ballot=ballot, actor=stella)
    services.ballot_close(ballot=ballot, actor=stella)
    with pytest.raises(ValidationError) as exc:
        services.vote_cast(ballot=ballot, actor=mia, choice="yes")
    assert exc.value.code == "closed"
    assert not Voter.objects.exists()


def test_bad_choices_are_refused(motion_ballot, election, mia, stella, open_meeting):
    with pytest.raises(ValidationError):
        services.vote_cast(ballot=motion_ballot, actor=mia, choice="maybe")
    too_many = list(Candidate.objects.filter(ballot=election))
    with pytest.raises(ValidationError) as exc:
        services.vote_cast(ballot=election, actor=mia, candidates=too_many)
    assert "candidates" in exc.value.message_dict
    other = make_ballot(open_meeting, stella, title="Valgkomité", candidates=[mia])
    with pytest.raises(ValidationError):
        services.vote_cast(ballot=election, actor=mia, candidates=list(other.candidates.all()))
    assert not Voter.objects.filter(ballot__in=[motion_ballot, election]).exists()


# Counting ---------------------------------------------------------------------------------


def test_a_motion_is_adopted_by_more_yes_than_no(motion_ballot, stella, mia, bob, nora, motion):
    services.vote_cast(ballot=motion_ballot, actor=mia, choice="yes")
    services.vote_cast(ballot=motion_ballot, actor=bob, choice="abstain")
    services.vote_cast(ballot=motion_ballot, actor=nora, choice="yes")
    services.vote_cast(ballot=motion_ballot, actor=stella, choice="no")
    services.ballot_close(ballot=motion_ballot, actor=stella)
    motion.refresh_from_db()
    assert motion.outcome == "adopted" and motion.decided_at is not None
    assert Ballot.objects.get(pk=motion_ballot.pk).voter_count == 4


def test_an_even_vote_rejects_the_motion(motion_ballot, stella, mia, motion):
    services.vote_cast(ballot=motion_ballot, actor=mia, choice="yes")
    services.vote_cast(ballot=motion_ballot, actor=stella, choice="no")
    services.ballot_close(ballot=motion_ballot, actor=stella)
    motion.refresh_from_db()
    assert motion.outcome == "rejected"


def test_closing_twice_is_refused(motion_ballot, stella):
    services.ballot_close(ballot=motion_ballot, actor=stella)
    with pytest.raises(ValidationError) as exc:
        services.ballot_close(ballot=motion_ballot, actor=stella)
    assert exc.value.code == "not_open"


def test_block_voting_elects_the_top_n(election, stella, mia, bob, nora, petra, acme):
    c = {x.user: x for x in Candidate.objects.filter(ballot=election)}
    services.vote_cast(ballot=election, actor=mia, candidates=[c[mia], c[bob]])
    services.vote_cast(ballot=election, actor=bob, candidates=[c[bob]])
    services.vote_cast(ballot=election, actor=petra, organisation=acme, candidates=[c[bob], c[nora]])
    services.vote_cast(ballot=election, actor=stella, candidates=[c[mia]])
    services.ballot_close(ballot=election, actor=stella)
    assert set(
        Candidate.objects.filter(ballot=election, elected=True).values_list("user__email", flat=True)
    ) == {
        bob.email,
        mia.email,
    }
    assert not Ballot.objects.get(pk=election.pk).tied


def test_a_tie_for_the_last_seat_is_reported_and_settled_by_a_recorded_draw(election, stella, mia, bob, nora):
    c = {x.user: x for x in Candidate.objects.filter(ballot=election)}
    services.vote_cast(ballot=election, actor=mia, candidates=[c[mia], c[bob]])
    services.vote_cast(ballot=election, actor=bob, candidates=[c[mia], c[nora]])
    services.ballot_close(ballot=election, actor=stella)
    election.refresh_from_db()
    assert election.tied
    assert list(Candidate.objects.filter(ballot=election, elected=True).values_list("user", flat=True)) == [
        mia.pk
    ]
    with pytest.raises(PermissionDenied):
        services.ballot_draw(ballot=election, actor=mia)
    drawn = services.ballot_draw(ballot=election, actor=stella)
    assert len(drawn) == 1 and drawn[0].user in {bob, nora}
    election.refresh_from_db()
    assert not election.tied and "Stella Steward" in election.draw
    assert Candidate.objects.filter(ballot=election, elected=True).count() == 2
    with pytest.raises(ValidationError) as exc:
        services.ballot_draw(ballot=election, actor=stella)
    assert exc.value.code == "no_tie"


def test_count_election_edges():
    def t(votes):
        return Tally(votes=votes, candidate=Candidate(pk=votes + 1000, user=UserFactory.build()))

    count = services.count_election([t(3), t(0)], seats=2)
    assert [c.pk for c in count.elected] == [1003] and count.tied == []
    count = services.count_election([t(5), t(4), t(4), t(1)], seats=3)
    assert len(count.elected) == 3 and count.tied == []


# Receipts ---------------------------------------------------------------------------------


def test_a_secret_vote_gives_a_receipt_that_checks(secret_ballot, mia, oslo, sodertorn):
    cast = services.vote_cast(ballot=secret_ballot, actor=mia, choice="yes")
    assert len(cast.receipt) == 19
    assert Receipt.objects.get().code_hash != cast.receipt
    assert services.receipt_check(hub=oslo, code=cast.receipt.lower().replace("-", " ")) == secret_ballot
    assert services.receipt_check(hub=oslo, code="AAAA-BBBB-CCCC-DDDD") is None
    assert services.receipt_check(hub=sodertorn, code=cast.receipt) is None


def test_an_open_vote_has_no_receipt(motion_ballot, mia):
    assert services.vote_cast(ballot=motion_ballot, actor=mia, choice="yes").receipt == ""
    assert not Receipt.objects.exists()
