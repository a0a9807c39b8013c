"""Desired results with indicators and targets, progress reports, closing the loop (V6).

A `Result` belongs to an initiative, or to the hub itself (`initiative` empty). Its indicator is
either its own (a name and a unit) or one of the hub's knowledge indicators, read for an area
(the initiative's area, or one the hub chooses), so the result shows the real data series.

A `ProgressReport` tells how it is going (Markdown), may give a measured value for one result,
evidence (a link and/or a document kept in private storage) and photos. A final report ("what
came of it") closes the loop: everyone who took part in the initiative is told, once.

Results and reports are drafts until published; drafts are seen by the team and the hub's leads.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.storage import private_storage, unguessable
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.knowledge.models import Indicator
from apps.places.models import Area

EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
VALUE_DIGITS = 18
VALUE_DECIMALS = 4
TEXT_MAX = 20_000


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def _value_field(label: Any, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(label, max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS, **kwargs)


class Result(models.Model):
    """A desired result: what should change, measured by an indicator from a baseline to a
    target by a date."""

    Status = Status

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="results")
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="results"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("knowledge indicator"),
    )
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="results", verbose_name=_("area")
    )
    indicator_name = models.CharField(_("indicator"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = _value_field(_("baseline"))
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target = _value_field(_("target"))
    target_date = models.DateField(_("target date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["target_date", "pk"]
        verbose_name = _("desired result")
        verbose_name_plural = _("desired results")
        indexes = [models.Index(fields=["hub", "initiative", "status"], name="result_scope")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(indicator__isnull=True) & ~Q(indicator_name=""))
                | (Q(indicator__isnull=False) & Q(indicator_name="") & Q(area__isnull=False)),
                name="result_one_indicator",
            ),
            models.CheckConstraint(
                condition=Q(target_date__gte=EARLIEST_DATE) & Q(target_date__lte=LATEST_DATE),
                name="result_target_date_sane",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/results/r/{self.pk}/"

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def indicator_label(self) -> str:
        return self.indicator.name if self.indicator_id and self.indicator else self.indicator_name

    @property
    def unit_label(self) -> str:
        return self.indicator.unit if self.indicator_id and self.indicator else self.unit


class ProgressReport(models.Model):
    """How it is going: text, a measured value for one result, evidence and photos. A final
    report ("what came of it") is published once per initiative and tells everyone who took part."""

    Status = Status

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="progress_reports")
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="progress_reports"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=TEXT_MAX)
    result = models.ForeignKey(
        Result,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("result measured"),
    )
    value = _value_field(_("measured value"), null=True, blank=True)
    measured_on = models.DateField(_("measured on"), null=True, blank=True)
    evidence_url = models.URLField(_("link to evidence"), max_length=500, blank=True)
    is_final = models.BooleanField(_("final report"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    participants_told = models.PositiveIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        indexes = [models.Index(fields=["hub", "initiative", "status"], name="report_scope")]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"], condition=Q(is_final=True), name="report_one_final_per_initiative"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(result__isnull=False), name="report_value_has_result"
            ),
            models.CheckConstraint(
                condition=Q(measured_on__isnull=True)
                | (Q(measured_on__gte=EARLIEST_DATE) & Q(measured_on__lte=LATEST_DATE)),
                name="report_measured_on_sane",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/results/p/{self.pk}/"

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


def evidence_path(instance: "Evidence", filename: str) -> str:
    return unguessable(f"results/reports/{instance.report_id}", filename)


class Evidence(models.Model):
    """A document that backs a report (a count, a receipt, a survey), kept in private storage and
    handed out only through a view that checks permission."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("document"), upload_to=evidence_path, max_length=255, storage=private_storage)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=60, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.name

    @property
    def hub(self) -> Hub:
        return self.report.hub

    @property
    def initiative(self) -> Initiative | None:
        return self.report.initiative


def photo_path(instance: "ReportPhoto", filename: str) -> str:
    return unguessable(f"results/photos/{instance.report_id}", filename)


class ReportPhoto(models.Model):
    """A photo of a report, re-encoded without metadata like an initiative's images."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_path, max_length=255, storage=private_storage)
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        """The photo's own address: a view that checks who may see the report."""
        return f"{self.report.get_absolute_url()}photos/{self.pk}/"
