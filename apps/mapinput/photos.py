"""Photos on marks: only real JPEG, PNG or WebP images (checked by Pillow, not by the name),
no larger than settings.MAX_UPLOAD_SIZE nor the one pixel limit of `apps.core.images`, re-saved
at a bounded size so that EXIF (camera, GPS position) is gone."""

import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from apps.core.images import (
    TooManyPixels,
    UnreadableImage,
    read_image,
    too_many_pixels_message,
    without_metadata,
)

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


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
        kind, _width, _height = read_image(upload, FORMATS)
    except TooManyPixels as exc:
        raise PhotoError(too_many_pixels_message()) from exc
    except UnreadableImage as exc:
        raise PhotoError(_("The file is not an image we can read (JPEG, PNG or WebP).")) from exc
    clean, _width, _height = without_metadata(upload, kind)
    clean.name = f"{uuid.uuid4().hex}.{FORMATS[kind]}"
    return clean
