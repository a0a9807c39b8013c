"""Opening and closing ballots, deciding motions, electing and drawing lots are recorded; people
who hold a vote are told when a ballot opens and when its results are out."""

import pytest
from django.core.exceptions import PermissionDenied

from apps.audit.models import ACTION_LABELS, AuditEntry
from apps.governance import services
from apps.governance.models import Candidate
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_every_action_has_a_label():
    for code in (
        "ballot_open",
        "ballot_close",
        "motion_decide",
        "elect",
        "draw",
        "meeting_open",
        "meeting_close",
    ):
        assert f"governance.{code}" in ACTION_LABELS


def test_a_motion_ballot_is_recorded_and_told(open_meeting, motion, stella, mia, petra, vic):
    from tests.governance.conftest import make_ballot

    ballot = make_ballot(open_meeting, stella, motion=motion)
    opened = set(
        Notification.objects.filter(title__startswith="Vote now").values_list("recipient__email", flat=True)
    )
    assert {mia.email, petra.email, stella.email} <= opened and vic.email not in opened
    services.vote_cast(ballot=ballot, actor=mia, choice="yes")
    services.ballot_close(ballot=ballot, actor=stella)
    assert actions() == [
        "governance.meeting_open",
        "governance.ballot_open",
        "governance.motion_decide",
        "governance.ballot_close",
    ]
    decided = AuditEntry.objects.get(action="governance.motion_decide")
    assert decided.actor == stella and decided.data["outcome"] == "adopted"
    assert Notification.objects.filter(recipient=petra, title__startswith="Results").count() == 1


def test_an_election_and_its_draw_are_recorded(election, stella, mia, bob, nora):
    c = {x.user: x for x in Candidate.objects.filter(ballot=election)}
    services.vote_cast(ballot=election, actor=mia, candidates=[c[mia], c[bob]])
    services.vote_cast(ballot=election, actor=bob, candidates=[c[mia], c[nora]])
    services.ballot_close(ballot=election, actor=stella)
    elected = AuditEntry.objects.get(action="governance.elect")
    assert elected.data["elected"] == [mia.pk] and sorted(elected.data["tied"]) == sorted([bob.pk, nora.pk])
    assert Notification.objects.filter(title__startswith="A tie to settle", recipient=stella).exists()
    services.ballot_draw(ballot=election, actor=stella)
    assert AuditEntry.objects.filter(action="governance.draw").count() == 1


def test_a_refused_close_records_nothing(motion_ballot, mia):
    before = actions()
    with pytest.raises(PermissionDenied):
        services.ballot_close(ballot=motion_ballot, actor=mia)
    assert actions() == before


def test_votes_themselves_are_never_in_the_audit_log(secret_ballot, mia):
    before = actions()
    services.vote_cast(ballot=secret_ballot, actor=mia, choice="no")
    assert actions() == before
