"""Money, one way everywhere (V1, V4, V5): `Decimal` to the øre/öre/cent, in a hub's currency.

Amounts are stored with `money_field()` (14 digits, 2 decimals, never float), checked by
`validate_amount` (not negative, at most 10^12, at most two decimals) in forms, services and the
API alike, and shown by the `money` template filter in the reader's language
("12 500,50 kr", "€ 1 200,00"). Sums are done in `Decimal` (or by the database on decimals).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

MAX_AMOUNT = Decimal(10) ** 12
CENT = Decimal("0.01")


class Currency(models.TextChoices):
    NOK = "NOK", _("Norwegian kroner (NOK)")
    SEK = "SEK", _("Swedish kronor (SEK)")
    EUR = "EUR", _("Euro (EUR)")


# The currency a hub in a country starts with.
COUNTRY_CURRENCY = {"NO": Currency.NOK, "SE": Currency.SEK}


def validate_amount(value: Any) -> None:
    """Refuses what no budget line, pledge or commitment can be: a negative or absurd amount, or
    one with more decimals than the currency has."""
    if not isinstance(value, Decimal):
        try:
            value = Decimal(str(value))
        except (InvalidOperation, ValueError) as exc:
            raise ValidationError(_("Enter an amount, e.g. 1500 or 1500.50."), code="invalid") from exc
    if not value.is_finite():
        raise ValidationError(_("Enter an amount, e.g. 1500 or 1500.50."), code="invalid")
    if value < 0:
        raise ValidationError(_("An amount cannot be negative."), code="negative")
    if value > MAX_AMOUNT:
        raise ValidationError(_("An amount can be at most 1 000 000 000 000."), code="too_large")
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValidationError(_("An amount can have at most two decimals."), code="decimals")


def money_field(verbose_name: Any, **kwargs: Any) -> models.DecimalField:
    """A model field for an amount: 14 digits with two decimals (up to 10^12), validated."""
    kwargs.setdefault("validators", [validate_amount])
    return models.DecimalField(verbose_name, max_digits=15, decimal_places=2, **kwargs)


class AmountField(forms.DecimalField):
    """A form field for an amount: accepts "1 500,50" as well as "1500.50" and explains what is
    wrong in the user's language (negative, too large, too many decimals)."""

    default_error_messages = {"invalid": _("Enter an amount, e.g. 1500 or 1500.50.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        # The digits are checked by validate_amount, with messages people understand.
        kwargs.pop("max_digits", None)
        kwargs.pop("decimal_places", None)
        super().__init__(**kwargs)
        self.validators.append(validate_amount)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            # Spaces (also non-breaking ones) group thousands in nb and sv.
            value = value.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        return super().to_python(value)


def total(amounts: Any) -> Decimal:
    """The exact sum of amounts (None counts as nothing)."""
    return sum((Decimal(a) for a in amounts if a is not None), Decimal("0.00"))


SYMBOL_AFTER = {"NOK": "kr", "SEK": "kr"}


def format_money(amount: Decimal | int | None, currency: str, *, whole: bool = False) -> str:
    """An amount for people: "12 500,50 kr" (nb/sv), "12,500.50 kr" (en), "€ 1 200,00". With
    `whole`, an amount without øre drops its decimals ("955 000 kr", for summaries on a phone)."""
    if amount is None:
        return ""
    value = Decimal(amount).quantize(CENT)
    places = 0 if whole and value == value.to_integral_value() else 2
    text = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    if currency in SYMBOL_AFTER:
        return f"{text}\u00a0{SYMBOL_AFTER[currency]}"
    if currency == "EUR":
        return f"€\u00a0{text}"
    return f"{text}\u00a0{currency}"
