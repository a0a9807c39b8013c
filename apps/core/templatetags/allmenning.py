"""Template helpers: Markdown, initials for avatars."""

from datetime import date, datetime

from django import template
from django.forms import BoundField
from django.utils import timezone
from django.utils.safestring import SafeString

from apps.core.markdown import render_markdown
from apps.core.money import format_money

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.filter
def initials(name: str) -> str:
    parts = [p for p in (name or "").replace("@", " ").split() if p]
    return "".join(p[0] for p in parts[:2]).upper() or "?"


@register.filter
def input_value(field: BoundField) -> str:
    """A bound field's value as an <input> wants it, whatever the reader's language: dates as
    2026-11-23, date-times as 2026-11-23T18:30 (in the current time zone), numbers with a
    decimal point. `{{ field.value }}` would localise them ("23. nov. 2026", "59,9"), which
    date and number inputs reject as empty."""
    value = field.value()
    if value is None:
        return ""
    input_type = getattr(field.field.widget, "input_type", "")
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%dT%H:%M") if input_type == "datetime-local" else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)  # numbers keep their decimal point


@register.filter
def money(amount: object, currency: str = "NOK") -> str:
    """`{{ line.amount|money:hub.currency }}`: an amount in the reader's language."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency)  # type: ignore[arg-type]


@register.filter
def money_whole(amount: object, currency: str = "NOK") -> str:
    """`{{ total|money_whole:hub.currency }}`: like `money`, without ",00" for whole amounts."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency, whole=True)  # type: ignore[arg-type]
