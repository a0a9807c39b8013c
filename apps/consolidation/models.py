"""Consolidation: overlapping initiatives found, reviewed by stewards, and merged keeping everything (M3).

- `OverlapPair`: two initiatives of one hub that may overlap, stored once (the lower id first, a
  unique constraint on the two), with the score and its reasons, waiting in the stewards' review
  queue until someone proposes a collaboration, merges them or dismisses the pair (with a reason).
  A decided pair is never proposed again: the finder only creates pairs that do not exist yet.
- `Merge`: the record of one merge — which initiative went into which, by whom, when, and how many
  rows of each kind moved. An initiative is merged at most once (unique `merged`); its row is kept,
  so its old address can answer with a permanent redirect to the surviving initiative.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub
from apps.initiatives.models import Initiative


class PairStatus(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    COLLABORATION = "collaboration", _("Collaboration proposed")
    MERGED = "merged", _("Merged")
    DISMISSED = "dismissed", _("Dismissed")


class OverlapPair(models.Model):
    Status = PairStatus

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="+")
    first = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=dict)
    status = models.CharField(_("status"), max_length=14, choices=PairStatus.choices, default=PairStatus.OPEN)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("overlapping pair")
        verbose_name_plural = _("overlapping pairs")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="overlap_pair_once"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="overlap_pair_ordered"),
        ]
        indexes = [models.Index(fields=["hub", "status", "-score"], name="overlap_queue")]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id}"

    @property
    def is_open(self) -> bool:
        return self.status in {PairStatus.OPEN, PairStatus.COLLABORATION}


class Merge(models.Model):
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="+")
    merged = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="+")
    into = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    pair = models.ForeignKey(OverlapPair, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    merged_title = models.CharField(max_length=160)
    merged_slug = models.SlugField(max_length=120)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        constraints = [
            models.CheckConstraint(condition=~Q(merged=F("into")), name="merge_not_into_itself"),
            models.UniqueConstraint(
                fields=["pair"], condition=Q(pair__isnull=False), name="merge_once_per_pair"
            ),
        ]
        indexes = [models.Index(fields=["hub", "merged_slug"], name="merge_old_slug")]

    def __str__(self) -> str:
        return f"{self.merged_slug} → {self.into_id}"
