"""Deliverable files are checked whole and handed out only as attachments (issue 16, points 2
and 10): a GIF that goes on as a web page, a PDF with a script or without its end, a broken
office archive and an image of 169 megapixels are refused with nothing saved; what is stored lives
outside MEDIA_ROOT and comes back through a view, never from a public URL."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.core.images import MAX_SIDE
from apps.processes.models import Deliverable
from tests.files import (
    GIF_POLYGLOT,
    PDF_TRUNCATED,
    PDF_WITH_SCRIPT,
    docx_bytes,
    huge_png,
    pdf,
    png_bytes,
)
from tests.processes.conftest import phase

pytestmark = pytest.mark.django_db


def url(name, *args, hub="oslo"):
    return reverse(f"hubs:processes:{name}", args=[hub, *args])


def upload(client, run, user, file):
    client.force_login(user)
    document = phase(run, 0).deliverables.get(key="group-list")
    response = client.post(url("deliverable_complete", run.pk, document.pk), {"checked": "on", "file": file})
    document.refresh_from_db()
    return response, document


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("pixel.gif", GIF_POLYGLOT, "does not match its type"),
        ("plan.pdf", PDF_WITH_SCRIPT, "does not match its type"),
        ("plan.pdf", PDF_TRUNCATED, "does not match its type"),
        ("plan.docx", b"PK\x03\x04 not really an archive", "does not match its type"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 short", "does not match its type"),
    ],
)
def test_a_file_that_only_starts_right_is_refused(client, run, olga, settings, name, content, says):
    response, document = upload(client, run, olga, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not document.done and not document.file
    assert not any(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.*"))


def test_an_image_of_169_megapixels_is_refused_from_its_header(client, run, olga):
    response, document = upload(client, run, olga, huge_png("site.png"))
    assert response.status_code == 400
    assert "too many pixels" in response.content.decode()
    assert not document.done and not document.file


def test_real_files_are_stored_privately_and_images_bounded(client, run, olga, settings):
    response, document = upload(client, run, olga, SimpleUploadedFile("site.png", png_bytes((3000, 1200))))
    assert response.status_code == 302 and document.done
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / document.file.name
    assert stored.is_file()
    assert not (Path(settings.MEDIA_ROOT) / document.file.name).exists()
    with Image.open(stored) as image:
        assert max(image.size) == MAX_SIDE and image.size == (2400, 960)
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - a private file has no public address


def test_a_real_office_document_is_accepted(client, run, olga):
    response, document = upload(client, run, olga, SimpleUploadedFile("plan.docx", docx_bytes()))
    assert response.status_code == 302 and document.done and document.file.name.endswith(".docx")


def test_the_file_comes_back_as_an_attachment_that_no_browser_renders(client, run, olga):
    _response, document = upload(client, run, olga, pdf("group list.pdf"))
    client.logout()  # the run is public, and so are its deliverables
    response = client.get(url("deliverable_file", run.pk, document.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    page = client.get(url("run", run.pk)).content.decode()
    assert url("deliverable_file", run.pk, document.pk) in page


def test_the_file_is_not_found_through_another_hub_or_another_run(client, run, olga, sven):
    _response, document = upload(client, run, olga, pdf())
    client.force_login(sven)
    assert client.get(url("deliverable_file", run.pk, document.pk, hub="sodertorn")).status_code == 404
    assert client.get(url("deliverable_file", run.pk + 1, document.pk)).status_code == 404
    empty = Deliverable.objects.exclude(pk=document.pk).filter(phase_run__run=run).first()
    assert client.get(url("deliverable_file", run.pk, empty.pk)).status_code == 404
