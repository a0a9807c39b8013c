"""Organisation numbers: Norwegian (Brønnøysund, 9 digits, mod-11) and Swedish (10 digits, Luhn)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_NO_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def normalise_org_number(value: str) -> str:
    """Digits only: people write '974 760 673' or '556036-0793'."""
    return re.sub(r"[\s\-]", "", value or "")


def is_valid_norwegian(number: str) -> bool:
    if not re.fullmatch(r"\d{9}", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:8], _NO_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(number[8])


def is_valid_swedish(number: str) -> bool:
    """Swedish organisationsnummer: 10 digits, Luhn check digit, third digit at least 2."""
    if not re.fullmatch(r"\d{10}", number):
        return False
    if int(number[2]) < 2:
        return False
    total = 0
    for index, digit in enumerate(number[:9]):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10 == int(number[9])


def validate_org_number(country: str, value: str) -> str:
    """Return the normalised number, or raise a translated ValidationError."""
    number = normalise_org_number(value)
    if country == "NO":
        if not is_valid_norwegian(number):
            raise ValidationError(
                _("A Norwegian organisation number has 9 digits and a valid check digit (mod 11)."),
                code="invalid_org_number",
            )
    elif country == "SE":
        if not is_valid_swedish(number):
            raise ValidationError(
                _("A Swedish organisation number has 10 digits and a valid check digit (Luhn)."),
                code="invalid_org_number",
            )
    else:
        raise ValidationError(_("Choose Norway or Sweden."), code="invalid_country")
    return number
