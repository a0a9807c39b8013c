"""Who may do what with a dialogue, cell by cell: the leads, the parties (a person and an
organisation's representative), the board, a member who takes no part, a visitor, anonymous,
and the steward of another hub."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.dialogues import services

pytestmark = pytest.mark.django_db

Y, N = True, False
PEOPLE = ["root", "stella", "nora", "dana", "petra", "bob", "mia", "vic", "anonymous", "sven"]

# fmt: off
# perm, object, published:                  root stella nora dana petra bob mia vic anon sven
TABLE = [
    ("dialogues.add_dialogue",        "hub",      N, (Y, Y, Y, N, N, N, N, N, N, N)),
    ("dialogues.view_all",            "hub",      N, (Y, Y, Y, N, N, N, N, N, N, N)),
    ("dialogues.view_dialogue",       "dialogue", N, (Y, Y, Y, Y, Y, N, N, N, N, N)),
    ("dialogues.view_dialogue",       "dialogue", Y, (Y, Y, Y, Y, Y, N, N, N, N, N)),
    ("dialogues.view_public",         "dialogue", N, (Y, N, N, N, N, N, N, N, N, N)),
    ("dialogues.view_public",         "dialogue", Y, (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("dialogues.view_private_notes",  "dialogue", N, (Y, Y, Y, N, N, N, N, N, N, N)),
    ("dialogues.change_dialogue",     "dialogue", N, (Y, Y, Y, N, N, N, N, N, N, N)),
    ("dialogues.manage_participants", "dialogue", N, (Y, Y, Y, N, N, N, N, N, N, N)),
    ("dialogues.publish",             "dialogue", N, (Y, Y, Y, N, N, N, N, N, N, N)),
    ("dialogues.add_next_step",       "dialogue", N, (Y, Y, Y, N, N, N, N, N, N, N)),
    ("dialogues.add_meeting",         "dialogue", N, (Y, Y, Y, Y, Y, N, N, N, N, N)),
    ("dialogues.add_value",           "dialogue", N, (Y, Y, Y, Y, Y, N, N, N, N, N)),
    ("dialogues.add_value",           "dialogue", Y, (Y, Y, Y, Y, Y, N, N, N, N, N)),
    ("dialogues.change_value",        "dana_value",  N, (Y, Y, Y, Y, N, N, N, N, N, N)),
    ("dialogues.change_value",        "petra_value", N, (Y, Y, Y, N, Y, N, N, N, N, N)),
]
# fmt: on


@pytest.fixture
def cast(oslo, root, stella, nora, dana, petra, bob, mia, vic, sven, dialogue, with_parties):
    dana_value = services.value_add(
        dialogue=dialogue,
        actor=dana,
        participant=with_parties["municipality"],
        kind="social",
        description="A square",
    )
    petra_value = services.value_add(
        dialogue=dialogue,
        actor=petra,
        participant=with_parties["landowner"],
        kind="economic",
        description="Rent",
    )
    people = {
        "root": root,
        "stella": stella,
        "nora": nora,
        "dana": dana,
        "petra": petra,
        "bob": bob,
        "mia": mia,
        "vic": vic,
        "anonymous": AnonymousUser(),
        "sven": sven,
    }
    objects = {"hub": oslo, "dialogue": dialogue, "dana_value": dana_value, "petra_value": petra_value}
    return people, objects


@pytest.mark.parametrize(
    ("perm", "target", "published", "expected"), TABLE, ids=[f"{p}-{t}-{s}" for p, t, s, _ in TABLE]
)
def test_rules_table(cast, perm, target, published, expected):
    people, objects = cast
    obj = objects[target]
    dialogue = getattr(obj, "dialogue", obj)
    if hasattr(dialogue, "published_parts"):
        dialogue.published_parts = ["summary"] if published else []
        dialogue.is_public = published
    got = tuple(people[name].has_perm(perm, obj) for name in PEOPLE)
    assert dict(zip(PEOPLE, got, strict=True)) == dict(zip(PEOPLE, expected, strict=True))


def test_a_removed_party_loses_sight(dialogue, stella, dana, with_parties):
    assert dana.has_perm("dialogues.view_dialogue", dialogue)
    services.participant_remove(participant=with_parties["municipality"], actor=stella)
    assert not dana.has_perm("dialogues.view_dialogue", dialogue)


def test_a_new_representative_of_a_party_sees_it(dialogue, acme, with_parties):
    from tests.factories import RepresentativeFactory, UserFactory

    newcomer = UserFactory()
    assert not newcomer.has_perm("dialogues.view_dialogue", dialogue)
    RepresentativeFactory(organisation=acme, user=newcomer)
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)  # a new request
    assert newcomer.has_perm("dialogues.view_dialogue", dialogue)
