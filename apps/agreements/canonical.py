"""The canonical text of an agreement and its SHA-256: what a signature is a signature of.

The canonical form of a text, step by step (the verification page says the same):

1. A leading byte order mark (U+FEFF) is removed.
2. Unicode normalisation form NFC (so "å" typed as a + ring is the same as the letter å).
3. Line endings are "\\n": every "\\r\\n" and every lone "\\r" becomes "\\n".
4. Trailing whitespace is removed from every line (spaces, tabs and every other character
   Python's `str.isspace()` calls whitespace, such as a no-break space).
5. Empty lines at the end are removed and the text ends with exactly one "\\n".
   (A text with nothing left is the empty string.)

The hash is SHA-256 of the canonical text encoded as UTF-8, written as 64 lowercase
hexadecimal digits. So a text copied from the page, the print view or a file saved on any
operating system gives the same hash as long as its words and lines are the same.
"""

import hashlib
import re
import unicodedata

HEX64 = re.compile(r"^[0-9a-f]{64}$")


def canonical_text(text: str) -> str:
    text = (text or "").removeprefix("\ufeff")
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def sha256_of(text: str) -> str:
    """SHA-256 of the canonical form of `text` (hex)."""
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


def clean_hash(value: str) -> str | None:
    """A SHA-256 as people paste it (spaces, capitals) in its stored form, or None."""
    value = "".join((value or "").split()).lower()
    return value if HEX64.match(value) else None
