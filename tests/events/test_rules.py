"""Who may do what with events, as a table. sven (steward of another hub) has no power here."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.participation.spaces import Space
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Y, N = True, False
PEOPLE = ["root", "stella", "nora", "bob", "mia", "olga", "petra", "vic", "anonymous", "sven", "organiser"]

# fmt: off
# perm, object: root stella nora bob mia olga(initiative owner) petra vic anon sven organiser(member)
TABLE = [
    ("events.view_event",      "hub_event",        (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("events.add_event",       "hub_space",        (Y, Y, Y, N, N, N, N, N, N, N, N)),
    ("events.add_event",       "initiative_space", (Y, Y, Y, N, N, Y, N, N, N, N, N)),
    ("events.change_event",    "hub_event",        (Y, Y, Y, N, N, N, N, N, N, N, Y)),
    ("events.change_event",    "initiative_event", (Y, Y, Y, N, N, Y, N, N, N, N, N)),
    ("events.view_attendees",  "hub_event",        (Y, Y, Y, N, N, N, N, N, N, N, Y)),
    ("events.record_minutes",  "hub_event",        (Y, Y, Y, N, N, N, N, N, N, N, Y)),
    ("events.record_minutes",  "initiative_event", (Y, Y, Y, N, N, Y, N, N, N, N, N)),
    ("events.register",        "hub_event",        (Y, Y, Y, Y, Y, Y, Y, Y, N, Y, Y)),
]
# fmt: on


@pytest.fixture
def cast(oslo, stella, nora, bob, mia, olga, petra, vic, sven, root, courtyard):
    from tests.factories import MembershipFactory

    organiser = MembershipFactory(hub=oslo, user=UserFactory()).user
    people = {
        "root": root,
        "stella": stella,
        "nora": nora,
        "bob": bob,
        "mia": mia,
        "olga": olga,
        "petra": petra,
        "vic": vic,
        "anonymous": AnonymousUser(),
        "sven": sven,
        "organiser": organiser,
    }
    objects = {
        "hub_space": Space(hub=oslo),
        "initiative_space": Space(hub=oslo, initiative=courtyard),
        "hub_event": make_event(oslo, organiser=organiser),
        "initiative_event": make_event(oslo, initiative=courtyard, organiser=stella),
    }
    return people, objects


@pytest.mark.parametrize(("perm", "target", "expected"), TABLE, ids=[f"{p}-{t}" for p, t, _ in TABLE])
def test_rules_table(cast, perm, target, expected):
    people, objects = cast
    got = tuple(people[name].has_perm(perm, objects[target]) for name in PEOPLE)
    assert dict(zip(PEOPLE, got, strict=True)) == dict(zip(PEOPLE, expected, strict=True))
