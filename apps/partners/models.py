"""Partners of a hub or an initiative and what they commit (V1).

A `Partner` is an organisation or a person taking part in a hub (the initiative is empty) or in
one of its initiatives, with a role. A hub's organisation partners are the approved
`hubs.Partnership`s: their `Partner` row is made when the first commitment or role is recorded.
A `Commitment` is one promise of money, in-kind resources, competence or hours, which moves
offered → agreed → delivered (or withdrawn); every move is kept as a `CommitmentChange`.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.money import CENT, money_field
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.organisations.models import Organisation


class Partner(models.Model):
    class Role(models.TextChoices):
        CO_OWNER = "co_owner", _("Co-owner")
        FUNDER = "funder", _("Funder or sponsor")
        RESOURCES = "resources", _("Provides resources")
        EXPERTISE = "expertise", _("Expertise")
        LANDOWNER = "landowner", _("Landowner")
        PUBLIC = "public", _("Public authority")
        SUPPORTER = "supporter", _("Supporter")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="partners")
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="partner_roles"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="partner_roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SUPPORTER)
    role_text = models.CharField(
        _("what they do"),
        max_length=200,
        blank=True,
        help_text=_("In a few words, e.g. 'Lends the courtyard and the tool shed'."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, user__isnull=True)
                | Q(organisation__isnull=True, user__isnull=False),
                name="partner_is_organisation_or_person",
            ),
            models.UniqueConstraint(
                fields=["hub", "organisation"],
                condition=Q(initiative__isnull=True, organisation__isnull=False),
                name="partner_unique_hub_organisation",
            ),
            models.UniqueConstraint(
                fields=["hub", "user"],
                condition=Q(initiative__isnull=True, user__isnull=False),
                name="partner_unique_hub_person",
            ),
            models.UniqueConstraint(
                fields=["initiative", "organisation"],
                condition=Q(initiative__isnull=False, organisation__isnull=False),
                name="partner_unique_initiative_organisation",
            ),
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=Q(initiative__isnull=False, user__isnull=False),
                name="partner_unique_initiative_person",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.organisation is not None:
            return self.organisation.name
        return (self.user.name or str(self.user)) if self.user is not None else ""

    @property
    def public_name(self) -> str:
        """The name shown on public pages and in the API: a person is named only with their
        consent to a public profile."""
        if self.organisation_id or (self.user is not None and self.user.has_public_profile):
            return self.name
        return str(_("A member of the hub"))

    @property
    def is_organisation(self) -> bool:
        return self.organisation_id is not None


class Commitment(models.Model):
    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        IN_KIND = "in_kind", _("In kind")
        COMPETENCE = "competence", _("Competence")
        HOURS = "hours", _("Hours")

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        AGREED = "agreed", _("Agreed")
        DELIVERED = "delivered", _("Delivered")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Where a commitment may go next; withdrawn and delivered are final.
    NEXT = {
        Status.OFFERED: {Status.AGREED, Status.WITHDRAWN},
        Status.AGREED: {Status.DELIVERED, Status.WITHDRAWN},
        Status.DELIVERED: set(),
        Status.WITHDRAWN: set(),
    }

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="commitments")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    description = models.CharField(_("what"), max_length=300)
    # Money: the sum. In kind and competence: what it is worth, if anyone has said. Hours: empty
    # (their worth is hours × the hub's hourly rate).
    amount = money_field(_("amount or value"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=9, decimal_places=1, null=True, blank=True)
    due_on = models.DateField(_("by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OFFERED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="hours") | Q(hours__isnull=False, hours__gt=0),
                name="commitment_hours_counted",
            ),
            models.CheckConstraint(
                condition=~Q(kind="money") | Q(amount__isnull=False, amount__gt=0),
                name="commitment_money_has_amount",
            ),
        ]
        indexes = [models.Index(fields=["partner", "status"])]

    def __str__(self) -> str:
        return self.description

    @property
    def hub(self) -> Hub:
        return self.partner.hub

    @property
    def initiative(self) -> Initiative | None:
        return self.partner.initiative

    def value(self, hourly_rate: Decimal | None = None) -> Decimal | None:
        """What the commitment is worth in the hub's currency: the amount, or hours × the
        hub's hourly rate (exact, to the øre)."""
        if self.kind == self.Kind.HOURS and self.hours is not None:
            rate = self.hub.hourly_rate if hourly_rate is None else hourly_rate
            return (self.hours * rate).quantize(CENT)
        return self.amount

    def can_become(self, status: Any) -> bool:
        return status in self.NEXT[self.Status(self.status)]


class CommitmentChange(models.Model):
    """One line of a commitment's history: made, agreed, delivered, withdrawn, amended."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=10, choices=Commitment.Status.choices)
    amount = models.DecimalField(max_digits=15, decimal_places=2, null=True, blank=True)
    hours = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("change of a commitment")
        verbose_name_plural = _("changes of commitments")

    def __str__(self) -> str:
        return f"{self.commitment} → {self.status}"
