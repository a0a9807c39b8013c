"""Value-creating dialogue (V3, Södertörnsmodellen's third leg): records of early dialogue
between the municipality and landowners, developers and builders about an area or an
initiative, and what it could create for each of them.

A dialogue is confidential: only the hub's leads and the dialogue's parties see it (rules.py).
The leads choose which parts are published (`PUBLIC_PARTS`); nothing is public until the
summary is. Private notes, meeting notes and the participants' persons never are.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.followup.models import Task
from apps.goals.models import HubGoal, SdgTarget
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.organisations.models import Organisation
from apps.places.models import Area

TEXT_MAX = 20_000

# The parts of a dialogue the leads may publish, in page order: (key, label, what it shows).
# "summary" is the dialogue itself (title, stage, status, place and the summary text): the
# others are public only while it is.
PUBLIC_PARTS: list[tuple[str, Any]] = [
    ("summary", _("Summary (title, stage, place, status and summary)")),
    ("conditions", _("Conditions")),
    ("goals", _("Goals")),
    ("solutions", _("Possible solutions")),
    ("organisations", _("Participating organisations and their roles (never people)")),
    ("values", _("Values for each party")),
    ("meetings", _("Dates of meetings held (never their notes)")),
    ("next_steps", _("Agreed next steps and their status")),
]
PART_KEYS = [key for key, _label in PUBLIC_PARTS]


class Dialogue(models.Model):
    class Stage(models.TextChoices):
        EARLY_IDEA = "early_idea", _("Early idea")
        PROGRAMME = "programme", _("Programme")
        DETAILED_PLAN = "detailed_plan", _("Detailed plan")
        BUILDING_PERMIT = "building_permit", _("Building permit")
        CONSTRUCTION = "construction", _("Construction")

    class Status(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        PAUSED = "paused", _("Paused")
        AGREED = "agreed", _("Agreed")
        CLOSED = "closed", _("Closed without agreement")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="dialogues")
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dialogues",
        verbose_name=_("area"),
    )
    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dialogues",
        verbose_name=_("initiative"),
    )
    title = models.CharField(_("title"), max_length=200)
    stage = models.CharField(
        _("stage of planning"), max_length=20, choices=Stage.choices, default=Stage.EARLY_IDEA
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ONGOING)
    summary = models.TextField(_("summary"), max_length=TEXT_MAX, blank=True)
    conditions = models.TextField(_("conditions"), max_length=TEXT_MAX, blank=True)
    goals = models.TextField(_("goals"), max_length=TEXT_MAX, blank=True)
    solutions = models.TextField(_("possible solutions"), max_length=TEXT_MAX, blank=True)
    private_notes = models.TextField(_("private notes"), max_length=TEXT_MAX, blank=True)
    # What the leads chose to publish: part keys from PUBLIC_PARTS.
    published_parts = models.JSONField(_("published parts"), default=list, blank=True)
    # Kept in step with `published_parts` by save(): lets lists filter public dialogues in SQL.
    is_public = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        indexes = [models.Index(fields=["hub", "is_public"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=False) | Q(initiative__isnull=False), name="dialogue_has_a_place"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.is_public = "summary" in (self.published_parts or [])
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "published_parts" in update_fields:
            kwargs["update_fields"] = {*update_fields, "is_public"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/dialogues/{self.pk}/"

    def is_published(self, part: str) -> bool:
        """Is this part on the public page? Nothing is, unless the summary is."""
        parts = self.published_parts or []
        return "summary" in parts and part in parts


class Participant(models.Model):
    """A party to the dialogue: a person, an organisation, or a person for an organisation."""

    class Role(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        LANDOWNER = "landowner", _("Landowner")
        DEVELOPER = "developer", _("Developer")
        BUILDER = "builder", _("Builder")
        OTHER = "other", _("Other")

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="dialogue_participations",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dialogue_participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=14, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(organisation__isnull=False),
                name="dialogue_participant_someone",
            ),
            models.UniqueConstraint(
                fields=["dialogue", "user"],
                condition=Q(user__isnull=False),
                name="dialogue_participant_person_once",
            ),
            models.UniqueConstraint(
                fields=["dialogue", "organisation"],
                condition=Q(user__isnull=True),
                name="dialogue_participant_organisation_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.user is not None and self.organisation is not None:
            return f"{self.user.display_name} ({self.organisation.name})"
        if self.user is not None:
            return str(self.user.display_name)
        return self.organisation.name if self.organisation else ""

    @property
    def party(self) -> str:
        """The name shown where the party may be public: the organisation, never the person."""
        return self.organisation.name if self.organisation is not None else ""

    @property
    def hub(self) -> Hub:
        return self.dialogue.hub


class DialogueMeeting(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"), max_length=TEXT_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting held")
        verbose_name_plural = _("meetings held")

    def __str__(self) -> str:
        return f"{self.dialogue} {self.held_on}"


class Value(models.Model):
    """What one party could gain. Tagged with the hub's goals and UN targets.

    The tags are the value's own (not `goals.GoalTag`): a GoalTag is public on the goal pages,
    and a dialogue's values are confidential unless their dialogue publishes them."""

    class Kind(models.TextChoices):
        ECONOMIC = "economic", _("Economic")
        ECOLOGICAL = "ecological", _("Ecological")
        SOCIAL = "social", _("Social")

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="values")
    participant = models.ForeignKey(
        Participant, on_delete=models.RESTRICT, related_name="values", verbose_name=_("party")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("description"), max_length=5000)
    sdg_targets = models.ManyToManyField(
        SdgTarget, blank=True, related_name="dialogue_values", verbose_name=_("UN targets")
    )
    hub_goals = models.ManyToManyField(
        HubGoal, blank=True, related_name="dialogue_values", verbose_name=_("the hub's goals")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("value")
        verbose_name_plural = _("values")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"

    @property
    def hub(self) -> Hub:
        return self.dialogue.hub


class NextStep(models.Model):
    """An agreed next step: a follow-up task, linked to the dialogue it was agreed in."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="next_steps")
    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="dialogue_step")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")

    def __str__(self) -> str:
        return str(self.task)
