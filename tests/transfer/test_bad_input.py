"""A damaged, changed, unsafe or too new archive is refused with a clear message, and nothing
is imported: no hub, no person, no file."""

import hashlib
import io
import json
import zipfile

import pytest

from apps.accounts.models import User
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.transfer.archive import FORMAT_VERSION, MANIFEST, ArchiveError
from apps.transfer.importer import import_archive

pytestmark = pytest.mark.django_db


def _rewrite(archive_bytes, change):
    """The archive with its members passed through `change(members)` (a dict name → bytes)."""
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as zin:
        members = {info.filename: zin.read(info.filename) for info in zin.infolist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, payload in members.items():
            zout.writestr(name, payload)
    return out.getvalue()


def _manifest(members):
    return json.loads(members[MANIFEST])


def _set_manifest(members, manifest):
    members[MANIFEST] = json.dumps(manifest).encode()


def _nothing_imported(archive_bytes, message, tmp_path=None):
    before = (Hub.objects.count(), User.objects.count(), Initiative.objects.count())
    with pytest.raises(ArchiveError, match=message):
        import_archive(io.BytesIO(archive_bytes))
    assert (Hub.objects.count(), User.objects.count(), Initiative.objects.count()) == before


def test_a_changed_row_fails_its_hash(archive_bytes):
    def tamper(members):
        members["data/initiatives.initiative.jsonl"] = members["data/initiatives.initiative.jsonl"].replace(
            b"Parken", b"Parkem"
        )

    _nothing_imported(_rewrite(archive_bytes, tamper), "does not match its SHA-256")


def test_a_changed_file_fails_its_hash(archive_bytes):
    def tamper(members):
        name = next(n for n in members if n.startswith("files/"))
        members[name] = members[name] + b"x"

    _nothing_imported(_rewrite(archive_bytes, tamper), "does not match its SHA-256")


def test_a_newer_format_version_is_refused(archive_bytes):
    def newer(members):
        manifest = _manifest(members)
        manifest["format_version"] = FORMAT_VERSION + 1
        _set_manifest(members, manifest)

    _nothing_imported(_rewrite(archive_bytes, newer), "newer than this installation reads")


def test_a_missing_file_is_named(archive_bytes):
    def drop(members):
        del members[next(n for n in members if n.startswith("files/"))]

    _nothing_imported(_rewrite(archive_bytes, drop), "A file listed in the manifest is missing")


def test_a_file_the_manifest_does_not_list_is_refused(archive_bytes):
    def add(members):
        members["files/extra/1/x/evil.txt"] = b"hello"

    _nothing_imported(_rewrite(archive_bytes, add), "does not list")


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/passwd", "files/../../evil", "files\\..\\evil", "other/x"]
)
def test_path_traversal_and_strange_names_are_refused(archive_bytes, name):
    def add(members):
        members[name] = b"x"
        manifest = _manifest(members)
        manifest["files"][name] = hashlib.sha256(b"x").hexdigest()
        _set_manifest(members, manifest)

    _nothing_imported(_rewrite(archive_bytes, add), "name that is not allowed")


def test_a_zip_bomb_is_refused_before_unpacking(archive_bytes):
    def bomb(members):
        payload = b"\0" * (8 * 1024**2)  # 8 MiB of zeros packs to a few kilobytes
        members["files/initiatives.initiativeimage/1/image/bomb.png"] = payload
        manifest = _manifest(members)
        manifest["files"]["files/initiatives.initiativeimage/1/image/bomb.png"] = hashlib.sha256(
            payload
        ).hexdigest()
        _set_manifest(members, manifest)

    _nothing_imported(_rewrite(archive_bytes, bomb), "unpacks too large")


def test_a_wrong_count_is_refused(archive_bytes):
    def miscount(members):
        manifest = _manifest(members)
        for entry in manifest["models"]:
            if entry["label"] == "initiatives.Initiative":
                entry["count"] = 5
        _set_manifest(members, manifest)

    _nothing_imported(_rewrite(archive_bytes, miscount), "the manifest counts 5 rows")


def test_not_a_zip_and_not_an_archive(archive_bytes):
    _nothing_imported(b"hello, world", "not a zip file")

    def foreign(members):
        _set_manifest(members, {"format": "something-else"})

    _nothing_imported(_rewrite(archive_bytes, foreign), "not a hub archive of Allmenning")


def test_a_taken_or_bad_slug_is_refused(archive_bytes):
    with pytest.raises(ArchiveError, match="exists already"):
        import_archive(io.BytesIO(archive_bytes), slug="oslo")
    with pytest.raises(ArchiveError, match="reserved"):
        import_archive(io.BytesIO(archive_bytes), slug="api")
    with pytest.raises(ArchiveError, match="lower-case"):
        import_archive(io.BytesIO(archive_bytes), slug="Ny Hub!")


def test_a_failure_halfway_leaves_no_rows_and_no_files(archive_bytes, tmp_path):
    """A consistent archive that points at a UN goal this installation lacks: the error comes
    after people, the hub and the image were written; all of it goes."""

    def unknown_goal(members):
        name = "data/goals.goaltag.jsonl"
        members[name] = members[name].replace(
            b'"sdg_goal": {"natural": [11]}', b'"sdg_goal": {"natural": [99]}'
        )
        manifest = _manifest(members)
        manifest["files"][name] = hashlib.sha256(members[name]).hexdigest()
        _set_manifest(members, manifest)

    changed = _rewrite(archive_bytes, unknown_goal)
    assert b"[99]" in zipfile.ZipFile(io.BytesIO(changed)).read("data/goals.goaltag.jsonl")
    files_before = sorted(str(p) for p in tmp_path.rglob("*") if p.is_file())
    _nothing_imported(changed, "which this installation does not have")
    assert sorted(str(p) for p in tmp_path.rglob("*") if p.is_file()) == files_before
