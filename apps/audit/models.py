"""The audit log: who did what to which object, when and why.

One `AuditEntry` per action of a moderator or steward (hiding an idea, dismissing a report …).
Entries are written by `apps.audit.services.audit_record` inside the acting service's
transaction, so an action and its entry are saved together or not at all. Entries are never
edited; the target is kept by content type, id and its text at the time, so the entry outlives
the object.
"""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Human names of actions and of the parts of the platform they belong to, for the log page and
# its filters. Each app adds its own in `AppConfig.ready()` with `register_actions`; an unknown
# action shows its code.
ACTION_LABELS: dict[str, Any] = {}
ACTION_GROUPS: dict[str, Any] = {}


def register_actions(group: str, group_label: Any, labels: dict[str, Any]) -> None:
    """`register_actions("hubs", _("Members and roles"), {"hubs.membership_approve": _("…")})`:
    every action's code starts with its group and a dot."""
    assert all(code.startswith(f"{group}.") for code in labels), labels
    ACTION_GROUPS[group] = group_label
    ACTION_LABELS.update(labels)


class AuditEntryIsFinal(Exception):
    """Raised when code tries to change or delete an audit entry: the log is append-only."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    """Entries can be read and added, never changed or deleted in bulk (admin actions included).

    A hub's entries go with the hub itself (a database cascade, not this queryset), and an
    actor who deletes their account leaves entries without an actor (SET_NULL)."""

    def update(self, **kwargs: Any) -> int:
        raise AuditEntryIsFinal("Audit entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditEntryIsFinal("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    hub = models.ForeignKey("hubs.Hub", on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=60)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(_("target"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["hub", "-created"], name="audit_hub_latest")]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Only a new entry is saved; an existing one is final."""
        if not self._state.adding:
            raise AuditEntryIsFinal("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditEntryIsFinal("Audit entries cannot be deleted.")

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))
