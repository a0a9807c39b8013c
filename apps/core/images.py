"""Reading an uploaded image: the one place that asks Pillow what a file really is (the name
and the browser's content type are not trusted). Callers turn `UnreadableImage` into their
own translated message."""

from typing import Any

from PIL import Image, UnidentifiedImageError


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
