"""Areas: the places a hub works in, in a hierarchy (municipality → district → small area),
with real geometry (GeoJSON, WGS84 lon/lat, validated with shapely)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub
from apps.places.levels import reader_language


class AreaLevel(models.Model):
    """One level of a hub's hierarchy of areas, e.g. municipality (depth 0) or small area (1)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="area_levels")
    slug = models.SlugField(_("level"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    name_plural = models.CharField(_("name in plural"), max_length=80, blank=True)
    # The name in the hub languages; blank reads `name` (see apps/places/levels.py).
    name_nb = models.CharField(_("name (Norwegian Bokmål)"), max_length=80, blank=True)
    name_plural_nb = models.CharField(_("name in plural (Norwegian Bokmål)"), max_length=80, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=80, blank=True)
    name_plural_sv = models.CharField(_("name in plural (Swedish)"), max_length=80, blank=True)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    version = models.PositiveIntegerField(
        default=0, help_text="Bumped whenever the level's areas change; keys cached map layers."
    )

    class Meta:
        ordering = ["hub", "depth", "slug"]
        verbose_name = _("area level")
        verbose_name_plural = _("area levels")
        constraints = [models.UniqueConstraint(fields=["hub", "slug"], name="area_level_unique")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The level's name in the reader's language, e.g. "Kommun" for a Swedish reader."""
        language = reader_language()
        return (getattr(self, f"name_{language}") if language != "en" else "") or self.name

    @property
    def label_plural(self) -> str:
        """The plural in the reader's language, else the singular in it, else the data's names."""
        language = reader_language()
        if language != "en":
            translated = getattr(self, f"name_plural_{language}") or getattr(self, f"name_{language}")
            if translated:
                return str(translated)
        return self.name_plural or self.name


class Area(models.Model):
    """A place with a boundary. `code` is stable and unique within the hub (a DDF entity id,
    a municipality number …); the bounding box is stored for fast spatial filtering."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="areas")
    level = models.ForeignKey(AreaLevel, on_delete=models.PROTECT, related_name="areas")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    code = models.CharField(_("code"), max_length=200)
    name = models.CharField(_("name"), max_length=200)
    geometry = models.JSONField(_("geometry"), null=True, blank=True)
    min_lon = models.FloatField(null=True, blank=True)
    min_lat = models.FloatField(null=True, blank=True)
    max_lon = models.FloatField(null=True, blank=True)
    max_lat = models.FloatField(null=True, blank=True)
    label_lon = models.FloatField(null=True, blank=True)
    label_lat = models.FloatField(null=True, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    neighbours = models.ManyToManyField("self", blank=True, symmetrical=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [models.UniqueConstraint(fields=["hub", "code"], name="area_unique_code")]
        indexes = [
            models.Index(fields=["hub", "level"]),
            models.Index(fields=["hub", "min_lon", "max_lon", "min_lat", "max_lat"], name="area_bbox"),
        ]

    def __str__(self) -> str:
        return self.name
