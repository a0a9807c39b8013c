"""In-app notifications, and how each person wants them by e-mail (M4).

A notification is written once, in its recipient's language, when something happens; it is
shown on /notifications/ and e-mailed at once, in a daily digest, or never, as the recipient
chooses. `emailed_at` records the one e-mail that carried it, so none is sent twice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.notifications.text import short_text


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    hub = models.ForeignKey("hubs.Hub", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=40, default="general")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), max_length=20000, blank=True)
    # The in-app list shows this short text and one link (`url`); the e-mail carries `body`.
    short = models.CharField(_("short text"), max_length=300, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                name="notification_unread",
                condition=models.Q(read_at__isnull=True),
            ),
            models.Index(
                fields=["recipient", "created_at"],
                name="notification_unsent",
                condition=models.Q(emailed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def short_text(self) -> str:
        """The short text for the list (made from the body for notifications from before)."""
        return self.short or short_text(self.body)

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    class Email(models.TextChoices):
        IMMEDIATELY = "immediately", _("At once, one e-mail per notification")
        DAILY = "daily", _("Once a day, in one digest")
        NEVER = "never", _("Never: I read them here")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.CharField(_("e-mail"), max_length=12, choices=Email.choices, default=Email.IMMEDIATELY)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.email}"
