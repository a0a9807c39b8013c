"""Pixel bombs posted at once through the real upload view: each is refused with "too many
pixels", nothing is stored, and the process's peak memory does not grow by anything near what
decoding one would cost (12,000 × 12,000 RGB: 432 MB)."""

import io
import resource
import struct
import threading
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from apps.core.images import MAX_PIXELS, TooManyPixels, read_image, without_metadata
from apps.initiatives.models import InitiativeImage
from tests.factories import PASSWORD
from tests.initiatives.conftest import initiative, lena, olga, tom  # noqa: F401

SIDE = 12_000  # 144 megapixels; 432 MB decoded as RGB
THREADS = 3


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A real PNG of SIDE × SIDE black pixels, about 2 MB compressed (every row is valid)."""
    compressor = zlib.compressobj(1)
    remaining = (1 + SIDE * 3) * SIDE
    block = bytes(1 << 22)
    parts = []
    while remaining > 0:
        parts.append(compressor.compress(block if remaining >= len(block) else block[:remaining]))
        remaining -= len(block)
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", SIDE, SIDE, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def test_the_bomb_is_refused_from_its_header(bomb):
    assert SIDE * SIDE > MAX_PIXELS
    before = peak_mb()
    with pytest.raises(TooManyPixels):
        read_image(io.BytesIO(bomb), {"PNG"})
    with pytest.raises(TooManyPixels):
        without_metadata(io.BytesIO(bomb), "PNG")
    assert peak_mb() - before < 100


@pytest.mark.django_db(transaction=True)
def test_bombs_posted_at_once_are_refused_without_the_memory(bomb, initiative, tom, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    url = f"/oslo/initiatives/{initiative.slug}/images/new/"
    barrier = threading.Barrier(THREADS, timeout=60)
    answers: list = [None] * THREADS

    def run(index: int) -> None:
        try:
            client = Client()
            client.login(email=tom.email, password=PASSWORD)
            upload = SimpleUploadedFile(f"bomb{index}.png", bomb, content_type="image/png")
            barrier.wait()
            response = client.post(url, {"image": upload, "alt_text": "Bomb"})
            answers[index] = (response.status_code, "too many pixels" in response.content.decode())
        except BaseException as exc:  # noqa: BLE001
            answers[index] = exc
        finally:
            connection.close()

    before = peak_mb()
    workers = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert answers == [(400, True)] * THREADS
    assert not InitiativeImage.objects.exists()
    # Decoding even one would add 432 MB to the peak; three at once 1.3 GB.
    assert peak_mb() - before < 150
