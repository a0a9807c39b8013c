"""Export and import of a small hub with every hard case: nothing is lost, ids are new."""

import io

import pytest

from apps.accounts.models import User
from apps.agreements.canonical import sha256_of
from apps.agreements.models import Agreement, AgreementSigned, Signature
from apps.audit.models import AuditEntry
from apps.goals.models import GoalTag
from apps.governance.models import Receipt
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative, InitiativeImage
from apps.participation.models import Comment
from apps.places.models import Area
from apps.transfer import scope
from apps.transfer.archive import Archive
from apps.transfer.hashing import content_hashes
from apps.transfer.importer import import_archive
from tests.transfer.conftest import remove_hub

pytestmark = pytest.mark.django_db


def test_a_copy_under_a_new_slug_holds_the_same(small_hub, archive_bytes):
    before = content_hashes(small_hub)
    users_before = User.objects.count()
    result = import_archive(io.BytesIO(archive_bytes))
    copy = result.hub
    assert copy.slug == "oslo-2"
    assert copy.name == "Pådriv Oslo (2)"
    assert content_hashes(copy) == before
    assert content_hashes(small_hub) == before  # the original is untouched
    # People matched by e-mail: nobody new.
    assert User.objects.count() == users_before
    assert result.created_users == 0
    # Counts as the manifest says.
    manifest_counts = Archive(io.BytesIO(archive_bytes)).counts()
    for label, count in manifest_counts.items():
        if label in scope.HUB_SCOPED:
            assert result.counts[label] == count, label


def test_ids_are_remapped_and_links_point_inside_the_copy(small_hub, archive_bytes):
    copy = import_archive(io.BytesIO(archive_bytes), slug="oslo-kopi").hub
    assert copy.slug == "oslo-kopi"
    original = Initiative.objects.get(hub=small_hub)
    copied = Initiative.objects.get(hub=copy)
    assert copied.pk != original.pk
    assert copied.area.hub == copy and copied.area.code == "0301"
    child = Area.objects.get(hub=copy, code="030101")
    assert child.parent.hub == copy
    reply = Comment.objects.get(idea__hub=copy, parent__isnull=False)
    assert reply.parent.idea.hub == copy
    tag = GoalTag.objects.get(hub=copy)
    assert tag.object_id == copied.pk
    entry = AuditEntry.objects.get(hub=copy, action="hubs.role_change")
    assert entry.target_id == str(copied.pk)
    assert entry.data["user"] == User.objects.get(email="mia@example.org").pk
    group = copy.workinggroup_set.get() if hasattr(copy, "workinggroup_set") else None
    if group is not None:
        assert list(group.members.values_list("email", flat=True)) == ["walter@example.org"]


def test_files_are_copied_byte_for_byte(small_hub, archive_bytes):
    copy = import_archive(io.BytesIO(archive_bytes)).hub
    original = InitiativeImage.objects.get(initiative__hub=small_hub)
    copied = InitiativeImage.objects.get(initiative__hub=copy)
    assert copied.image.name != original.image.name or copied.image.name  # stored anew
    with original.image.open("rb") as a, copied.image.open("rb") as b:
        assert a.read() == b.read()


def test_a_signed_agreement_stays_signed_byte_identical_and_verifiable(small_hub, archive_bytes):
    original = Agreement.objects.get(hub=small_hub)
    copy = import_archive(io.BytesIO(archive_bytes)).hub
    agreement = Agreement.objects.get(hub=copy)
    assert agreement.status == "signed"
    assert agreement.signed_version.agreement == agreement
    assert agreement.signed_version.text == original.signed_version.text
    assert (
        agreement.signed_version.sha256
        == original.signed_version.sha256
        == sha256_of(agreement.signed_version.text)
    )
    signatures = Signature.objects.filter(agreement=agreement)
    assert signatures.count() == original.signatures.count() > 0
    assert {s.sha256 for s in signatures} == {agreement.signed_version.sha256}
    # Its protection holds for the imported copy as for any signed agreement.
    agreement.title = "Endret"
    with pytest.raises(AgreementSigned):
        agreement.save()
    with pytest.raises(AgreementSigned):
        Signature.objects.filter(agreement=agreement).update(representative_name="x")


def test_a_moved_hub_keeps_its_receipts_and_its_slug(small_hub, receipt, archive_bytes):
    before = content_hashes(small_hub)
    remove_hub(small_hub)
    assert not Hub.objects.filter(slug="oslo").exists()
    hub = import_archive(io.BytesIO(archive_bytes)).hub
    assert hub.slug == "oslo" and hub.name == "Pådriv Oslo"
    assert content_hashes(hub) == before
    assert Receipt.objects.get(ballot__meeting__hub=hub).code_hash == "a" * 64


def test_a_copy_next_to_its_original_keeps_its_receipts(small_hub, receipt, archive_bytes):
    """Receipt codes are unique per ballot, so a copy can live beside its original and both
    still verify their voters' codes."""
    copy = import_archive(io.BytesIO(archive_bytes)).hub
    assert copy.slug != small_hub.slug
    assert Receipt.objects.filter(ballot__meeting__hub=copy, code_hash="a" * 64).count() == 1
    assert Receipt.objects.filter(ballot__meeting__hub=small_hub, code_hash="a" * 64).count() == 1


def test_unknown_people_become_inactive_accounts_without_password(small_hub, archive_bytes):
    remove_hub(small_hub)
    User.objects.filter(email="mia@example.org").delete()
    result = import_archive(io.BytesIO(archive_bytes))
    mia = User.objects.get(email="mia@example.org")
    assert not mia.is_active and not mia.has_usable_password()
    assert result.created_users == 1
    assert Initiative.objects.get(hub=result.hub).owner == mia


def test_times_keep_their_microseconds(small_hub, archive_bytes):
    """Django's JSON encoder cuts times to milliseconds; the archive keeps all of them (a time
    of exactly .000123 s would otherwise come back as a different one)."""
    import datetime

    moment = datetime.datetime(2026, 5, 4, 10, 0, 0, 123, tzinfo=datetime.UTC)
    AuditEntry._base_manager.filter(hub=small_hub).update(created=moment)  # set up, past the guard
    out = io.BytesIO()
    from apps.transfer.archive import write_archive

    write_archive(small_hub, out)
    copy = import_archive(io.BytesIO(out.getvalue())).hub
    assert set(AuditEntry.objects.filter(hub=copy).values_list("created", flat=True)) == {moment}


def test_an_imported_hub_can_be_searched_at_once(small_hub, archive_bytes):
    from apps.search.models import SearchDocument

    remove_hub(small_hub)
    hub = import_archive(io.BytesIO(archive_bytes)).hub
    titles = set(SearchDocument.objects.filter(hub=hub, kind="initiative").values_list("title", flat=True))
    assert titles == set(Initiative.objects.filter(hub=hub).values_list("title", flat=True)) != set()
