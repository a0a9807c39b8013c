"""Initiative images and permit documents (issue 16, points 2 and 10): one pixel limit read from
the header, images stored at a bounded size, permit documents checked whole, kept outside
MEDIA_ROOT and handed out as attachments to the team and the hub's leads only."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from apps.core.images import MAX_SIDE
from apps.initiatives import services
from apps.initiatives.models import InitiativeImage, PermitDocument
from tests.files import GIF_POLYGLOT, PDF_WITH_SCRIPT, huge_png, pdf, png_bytes

pytestmark = pytest.mark.django_db


def url(initiative, rest=""):
    return f"/oslo/initiatives/{initiative.slug}/{rest}"


@pytest.fixture
def permit(initiative, tom):
    return services.permit_create(initiative=initiative, actor=tom, what="Street use", authority="City")


@pytest.fixture
def document(permit, tom):
    return services.permit_document_add(permit=permit, actor=tom, file=pdf("decision.pdf"), name="Decision")


def download_url(initiative, permit, document, hub="oslo"):
    return f"/{hub}/initiatives/{initiative.slug}/permits/{permit.pk}/documents/{document.pk}/"


def test_an_image_of_169_megapixels_is_refused_and_nothing_is_stored(client, initiative, tom, settings):
    client.force_login(tom)
    response = client.post(url(initiative, "images/new/"), {"image": huge_png(), "alt_text": "The site"})
    assert response.status_code == 400
    assert "too many pixels (at most 40 megapixels)" in response.content.decode()
    assert not InitiativeImage.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.png"))


def test_a_large_image_is_stored_at_a_bounded_size(client, initiative, tom):
    client.force_login(tom)
    big = SimpleUploadedFile("wide.png", png_bytes((4000, 1000)), content_type="image/png")
    assert client.post(url(initiative, "images/new/"), {"image": big, "alt_text": "Wide"}).status_code == 302
    image = InitiativeImage.objects.get()
    with Image.open(image.image.path) as stored:
        assert stored.size == (MAX_SIDE, 600)
    assert (image.width, image.height) == (MAX_SIDE, 600)


@pytest.mark.parametrize(
    ("name", "content"),
    [("decision.gif", GIF_POLYGLOT), ("decision.pdf", PDF_WITH_SCRIPT), ("decision.png", None)],
)
def test_a_permit_document_that_only_starts_right_is_refused(client, initiative, permit, tom, name, content):
    client.force_login(tom)
    upload = huge_png(name) if content is None else SimpleUploadedFile(name, content)
    response = client.post(url(initiative, f"permits/{permit.pk}/documents/"), {"file": upload})
    assert response.status_code == 400
    assert not PermitDocument.objects.exists()


def test_a_permit_document_lives_outside_media_root(document, settings):
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / document.file.name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / document.file.name).exists()
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - a private file has no public address


@pytest.mark.parametrize("who", ["tom", "lena", "stella"])
def test_the_team_and_the_stewards_download_it_as_an_attachment(
    client, initiative, permit, document, request, who
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(download_url(initiative, permit, document))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="decision.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert (
        download_url(initiative, permit, document) in client.get(url(initiative, "permits/")).content.decode()
    )


@pytest.mark.parametrize("who", ["mia", "vic", "sven"])
def test_others_may_not_download_it(client, initiative, permit, document, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(download_url(initiative, permit, document)).status_code == 403


def test_anonymous_is_sent_to_sign_in_and_another_hub_finds_nothing(
    client, initiative, permit, document, sven
):
    response = client.get(download_url(initiative, permit, document))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(sven)
    assert client.get(download_url(initiative, permit, document, hub="sodertorn")).status_code == 404


def test_the_api_lists_documents_to_the_team_only(client, initiative, permit, document, tom, mia):
    api = f"/api/v1/hubs/oslo/initiatives/{initiative.slug}"
    public = client.get(api).json()
    assert public["permits"][0]["what"] == "Street use"
    assert public["permits"][0]["documents"] == []
    client.force_login(mia)
    assert client.get(api).json()["permits"][0]["documents"] == []
    client.force_login(tom)
    listed = client.get(api).json()["permits"][0]["documents"]
    assert [d["url"] for d in listed] == [download_url(initiative, permit, document)]
    assert "/media/" not in str(listed)


@override_settings(MAX_UPLOAD_SIZE=10 * 1024 * 1024)
def test_the_upload_size_limit_still_holds(client, initiative, permit, tom, settings):
    settings.MAX_UPLOAD_SIZE = 100
    client.force_login(tom)
    response = client.post(url(initiative, f"permits/{permit.pk}/documents/"), {"file": pdf(padding=500)})
    assert response.status_code == 400
    assert not PermitDocument.objects.exists()


def test_a_permit_document_has_an_unguessable_name(document):
    assert re.search(r"/[0-9a-f]{32}/decision\.pdf$", document.file.name)


@pytest.mark.parametrize(("server", "header"), [("nginx", "X-Accel-Redirect"), ("apache", "X-Sendfile")])
def test_behind_a_web_server_the_view_only_says_which_file_to_send(
    client, initiative, permit, document, settings, tom, server, header
):
    settings.PROTECTED_MEDIA_SERVER = server
    client.force_login(tom)
    response = client.get(download_url(initiative, permit, document))
    assert response.status_code == 200 and response.content == b""
    expected = (
        f"/protected/{document.file.name}"
        if server == "nginx"
        else str(Path(settings.PRIVATE_MEDIA_ROOT) / document.file.name)
    )
    assert response[header] == expected
    assert response["Content-Disposition"] == 'attachment; filename="decision.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_behind_a_web_server_others_are_still_refused(client, initiative, permit, document, settings, mia):
    settings.PROTECTED_MEDIA_SERVER = "nginx"
    client.force_login(mia)
    response = client.get(download_url(initiative, permit, document))
    assert response.status_code == 403 and "X-Accel-Redirect" not in response
