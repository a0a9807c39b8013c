"""Hubs and the people and organisations in them: memberships, partnerships, working groups.

Everything here belongs to exactly one hub. Roles that are offices in a hub (stewardship
team, network lead, board) are flags on the membership; working-group roles live on the
group; "partner representative" follows from representing an approved partner organisation.
"""

from datetime import date
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.money import Currency, money_field
from apps.organisations.models import Organisation

RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "accounts",
        "static",
        "media",
        "healthz",
        "i18n",
        "hubs",
        "me",
        "profile",
        "people",
        "organisations",
        "competences",
        "about",
        "search",
        "bench",
        "notifications",
        "tasks",
        "bench-minimal",
    }
)


def validate_hub_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("This address is reserved. Choose another."), code="reserved")


def zone_named(name: str) -> ZoneInfo:
    """The time zone of that name, or the installation's own when the name is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def date_in(name: str) -> date:
    """Today's date in the time zone of that name: what "today" is for a hub there."""
    return timezone.localdate(timezone=zone_named(name))


def default_languages() -> list[str]:
    return ["nb", "sv", "en"]


def hub_name_key(name: str) -> str:
    """How hub names are compared: case-folded, spaces collapsed."""
    return " ".join(name.split()).casefold()[:120]


class Hub(models.Model):
    """A city's or region's infrastructure for collaborative development (H1)."""

    slug = models.SlugField(_("address"), max_length=50, unique=True, validators=[validate_hub_slug])
    name = models.CharField(_("name"), max_length=120)
    # The name as compared: two hubs called the same, in any case or spacing, would be one too
    # many for anyone choosing where to join. Kept by save(); unique in the database (SQLite's
    # lower() folds only ASCII, so a functional constraint would let "ÅS" and "ås" both in).
    name_key = models.CharField(max_length=120, unique=True, editable=False)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    place = models.CharField(_("place"), max_length=120, help_text=_("City or region, e.g. Oslo."))
    country = models.CharField(_("country"), max_length=2, choices=Organisation.Country.choices, default="NO")
    languages = models.JSONField(_("languages"), default=default_languages)
    timezone = models.CharField(_("time zone"), max_length=40, default="Europe/Oslo")
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    accepts_members = models.BooleanField(_("open for new members"), default=True)
    accepts_partners = models.BooleanField(_("open for new partners"), default=True)
    stage = models.CharField(
        _("stage"),
        max_length=12,
        choices=[("establishing", _("Being established")), ("active", _("Active"))],
        default="active",
        help_text=_("A new hub runs the establishment process (H2) before it is active."),
    )
    # Money (V4, V5): every amount of the hub is in its currency; volunteer hours count in a
    # financing plan at the hub's hourly rate.
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.NOK)
    hourly_rate = money_field(
        _("value of a volunteer hour"),
        default=Decimal("0.00"),
        help_text=_("What one volunteer hour counts for in a financing plan, in the hub's currency."),
    )
    # A picture of the hub's place for its card (re-encoded by apps.core.images when uploaded;
    # the demo draws its own with apps.core.sketches).
    image = models.ImageField(_("image"), upload_to="hubs/", blank=True)
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    # A bounding box stewards may set (WGS84 degrees), for a hub whose areas are not uploaded
    # yet or do not cover all of it: places (initiatives, events, marks …) must lie inside the
    # hub's areas or this box (apps.places.bounds). All four or none; set through
    # apps.hubs.services.hub_set_bounds, which checks them.
    bounds_min_lon = models.FloatField(_("westernmost longitude"), null=True, blank=True)
    bounds_min_lat = models.FloatField(_("southernmost latitude"), null=True, blank=True)
    bounds_max_lon = models.FloatField(_("easternmost longitude"), null=True, blank=True)
    bounds_max_lat = models.FloatField(_("northernmost latitude"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A new number whenever something a page of the hub shows changes (apps.hubs.versions, in the
    # writer's transaction): cached parts of its pages live under keys with this number, so every
    # process sees a change at once, whatever the cache backend.
    content_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = hub_name_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/{self.slug}/"

    @property
    def zone(self) -> ZoneInfo:
        """The hub's time zone: dates, deadlines and reminders are the hub's local ones."""
        return zone_named(self.timezone)

    def today(self) -> date:
        return date_in(self.timezone)

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """The steward-set bounding box (min lon, min lat, max lon, max lat), or None."""
        box = (self.bounds_min_lon, self.bounds_min_lat, self.bounds_max_lon, self.bounds_max_lat)
        if any(value is None for value in box):
            return None
        return box  # type: ignore[return-value]


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Membership(models.Model):
    """A person's membership of a hub, from application to approval, and their offices in it."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    message = models.TextField(_("why do you want to join?"), max_length=2000, blank=True)
    is_steward = models.BooleanField(_("stewardship team"), default=False)
    is_network_lead = models.BooleanField(_("network lead"), default=False)
    is_board = models.BooleanField(_("board"), default=False)
    applied_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-applied_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["hub", "user"], name="membership_unique_per_hub")]
        indexes = [models.Index(fields=["hub", "status"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.hub}"

    @property
    def is_approved(self) -> bool:
        return self.status == ApplicationStatus.APPROVED


class Partnership(models.Model):
    """An organisation's partnership in a hub, from application to approval."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="partnerships")
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    contribution = models.TextField(
        _("what you will contribute"),
        max_length=4000,
        blank=True,
        help_text=_("Money, in-kind resources, competence, premises …"),
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-applied_at"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(fields=["hub", "organisation"], name="partnership_unique_per_hub")
        ]
        indexes = [models.Index(fields=["hub", "status"])]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.hub}"


class WorkingGroup(models.Model):
    """A thematic working group in a hub (Pådriv: 8–15 people with one lead)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="working_groups")
    slug = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=120)
    theme = models.CharField(_("theme"), max_length=120, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_working_groups",
        verbose_name=_("lead"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="WorkingGroupMember", related_name="working_groups"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints = [models.UniqueConstraint(fields=["hub", "slug"], name="working_group_unique_slug")]

    def __str__(self) -> str:
        return self.name


class WorkingGroupMember(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="working_group_member_unique")]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"
