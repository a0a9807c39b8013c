"""Models of privacy: a person's data archives, and each hub's retention of anonymous input
metadata (X4)."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.storage import private_storage

DEFAULT_RETENTION_DAYS = 90


def archive_path(instance: "DataArchive", filename: str) -> str:
    # A random folder: the name of a private file never says whose it is or guesses to another.
    return f"privacy/archives/{secrets.token_hex(16)}/{filename}"


class DataArchive(models.Model):
    """An archive of everything about one person, built in the background for a big account.

    Only its owner downloads it (the view checks), and only until `expires_at`; the purge
    removes expired archives and their files."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_archives")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(
        _("archive"), upload_to=archive_path, max_length=255, storage=private_storage, blank=True
    )
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("data archive")
        verbose_name_plural = _("data archives")

    def __str__(self) -> str:
        return f"Archive {self.pk} of user {self.user_id}"


class RetentionSetting(models.Model):
    """How long a hub keeps metadata of anonymous input (IP-derived rate-limit data, device
    markers) before the purge removes it. Hubs without a row keep it DEFAULT_RETENTION_DAYS."""

    hub = models.OneToOneField("hubs.Hub", on_delete=models.CASCADE, related_name="retention_setting")
    anonymous_metadata_days = models.PositiveIntegerField(
        _("keep anonymous input metadata for (days)"),
        default=DEFAULT_RETENTION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("Rate-limit data derived from IP addresses and device markers of anonymous answers."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("retention setting")
        verbose_name_plural = _("retention settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous_metadata_days__gte=1, anonymous_metadata_days__lte=3650),
                name="privacy_retention_days_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.hub}: {self.anonymous_metadata_days} days"
