"""The hub's export and import page: who may, the background job with its progress, the
download, and the import as a new hub. Celery runs tasks in-process in tests, so a job is done
when the request that started it has returned."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.audit.models import AuditEntry
from apps.hubs.models import Hub
from apps.transfer import services
from apps.transfer.hashing import content_hashes
from apps.transfer.models import TransferJob

pytestmark = pytest.mark.django_db

INDEX = "/oslo/manage/transfer/"


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "may"),
    [
        ("stella", True),
        ("root", True),
        ("nora", False),
        ("bob", False),
        ("mia", False),
        ("vic", False),
        ("sven", False),
    ],
)
def test_who_may_export(client, request, oslo, who, may):
    user = request.getfixturevalue(who)
    login(client, user)
    assert client.get(INDEX).status_code == (200 if may else 403)
    response = client.post(INDEX + "export/")
    assert response.status_code == (302 if may else 403)
    assert TransferJob.objects.filter(kind="export").exists() is may
    assert (user.has_perm("transfer.export_hub", oslo)) is may


def test_anonymous_people_are_sent_to_sign_in(client, oslo):
    assert client.get(INDEX).status_code == 302
    assert client.post(INDEX + "export/").status_code == 302
    assert not TransferJob.objects.exists()


@pytest.mark.parametrize(
    ("who", "may"), [("root", True), ("stella", False), ("nora", False), ("sven", False), ("vic", False)]
)
def test_only_superusers_import(request, oslo, who, may):
    user = request.getfixturevalue(who)
    assert user.has_perm("transfer.import_hub", oslo) is may


def test_a_steward_exports_follows_and_downloads(
    client, small_hub, stella, django_capture_on_commit_callbacks
):
    login(client, stella)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INDEX + "export/")
    job = TransferJob.objects.get()
    assert response["Location"] == f"{INDEX}{job.pk}/"
    assert job.status == "done" and job.total > 0 and job.done == job.total
    page = client.get(f"{INDEX}{job.pk}/")
    assert page.status_code == 200
    assert b"Download the archive" in page.content and b'value="100"' in page.content
    download = client.get(f"{INDEX}{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    payload = b"".join(download.streaming_content)
    assert "manifest.json" in zipfile.ZipFile(io.BytesIO(payload)).namelist()
    assert AuditEntry.objects.filter(hub=small_hub, action="transfer.export").count() == 1
    assert b"Export" in client.get(INDEX).content


def test_a_steward_of_another_hub_sees_no_job_and_no_file(client, small_hub, stella, sven):
    job = services.export_start(hub=small_hub, user=stella)
    login(client, sven)
    assert client.get(f"{INDEX}{job.pk}/").status_code == 403
    assert client.get(f"{INDEX}{job.pk}/download/").status_code == 403
    # Through his own hub's address the job of another hub does not exist.
    assert client.get(f"/sodertorn/manage/transfer/{job.pk}/").status_code == 404


def test_a_running_export_is_shown_with_progress_and_blocks_a_second(client, oslo, stella):
    TransferJob.objects.create(
        kind="export", hub=oslo, created_by=stella, status="running", total=200, done=0
    )
    job = TransferJob.objects.get()
    from django.core.cache import cache

    cache.set(services.progress_key(job.pk), (50, 200))
    login(client, stella)
    page = client.get(f"{INDEX}{job.pk}/")
    assert b'value="25"' in page.content and b"50 of 200 rows" in page.content
    assert b'http-equiv="refresh"' in page.content
    assert client.get(f"{INDEX}{job.pk}/download/").status_code == 404
    with pytest.raises(ValidationError, match="already running"):
        services.export_start(hub=oslo, user=stella)
    response = client.post(INDEX + "export/", follow=True)
    assert b"already running" in response.content
    assert TransferJob.objects.count() == 1


def test_a_superuser_imports_an_archive_as_a_new_hub(
    client, small_hub, stella, root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        export = services.export_start(hub=small_hub, user=stella)
    export.refresh_from_db()
    before = content_hashes(small_hub)
    with export.file.open("rb") as handle:
        payload = handle.read()
    login(client, root)
    upload = SimpleUploadedFile("oslo.zip", payload, content_type="application/zip")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INDEX + "import/", {"archive": upload, "slug": "oslo-test"})
    job = TransferJob.objects.get(kind="import")
    assert response.status_code == 302
    assert job.status == "done", job.message
    copy = Hub.objects.get(slug="oslo-test")
    assert job.result_hub == copy
    after = content_hashes(copy)
    # The copy's log has one entry more: its import, by root (one more person referred to).
    assert after.pop("audit.AuditEntry")[0] == before.pop("audit.AuditEntry")[0] + 1
    assert after.pop("accounts.User")[0] == before.pop("accounts.User")[0] + 1
    assert after == before
    assert AuditEntry.objects.filter(hub=copy, action="transfer.import").exists()
    assert b"Open the new hub" in client.get(f"{INDEX}{job.pk}/").content


def test_a_bad_archive_ends_as_a_failed_job_with_its_reason(
    client, oslo, root, django_capture_on_commit_callbacks
):
    login(client, root)
    upload = SimpleUploadedFile("x.zip", b"not a zip", content_type="application/zip")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(INDEX + "import/", {"archive": upload})
    job = TransferJob.objects.get(kind="import")
    assert job.status == "failed" and "not a zip file" in job.message
    assert b"not a zip file" in client.get(f"{INDEX}{job.pk}/").content
    assert Hub.objects.count() == 1


def test_the_import_form_refuses_a_taken_slug_and_a_steward(client, oslo, root, stella):
    login(client, root)
    upload = SimpleUploadedFile("x.zip", b"PK", content_type="application/zip")
    response = client.post(INDEX + "import/", {"archive": upload, "slug": "oslo"})
    assert response.status_code == 400 and b"exists already" in response.content
    response = client.post(INDEX + "import/", {"slug": "ny"})
    assert response.status_code == 400
    assert not TransferJob.objects.exists()
    login(client, stella)
    upload = SimpleUploadedFile("x.zip", b"PK", content_type="application/zip")
    assert client.post(INDEX + "import/", {"archive": upload}).status_code == 403
    assert b"Import an archive" not in client.get(INDEX).content
