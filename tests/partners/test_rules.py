"""Who may do what with partners and commitments: the table in apps/partners/rules.py, cell by
cell, for a partner of the hub and a partner of an initiative. sven (steward of Södertörn) and
bjorn (represents an organisation that is no partner) have no power."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.partners import services

pytestmark = pytest.mark.django_db

Y, N = True, False
PEOPLE = [
    "root",
    "stella",
    "nora",
    "bob",
    "olga",
    "lena",
    "tom",
    "petra",
    "mia",
    "vic",
    "anon",
    "sven",
    "bjorn",
]

# fmt: off
# perm, object:                              root stella nora bob olga lena tom petra mia vic anon sven bjorn
TABLE = [
    ("partners.view_partner",       "hub_partner",  (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("partners.view_offers",        "hub_partner",  (Y, Y, Y, N, N, N, N, Y, N, N, N, N, N)),
    ("partners.view_offers",        "init_partner", (Y, Y, Y, N, Y, Y, N, Y, N, N, N, N, N)),
    ("partners.add_partner",        "hub",          (Y, Y, Y, N, N, N, N, N, N, N, N, N, N)),
    ("partners.add_partner",        "initiative",   (Y, Y, Y, N, Y, Y, N, N, N, N, N, N, N)),
    ("partners.change_partner",     "hub_partner",  (Y, Y, Y, N, N, N, N, N, N, N, N, N, N)),
    ("partners.change_partner",     "init_partner", (Y, Y, Y, N, Y, Y, N, N, N, N, N, N, N)),
    ("partners.offer_commitment",   "hub_partner",  (Y, Y, Y, N, N, N, N, Y, N, N, N, N, N)),
    ("partners.offer_commitment",   "init_partner", (Y, Y, Y, N, Y, Y, N, Y, N, N, N, N, N)),
    ("partners.decide_commitment",  "hub_commit",   (Y, Y, Y, N, N, N, N, N, N, N, N, N, N)),
    ("partners.decide_commitment",  "init_commit",  (Y, Y, Y, N, Y, Y, N, N, N, N, N, N, N)),
    ("partners.withdraw_commitment", "hub_commit",  (Y, Y, Y, N, N, N, N, Y, N, N, N, N, N)),
    ("partners.withdraw_commitment", "init_commit", (Y, Y, Y, N, Y, Y, N, Y, N, N, N, N, N)),
]
# fmt: on


@pytest.fixture
def cast(
    root,
    stella,
    nora,
    bob,
    olga,
    lena,
    tom,
    petra,
    mia,
    vic,
    sven,
    bjorn,
    oslo,
    courtyard,
    acme_in_hub,
    acme_in_courtyard,
):
    hub_commit = services.commitment_offer(
        actor=petra, partner=acme_in_hub, kind="money", description="Grunnfinansiering", amount="100000"
    )
    init_commit = services.commitment_offer(
        actor=petra, partner=acme_in_courtyard, kind="in_kind", description="Tømmer til benker"
    )
    people = {
        "root": root,
        "stella": stella,
        "nora": nora,
        "bob": bob,
        "olga": olga,
        "lena": lena,
        "tom": tom,
        "petra": petra,
        "mia": mia,
        "vic": vic,
        "anon": AnonymousUser(),
        "sven": sven,
        "bjorn": bjorn,
    }
    objects = {
        "hub": oslo,
        "initiative": courtyard,
        "hub_partner": acme_in_hub,
        "init_partner": acme_in_courtyard,
        "hub_commit": hub_commit,
        "init_commit": init_commit,
    }
    return people, objects


@pytest.mark.parametrize(("perm", "target", "expected"), TABLE, ids=[f"{p}-{t}" for p, t, _ in TABLE])
def test_rules_table(cast, perm, target, expected):
    people, objects = cast
    got = tuple(people[name].has_perm(perm, objects[target]) for name in PEOPLE)
    assert dict(zip(PEOPLE, got, strict=True)) == dict(zip(PEOPLE, expected, strict=True))


def test_the_table_in_the_docstring_is_the_one_tested():
    """The docstring's table lists the same permissions, with the same cells for the columns
    the two tables share (a partner of an initiative)."""
    import apps.partners.rules as module

    doc = module.__doc__ or ""
    documented = {line.split("|")[1].strip(" `") for line in doc.splitlines() if line.startswith("| `")}
    assert documented == {perm for perm, _target, _cells in TABLE}
