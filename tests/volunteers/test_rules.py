"""Who may do what with volunteer shifts, cell by cell (the table in apps/volunteers/rules.py).
sven is a steward of Södertörn: no power over Oslo's initiatives."""

import pytest
from django.contrib.auth.models import AnonymousUser

pytestmark = pytest.mark.django_db

Y, N = True, False
PEOPLE = ["root", "stella", "nora", "bob", "mia", "vic", "anonymous", "olga", "lena", "tom", "sven"]

# fmt: off
# perm, object:                                root stella nora bob mia vic anon olga lena tom sven
TABLE = [
    ("volunteers.view_shifts",   "initiative", (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("volunteers.view_shifts",   "shift",      (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("volunteers.manage_shifts", "initiative", (Y, Y, Y, N, N, N, N, Y, Y, Y, N)),
    ("volunteers.manage_shifts", "role",       (Y, Y, Y, N, N, N, N, Y, Y, Y, N)),
    ("volunteers.manage_shifts", "shift",      (Y, Y, Y, N, N, N, N, Y, Y, Y, N)),
    ("volunteers.sign_up",       "shift",      (Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y)),
]
# fmt: on


@pytest.fixture
def cast(stella, nora, bob, mia, vic, olga, lena, tom, sven, root, courtyard, builders, shift):
    people = {
        "root": root,
        "stella": stella,
        "nora": nora,
        "bob": bob,
        "mia": mia,
        "vic": vic,
        "anonymous": AnonymousUser(),
        "olga": olga,
        "lena": lena,
        "tom": tom,
        "sven": sven,
    }
    return people, {"initiative": courtyard, "role": builders, "shift": shift}


CELLS = [(perm, obj, person, row[i]) for perm, obj, row in TABLE for i, person in enumerate(PEOPLE)]


@pytest.mark.parametrize(
    ("perm", "obj", "person", "expected"), CELLS, ids=[f"{p}-{o}-{u}" for p, o, u, _ in CELLS]
)
def test_cell(cast, perm, obj, person, expected):
    people, objects = cast
    assert people[person].has_perm(perm, objects[obj]) is expected


def test_a_steward_of_another_hub_leads_only_there(sven, sodertorn):
    from apps.initiatives.models import Initiative

    theirs = Initiative.objects.create(hub=sodertorn, slug="torget", title="Torget", owner=sven)
    assert sven.has_perm("volunteers.manage_shifts", theirs)
