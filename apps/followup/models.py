"""Steward follow-up of new ideas (I4) and the tasks that come out of it (I5).

Pådriv's follow-up: when an idea is submitted the stewards hold a one-hour clarification
meeting with its owner, look for members and partners who match, hold a one-hour advisory
meeting, and record minutes and action points. A `Meeting` is one of those meetings; a `Task`
is an action point (from a meeting, or on its own) with an assignee and a due date.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub
from apps.initiatives.models import Initiative


class Meeting(models.Model):
    class Kind(models.TextChoices):
        CLARIFICATION = "clarification", _("Clarification meeting")
        ADVISORY = "advisory", _("Advisory meeting")
        OTHER = "other", _("Other meeting")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="followup_meetings")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="followup_meetings")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, default=Kind.CLARIFICATION)
    scheduled_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(5), MaxValueValidator(720)]
    )
    location = models.CharField(
        _("place or video link"),
        max_length=300,
        blank=True,
        help_text=_("An address, a room, or a video link."),
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="followup_meetings", verbose_name=_("participants")
    )
    agenda = models.TextField(_("agenda"), max_length=5000, blank=True)
    minutes = models.TextField(_("minutes"), max_length=50000, blank=True)
    minutes_recorded_at = models.DateTimeField(null=True, blank=True)
    minutes_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scheduled_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["hub", "scheduled_at"]),
            models.Index(fields=["initiative", "kind"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=5, duration_minutes__lte=720),
                name="meeting_duration_sane",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.initiative}"

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/follow-up/meetings/{self.pk}/"

    @property
    def ends_at(self):  # type: ignore[no-untyped-def]
        return self.scheduled_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_past(self) -> bool:
        return self.scheduled_at < timezone.now()

    @property
    def has_minutes(self) -> bool:
        return self.minutes_recorded_at is not None


class Task(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("To do")
        DOING = "doing", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.DOING)

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="tasks")
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_points",
        verbose_name=_("from meeting"),
    )
    title = models.CharField(_("what"), max_length=200)
    description = models.TextField(_("details"), max_length=5000, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("who")
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["hub", "status"]),
            models.Index(fields=["status", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(due_on__isnull=True)
                | models.Q(due_on__gte=models.F("starts_on")),
                name="task_due_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.due_on and self.due_on < timezone.localdate())
