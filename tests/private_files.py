"""Checks shared by the tests of every kind of private image (initiative images, report photos,
concept images, map-mark photos): how the file comes back, and that it is nowhere public."""

from pathlib import Path

from django.conf import settings


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_served_inline(response, stored, *, public: bool) -> None:
    """200 with the stored bytes, shown inline, with its safe content type, `nosniff`, and
    Cache-Control public for a public object, private otherwise."""
    assert response.status_code == 200
    assert body(response) == (Path(settings.PRIVATE_MEDIA_ROOT) / stored.name).read_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    cache = response["Cache-Control"]
    assert cache.startswith("public") if public else cache.startswith("private")


def assert_not_public(client, stored) -> None:
    """The file is kept in private storage only: not under MEDIA_ROOT, not under /media/."""
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / stored.name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / stored.name).exists()
    assert client.get(f"{settings.MEDIA_URL}{stored.name}").status_code == 404
