"""Photos on marks: only real JPEG, PNG or WebP images (checked by Pillow, not by the name),
no larger than settings.MAX_UPLOAD_SIZE, re-saved so that EXIF (camera, GPS position) is gone."""

import io
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000
MAX_SIDE = 2400


class PhotoError(ValueError):
    pass


def clean_photo(upload: Any) -> ContentFile:
    """A new file with the image re-encoded without metadata, or PhotoError (translated)."""
    size = getattr(upload, "size", None)
    if size is None or size > settings.MAX_UPLOAD_SIZE:
        raise PhotoError(
            _("The photo is too large (at most %(mb)s MB).")
            % {"mb": round(settings.MAX_UPLOAD_SIZE / 1024 / 1024)}
        )
    try:
        upload.seek(0)
        data = upload.read()
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            if fmt not in FORMATS:
                raise PhotoError(_("The photo must be a JPEG, PNG or WebP image."))
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoError(_("The photo has too many pixels."))
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image: Image.Image = ImageOps.exif_transpose(opened) or opened
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            if fmt == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            options: dict[str, Any] = {"quality": 85} if fmt in ("JPEG", "WEBP") else {"optimize": True}
            image.save(out, format=fmt, **options)  # a fresh file: no EXIF, no other metadata
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoError(_("The file is not an image we can read (JPEG, PNG or WebP).")) from exc
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[fmt]}")
