"""Who may do what with agreements, cell by cell, per status. sven (steward of Södertörn) and
nils (representative of an Oslo partner that is not a party) have no power here."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.agreements import services
from tests.agreements.conftest import make_agreement, sign

pytestmark = pytest.mark.django_db

Y, N = True, False
PEOPLE = ["root", "stella", "nora", "bob", "mia", "petra", "nils", "vic", "anonymous", "sven"]

# fmt: off
# perm,                           object,      status:     root stella nora bob mia petra nils vic anon sven
TABLE = [
    ("agreements.view_agreement",   "agreement", "drafting", (Y, Y, Y, Y, Y, Y, N, N, N, N)),
    ("agreements.view_agreement",   "agreement", "signing",  (Y, Y, Y, Y, Y, Y, N, N, N, N)),
    ("agreements.view_agreement",   "agreement", "signed",   (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    ("agreements.view_agreement",   "version",   "drafting", (Y, Y, Y, Y, Y, Y, N, N, N, N)),
    ("agreements.add_agreement",    "hub",       "drafting", (Y, Y, Y, N, N, N, N, N, N, N)),
    ("agreements.change_agreement", "agreement", "drafting", (Y, Y, Y, N, N, N, N, N, N, N)),
    ("agreements.change_agreement", "agreement", "signing",  (Y, Y, Y, N, N, N, N, N, N, N)),
    ("agreements.change_agreement", "agreement", "signed",   (Y, N, N, N, N, N, N, N, N, N)),
    ("agreements.sign_agreement",   "agreement", "drafting", (Y, N, N, N, N, N, N, N, N, N)),
    ("agreements.sign_agreement",   "agreement", "signing",  (Y, N, N, N, N, Y, N, N, N, N)),
    ("agreements.sign_agreement",   "agreement", "signed",   (Y, N, N, N, N, N, N, N, N, N)),
]
# fmt: on


@pytest.fixture
def cast(oslo, stella, nora, bob, mia, petra, nils, vic, sven, root, acme):
    return {
        "root": root,
        "stella": stella,
        "nora": nora,
        "bob": bob,
        "mia": mia,
        "petra": petra,
        "nils": nils,
        "vic": vic,
        "anonymous": AnonymousUser(),
        "sven": sven,
    }


def _agreement(oslo, stella, petra, acme, status):
    agreement = make_agreement(oslo, stella, [acme])
    if status in ("signing", "signed"):
        services.agreement_open_for_signing(agreement=agreement, actor=stella)
    if status == "signed":
        sign(agreement, petra, acme)
    agreement.refresh_from_db()
    assert agreement.status == status
    return agreement


@pytest.mark.parametrize(("perm", "target", "status", "expected"), TABLE)
def test_rules_table(cast, oslo, stella, petra, acme, perm, target, status, expected):
    agreement = _agreement(oslo, stella, petra, acme, status)
    obj = {"hub": oslo, "agreement": agreement, "version": agreement.versions.first()}[target]
    got = tuple(cast[name].has_perm(perm, obj) for name in PEOPLE)
    assert got == expected, dict(zip(PEOPLE, got, strict=True))
