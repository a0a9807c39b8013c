"""Codes printed on paper sheets, so each sheet is entered once.

A code is the sheet's number, four letters derived from the site's secret, the survey or vote and
the number (so codes cannot be guessed or made up), and a check character that catches a typo:
``0007-KMPX-Q``. The letters avoid look-alikes (no O/0, I/1, S/5, B/8, Z/2, G/6). Nothing is
stored when sheets are printed; entering a sheet stores its code, unique per survey or vote.
"""

import hashlib
import hmac

from django.conf import settings

ALPHABET = "ACDEFHJKLMNPQRTUVWXY3479"
MAX_SHEETS = 9999


def _letters(kind: str, pk: int, number: int) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"sheet:{kind}:{pk}:{number}".encode(), hashlib.sha256
    ).digest()
    return "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:4])


def _check(text: str) -> str:
    """A weighted sum over the code's characters (digits and letters), mod the alphabet."""
    values = "0123456789" + ALPHABET
    total = sum((i + 1) * values.index(c) for i, c in enumerate(text))
    return ALPHABET[total % len(ALPHABET)]


def sheet_code(kind: str, pk: int, number: int) -> str:
    """The code of sheet `number` (1…MAX_SHEETS) of a survey (kind "s") or vote (kind "v")."""
    body = f"{number:04d}{_letters(kind, pk, number)}"
    return f"{body[:4]}-{body[4:]}-{_check(body)}"


def normalise(code: str) -> str:
    return "".join(c for c in str(code).upper() if c.isalnum()).replace("O", "0")


def parse_sheet_code(kind: str, pk: int, code: str) -> str | None:
    """The canonical code if `code` is one of this survey's or vote's sheets (spaces, dashes and
    case do not matter), else None."""
    text = normalise(code)
    if len(text) != 9 or not text[:4].isdigit():
        return None
    number = int(text[:4])
    if not 1 <= number <= MAX_SHEETS:
        return None
    expected = sheet_code(kind, pk, number)
    return expected if normalise(expected) == text else None
