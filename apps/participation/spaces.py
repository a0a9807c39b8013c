"""Spaces: where participation happens — a hub itself, one of its initiatives, or one of its
areas. Ideas, map marks, surveys, votes, visions and events all attach to a space through the
abstract model `SpaceScoped`, so each is written once and works in all three places.

In URLs a space is a short key: ``hub``, ``i-<initiative slug>`` or ``a-<area code>``, e.g.
``/oslo/ideas/i-gronn-gardsplass/``. `space_from_key` turns it back into a `Space` (404 if it
does not exist in that hub).
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.places.models import Area


@dataclass(frozen=True)
class Space:
    hub: Hub
    initiative: Initiative | None = None
    area: Area | None = None

    @property
    def key(self) -> str:
        if self.initiative is not None:
            return f"i-{self.initiative.slug}"
        if self.area is not None:
            return f"a-{self.area.code}"
        return "hub"

    @property
    def kind(self) -> str:
        return "initiative" if self.initiative else "area" if self.area else "hub"

    @property
    def title(self) -> str:
        return str(self.initiative or self.area or self.hub)

    @property
    def url(self) -> str:
        """The page of the thing the space belongs to."""
        if self.initiative is not None:
            return self.initiative.get_absolute_url()
        if self.area is not None:
            return f"/{self.hub.slug}/areas/{self.area.code}/"
        return self.hub.get_absolute_url()

    def filter(self) -> dict[str, Any]:
        """Keyword arguments selecting this space's rows of any `SpaceScoped` model."""
        return {"hub": self.hub, "initiative": self.initiative, "area": self.area}

    def boundary(self) -> dict | None:
        """The GeoJSON geometry input in this space must fall inside, if it has one: the
        initiative's polygon (or its area's), or the area's geometry."""
        if self.initiative is not None:
            place = self.initiative.place
            if place and place.get("type") in {"Polygon", "MultiPolygon"}:
                return place
            return self.initiative.area.geometry if self.initiative.area else None
        if self.area is not None:
            return self.area.geometry
        return None


def space_from_key(hub: Hub, key: str) -> Space:
    """The space a URL names, or 404."""
    if key == "hub":
        return Space(hub=hub)
    prefix, _, rest = key.partition("-")
    if prefix == "i" and rest:
        initiative = Initiative.objects.filter(hub=hub, slug=rest).select_related("area").first()
        if initiative is not None:
            return Space(hub=hub, initiative=initiative)
    if prefix == "a" and rest:
        area = Area.objects.filter(hub=hub, code=rest).first()
        if area is not None:
            return Space(hub=hub, area=area)
    raise Http404("No such space in this hub.")


class SpaceScoped(models.Model):
    """Abstract base for everything that happens in a space. `hub` is always set; at most one
    of `initiative` and `area` is, and it belongs to the same hub."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="+", verbose_name=_("hub"))
    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("initiative"),
    )
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("area")
    )

    class Meta:
        abstract = True

    @property
    def space(self) -> Space:
        return Space(hub=self.hub, initiative=self.initiative, area=self.area)

    def clean(self) -> None:
        super().clean()
        if self.initiative_id and self.area_id:
            raise ValidationError(_("Choose either an initiative or an area, not both."))
        if self.initiative_id and self.initiative is not None and self.initiative.hub_id != self.hub_id:
            raise ValidationError(_("The initiative belongs to another hub."))
        if self.area_id and self.area is not None and self.area.hub_id != self.hub_id:
            raise ValidationError(_("The area belongs to another hub."))

    def set_space(self, space: Space) -> None:
        self.hub, self.initiative, self.area = space.hub, space.initiative, space.area
