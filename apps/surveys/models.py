"""Surveys, polls and concept votes in a space (a hub, an initiative or an area).

One response per person per survey and one ballot per person per vote are database
constraints: parallel requests from the same person cannot count twice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.storage import private_storage, unguessable
from apps.participation.spaces import SpaceScoped


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Channel(models.TextChoices):
    """How an answer came in: online by the person, or entered by a facilitator."""

    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper")
    WORKSHOP = "workshop", _("Workshop")
    INTERVIEW = "interview", _("Interview")


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


class Batch(models.Model):
    """Answers a facilitator enters together: a pile of paper sheets, a workshop, interviews.
    For one survey or one concept vote; its label is unique there, so a batch is entered once."""

    survey = models.ForeignKey(
        Survey, null=True, blank=True, on_delete=models.CASCADE, related_name="batches"
    )
    vote = models.ForeignKey(
        "ConceptVote", null=True, blank=True, on_delete=models.CASCADE, related_name="batches"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    label = models.CharField(
        _("batch"), max_length=80, help_text=_("E.g. “Library, box 3” or “Workshop 12 May”.")
    )
    received_on = models.DateField(_("date"))
    expected_sheets = models.PositiveIntegerField(_("number of sheets or people"), default=0)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        constraints = [
            models.CheckConstraint(
                condition=(Q(survey__isnull=False) & Q(vote__isnull=True))
                | (Q(survey__isnull=True) & Q(vote__isnull=False)),
                name="batch_survey_or_vote",
            ),
            models.CheckConstraint(condition=~Q(channel="online"), name="batch_not_online"),
            # A label once per survey or vote, whatever its case ("Eske 1" = "eske 1").
            models.UniqueConstraint(
                "survey", Lower("label"), condition=Q(survey__isnull=False), name="batch_label_once_survey"
            ),
            models.UniqueConstraint(
                "vote", Lower("label"), condition=Q(vote__isnull=False), name="batch_label_once_vote"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    batch = models.ForeignKey(
        Batch, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    sheet_code = models.CharField(_("sheet code"), max_length=20, blank=True, default="")
    groups = models.JSONField(default=dict, blank=True)  # resident groups: question id -> value
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=Q(respondent__isnull=False),
                name="response_one_per_person",
            ),
            models.UniqueConstraint(
                fields=["survey", "sheet_code"], condition=~Q(sheet_code=""), name="response_sheet_once"
            ),
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


def concept_image_path(instance: "Concept", filename: str) -> str:
    return unguessable(f"surveys/concepts/{instance.vote_id}", filename)


class Concept(models.Model):
    vote = models.ForeignKey(ConceptVote, on_delete=models.CASCADE, related_name="concepts")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), max_length=5000, blank=True, help_text=_("Markdown"))
    image = models.ImageField(
        _("image"), upload_to=concept_image_path, max_length=255, blank=True, storage=private_storage
    )
    image_alt = models.CharField(_("image description (alt text)"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")

    def __str__(self) -> str:
        return self.title

    @property
    def image_url(self) -> str:
        """The image's address (a view that checks who may see the vote), or "" without one."""
        return f"{self.vote.get_absolute_url()}concepts/{self.pk}/image/" if self.image else ""


class Ballot(models.Model):
    """One vote: a signed-in voter's (online), or one entered from a paper sheet or a workshop
    (no voter; its sheet code, unique in the vote, makes it count once)."""

    vote = models.ForeignKey(ConceptVote, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="ballots")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    batch = models.ForeignKey(Batch, null=True, blank=True, on_delete=models.PROTECT, related_name="ballots")
    sheet_code = models.CharField(_("sheet code"), max_length=20, blank=True, default="")
    groups = models.JSONField(default=dict, blank=True)
    wants_to_join = models.BooleanField(_("I want to join the project group"), default=False)
    join_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "voter"], condition=Q(voter__isnull=False), name="ballot_one_per_voter"
            ),
            models.UniqueConstraint(
                fields=["vote", "sheet_code"], condition=~Q(sheet_code=""), name="ballot_sheet_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Ballot {self.pk} in {self.vote_id}"


class DeviceMarker(models.Model):
    """A browser that answered a survey without signing in (a hash of its device cookie's random
    id, never the address). Purged after the retention period (`purge_device_markers`)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    device = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "device"], name="device_answers_once")]

    def __str__(self) -> str:
        return f"Device marker for {self.survey_id}"
