"""City goals and their alignment with the UN Sustainable Development Goals (H6).

Three layers:

- The UN catalogue, shared by every hub: `SdgGoal` (17), `SdgTarget` (169) and `SdgIndicator`,
  loaded from `data/sdg` (see `apps.goals.catalogue`) by a data migration and re-synced with
  `manage.py load_sdg`.
- A hub's own goals (`HubGoal`, e.g. "95 % lower emissions by 2030") and their local targets
  (`LocalTarget`), each under one UN target.
- `GoalTag`: any object of a hub (an indicator, an area, the hub itself, later an initiative)
  tagged with exactly one UN goal, UN target, hub goal or local target.
"""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_slug
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub

# The official colours of the 17 goals (UN SDG communications guidelines).
SDG_COLOURS = {
    1: "#E5243B",
    2: "#DDA63A",
    3: "#4C9F38",
    4: "#C5192D",
    5: "#FF3A21",
    6: "#26BDE2",
    7: "#FCC30B",
    8: "#A21942",
    9: "#FD6925",
    10: "#DD1367",
    11: "#FD9D24",
    12: "#BF8B2E",
    13: "#3F7E44",
    14: "#0A97D9",
    15: "#56C02B",
    16: "#00689D",
    17: "#19486A",
}

# Text on the colour: white where it reaches WCAG AA contrast (4.5:1), near-black elsewhere.
SDG_WHITE_TEXT = frozenset({1, 4, 8, 10, 13, 16, 17})

# Path segments under /<hub>/goals/ that a hub goal's code may not take.
RESERVED_GOAL_CODES = frozenset({"new", "sdg", "tag", "targets", "edit"})


def _language() -> str:
    """The reader's language among the catalogue's ("en", "nb", "sv"); anything else reads English."""
    code = (get_language() or "en")[:2]
    return code if code in ("nb", "sv") else "en"


class _Bilingual(models.Model):
    """Titles in English, Norwegian Bokmål and Swedish; a missing translation reads English.

    Where each language's text comes from is catalogue metadata (`apps.goals.catalogue.
    translation_source`), shown under the texts on the goal pages.
    """

    title_en = models.TextField(_("title (English)"), max_length=1000)
    title_nb = models.TextField(_("title (Norwegian Bokmål)"), max_length=1000, blank=True)
    title_sv = models.TextField(_("title (Swedish)"), max_length=1000, blank=True)

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        language = _language()
        return (getattr(self, f"title_{language}") if language != "en" else "") or self.title_en


class SdgGoal(_Bilingual):
    """One of the 17 UN Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(
        _("number"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    short_en = models.CharField(_("short name (English)"), max_length=200)
    short_nb = models.CharField(_("short name (Norwegian Bokmål)"), max_length=200, blank=True)
    short_sv = models.CharField(_("short name (Swedish)"), max_length=200, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("UN goal")
        verbose_name_plural = _("UN goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.short}"

    @property
    def short(self) -> str:
        language = _language()
        return (getattr(self, f"short_{language}") if language != "en" else "") or self.short_en

    @property
    def code(self) -> str:
        return str(self.number)

    @property
    def colour(self) -> str:
        return SDG_COLOURS.get(self.number, "#444444")

    @property
    def text_colour(self) -> str:
        return "#FFFFFF" if self.number in SDG_WHITE_TEXT else "#1A1A1A"


class SdgTarget(_Bilingual):
    """A UN target, e.g. 11.7 ("provide universal access to safe, inclusive green spaces")."""

    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("code"), max_length=10, unique=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Sort order within the goal.")

    class Meta:
        ordering = ["goal_id", "position"]
        verbose_name = _("UN target")
        verbose_name_plural = _("UN targets")

    def __str__(self) -> str:
        return self.code


class SdgIndicator(_Bilingual):
    """A UN indicator, e.g. 11.7.1 (share of built-up area that is open space for public use)."""

    target = models.ForeignKey(SdgTarget, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=14, unique=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Sort order within the target.")

    class Meta:
        ordering = ["target__goal_id", "target__position", "position"]
        verbose_name = _("UN indicator")
        verbose_name_plural = _("UN indicators")

    def __str__(self) -> str:
        return self.code


def validate_goal_code(value: str) -> None:
    validate_slug(value)
    if value in RESERVED_GOAL_CODES:
        raise ValidationError(_("This code is reserved. Choose another."), code="reserved")


def validate_year(value: int) -> None:
    if not 2000 <= value <= 2100:
        raise ValidationError(_("Give a year between 2000 and 2100."), code="year")


class HubGoal(models.Model):
    """A goal the hub has set itself, e.g. "95 % lower greenhouse gas emissions by 2030"."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(
        _("code"),
        max_length=50,
        validators=[validate_goal_code],
        help_text=_("Short and unique in the hub, used in the address, e.g. climate-2030."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=[validate_year]
    )
    baseline = models.CharField(
        _("baseline"), max_length=300, blank=True, help_text=_("What progress is measured against.")
    )
    sdg_goals = models.ManyToManyField(
        SdgGoal, blank=True, related_name="hub_goals", verbose_name=_("UN goals")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [models.UniqueConstraint(fields=["hub", "code"], name="hub_goal_unique_code")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/goals/{self.code}/"


LOCAL_CODE_MARK = "L"


def local_target_code(sdg_target_code: str, n: int) -> str:
    return f"{sdg_target_code}.{LOCAL_CODE_MARK}{n}"


class LocalTarget(models.Model):
    """A hub's own, measurable target under one of its goals and one UN target.

    Codes extend the UN target's code so the alignment can be read from the code itself. They
    cannot simply continue the UN numbering ("11.7.1"), because the UN already uses three-part
    codes for its *indicators*: 11.7.1 is "average share of the built-up area of cities that is
    open space for public use". A local target's last part is therefore marked with an "L":
    the hub's first local target under 11.7 is "11.7.L1", the next "11.7.L2". No UN code
    contains a letter followed by a number, so a local code never clashes with a UN one, and it
    still sorts and reads next to its UN target. Codes are unique within a hub (`hub` repeats
    `hub_goal.hub` so the database can enforce that).
    """

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="local_targets")
    hub_goal = models.ForeignKey(
        HubGoal, on_delete=models.CASCADE, related_name="local_targets", verbose_name=_("goal")
    )
    sdg_target = models.ForeignKey(
        SdgTarget, on_delete=models.PROTECT, related_name="local_targets", verbose_name=_("UN target")
    )
    code = models.CharField(_("code"), max_length=24)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    measure = models.TextField(
        _("measure and threshold"),
        max_length=2000,
        blank=True,
        help_text=_("How it is measured and what counts as reached, e.g. “at least 80 %”."),
    )
    due_year = models.PositiveSmallIntegerField(
        _("due year"), null=True, blank=True, validators=[validate_year]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sdg_target__goal_id", "sdg_target__position", "id"]
        verbose_name = _("local target")
        verbose_name_plural = _("local targets")
        constraints = [models.UniqueConstraint(fields=["hub", "code"], name="local_target_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/goals/{self.hub_goal.code}/#target-{self.code}"

    def clean(self) -> None:
        super().clean()
        if self.sdg_target_id is not None and self.code:
            pattern = rf"{re.escape(self.sdg_target.code)}\.{LOCAL_CODE_MARK}[1-9][0-9]{{0,3}}"
            if not re.fullmatch(pattern, self.code):
                raise ValidationError(
                    {
                        "code": _("The code must extend the UN target's code, e.g. %(example)s.")
                        % {"example": local_target_code(self.sdg_target.code, 1)}
                    },
                    code="code_prefix",
                )
        if self.hub_goal_id is not None and self.hub_id is not None and self.hub_goal.hub_id != self.hub_id:
            raise ValidationError(_("The local target must belong to the goal's hub."), code="hub")


# Models whose objects may be tagged with goals ("app_label.model"). A tag is public on the goal
# pages (the object's name and link), so only public things of a hub belong here. Other apps add
# theirs with `register_taggable` (e.g. initiatives, in their AppConfig.ready()).
TAGGABLE_MODELS: set[str] = {
    "hubs.hub",
    "hubs.workinggroup",
    "places.area",
    "knowledge.indicator",
    "initiatives.initiative",
}


def register_taggable(label: str) -> None:
    TAGGABLE_MODELS.add(label.lower())


TAG_FIELDS = ("sdg_goal", "sdg_target", "hub_goal", "local_target")


def _exactly_one_tag() -> Q:
    options = []
    for chosen in TAG_FIELDS:
        options.append(Q(**{f"{f}__isnull": f != chosen for f in TAG_FIELDS}))
    result = options[0]
    for option in options[1:]:
        result |= option
    return result


class GoalTag(models.Model):
    """One object of a hub tagged with exactly one UN goal, UN target, hub goal or local target."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    obj = GenericForeignKey("content_type", "object_id")
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="goal_tags")
    sdg_goal = models.ForeignKey(
        SdgGoal, null=True, blank=True, on_delete=models.CASCADE, related_name="tags"
    )
    sdg_target = models.ForeignKey(
        SdgTarget, null=True, blank=True, on_delete=models.CASCADE, related_name="tags"
    )
    hub_goal = models.ForeignKey(
        HubGoal, null=True, blank=True, on_delete=models.CASCADE, related_name="tags"
    )
    local_target = models.ForeignKey(
        LocalTarget, null=True, blank=True, on_delete=models.CASCADE, related_name="tags"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("goal tag")
        verbose_name_plural = _("goal tags")
        constraints = [
            models.CheckConstraint(condition=_exactly_one_tag(), name="goal_tag_exactly_one"),
            *[
                models.UniqueConstraint(
                    fields=["content_type", "object_id", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"goal_tag_unique_{field}",
                )
                for field in TAG_FIELDS
            ],
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="goal_tag_object")]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} → {self.target}"

    @property
    def target(self) -> SdgGoal | SdgTarget | HubGoal | LocalTarget | None:
        """What the object is tagged with (whichever of the four is set)."""
        return self.sdg_goal or self.sdg_target or self.hub_goal or self.local_target

    @property
    def kind(self) -> str:
        for field in TAG_FIELDS:
            if getattr(self, f"{field}_id") is not None:
                return field
        return ""

    @property
    def label(self) -> str:
        """Short text for a tag chip: "SDG 11", "11.7", a goal's title, "11.7.L1 …"."""
        if self.sdg_goal_id:
            return f"{_('SDG')} {self.sdg_goal_id}: {self.sdg_goal.short}"  # type: ignore[union-attr]
        if self.sdg_target_id:
            return f"{_('Target')} {self.sdg_target.code}"  # type: ignore[union-attr]
        return str(self.target)

    @property
    def sdg_number(self) -> int | None:
        """The UN goal the tag falls under, for colouring it (None for a hub goal)."""
        if self.sdg_goal_id:
            return self.sdg_goal_id
        if self.sdg_target_id:
            return self.sdg_target.goal_id  # type: ignore[union-attr]
        if self.local_target_id:
            return self.local_target.sdg_target.goal_id  # type: ignore[union-attr]
        return None
