"""Place your mark: residents put points, lines and areas with a category, a comment and perhaps a
photo on a map of a space (the hub, an initiative or an area).

`MarkSettings` holds one space's rules (categories, allowed geometry types, when input is open,
whether anonymous input is allowed and whether input must fall inside the boundary);
`MapMark` is one mark. Geometry is GeoJSON in WGS84 longitude/latitude (RFC 7946); `lon`/`lat`
is a representative point of it, indexed, which the clustered map groups in SQL.
"""

from typing import Any

from django.conf import settings as django_settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.storage import private_storage, unguessable
from apps.participation.spaces import Space, SpaceScoped

COMMENT_MAX = 1000


class GeometryKind(models.TextChoices):
    POINT = "point", _("Point")
    LINE = "line", _("Line")
    AREA = "area", _("Area")


GEOJSON_TYPE = {GeometryKind.POINT: "Point", GeometryKind.LINE: "LineString", GeometryKind.AREA: "Polygon"}


class MarkSettings(SpaceScoped):
    """How one space takes marks. Created on first use, with the defaults below."""

    space_key = models.CharField(max_length=210, editable=False)
    allow_point = models.BooleanField(_("points"), default=True)
    allow_line = models.BooleanField(_("lines"), default=False)
    allow_area = models.BooleanField(_("areas"), default=False)
    opens_at = models.DateTimeField(_("open from"), null=True, blank=True)
    closes_at = models.DateTimeField(_("open until"), null=True, blank=True)
    anonymous_allowed = models.BooleanField(
        _("allow input without signing in"),
        default=False,
        help_text=_("People who are not signed in may place marks (limited per address)."),
    )
    boundary_required = models.BooleanField(
        _("marks must be inside the boundary"),
        default=True,
        help_text=_("Input outside the initiative's or area's boundary is refused."),
    )
    boundary = models.JSONField(
        _("own boundary"),
        null=True,
        blank=True,
        help_text="GeoJSON Polygon used when the space itself has none (e.g. an initiative with a point).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("map input settings")
        verbose_name_plural = _("map input settings")
        constraints = [
            models.UniqueConstraint(fields=["hub", "space_key"], name="mapinput_settings_unique_space")
        ]

    def __str__(self) -> str:
        return f"{self.hub_id}:{self.space_key}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.space_key = Space(hub=self.hub, initiative=self.initiative, area=self.area).key
        super().save(*args, **kwargs)

    @property
    def allowed_kinds(self) -> list[str]:
        return [
            kind
            for kind, on in (
                (GeometryKind.POINT, self.allow_point),
                (GeometryKind.LINE, self.allow_line),
                (GeometryKind.AREA, self.allow_area),
            )
            if on
        ]

    def effective_boundary(self, space: Space | None = None) -> dict | None:
        """The space's own boundary, else the one set here."""
        space = space or self.space
        return space.boundary() or self.boundary

    def is_open(self, now: Any = None) -> bool:
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)


class MarkCategory(models.Model):
    settings = models.ForeignKey(MarkSettings, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=80)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#1f6fb2",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour like #1f6fb2."))],
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["settings", "name"], name="mapinput_category_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


def _photo_path(instance: "MapMark", filename: str) -> str:
    return unguessable(f"marks/{timezone.now():%Y/%m}", filename)


class MapMark(SpaceScoped):
    settings = models.ForeignKey(MarkSettings, on_delete=models.CASCADE, related_name="marks")
    category = models.ForeignKey(MarkCategory, on_delete=models.PROTECT, related_name="marks")
    kind = models.CharField(_("type"), max_length=5, choices=GeometryKind.choices)
    geometry = models.JSONField(_("geometry"))
    lon = models.FloatField()
    lat = models.FloatField()
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX, blank=True)
    photo = models.ImageField(_("photo"), upload_to=_photo_path, blank=True, storage=private_storage)
    author = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("map mark")
        verbose_name_plural = _("map marks")
        indexes = [
            # The clustered map: bbox filter and grid grouping read only this index.
            models.Index(fields=["settings", "hidden", "lon", "lat", "category"], name="mapmark_cluster"),
            models.Index(fields=["settings", "hidden", "-created"], name="mapmark_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class MarkCell(models.Model):
    """Visible marks counted per grid cell, zoom level and category: the clustered map's
    pyramid (apps.mapinput.grid). Never written from Python: database triggers (migration
    0003) keep it equal to the marks on every insert, update and delete, bulk ones included.
    A cell whose marks are all gone keeps its row with `n` 0."""

    # No index of its own: the unique constraint's index starts with it.
    settings = models.ForeignKey(MarkSettings, on_delete=models.CASCADE, related_name="+", db_index=False)
    category = models.ForeignKey(MarkCategory, on_delete=models.CASCADE, related_name="+")
    zoom = models.PositiveSmallIntegerField()
    cx = models.IntegerField()
    cy = models.IntegerField()
    n = models.IntegerField()
    slon = models.FloatField()  # sums of the coordinates: the cluster sits at their mean
    slat = models.FloatField()

    class Meta:
        constraints = [
            # Also the index of the map's query: one zoom, a range of columns, a range of rows.
            models.UniqueConstraint(
                fields=["settings", "zoom", "cx", "cy", "category"], name="markcell_unique"
            )
        ]

    def __str__(self) -> str:
        return f"zoom {self.zoom} cell {self.cx},{self.cy}: {self.n}"
