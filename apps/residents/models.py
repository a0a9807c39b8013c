"""Resident groups (C6): optional demographic questions a hub switches on, asked once per
person and reused.

A signed-in person's answers are `DemographicAnswer`s (one per question, editable by them); every
survey response and concept-vote ballot also keeps a snapshot of the groups it was given with
(`groups`, question id → value), so paper and anonymous answers count by group too.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub
from apps.places.models import AreaLevel

# The value stored for "prefer not to say".
PREFER_NOT = "-"

# Age bands (years); the keys match the `age_band` breakdown of a population indicator.
AGE_BANDS: list[tuple[str, object]] = [
    ("0-19", _("Under 20")),
    ("20-34", _("20–34")),
    ("35-49", _("35–49")),
    ("50-64", _("50–64")),
    ("65-79", _("65–79")),
    ("80+", _("80 or older")),
]


class GroupSettings(models.Model):
    """A hub's switch for resident groups and its built-in questions."""

    hub = models.OneToOneField(Hub, on_delete=models.CASCADE, related_name="resident_groups")
    enabled = models.BooleanField(_("ask about resident groups"), default=False)
    ask_age = models.BooleanField(_("ask for the age band"), default=True)
    ask_area = models.BooleanField(_("ask for the area of residence"), default=True)
    area_level = models.ForeignKey(
        AreaLevel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("areas to choose from"),
        help_text=_("Empty: the hub's most detailed level of areas."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("resident group settings")
        verbose_name_plural = _("resident group settings")

    def __str__(self) -> str:
        return f"Resident groups of {self.hub_id}"


class DemographicQuestion(models.Model):
    class Kind(models.TextChoices):
        AGE = "age", _("Age band")
        AREA = "area", _("Area of residence")
        CUSTOM = "custom", _("Defined by the hub")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="demographic_questions")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=200)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("asked"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("demographic question")
        verbose_name_plural = _("demographic questions")
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "kind"], condition=~Q(kind="custom"), name="demographic_builtin_once"
            )
        ]

    def __str__(self) -> str:
        return self.text


class DemographicAnswer(models.Model):
    """One person's answer to one of a hub's questions: a choice key, or PREFER_NOT."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(DemographicQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField(max_length=200)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "question"], name="demographic_answer_once")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.question_id}={self.value}"
