"""New versions, signatures and the agreement being signed are recorded; refusals record nothing."""

import pytest
from django.core.exceptions import ValidationError

from apps.agreements import services
from apps.audit.models import AuditEntry
from tests.agreements.conftest import latest, sign

pytestmark = pytest.mark.django_db


def actions():
    return list(
        AuditEntry.objects.filter(action__startswith="agreements.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_the_whole_story_is_recorded(signing, stella, petra, acme, ola, bylab):
    services.version_create(agreement=signing, actor=stella, text="Versjon 2")
    sign(signing, petra, acme)
    sign(signing, ola, bylab)
    assert actions() == [
        "agreements.version",
        "agreements.open",
        "agreements.version",
        "agreements.sign",
        "agreements.sign",
        "agreements.signed",
    ]
    signed = AuditEntry.objects.get(action="agreements.signed")
    assert signed.actor == ola and signed.data == {"number": 2, "sha256": latest(signing).sha256}
    assert signed.hub == signing.hub


def test_a_refused_signature_records_nothing(signing, petra, acme):
    before = actions()
    with pytest.raises(ValidationError):
        services.agreement_sign(agreement=signing, actor=petra, organisation=acme, number=1, sha256="0" * 64)
    assert actions() == before


def test_changing_the_parties_is_recorded_and_the_same_parties_are_not(agreement, stella, acme, bylab, nabo):
    kwargs = {"title": agreement.title, "starts_on": agreement.starts_on, "ends_on": agreement.ends_on}
    services.agreement_update(agreement=agreement, actor=stella, organisations=[acme, bylab], **kwargs)
    assert "agreements.parties" not in actions()
    services.agreement_update(agreement=agreement, actor=stella, organisations=[acme, nabo], **kwargs)
    assert actions().count("agreements.parties") == 1
