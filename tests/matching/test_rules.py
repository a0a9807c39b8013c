"""Who may do what in matchmaking: the table in apps/matching/rules.py, cell by cell. sven is a
steward of Södertörn and has no power in Oslo; petra represents Acme (the organisation an
introduction is for in the `org_intro` row)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.matching import services

pytestmark = pytest.mark.django_db

Y, N = True, False
PEOPLE = ["root", "stella", "nora", "bob", "olga", "tom", "gina", "petra", "mia", "vic", "anon", "sven"]

# fmt: off
# perm, object:                                    root stella nora bob olga tom gina petra mia vic anon sven
TABLE = [
    ("matching.view_needs",           "initiative", (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("matching.manage_needs",         "initiative", (Y, Y, Y, N, Y, Y, N, N, N, N, N, N)),
    ("matching.manage_needs",         "need",       (Y, Y, Y, N, Y, Y, N, N, N, N, N, N)),
    ("matching.view_suggestions",     "initiative", (Y, Y, Y, N, Y, Y, N, N, N, N, N, N)),
    ("matching.introduce",            "initiative", (Y, Y, Y, N, N, N, N, N, N, N, N, N)),
    ("matching.view_introductions",   "hub",        (Y, Y, Y, N, N, N, N, N, N, N, N, N)),
    ("matching.answer_introduction",  "intro",      (Y, N, N, N, N, N, Y, N, N, N, N, N)),
    ("matching.answer_introduction",  "org_intro",  (Y, N, N, N, N, N, N, Y, N, N, N, N)),
    ("matching.view_my_suggestions",  "hub",        (Y, Y, Y, Y, Y, Y, Y, N, Y, N, N, N)),
]
# fmt: on


@pytest.fixture
def people(root, stella, nora, bob, olga, tom, gina, petra, mia, vic, sven):
    return {
        "root": root,
        "stella": stella,
        "nora": nora,
        "bob": bob,
        "olga": olga,
        "tom": tom,
        "gina": gina,
        "petra": petra,
        "mia": mia,
        "vic": vic,
        "anon": AnonymousUser(),
        "sven": sven,
    }


@pytest.fixture
def objects(oslo, courtyard, intro, acme_soil, stella):
    org_intro = services.introduction_create(actor=stella, initiative=courtyard, organisation=acme_soil)
    return {
        "hub": oslo,
        "initiative": courtyard,
        "need": courtyard.needs.first(),
        "intro": intro,
        "org_intro": org_intro,
    }


@pytest.mark.parametrize(("perm", "target", "expected"), TABLE, ids=[f"{p}-{t}" for p, t, _ in TABLE])
def test_cell_by_cell(people, objects, perm, target, expected):
    for name, allowed in zip(PEOPLE, expected, strict=True):
        assert people[name].has_perm(perm, objects[target]) is allowed, (perm, target, name)


def test_a_superuser_does_not_answer_for_the_one_introduced(root, intro):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.introduction_answer(actor=root, introduction=intro, accept=True)
