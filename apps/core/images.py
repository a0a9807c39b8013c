"""Reading an uploaded image: the one place that asks Pillow what a file really is (the name
and the browser's content type are not trusted), and the one pixel limit for every image upload.

The size is read from the file's header before anything is decoded, so a small file that claims
13,000 × 13,000 pixels is refused without costing a worker its memory; what is stored is
re-encoded at no more than `MAX_SIDE` pixels on its longest side. Callers turn `UnreadableImage`
and `TooManyPixels` into their own translated message."""

import io
import warnings
from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # a 40-megapixel camera's photo; far beyond what a page shows
MAX_SIDE = 2400  # stored images are scaled down to this many pixels on their longest side


class UnreadableImage(ValueError):
    """The file is not an image Pillow can read, or not one of the formats asked for."""


class TooManyPixels(UnreadableImage):
    """The image's header claims more than MAX_PIXELS pixels; nothing was decoded."""


def too_many_pixels_message() -> str:
    """What a person is told when their image is over the pixel limit (in their language)."""
    return _(
        "The image has too many pixels (at most %(megapixels)d megapixels). Make it smaller and try again."
    ) % {"megapixels": MAX_PIXELS // 1_000_000}


def read_image(
    upload: Any, formats: set[str] | dict[str, str], *, decode: bool = False
) -> tuple[str, int, int]:
    """(Pillow format name, width, height) of an uploaded image in one of `formats`.

    The pixel count is checked from the header first. `decode=True` also decodes every pixel,
    for files that are stored as they came (a file whose first bytes say GIF but whose rest is
    a web page fails here)."""
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow warns of a "decompression bomb" from 89 megapixels; the check below refuses
            # far earlier, and says so in the person's language.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)
        with image:
            kind = image.format or ""
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise TooManyPixels(f"{width}×{height}")
            image.verify()
        if decode:
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
    except TooManyPixels:
        raise
    except Image.DecompressionBombError as exc:
        raise TooManyPixels(str(exc)) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise UnreadableImage(str(exc)) from exc
    finally:
        upload.seek(0)
    if kind not in formats:
        raise UnreadableImage(kind)
    return kind, width, height


def without_metadata(upload: Any, kind: str) -> tuple[ContentFile, int, int]:
    """The image re-encoded in its own format with no metadata (EXIF can carry the camera's GPS
    position), turned upright and scaled down to MAX_SIDE first; returns the new file and its
    width and height. Call `read_image` before: it enforces the pixel limit."""
    upload.seek(0)
    with Image.open(upload) as opened:
        if opened.width * opened.height > MAX_PIXELS:
            raise TooManyPixels(f"{opened.width}×{opened.height}")
        opened.load()
        image: Image.Image = ImageOps.exif_transpose(opened) or opened
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        if kind == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format=kind, **({"quality": 90} if kind in ("JPEG", "WEBP") else {}))
        width, height = image.size
    upload.seek(0)
    return ContentFile(out.getvalue()), width, height
