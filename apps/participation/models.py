"""Ideas and comments in a space (C1), support for ideas, and reports to the moderators.

`Idea.support_count` and `Idea.comment_count` are kept exact by the services in the same
transaction as the change they count (see services.py); `comment_count` counts the comments
that are not hidden.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub
from apps.participation.spaces import SpaceScoped

TITLE_MAX = 140
BODY_MAX = 5000
COMMENT_MAX = 3000
REASON_MAX = 500
THREAD_DEPTH = 3  # replies are shown nested this deep; deeper replies sit at the last level


class Category(models.TextChoices):
    GREEN = "green", _("Green spaces and nature")
    MOBILITY = "mobility", _("Walking, cycling and transport")
    MEETING = "meeting", _("Meeting places and culture")
    YOUTH = "youth", _("Children and young people")
    SAFETY = "safety", _("Safety and lighting")
    BUILDINGS = "buildings", _("Buildings and housing")
    CLIMATE = "climate", _("Climate and energy")
    OTHER = "other", _("Other")


class Idea(SpaceScoped):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("your idea"), max_length=BODY_MAX)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    created = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.VISIBLE)
    hidden_reason = models.CharField(_("reason"), max_length=REASON_MAX, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    support_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["hub", "initiative", "area", "status", "-created"], name="idea_space_new"),
            models.Index(fields=["hub", "status", "-support_count"], name="idea_hub_supported"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative__isnull=True) | Q(area__isnull=True), name="idea_one_space"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_hidden(self) -> bool:
        return self.status == self.Status.HIDDEN

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/ideas/{self.space.key}/{self.pk}/"


class Comment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX)
    created = models.DateTimeField(default=timezone.now)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(_("reason"), max_length=REASON_MAX, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["idea", "created"], name="comment_idea_created")]

    def __str__(self) -> str:
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "")

    def get_absolute_url(self) -> str:
        return f"{self.idea.get_absolute_url()}#comment-{self.pk}"

    @property
    def hub(self) -> Hub:
        return self.idea.hub

    @property
    def is_hidden(self) -> bool:
        return self.hidden


class Support(models.Model):
    """One person supports one idea, once. Withdrawing deletes the row."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="support_once_per_person")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id}"


class Report(models.Model):
    """Someone asks the moderators to look at an idea or a comment (exactly one of the two)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Content hidden")
        DISMISSED = "dismissed", _("Dismissed")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("what is wrong?"), max_length=REASON_MAX)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "idea"],
                condition=Q(status="open", comment__isnull=True),
                name="report_open_once_idea",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(status="open", comment__isnull=False),
                name="report_open_once_comment",
            ),
        ]
        indexes = [models.Index(fields=["status", "created"], name="report_status")]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.target}"

    @property
    def target(self) -> Any:
        """The reported comment, else the reported idea."""
        return self.comment if self.comment_id else self.idea

    @property
    def hub(self) -> Hub:
        return self.idea.hub
