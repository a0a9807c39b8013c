"""Who may do what with results, cell by cell (the table in apps/results/rules.py). sven is a
steward of another hub and has no power here; mia is an ordinary member."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.results import services

pytestmark = pytest.mark.django_db

Y, N = True, False
PEOPLE = ["root", "stella", "nora", "bob", "mia", "vic", "anonymous", "olga", "tom", "sven"]

# fmt: off
# perm, object, status:                     root stella nora bob mia vic anon olga tom sven
TABLE = [
    ("results.manage_results", "initiative", "-",         (Y, Y, Y, N, N, N, N, Y, Y, N)),
    ("results.manage_results", "hub",        "-",         (Y, Y, Y, N, N, N, N, N, N, N)),
    ("results.manage_results", "result",     "draft",     (Y, Y, Y, N, N, N, N, Y, Y, N)),
    ("results.manage_results", "hub_result", "draft",     (Y, Y, Y, N, N, N, N, N, N, N)),
    ("results.view_result",    "result",     "published", (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("results.view_result",    "result",     "draft",     (Y, Y, Y, N, N, N, N, Y, Y, N)),
    ("results.view_result",    "hub_result", "draft",     (Y, Y, Y, N, N, N, N, N, N, N)),
    ("results.view_report",    "report",     "published", (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("results.view_report",    "report",     "draft",     (Y, Y, Y, N, N, N, N, Y, Y, N)),
    ("results.view_evidence",  "evidence",   "published", (Y, Y, Y, Y, Y, N, N, Y, Y, N)),
    ("results.view_evidence",  "evidence",   "draft",     (Y, Y, Y, N, N, N, N, Y, Y, N)),
]
# fmt: on


@pytest.fixture
def cast(oslo, stella, nora, bob, mia, vic, sven, root, olga, tom, benches, own_result):
    from tests.results.conftest import pdf_file

    hub_result = services.result_create(
        hub=oslo,
        actor=stella,
        title="Hub",
        indicator_name="Partnere",
        baseline="1",
        target="5",
        target_date=own_result.target_date,
    )
    report = services.report_create(hub=oslo, initiative=benches, actor=olga, title="S", text="x")
    evidence = services.evidence_add(report=report, actor=olga, file=pdf_file())
    people = {
        "root": root,
        "stella": stella,
        "nora": nora,
        "bob": bob,
        "mia": mia,
        "vic": vic,
        "anonymous": AnonymousUser(),
        "olga": olga,
        "tom": tom,
        "sven": sven,
    }
    objects = {
        "initiative": benches,
        "hub": oslo,
        "result": own_result,
        "hub_result": hub_result,
        "report": report,
        "evidence": evidence,
    }
    return people, objects


@pytest.mark.parametrize(
    ("perm", "target", "status", "expected"), TABLE, ids=[f"{p}-{t}-{s}" for p, t, s, _ in TABLE]
)
def test_rules_table(cast, perm, target, status, expected):
    people, objects = cast
    obj = objects[target]
    holder = getattr(obj, "report", obj)
    if status != "-":
        holder.status = status
    got = tuple(people[name].has_perm(perm, obj) for name in PEOPLE)
    assert dict(zip(PEOPLE, got, strict=True)) == dict(zip(PEOPLE, expected, strict=True))
