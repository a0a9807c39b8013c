"""Dates people type must fall in a sensible window around today: not 1900, not 9999.

`check_window` is the one check; each app names its field and window. The message says the
window in the visitor's language and date format."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _


def window(*, past_days: int, future_days: int) -> tuple[date, date]:
    today = timezone.localdate()
    return today - timedelta(days=past_days), today + timedelta(days=future_days)


def check_window(value: date | datetime | None, *, field: str, past_days: int, future_days: int) -> None:
    """ValidationError on `field` unless `value` (a date, or a datetime in the current time zone)
    lies between `past_days` before and `future_days` after today. None passes."""
    if value is None:
        return
    day = timezone.localtime(value).date() if isinstance(value, datetime) else value
    first, last = window(past_days=past_days, future_days=future_days)
    if first <= day <= last:
        return
    message = _("Choose a date between %(first)s and %(last)s.") % {
        "first": formats.date_format(first, "SHORT_DATE_FORMAT"),
        "last": formats.date_format(last, "SHORT_DATE_FORMAT"),
    }
    raise ValidationError({field: ValidationError(message, code="date_out_of_range")})
