"""Initiatives: a local idea on its way to a built result (Stedskaping, Pådriv)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub
from apps.places.models import Area


class Initiative(models.Model):
    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        ACTIVE = "active", _("In progress")
        PAUSED = "paused", _("Paused")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="initiatives")
    slug = models.SlugField(max_length=120)
    title = models.CharField(_("title"), max_length=160)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("the idea"), max_length=20000, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IDEA)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_initiatives"
    )
    place = models.JSONField(_("place"), null=True, blank=True, help_text=_("GeoJSON Point or Polygon"))
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="initiatives"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [models.UniqueConstraint(fields=["hub", "slug"], name="initiative_unique_slug")]
        indexes = [
            models.Index(fields=["hub", "status"]),
            models.Index(fields=["hub", "lon", "lat"], name="initiative_point"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/initiatives/{self.slug}/"
