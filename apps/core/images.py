"""Reading an uploaded image: the one place that asks Pillow what a file really is (the name
and the browser's content type are not trusted), and the one pixel limit for every image upload.

The size is read from the file's header before anything is decoded, so a small file that claims
13,000 × 13,000 pixels is refused without costing a worker its memory; what is stored is
re-encoded at no more than `MAX_SIDE` pixels on its longest side. Callers turn `UnreadableImage`
and `TooManyPixels` into their own translated message.

The memory bound, chosen over a subprocess with RLIMIT_AS (which would cost a fork per upload):
1. the header check above, before any decode, at MAX_PIXELS (40 megapixels, well below
   Pillow's own 89-megapixel warning);
2. `Image.MAX_IMAGE_PIXELS` is set to MAX_PIXELS for the whole process, so any other
   `Image.open` anywhere refuses a bigger image too (DecompressionBombError);
3. a JPEG is decoded with `draft`, at the smallest 1/2, 1/4 or 1/8 scale that still gives
   MAX_SIDE pixels, so a 40-megapixel photo costs a few megabytes, not 160.
Decoding a permitted image therefore needs at most about 4 × MAX_PIXELS bytes (RGBA), 160 MB,
and only for formats other than JPEG; tests/core/test_pixel_bomb.py posts bombs in parallel
and checks the answers and the process's peak memory."""

import io
import warnings
from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # a 40-megapixel camera's photo; far beyond what a page shows
MAX_SIDE = 2400  # stored images are scaled down to this many pixels on their longest side
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow itself refuses more (twice this raises at open)


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
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(upload)
    except Image.DecompressionBombError as exc:
        raise TooManyPixels(str(exc)) from exc
    with opened:
        if opened.width * opened.height > MAX_PIXELS:
            raise TooManyPixels(f"{opened.width}×{opened.height}")
        if kind == "JPEG":  # decode at a reduced scale: less memory, same stored result
            opened.draft("RGB", (MAX_SIDE, MAX_SIDE))
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
