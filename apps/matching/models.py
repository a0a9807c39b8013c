"""Matchmaking: explainable suggestions of people, partners and initiatives; brokered introductions (M2).

`Need`: what an initiative is looking for (a competence from the shared list, a resource, or a
partner), kept by its team and the hub's leads. `Introduction`: a hub lead introduces a suggested
member or partner organisation to an initiative (introduced → accepted or declined by the one
introduced); at most one open introduction per initiative and person or organisation.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Competence
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.organisations.models import Organisation


class Need(models.Model):
    class Kind(models.TextChoices):
        COMPETENCE = "competence", _("Competence")
        RESOURCE = "resource", _("Resource")
        PARTNER = "partner", _("Partner")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    competence = models.ForeignKey(
        Competence,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("competence"),
    )
    text = models.CharField(
        _("what is needed"),
        max_length=300,
        blank=True,
        help_text=_("In a few words, e.g. 'a van for two days' or 'a housing cooperative nearby'."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="competence") & Q(competence__isnull=False))
                | (~Q(kind="competence") & Q(competence__isnull=True) & ~Q(text="")),
                name="matching_need_competence_or_text",
            ),
            models.UniqueConstraint(
                fields=["initiative", "competence"],
                condition=Q(competence__isnull=False),
                name="matching_need_unique_competence",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def hub(self) -> Hub:
        """The initiative's hub (for the hub rules)."""
        return self.initiative.hub

    @property
    def label(self) -> str:
        if self.competence_id is not None:
            assert self.competence is not None
            return self.competence.name + (f": {self.text}" if self.text else "")
        return self.text


class Introduction(models.Model):
    class Status(models.TextChoices):
        INTRODUCED = "introduced", _("Introduced")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="introductions")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="introductions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="introductions",
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="introductions"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.INTRODUCED)
    note = models.TextField(_("note to both sides"), max_length=2000, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("message"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(organisation__isnull=True))
                | (Q(user__isnull=True) & Q(organisation__isnull=False)),
                name="matching_intro_person_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=Q(status="introduced", user__isnull=False),
                name="matching_intro_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["initiative", "organisation"],
                condition=Q(status="introduced", organisation__isnull=False),
                name="matching_intro_one_open_per_organisation",
            ),
        ]
        indexes = [models.Index(fields=["hub", "status"], name="matching_intro_hub_status")]

    def __str__(self) -> str:
        return f"{self.initiative} ← {self.user or self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.INTRODUCED
