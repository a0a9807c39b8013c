"""Small but real files for upload tests: a document check reads them whole."""

import functools
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def pdf_bytes(padding: int = 0) -> bytes:
    """A minimal complete PDF (header, one catalog object, trailer, end marker)."""
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
        + b"% "
        + b"x" * padding
        + b"\n"
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def pdf(name: str = "plan.pdf", padding: int = 0) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(padding), content_type="application/pdf")


def png_bytes(size: tuple[int, int] = (8, 6), colour: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def docx_bytes() -> bytes:
    """A zip with the member every Office Open XML file has (enough for the archive check)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
    return out.getvalue()


@functools.lru_cache(maxsize=1)
def huge_png_bytes() -> bytes:
    """A real 13,000 × 13,000 PNG of a few hundred kilobytes: 169 megapixels once decoded."""
    out = io.BytesIO()
    Image.new("1", (13_000, 13_000)).save(out, format="PNG")
    return out.getvalue()


def huge_png(name: str = "huge.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, huge_png_bytes(), content_type="image/png")


# A file that starts as a GIF and goes on as a web page: a browser sniffing it would run the script.
GIF_POLYGLOT = b"GIF89a<html><body><script>alert(document.cookie)</script></body></html>"
PDF_WITH_SCRIPT = pdf_bytes().replace(b"% ", b"% <script>alert(1)</script> ")
PDF_TRUNCATED = pdf_bytes()[:-7]
