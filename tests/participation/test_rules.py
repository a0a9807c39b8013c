"""The participation rules, role by role (see the table in apps/participation/rules.py).
Sven is a steward of Södertörn: no power in Oslo."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.participation.spaces import Space
from tests.participation.conftest import make_comment, make_idea

pytestmark = pytest.mark.django_db

ROLES = ["stella", "nora", "bob", "mia", "vic", "sven", "olga", "tom", "anonymous"]

# perm, object kind → who has it
TABLE = {
    ("participation.add_idea", "space"): {"stella", "nora", "bob", "mia", "vic", "sven", "olga", "tom"},
    ("participation.add_comment", "idea"): {"stella", "nora", "bob", "mia", "vic", "sven", "olga", "tom"},
    ("participation.support_idea", "idea"): {"stella", "nora", "bob", "mia", "vic", "sven", "olga", "tom"},
    ("participation.report", "comment"): {"stella", "nora", "bob", "mia", "vic", "sven", "olga", "tom"},
    ("participation.moderate", "idea"): {"stella", "nora", "olga", "tom"},
    ("participation.moderate", "comment"): {"stella", "nora", "olga", "tom"},
    ("participation.moderate", "hub_idea"): {"stella", "nora"},
    ("participation.moderate", "area_idea"): {"stella", "nora"},
    ("participation.decide_report", "report"): {"stella", "nora", "olga", "tom"},
    ("participation.view_hidden", "idea"): {"stella", "nora", "olga", "tom", "mia"},  # mia wrote it
    ("participation.view_hidden", "hub_idea"): {"stella", "nora", "vic"},  # vic wrote it
    ("participation.view_moderation", "hub"): {"stella", "nora", "bob"},
    ("hubs.view_audit_log", "hub"): {"stella", "nora"},
}


@pytest.fixture
def cast(request, stella, nora, bob, mia, vic, sven, olga, tom):
    return {
        "stella": stella,
        "nora": nora,
        "bob": bob,
        "mia": mia,
        "vic": vic,
        "sven": sven,
        "olga": olga,
        "tom": tom,
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def objects(oslo, space, hub_space, area_space, mia, vic):
    from apps.participation import services

    idea = make_idea(space, mia)
    comment = make_comment(idea, vic)
    report = services.report_create(target=comment, reporter=vic, reason="Rude")
    return {
        "space": space,
        "idea": idea,
        "comment": comment,
        "report": report,
        "hub_idea": make_idea(hub_space, vic),
        "area_idea": make_idea(area_space, mia),
        "hub": oslo,
    }


@pytest.mark.parametrize(("perm", "kind"), list(TABLE))
def test_rules_table(cast, objects, perm, kind):
    allowed = {name for name, user in cast.items() if user.has_perm(perm, objects[kind])}
    assert allowed == TABLE[(perm, kind)]


def test_sven_moderates_his_own_hub_only(sven, sodertorn, objects):
    assert sven.has_perm("participation.moderate", Space(hub=sodertorn))
    assert sven.has_perm("hubs.view_audit_log", sodertorn)
    assert not sven.has_perm("participation.moderate", objects["hub_idea"])
