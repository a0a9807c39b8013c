"""Writing to the audit log. Any app may call `audit_record` from its services."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from apps.audit.models import AuditEntry


def audit_record(
    *,
    hub: Any,
    actor: Any,
    action: str,
    target: models.Model | None,
    reason: str = "",
    data: dict[str, Any] | None = None,
    label: str = "",
) -> AuditEntry:
    """Record that `actor` did `action` (e.g. "participation.idea_hide") to `target` in `hub`.

    No permission check here: the calling service has made it. Call it inside the calling
    service's transaction, so that the action and its entry commit (or roll back) together.
    `data` must be JSON-serialisable. `label` names the target in the log instead of its
    `str()` (e.g. the member's name rather than "Kari in Oslo").
    """
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        hub=hub,
        actor=actor_obj,
        action=action[:60],
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=(label or (str(target) if target is not None else ""))[:200],
        reason=reason,
        data=data or {},
    )


def audit_redact_name(*, name: str, replacement: str) -> int:
    """The one change the append-only log allows: a person who deleted their account is no
    longer named in the labels of entries about them ("Initiative team: Kari Nordmann" becomes
    "Initiative team: former participant"). Erasure of personal data outweighs an unchanged
    label; what happened, when and by which account stays. Called only by account deletion
    (apps.privacy); returns how many entries were redacted."""
    from django.db.models import Value
    from django.db.models.functions import Replace

    if not name:
        return 0
    # The plain base manager: AuditEntry.objects refuses every update by design.
    return AuditEntry._base_manager.filter(target_repr__contains=name).update(
        target_repr=Replace("target_repr", Value(name), Value(replacement))
    )
