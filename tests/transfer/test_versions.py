"""An archive of format version 1 (tests/transfer/fixtures/hub-v1.zip, made by the installation
of that time) still imports: upgraded, checked, and into an installation that knows nobody."""

from pathlib import Path

import pytest

from apps.accounts.models import User
from apps.agreements.canonical import sha256_of
from apps.agreements.models import Agreement
from apps.organisations.models import Organisation
from apps.transfer.archive import FORMAT_VERSION, Archive, upgrade_v1
from apps.transfer.importer import import_archive

pytestmark = pytest.mark.django_db

V1 = Path(__file__).parent / "fixtures" / "hub-v1.zip"


def test_the_fixture_is_version_1_and_reads_as_the_current_version():
    archive = Archive(str(V1))
    assert archive.original_version == 1
    assert archive.manifest["format_version"] == FORMAT_VERSION
    assert archive.manifest["models"][0]["file"] == "data/hubs/hub.jsonl"


def test_a_version_1_archive_imports_into_a_fresh_installation():
    assert not User.objects.exists() and not Organisation.objects.exists()
    counts = Archive(str(V1)).counts()
    result = import_archive(str(V1))
    hub = result.hub
    assert hub.slug == "oslo" and hub.name == "Pådriv Oslo"
    for label, count in counts.items():
        assert result.counts[label] == count, label
    # Everybody is new here: inactive accounts that cannot sign in until they reset a password.
    assert result.created_users == User.objects.count() > 0
    assert not User.objects.filter(is_active=True).exists()
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert set(Organisation.objects.values_list("slug", flat=True)) >= {"acme", "bylab"}
    agreement = Agreement.objects.get(hub=hub)
    assert agreement.status == "signed"
    assert agreement.signed_version.sha256 == sha256_of(agreement.signed_version.text)


def test_upgrade_v1_maps_every_key():
    manifest = upgrade_v1(
        {
            "format": "allmenning-hub-archive",
            "version": 1,
            "hub": "x",
            "created": "2026-01-01T00:00:00+00:00",
            "counts": {"hubs.Hub": 1},
            "sha256": {"data/hubs/hub.jsonl": "0" * 64},
        }
    )
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["hub"]["slug"] == "x"
    assert manifest["models"] == [{"label": "hubs.Hub", "file": "data/hubs/hub.jsonl", "count": 1}]
    assert manifest["files"] == {"data/hubs/hub.jsonl": "0" * 64}
