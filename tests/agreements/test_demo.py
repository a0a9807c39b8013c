"""The demo's signed agreement: made once, in two versions, every party's signature on v2."""

import io

import pytest
from django.core.management import call_command

from apps.agreements import demo
from apps.agreements.canonical import sha256_of
from apps.agreements.models import Agreement, Signature

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_seed_makes_a_signed_agreement_in_two_versions_and_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    agreement = Agreement.objects.get(title=demo.TITLE)
    assert agreement.is_signed and agreement.signed_version.number == 2
    assert agreement.versions.count() == 2
    assert agreement.parties.count() == 4
    assert Signature.objects.filter(version=agreement.signed_version).count() == 4
    assert Signature.objects.filter(version__number=1, agreement=agreement).count() == 1
    assert agreement.signed_version.sha256 == sha256_of(agreement.signed_version.text)
    assert "955 000 kr" in agreement.signed_version.text
    demo.seed(stdout=io.StringIO())
    assert Agreement.objects.filter(title=demo.TITLE).count() == 1
