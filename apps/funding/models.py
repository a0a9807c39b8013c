"""Budgets and financing plans, funding campaigns with pledges and matched funds, grant
applications (V4, V5).

- A `Budget` belongs to one initiative (or, with no initiative, to the hub itself) and holds
  `CostLine`s and `FundingSource`s, each planned versus actual. Volunteer hours are stored as
  hours and valued at the hub's `hourly_rate` when read, so a change of the rate revalues them.
- A `Campaign` (one per initiative) collects `Pledge`s from signed-in people and organisations;
  payment happens outside the system, so the team confirms what was received. `MatchFund`s are
  sponsors that add to pledges at a ratio up to a cap.
- A `GrantApplication` (funder, amount, deadline, status) keeps its `GrantDocument`s in private
  storage; a granted application appears as a funding source of its budget.

Every amount is `apps.core.money.money_field` (Decimal, two decimals) in the hub's currency.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.money import money_field
from apps.core.storage import private_storage, unguessable
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.organisations.models import Organisation

MAX_HOURS = Decimal(1_000_000)


class Budget(models.Model):
    """The financing plan of an initiative, or of the hub itself (initiative empty)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="budgets")
    initiative = models.OneToOneField(
        Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="budget"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["hub"], condition=Q(initiative__isnull=True), name="budget_one_per_hub"
            )
        ]

    def __str__(self) -> str:
        return f"Budget of {self.initiative or self.hub}"


class CostCategory(models.TextChoices):
    MATERIALS = "materials", _("Materials")
    SERVICES = "services", _("Services and craftspeople")
    EQUIPMENT = "equipment", _("Tools and equipment")
    EVENTS = "events", _("Events and food")
    COMMUNICATION = "communication", _("Communication")
    PERMITS = "permits", _("Permits and fees")
    OTHER = "other", _("Other")


class CostLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="cost_lines")
    description = models.CharField(_("description"), max_length=200)
    category = models.CharField(
        _("category"), max_length=16, choices=CostCategory.choices, default=CostCategory.OTHER
    )
    planned = money_field(_("planned"))
    actual = money_field(_("actual"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["budget", "category", "pk"]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        constraints = [
            models.CheckConstraint(condition=Q(planned__gte=0), name="cost_line_planned_not_negative"),
            models.CheckConstraint(
                condition=Q(actual__isnull=True) | Q(actual__gte=0), name="cost_line_actual_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def hub(self) -> Hub:
        return self.budget.hub

    @property
    def initiative(self) -> Initiative | None:
        return self.budget.initiative


class SourceKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal funding")
    GRANT = "grant", _("Grant")
    SPONSOR = "sponsor", _("Sponsor")
    CROWDFUNDING = "crowdfunding", _("Crowdfunding")
    IN_KIND = "in_kind", _("In kind")
    VOLUNTEER_HOURS = "volunteer_hours", _("Volunteer hours")


class FundingSource(models.Model):
    """Where money (or its worth) comes from. Volunteer hours store hours, not an amount: their
    value is hours × the hub's hourly rate, computed exactly when read."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("type"), max_length=16, choices=SourceKind.choices)
    description = models.CharField(_("from whom / what"), max_length=200)
    planned = money_field(_("planned"), null=True, blank=True)
    received = money_field(_("received"), null=True, blank=True)
    planned_hours = models.DecimalField(
        _("planned hours"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_HOURS)],
    )
    actual_hours = models.DecimalField(
        _("hours given"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_HOURS)],
    )
    grant_application = models.OneToOneField(
        "GrantApplication", null=True, blank=True, on_delete=models.CASCADE, related_name="funding_source"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["budget", "kind", "pk"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned__isnull=True) | Q(planned__gte=0), name="source_planned_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(received__isnull=True) | Q(received__gte=0), name="source_received_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def hub(self) -> Hub:
        return self.budget.hub

    @property
    def initiative(self) -> Initiative | None:
        return self.budget.initiative

    @property
    def is_hours(self) -> bool:
        return self.kind == SourceKind.VOLUNTEER_HOURS


class Mode(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
    KEEP = "keep", _("Keep what you raise")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CLOSED = "closed", _("Closed")


class Campaign(models.Model):
    """An initiative's crowdfunding campaign. `pledged_total` is the sum of its pledges that are
    not cancelled, recomputed by the database under the campaign's row lock on every change."""

    Status = CampaignStatus

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="campaigns")
    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="campaign")
    description = models.TextField(_("what the money is for"), max_length=5000, blank=True)
    goal = money_field(_("goal"))
    deadline = models.DateField(_("deadline"), help_text=_("Pledges are taken until the end of this day."))
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices, default=Mode.ALL_OR_NOTHING)
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    pledged_total = money_field(_("pledged"), default=Decimal("0.00"))
    received_total = money_field(_("received"), default=Decimal("0.00"))
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("funding campaign")
        verbose_name_plural = _("funding campaigns")
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            models.CheckConstraint(condition=Q(goal__gt=0), name="campaign_goal_positive"),
        ]

    def __str__(self) -> str:
        return f"Campaign of {self.initiative}"

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/funding/i/{self.initiative.slug}/campaign/"

    @property
    def is_open(self) -> bool:
        return self.status == CampaignStatus.OPEN

    @property
    def is_finished(self) -> bool:
        return self.status in (CampaignStatus.SUCCEEDED, CampaignStatus.FAILED, CampaignStatus.CLOSED)


class MatchFund(models.Model):
    """A sponsor adds `ratio` × each pledge (1.00 doubles it) until it has added `cap`."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="match_funds")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="match_funds")
    ratio = models.DecimalField(
        _("ratio"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
        help_text=_("1 doubles every pledge (1:1); 0.5 adds half."),
    )
    cap = money_field(_("at most"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "pk"]
        verbose_name = _("matched fund")
        verbose_name_plural = _("matched funds")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation"], name="match_fund_once_per_sponsor"),
            models.CheckConstraint(condition=Q(ratio__gt=0), name="match_fund_ratio_positive"),
            models.CheckConstraint(condition=Q(cap__gt=0), name="match_fund_cap_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} matches {self.campaign}"


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    RECEIVED = "received", _("Received")
    CANCELLED = "cancelled", _("Cancelled")


class Pledge(models.Model):
    Status = PledgeStatus

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="pledges")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="pledges"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="pledges"
    )
    amount = money_field(_("amount"))
    public_name = models.CharField(_("name shown"), max_length=100, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.PLEDGED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        indexes = [models.Index(fields=["campaign", "status"])]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="pledge_amount_positive")]

    def __str__(self) -> str:
        return f"Pledge {self.pk} to {self.campaign_id}"

    @property
    def shown_name(self) -> str:
        """What everyone sees: nothing for an anonymous pledge, else the chosen name, the
        organisation's name or the person's name."""
        if self.anonymous:
            return ""
        if self.public_name:
            return self.public_name
        if self.organisation_id:
            return self.organisation.name if self.organisation else ""
        return self.user.display_name if self.user else ""


class GrantStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SUBMITTED = "submitted", _("Submitted")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")


class GrantApplication(models.Model):
    Status = GrantStatus

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="grant_applications")
    funder = models.CharField(_("funder"), max_length=200)
    purpose = models.CharField(_("what for"), max_length=200, blank=True)
    amount = money_field(_("amount applied for"))
    amount_granted = money_field(_("amount granted"), null=True, blank=True)
    deadline = models.DateField(_("application deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=GrantStatus.choices, default=GrantStatus.PLANNED
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["budget", "deadline", "pk"]
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")

    def __str__(self) -> str:
        return self.funder

    @property
    def hub(self) -> Hub:
        return self.budget.hub

    @property
    def initiative(self) -> Initiative | None:
        return self.budget.initiative


def grant_document_path(instance: "GrantDocument", filename: str) -> str:
    return unguessable(f"funding/grants/{instance.application_id}", filename)


class GrantDocument(models.Model):
    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(
        _("document"), upload_to=grant_document_path, max_length=255, storage=private_storage
    )
    name = models.CharField(_("name"), max_length=200)
    extension = models.CharField(max_length=8)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "created_at", "pk"]
        verbose_name = _("grant document")
        verbose_name_plural = _("grant documents")

    def __str__(self) -> str:
        return self.name
