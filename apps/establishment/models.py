"""Models of establishment (H2): the exploratory meeting's invitation and programme as texts the
stewards edit per language, and who was invited to the meeting by e-mail (no account needed)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.events.models import Event
from apps.hubs.models import Hub

LANGUAGES = (("nb", _("Norwegian Bokmål")), ("sv", _("Swedish")), ("en", _("English")))
TEXT_MAX = 20_000


class MeetingText(models.Model):
    """A hub's own wording of the invitation or the programme in one language (Markdown with
    placeholders); without one, the default text of `apps.establishment.texts` is used."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        PROGRAMME = "programme", _("Programme")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    body = models.TextField(_("text"), max_length=TEXT_MAX)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting text")
        verbose_name_plural = _("meeting texts")
        constraints = [
            models.UniqueConstraint(fields=["hub", "kind", "language"], name="establishment_text_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"


class Invitation(models.Model):
    """An e-mail address invited to an exploratory meeting: once per meeting."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"))

    class Meta:
        ordering = ["-invited_at", "email"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="establishment_invite_once")]
        indexes = [models.Index(fields=["hub", "invited_at"])]

    def __str__(self) -> str:
        return self.email
