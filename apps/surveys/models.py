"""Surveys, polls and concept votes in a space (a hub, an initiative or an area).

One response per person per survey and one ballot per person per vote are database
constraints: parallel requests from the same person cannot count twice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.participation.spaces import SpaceScoped


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Window(models.Model):
    """Status plus an optional opening window, shared by surveys and concept votes."""

    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def is_accepting(self, now=None) -> bool:
        """Open, and inside its window."""
        now = now or timezone.now()
        if self.status != Status.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at < self.opens_at:
            raise ValidationError({"closes_at": _("The end cannot be before the start.")})

    @property
    def accepting(self) -> bool:
        return self.is_accepting()

    @property
    def finished(self) -> bool:
        """Closed by an organiser, or past its closing time."""
        if self.status == Status.CLOSED:
            return True
        return bool(self.status == Status.OPEN and self.closes_at and timezone.now() >= self.closes_at)

    @property
    def not_yet_open(self) -> bool:
        return bool(self.status == Status.OPEN and self.opens_at and timezone.now() < self.opens_at)


def _window_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gte=F("opens_at")),
        name=name,
    )


class Survey(SpaceScoped, Window):
    title = models.CharField(_("title"), max_length=160)
    intro = models.TextField(_("introduction"), max_length=10000, blank=True, help_text=_("Markdown"))
    allow_anonymous = models.BooleanField(
        _("allow answers without signing in"),
        default=False,
        help_text=_("Off: one response per signed-in person. On: anyone may answer (rate-limited)."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [_window_constraint("survey_closes_after_opens")]
        indexes = [models.Index(fields=["hub", "status"], name="survey_hub_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/surveys/{self.pk}/"


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        RANKING = "ranking", _("Ranking")
        SCALE = "scale", _("Scale")
        TEXT = "text", _("Free text")
        POINT = "point", _("Point on a map")

    CHOICE_KINDS = frozenset({Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING})

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    help = models.CharField(_("help text"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    scale_min = models.SmallIntegerField(_("lowest value"), default=1)
    scale_max = models.SmallIntegerField(_("highest value"), default=5)
    min_label = models.CharField(_("label of the lowest value"), max_length=60, blank=True)
    max_label = models.CharField(_("label of the highest value"), max_length=60, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(condition=Q(scale_max__gt=F("scale_min")), name="question_scale_range")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=Q(respondent__isnull=False),
                name="response_one_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey_id}"


class Answer(models.Model):
    """One question's answer: option indices (single, multiple; ranking in rank order), a
    number (scale), text, or a point (lon/lat, WGS84)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choices = models.JSONField(default=list, blank=True)
    number = models.IntegerField(null=True, blank=True)
    text = models.TextField(max_length=5000, blank=True)
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question")
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id} in {self.response_id}"


class ConceptVote(SpaceScoped, Window):
    title = models.CharField(_("title"), max_length=160)
    intro = models.TextField(_("introduction"), max_length=10000, blank=True, help_text=_("Markdown"))
    results_live = models.BooleanField(
        _("show results while the vote is open"),
        default=False,
        help_text=_("Off: results are shown when the vote has closed."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("concept vote")
        verbose_name_plural = _("concept votes")
        constraints = [_window_constraint("vote_closes_after_opens")]
        indexes = [models.Index(fields=["hub", "status"], name="vote_hub_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/surveys/votes/{self.pk}/"

    @property
    def results_visible(self) -> bool:
        return self.finished or (self.results_live and self.status == Status.OPEN)


class Concept(models.Model):
    vote = models.ForeignKey(ConceptVote, on_delete=models.CASCADE, related_name="concepts")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), max_length=5000, blank=True, help_text=_("Markdown"))
    image = models.ImageField(_("image"), upload_to="surveys/concepts/", blank=True)
    image_alt = models.CharField(_("image description (alt text)"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")

    def __str__(self) -> str:
        return self.title


class Ballot(models.Model):
    vote = models.ForeignKey(ConceptVote, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="ballots")
    wants_to_join = models.BooleanField(_("I want to join the project group"), default=False)
    join_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "voter"], name="ballot_one_per_voter")]

    def __str__(self) -> str:
        return f"Ballot {self.pk} in {self.vote_id}"
