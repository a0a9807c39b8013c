"""`inline_image` sends a private image the way `attachment` sends a document (Django,
X-Accel-Redirect for nginx, X-Sendfile for Apache) but inline, with the content type of its
stored extension; and the migrations' mover puts old public files into private storage."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile

from apps.core.documents import image_content_type, inline_image
from apps.core.storage import move_file_into_private, move_into_private, private_storage
from apps.mapinput.models import MapMark


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def stored():
    """A stored map-mark photo, as the model's field hands it to a view."""
    name = private_storage.save("marks/2026/12/abc/photo.png", ContentFile(b"\x89PNG pixels"))
    return FieldFile(None, MapMark._meta.get_field("photo"), name)


@pytest.mark.parametrize("server", ["django", "nginx", "apache"])
def test_every_server_mode_answers_inline_with_the_same_headers(settings, stored, server):
    settings.PROTECTED_MEDIA_SERVER = server
    response = inline_image(stored, public=False)
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="photo.png"'
    assert response["Cache-Control"] == "private, no-cache"
    if server == "nginx":
        assert response["X-Accel-Redirect"] == "/protected/marks/2026/12/abc/photo.png"
    elif server == "apache":
        assert response["X-Sendfile"] == str(Path(settings.PRIVATE_MEDIA_ROOT) / stored.name)
    else:
        assert b"".join(response.streaming_content) == b"\x89PNG pixels"


def test_a_public_objects_image_may_be_kept_by_shared_caches(stored):
    assert inline_image(stored, public=True)["Cache-Control"].startswith("public, max-age=")


def test_the_content_type_comes_from_the_stored_extension_only():
    assert image_content_type("a/b/photo.JPG") == "image/jpeg"
    assert image_content_type("a/b/photo.webp") == "image/webp"
    assert image_content_type("a/b/page.html") == "application/octet-stream"
    assert image_content_type("a/b/noextension") == "application/octet-stream"


def test_old_public_files_move_into_private_storage_and_may_be_renamed(settings):
    media, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    for name in ("initiatives/1/images/x/a.png", "surveys/concepts/b.png"):
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(b"png")
    assert move_into_private(["initiatives/1/images/x/a.png", "", "missing.png"]) == 1
    assert (private / "initiatives/1/images/x/a.png").is_file()
    assert not (media / "initiatives/1/images/x/a.png").exists()
    assert move_file_into_private("surveys/concepts/b.png", "surveys/concepts/7/token/b.png")
    assert (private / "surveys/concepts/7/token/b.png").read_bytes() == b"png"
    assert not (media / "surveys/concepts/b.png").exists()
    assert not move_file_into_private("surveys/concepts/b.png", "surveys/concepts/7/token/b.png")
