"""Who may do what in general meetings, cell by cell. sven (a steward of Södertörn) has no power
in Oslo; rita represents an organisation that is no partner of Oslo."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.governance.models import Ballot, Meeting, Motion

pytestmark = pytest.mark.django_db

Y, N = True, False
PEOPLE = ["root", "stella", "nora", "bob", "mia", "petra", "rita", "vic", "anonymous", "sven"]

# fmt: off
# perm, object, state:                      root stella nora bob mia petra rita vic anon sven
TABLE = [
    ("governance.view_meeting",    "meeting", "open",     (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("governance.view_decisions",  "hub",     "",         (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("governance.manage_meetings", "hub",     "",         (Y, Y, Y, N, N, N, N, N, N, N)),
    ("governance.manage_meetings", "ballot",  "open",     (Y, Y, Y, N, N, N, N, N, N, N)),
    ("governance.propose_motion",  "meeting", "planned",  (Y, Y, Y, Y, Y, Y, N, N, N, N)),
    ("governance.propose_motion",  "meeting", "open",     (Y, Y, Y, Y, Y, Y, N, N, N, N)),
    ("governance.propose_motion",  "meeting", "closed",   (Y, N, N, N, N, N, N, N, N, N)),
    ("governance.withdraw_motion", "motion",  "pending",  (Y, Y, Y, N, Y, N, N, N, N, N)),
    ("governance.withdraw_motion", "motion",  "adopted",  (Y, N, N, N, N, N, N, N, N, N)),
    ("governance.hold_vote",       "hub",     "",         (Y, Y, Y, Y, Y, Y, N, N, N, N)),
    ("governance.vote",            "ballot",  "draft",    (Y, N, N, N, N, N, N, N, N, N)),
    ("governance.vote",            "ballot",  "open",     (Y, Y, Y, Y, Y, Y, N, N, N, N)),
    ("governance.vote",            "ballot",  "closed",   (Y, N, N, N, N, N, N, N, N, N)),
    ("governance.view_open_votes", "ballot",  "open",     (Y, N, N, N, N, N, N, N, N, N)),
    ("governance.view_open_votes", "ballot",  "closed",   (Y, Y, Y, Y, Y, Y, N, N, N, N)),
    ("governance.view_open_votes", "secret",  "closed",   (Y, N, N, N, N, N, N, N, N, N)),
]
# fmt: on


@pytest.fixture
def cast(oslo, root, stella, nora, bob, mia, petra, rita, vic, sven):
    meeting = Meeting.objects.create(hub=oslo, title="Årsmøte", starts_at="2026-06-18T18:00+02:00")
    motion = Motion.objects.create(meeting=meeting, title="Forslag", text="…", proposed_by=mia)
    people = dict(
        zip(PEOPLE, [root, stella, nora, bob, mia, petra, rita, vic, AnonymousUser(), sven], strict=True)
    )
    objects = {
        "hub": oslo,
        "meeting": meeting,
        "motion": motion,
        "ballot": Ballot(meeting=meeting, kind="motion", motion=motion, title="Forslag"),
        "secret": Ballot(meeting=meeting, kind="election", title="Valg", secret=True),
    }
    return people, objects


@pytest.mark.parametrize(
    ("perm", "target", "state", "expected"), TABLE, ids=[f"{p}-{t}-{s}" for p, t, s, _ in TABLE]
)
def test_rules_table(cast, perm, target, state, expected):
    people, objects = cast
    obj = objects[target]
    if isinstance(obj, Meeting | Ballot):
        obj.status = state
    elif isinstance(obj, Motion):
        obj.outcome = state
    got = {name: people[name].has_perm(perm, obj) for name in PEOPLE}
    assert got == dict(zip(PEOPLE, expected, strict=True))
