"""Reads of the audit log."""

from typing import Any

from django.db.models import QuerySet

from apps.audit.models import AuditEntry


def audit_entries(*, hub: Any, action_prefix: str = "") -> QuerySet[AuditEntry]:
    """A hub's entries, newest first, with actor and target type joined (one query per page)."""
    qs = AuditEntry.objects.filter(hub=hub).select_related("actor", "target_type")
    if action_prefix:
        qs = qs.filter(action__startswith=action_prefix)
    return qs.order_by("-created", "-pk")
