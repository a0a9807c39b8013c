"""What the core keeps itself: the API's remembered answers to `Idempotency-Key` writes."""

from django.db import models
from django.utils import timezone


class IdempotentRequest(models.Model):
    """One API write sent with an `Idempotency-Key` header, and the answer it got
    (`apps.core.api_guard`). `owner` is who sent it (an account or a token, hashed); the pair
    (owner, key) is unique, so two requests racing with the same key make one write."""

    owner = models.CharField(max_length=64)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)  # the method, path and body, hashed
    status = models.PositiveSmallIntegerField(null=True, blank=True)  # none while running
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="core_idempotency_owner_key")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status or '…'})"
