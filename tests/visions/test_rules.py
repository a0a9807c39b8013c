"""Who may do what with visions, as tables, per status. sven (steward elsewhere) has no power."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.participation.spaces import Space
from apps.visions import services

pytestmark = pytest.mark.django_db

Y, N = True, False
PEOPLE = ["root", "stella", "nora", "bob", "mia", "olga", "coauthor", "petra", "vic", "anonymous", "sven"]

# fmt: off
# perm, object, status:        root stella nora bob mia olga co petra vic anon sven
TABLE = [
    ("visions.view_vision",    "hub",        "drafting",  (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("visions.add_vision",     "hub_space",  "drafting",  (Y, Y, Y, N, N, N, N, N, N, N, N)),
    ("visions.add_vision",     "init_space", "drafting",  (Y, Y, Y, N, N, Y, N, N, N, N, N)),
    ("visions.change_vision",  "hub",        "drafting",  (Y, Y, Y, N, N, N, N, N, N, N, N)),
    ("visions.change_vision",  "initiative", "drafting",  (Y, Y, Y, N, N, Y, N, N, N, N, N)),
    ("visions.add_version",    "hub",        "drafting",  (Y, Y, Y, Y, Y, Y, Y, N, N, N, N)),
    ("visions.add_version",    "hub",        "endorsing", (Y, Y, Y, N, N, N, Y, N, N, N, N)),
    ("visions.add_version",    "initiative", "endorsing", (Y, Y, Y, N, N, Y, Y, N, N, N, N)),
    ("visions.add_version",    "hub",        "adopted",   (Y, N, N, N, N, N, N, N, N, N, N)),
    ("visions.comment_version", "version",   "drafting",  (Y, Y, Y, Y, Y, Y, Y, Y, N, N, N)),
    ("visions.endorse_version", "version",   "drafting",  (Y, N, N, N, N, N, N, N, N, N, N)),
    ("visions.endorse_version", "version",   "endorsing", (Y, N, N, N, N, N, N, Y, N, N, N)),
    ("visions.endorse_version", "version",   "adopted",   (Y, N, N, N, N, N, N, Y, N, N, N)),
]
# fmt: on


@pytest.fixture
def cast(oslo, stella, nora, bob, mia, olga, petra, vic, sven, root, courtyard):
    from tests.factories import MembershipFactory, UserFactory

    coauthor = MembershipFactory(hub=oslo, user=UserFactory()).user
    hub_vision = services.vision_create(space=Space(hub=oslo), actor=stella, title="Hub", text="Text")
    init_vision = services.vision_create(
        space=Space(hub=oslo, initiative=courtyard), actor=olga, title="Yard", text="Trees"
    )
    for vision in (hub_vision, init_vision):
        vision.coauthors.add(coauthor)
    people = {
        "root": root,
        "stella": stella,
        "nora": nora,
        "bob": bob,
        "mia": mia,
        "olga": olga,
        "coauthor": coauthor,
        "petra": petra,
        "vic": vic,
        "anonymous": AnonymousUser(),
        "sven": sven,
    }
    objects = {
        "hub": hub_vision,
        "initiative": init_vision,
        "version": hub_vision.versions.get(),
        "hub_space": Space(hub=oslo),
        "init_space": Space(hub=oslo, initiative=courtyard),
    }
    return people, objects


@pytest.mark.parametrize(
    ("perm", "target", "status", "expected"), TABLE, ids=[f"{p}-{t}-{s}" for p, t, s, _ in TABLE]
)
def test_rules_table(cast, perm, target, status, expected):
    people, objects = cast
    obj = objects[target]
    vision = getattr(obj, "vision", obj)
    if hasattr(vision, "status"):
        vision.status = status
    got = tuple(people[name].has_perm(perm, obj) for name in PEOPLE)
    assert dict(zip(PEOPLE, got, strict=True)) == dict(zip(PEOPLE, expected, strict=True))
