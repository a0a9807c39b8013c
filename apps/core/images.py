"""Reading an uploaded image: the one place that asks Pillow what a file really is (the name
and the browser's content type are not trusted). Callers turn `UnreadableImage` into their
own translated message."""

import io
from typing import Any

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError


class UnreadableImage(ValueError):
    """The file is not an image Pillow can read, or not one of the formats asked for."""


def read_image(upload: Any, formats: set[str] | dict[str, str]) -> tuple[str, int, int]:
    """(Pillow format name, width, height) of an uploaded image in one of `formats`."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format or ""
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise UnreadableImage(str(exc)) from exc
    finally:
        upload.seek(0)
    if kind not in formats:
        raise UnreadableImage(kind)
    return kind, width, height


def without_metadata(upload: Any, kind: str) -> tuple[ContentFile, int, int]:
    """The image re-encoded in its own format with no metadata (EXIF can carry the camera's GPS
    position), turned upright first; returns the new file and its width and height."""
    upload.seek(0)
    with Image.open(upload) as opened:
        opened.load()
        image: Image.Image = ImageOps.exif_transpose(opened) or opened
        if kind == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format=kind, **({"quality": 90} if kind in ("JPEG", "WEBP") else {}))
        width, height = image.size
    upload.seek(0)
    return ContentFile(out.getvalue()), width, height
