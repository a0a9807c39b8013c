"""Checking an uploaded document whole, not by its first bytes, and handing it out as an
attachment. The one place that knows what a real PDF, office document or image file looks like.

A file that starts like a GIF and goes on as a web page (`GIF89a<html><script>…`) is refused:
images are decoded to the last pixel, PDFs must end as PDFs do, office documents must be intact
archives (or OLE compound files), PDFs and OLE files may carry no markup a browser would run,
and images are stored re-encoded. Documents are
served only through a view that checks permission, with `Content-Disposition: attachment`, their
own content type, `nosniff` and a sandboxing Content-Security-Policy. Private images (initiative
images, report photos, concept images, map-mark photos) leave the same way but inline
(`inline_image`), so that an <img> can show them."""

import io
import re
import zipfile
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from apps.core.images import UnreadableImage, read_image

# Markup that makes a browser run or render something, in any case. Whole tags only, so that the
# compressed bytes of a large PDF do not match by chance.
ACTIVE_MARKUP = re.compile(
    rb"<(?:html|script|svg|iframe|body|object|embed|meta)[\s>/]|<!doctype\s", re.IGNORECASE
)
# Unpacked, an office document may be at most this large (a small archive can unpack to gigabytes).
MAX_UNPACKED = 200 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_KINDS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}
OOXML = {"docx", "xlsx", "pptx"}
ODF = {"odt", "ods", "odp"}
OLE = {"doc", "xls", "ppt"}


class BadDocument(ValueError):
    """The file is not what its type says, or carries active content."""


def _read_all(upload: Any) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return bytes(data)


def _no_active_content(data: bytes) -> None:
    found = ACTIVE_MARKUP.search(data)
    if found is not None:
        raise BadDocument(found.group().decode("ascii", "replace"))


def _check_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise BadDocument("not a complete PDF")
    _no_active_content(data)


def _check_ole(data: bytes) -> None:
    # An OLE compound file is a 512-byte header and whole sectors of 512 or 4,096 bytes.
    if not data.startswith(OLE_MAGIC) or len(data) < 1024 or len(data) % 512:
        raise BadDocument("not an OLE compound file")
    _no_active_content(data)


def _check_archive(data: bytes, extension: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED:
                raise BadDocument("unpacks too large")
            names = {member.filename for member in members}
            needed = "[Content_Types].xml" if extension in OOXML else "mimetype"
            if needed not in names:
                raise BadDocument(f"no {needed}")
            if archive.testzip() is not None:
                raise BadDocument("damaged archive")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise BadDocument(str(exc)) from exc


def check_document(upload: Any, extension: str) -> None:
    """Raise BadDocument unless the whole upload is a real file of `extension` (no dot, lower
    case): pdf, png, jpg, jpeg, gif, webp, doc, xls, ppt, docx, xlsx, pptx, odt, ods, odp.
    An image over the pixel limit raises `apps.core.images.TooManyPixels` instead."""
    data = _read_all(upload)
    if extension == "pdf":
        _check_pdf(data)
    elif extension in IMAGE_KINDS:
        try:
            read_image(io.BytesIO(data), {IMAGE_KINDS[extension]}, decode=True)
        except UnreadableImage as exc:
            if type(exc) is not UnreadableImage:  # TooManyPixels: the caller says so
                raise
            raise BadDocument(str(exc)) from exc
        # Callers store images re-encoded (`apps.core.images.without_metadata`): nothing but the
        # pixels is kept, so no scan for markup is needed.
    elif extension in OLE:
        _check_ole(data)
    elif extension in OOXML | ODF:
        _check_archive(data, extension)
    else:
        raise BadDocument(f"unknown type {extension}")


# The content type of a stored image, from the extension it was stored under. Every image is
# stored re-encoded by us (`apps.core.images.without_metadata`) under a name we gave it, so the
# extension tells the truth; anything else is sent as bytes no browser renders.
IMAGE_CONTENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}
# How long a browser or a shared cache may keep an image of a public object. Short, so that a
# mark hidden by a moderator or an unpublished report does not linger in caches for long.
PUBLIC_IMAGE_MAX_AGE = 300


def image_content_type(name: str) -> str:
    """The safe content type of a stored image (by its extension), or application/octet-stream."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return IMAGE_CONTENT_TYPES.get(extension, "application/octet-stream")


def _protected(file: Any, *, content_type: str, as_attachment: bool, filename: str) -> HttpResponseBase:
    """The file's bytes sent by Django or, after the view's permission check, by the web server
    (PROTECTED_MEDIA_SERVER), with the headers every protected file gets."""
    server = getattr(settings, "PROTECTED_MEDIA_SERVER", "django")
    disposition = content_disposition_header(as_attachment, filename) or (
        "attachment" if as_attachment else "inline"
    )
    if server == "nginx":
        prefix = getattr(settings, "PROTECTED_MEDIA_PREFIX", "/protected/")
        response: HttpResponseBase = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(file.name)
        response["Content-Disposition"] = disposition
    elif server == "apache":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = file.path
        response["Content-Disposition"] = disposition
    else:
        response = FileResponse(
            file.open("rb"), as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def attachment(file: Any, *, name: str, extension: str, content_type: str) -> HttpResponseBase:
    """A stored document as a download that no browser will render in the site's origin.

    Call it only after the permission check. Who sends the bytes is PROTECTED_MEDIA_SERVER:
    "django" (the default, also the demo: Django streams the file; whitenoise never sees
    private files), "nginx" (an empty answer with `X-Accel-Redirect:
    PROTECTED_MEDIA_PREFIX<name>`, for an `internal` nginx location whose alias is
    PRIVATE_MEDIA_ROOT) or "apache" (`X-Sendfile: <absolute path>`, mod_xsendfile). The
    headers below are the same in all three."""
    filename = f"{slugify(name)[:80] or 'document'}.{extension}"
    response = _protected(file, content_type=content_type, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


def inline_image(file: Any, *, public: bool) -> HttpResponseBase:
    """A stored image (a photo or picture kept in private storage), to be shown in an <img>.

    Call it only after the check that the person may see the object the image belongs to. Sent
    like `attachment` (Django, X-Accel-Redirect or X-Sendfile) but inline, with the content type
    its stored extension says, `nosniff`, and a cache rule: `public` for a public object's image,
    `private` (this browser only, asked again each time) otherwise."""
    filename = file.name.rsplit("/", 1)[-1]
    response = _protected(
        file, content_type=image_content_type(file.name), as_attachment=False, filename=filename
    )
    response["Cache-Control"] = f"public, max-age={PUBLIC_IMAGE_MAX_AGE}" if public else "private, no-cache"
    return response
