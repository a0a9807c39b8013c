"""Guided processes (I2, I3, H2): templates as data, and runs that copy them.

A *template* (ProcessTemplate → PhaseTemplate → ActivityTemplate, DeliverableTemplate) comes
from a readable YAML file in `apps/processes/library/` (source "library") or is a hub's own
copy (source "hub") that its stewards edit. Texts in templates are translations
(`{"en": …, "nb": …, "sv": …}`); `localized()` picks the reader's language.

A *run* (ProcessRun → PhaseRun → ActivityRun, Deliverable) copies what it needs from the
template when it starts, in the hub's first language, with real dates, and keeps the template's
texts in every language it has (`texts`): a reader sees a run in their own language where the
template had it (`shown_name`, `shown_text` …), else in the language the run started in.
Processes are data: editing or reloading a template never rewrites a run that has started.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from apps.core.storage import private_storage, unguessable
from apps.hubs.models import Hub

LANGUAGE_CODES = ("en", "nb", "sv")


def localized(texts: Any, language: str | None = None) -> str:
    """The text in `language` (default: the active one), else English, else any language."""
    if isinstance(texts, str):
        return texts
    if not isinstance(texts, dict) or not texts:
        return ""
    language = (language or translation.get_language() or "en")[:2]
    for code in (language, "en", "nb", "sv"):
        if texts.get(code):
            return str(texts[code])
    return str(next(iter(texts.values()), ""))


def _in_reader_language(texts: Any) -> str:
    """The text in the active language only ("" if the template lacked it: the run's copy shows)."""
    if not isinstance(texts, dict):
        return ""
    return str(texts.get((translation.get_language() or "en")[:2]) or "")


class _RunTexts(models.Model):
    """A run's copy of its template's translations: {"name": {"en": …, "nb": …}, …}."""

    texts = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def _shown(self, field: str) -> str:
        return _in_reader_language((self.texts or {}).get(field)) or str(getattr(self, field, "") or "")


class DeliverableKind(models.TextChoices):
    DOCUMENT = "document", _("Document (upload)")
    LINK = "link", _("Link")
    CHECK = "check", _("Check (done or not)")
    OBJECT = "object", _("Something in the hub (e.g. an event)")


class ActivityRole(models.TextChoices):
    OWNER = "owner", _("Initiative owner")
    TEAM = "team", _("Project group")
    STEWARD = "steward", _("Stewards")
    NETWORK_LEAD = "network_lead", _("Network lead")
    PARTNERS = "partners", _("Partners")
    RESIDENTS = "residents", _("Residents")
    MUNICIPALITY = "municipality", _("Municipality")
    EVERYONE = "everyone", _("Everyone")


# Templates -----------------------------------------------------------------------------


class ProcessTemplate(models.Model):
    class Source(models.TextChoices):
        LIBRARY = "library", _("Library")
        HUB = "hub", _("This hub's copy")

    key = models.SlugField(_("key"), max_length=80)
    version = models.PositiveIntegerField(_("version"), default=1)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.LIBRARY)
    hub = models.ForeignKey(
        Hub, null=True, blank=True, on_delete=models.CASCADE, related_name="process_templates"
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source", "key"]
        verbose_name = _("process template")
        verbose_name_plural = _("process templates")
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(hub__isnull=True), name="process_template_library_key"
            ),
            models.UniqueConstraint(
                fields=["hub", "key"], condition=Q(hub__isnull=False), name="process_template_hub_key"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized(self.name)

    @property
    def text(self) -> str:
        return localized(self.description)

    @property
    def is_library(self) -> bool:
        return self.source == self.Source.LIBRARY


class PhaseTemplate(models.Model):
    template = models.ForeignKey(ProcessTemplate, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveIntegerField(default=0)
    key = models.SlugField(max_length=80)
    name = models.JSONField(default=dict)
    description = models.JSONField(default=dict, blank=True)
    duration_days = models.PositiveIntegerField(_("typical duration (days)"), default=14)
    helpful_templates = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["template", "position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized(self.name)

    @property
    def text(self) -> str:
        return localized(self.description)

    @property
    def helpful(self) -> list[dict[str, str]]:
        return [
            {
                "name": localized(item.get("name")),
                "description": localized(item.get("description")),
                "url": item.get("url", ""),
            }
            for item in self.helpful_templates or []
        ]


class ActivityTemplate(models.Model):
    phase = models.ForeignKey(PhaseTemplate, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveIntegerField(default=0)
    role = models.CharField(_("who"), max_length=20, choices=ActivityRole.choices)
    text = models.JSONField(default=dict)

    class Meta:
        ordering = ["phase", "position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized(self.text)


class DeliverableTemplate(models.Model):
    phase = models.ForeignKey(PhaseTemplate, on_delete=models.CASCADE, related_name="deliverables")
    position = models.PositiveIntegerField(default=0)
    key = models.SlugField(max_length=80)
    name = models.JSONField(default=dict)
    kind = models.CharField(_("kind"), max_length=10, choices=DeliverableKind.choices)
    required = models.BooleanField(_("required"), default=True)
    help = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["phase", "position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized(self.name)

    @property
    def help_text(self) -> str:
        return localized(self.help)


# Runs ----------------------------------------------------------------------------------


class ProcessRun(_RunTexts):
    """One initiative's process, or (initiative empty) the establishment of the hub itself (H2)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="process_runs", verbose_name=_("hub"))
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="process_runs",
        verbose_name=_("initiative"),
    )
    template = models.ForeignKey(
        ProcessTemplate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
        verbose_name=_("template"),
    )
    template_key = models.SlugField(_("template key"), max_length=80)
    template_version = models.PositiveIntegerField(_("template version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    started_on = models.DateField(_("start date"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(initiative__isnull=False),
                name="process_run_one_per_initiative",
            ),
            models.UniqueConstraint(
                fields=["hub"], condition=Q(initiative__isnull=True), name="process_run_one_establishment"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_establishment(self) -> bool:
        return self.initiative_id is None

    @property
    def shown_title(self) -> str:
        return self._shown("title")


class PhaseStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Coming")
    CURRENT = "current", _("Current")
    CLOSED = "closed", _("Closed")


class PhaseRun(_RunTexts):
    Status = PhaseStatus

    run = models.ForeignKey(ProcessRun, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveIntegerField()
    key = models.SlugField(max_length=80, blank=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    helpful_templates = models.JSONField(default=list, blank=True)
    starts_on = models.DateField(_("starts"))
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=PhaseStatus.choices, default=PhaseStatus.UPCOMING
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    close_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["run", "position"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="phase_run_unique_position"),
            models.CheckConstraint(condition=Q(due_on__gte=F("starts_on")), name="phase_run_due_after_start"),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.name

    @property
    def hub(self) -> Hub:
        """The run's hub: its offices count for permissions on the phase."""
        return self.run.hub

    @property
    def shown_name(self) -> str:
        return self._shown("name")

    @property
    def shown_description(self) -> str:
        return self._shown("description")

    @property
    def shown_helpful_templates(self) -> list[dict[str, str]]:
        translated = (self.texts or {}).get("helpful_templates")
        if not isinstance(translated, list) or len(translated) != len(self.helpful_templates or []):
            return list(self.helpful_templates or [])
        return [
            {
                **item,
                "name": _in_reader_language(t.get("name")) or item.get("name", ""),
                "description": _in_reader_language(t.get("description")) or item.get("description", ""),
            }
            for item, t in zip(self.helpful_templates, translated, strict=True)
        ]

    @property
    def initiative(self) -> Any:
        """The run's initiative (None for a hub's establishment): its team does the work."""
        return self.run.initiative

    @property
    def is_closed(self) -> bool:
        return self.status == PhaseStatus.CLOSED

    @property
    def is_current(self) -> bool:
        return self.status == PhaseStatus.CURRENT

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status != PhaseStatus.CLOSED and self.due_on < (today or timezone.localdate())

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def duration_days(self) -> int:
        return (self.due_on - self.starts_on).days


class ActivityRun(_RunTexts):
    phase_run = models.ForeignKey(PhaseRun, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveIntegerField(default=0)
    role = models.CharField(_("who"), max_length=20, choices=ActivityRole.choices)
    text = models.TextField(max_length=2000)

    class Meta:
        ordering = ["phase_run", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def shown_text(self) -> str:
        return self._shown("text")


def deliverable_upload_to(instance: "Deliverable", filename: str) -> str:
    return unguessable(f"processes/{instance.phase_run.run_id}", filename)


class Deliverable(_RunTexts):
    Kind = DeliverableKind

    phase_run = models.ForeignKey(PhaseRun, on_delete=models.CASCADE, related_name="deliverables")
    position = models.PositiveIntegerField(default=0)
    key = models.SlugField(max_length=80, blank=True)
    name = models.CharField(_("name"), max_length=200)
    help = models.TextField(max_length=2000, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DeliverableKind.choices)
    required = models.BooleanField(_("required"), default=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(
        _("file"), upload_to=deliverable_upload_to, max_length=255, blank=True, storage=private_storage
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    linked_object = GenericForeignKey("content_type", "object_id")
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        ordering = ["phase_run", "position", "pk"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")

    def __str__(self) -> str:
        return self.name

    @property
    def hub(self) -> Hub:
        return self.phase_run.run.hub

    @property
    def shown_name(self) -> str:
        return self._shown("name")

    @property
    def shown_help(self) -> str:
        return self._shown("help")

    @property
    def initiative(self) -> Any:
        return self.phase_run.run.initiative

    @property
    def overdue(self) -> bool:
        return not self.done and self.phase_run.overdue
