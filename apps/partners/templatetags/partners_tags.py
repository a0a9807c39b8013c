"""Template helpers for partner pages and the panels partners adds to other apps' pages."""

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def commitment_value(commitment: Any, hub: Any) -> Decimal | None:
    """`{{ commitment|commitment_value:hub }}`: the amount, or hours at the hub's rate."""
    return commitment.value(hub.hourly_rate)
