"""Reads of the audit log."""

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from apps.audit.models import AuditEntry


def audit_entries(
    *,
    hub: Any,
    action_prefix: str = "",
    action: str = "",
    who: str = "",
    text: str = "",
    since: date | None = None,
    until: date | None = None,
    zone: ZoneInfo | None = None,
) -> QuerySet[AuditEntry]:
    """A hub's entries, newest first, with actor and target type joined (one query per page).

    Filters: a group of actions ("hubs." …), one action, who did it (name or e-mail contains),
    the target or reason contains `text`, and the days `since`…`until` (inclusive) in `zone`,
    the hub's time zone.
    """
    qs = AuditEntry.objects.filter(hub=hub).select_related("actor", "target_type")
    if action_prefix:
        qs = qs.filter(action__startswith=action_prefix)
    if action:
        qs = qs.filter(action=action)
    if who:
        qs = qs.filter(Q(actor__name__icontains=who) | Q(actor__email__icontains=who))
    if text:
        qs = qs.filter(Q(target_repr__icontains=text) | Q(reason__icontains=text))
    if since is not None:
        qs = qs.filter(created__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until is not None:
        qs = qs.filter(created__lt=datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone))
    return qs.order_by("-created", "-pk")
