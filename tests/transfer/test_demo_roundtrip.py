"""The whole demo's Oslo hub goes out and comes back with nothing lost: per model the same
number of rows and the same content hash (ids replaced by what they point at), processes,
votes, ballots' receipts, files, signed agreements and audit entries included. Run on SQLite
and on PostgreSQL (DATABASE_URL=postgres://…)."""

import io
from io import StringIO

import pytest
from django.core.management import call_command

from apps.agreements.canonical import sha256_of
from apps.agreements.models import Agreement, Signature
from apps.hubs.models import Hub
from apps.transfer import scope
from apps.transfer.archive import Archive, write_archive
from apps.transfer.hashing import content_hashes
from apps.transfer.importer import import_archive
from tests.transfer.conftest import remove_hub

pytestmark = [pytest.mark.slow, pytest.mark.dates, pytest.mark.django_db]

# Models the demo's Oslo hub must hold rows of, so that the round trip proves something.
MUST_HOLD = [
    "processes.ProcessRun",
    "processes.PhaseRun",
    "surveys.Ballot",
    "surveys.Answer",
    "governance.Voter",
    "agreements.Signature",
    "audit.AuditEntry",
    "participation.Comment",
    "initiatives.Initiative",
    "events.Registration",
    "funding.Pledge",
    "goals.GoalTag",
]


def test_the_demo_hub_round_trips_without_loss():
    call_command("seed_demo", stdout=StringIO())
    oslo = Hub.objects.get(slug="oslo")
    before = content_hashes(oslo)
    for label in MUST_HOLD:
        assert before[label][0] > 0, label
    out = io.BytesIO()
    manifest = write_archive(oslo, out)
    assert any(name.startswith("files/") for name in manifest["files"])
    payload = out.getvalue()
    counts = Archive(io.BytesIO(payload)).counts()
    for label in scope.HUB_SCOPED:
        assert counts[label] == before[label][0], label

    remove_hub(oslo)
    result = import_archive(io.BytesIO(payload))
    hub = result.hub
    assert hub.slug == "oslo"
    after = content_hashes(hub)
    assert after == before
    for label in scope.HUB_SCOPED:
        assert result.counts[label] == counts[label], label
    for agreement in Agreement.objects.filter(hub=hub, status="signed"):
        text_hash = sha256_of(agreement.signed_version.text)
        assert agreement.signed_version.sha256 == text_hash
        assert set(
            Signature.objects.filter(version=agreement.signed_version).values_list("sha256", flat=True)
        ) == {text_hash}
