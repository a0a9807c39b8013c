"""Volunteer roles and shifts for realisation days, sign-ups with a waiting list, hours logged (M1).

A shift is never overfilled: `Shift.confirmed_count` is kept by the services under the shift's
row lock, and the database refuses a count above the capacity (`shift_not_overfilled`); one
sign-up per person and shift (`signup_unique_per_shift`).
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Competence
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative

MAX_HOURS_PER_DAY = Decimal("24")


class VolunteerRole(models.Model):
    """What volunteers do for an initiative (e.g. "Builder", "Host"), with the skills wanted."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="volunteer_roles")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="volunteer_roles")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    skills = models.ManyToManyField(
        Competence, blank=True, related_name="volunteer_roles", verbose_name=_("skills wanted")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "name"]
        verbose_name = _("volunteer role")
        verbose_name_plural = _("volunteer roles")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "name"], name="volunteer_role_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Shift(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CANCELLED = "cancelled", _("Cancelled")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="volunteer_shifts")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="volunteer_shifts")
    role = models.ForeignKey(VolunteerRole, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="shift_capacity_positive"),
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=F("capacity")), name="shift_not_overfilled"
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="shift_ends_after_start"),
        ]
        indexes = [models.Index(fields=["initiative", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.role.name} {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("hubs:volunteers:shift", args=[self.hub.slug, self.pk])

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.confirmed_count >= self.capacity

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class Signup(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_signups"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    position = models.PositiveIntegerField(_("position"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["shift", "user"], name="signup_unique_per_shift"),
        ]
        indexes = [models.Index(fields=["shift", "status", "position"])]

    def __str__(self) -> str:
        return f"{self.user} for {self.shift} ({self.status})"


class HoursLog(models.Model):
    """Hours a volunteer gave on a shift: logged by the team (confirmed at once), or by the
    volunteer and then confirmed by the team. Confirmed hours count in the financing plan."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="hours")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_hours"
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_HOURS_PER_DAY)],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shift", "pk"]
        verbose_name = _("hours logged")
        verbose_name_plural = _("hours logged")
        constraints = [
            models.UniqueConstraint(fields=["shift", "user"], name="hours_unique_per_shift"),
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="hours_within_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.hours} h by {self.user} on {self.shift}"


class LoggedHoursSource(models.Model):
    """The initiative's funding source that carries its confirmed volunteer hours (one each)."""

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="+")
    source = models.OneToOneField("funding.FundingSource", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("logged hours source")
        verbose_name_plural = _("logged hours sources")

    def __str__(self) -> str:
        return f"{self.initiative_id} → {self.source_id}"


def new_feed_key() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's unguessable address for the calendar of their own shifts."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64, unique=True, default=new_feed_key)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shift calendar feed")
        verbose_name_plural = _("shift calendar feeds")

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"
