"""Every change to map input: settings, categories, marks and their moderation.

Each function checks permission, writes in one transaction and raises Django `ValidationError`
(translated) or `PermissionDenied`.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.permissions import require
from apps.mapinput.geometry import (
    MarkGeometryError,
    check_inside,
    clean_mark_geometry,
    representative_point,
)
from apps.mapinput.models import COMMENT_MAX, MapMark, MarkCategory, MarkSettings
from apps.mapinput.photos import PhotoError, clean_photo
from apps.participation.spaces import Space
from apps.places.bounds import check_in_hub


def _settings_row(space: Space, *, lock: bool = False) -> MarkSettings:
    qs = MarkSettings.objects.filter(hub=space.hub, space_key=space.key)
    if lock:
        qs = qs.select_for_update()
    found = qs.first()
    if found is not None:
        return found
    created = MarkSettings(boundary_required=True)
    created.set_space(space)
    try:
        with transaction.atomic():
            created.save()
    except IntegrityError:  # created at the same moment by someone else
        return MarkSettings.objects.get(hub=space.hub, space_key=space.key)
    return created


@transaction.atomic
def settings_update(
    *,
    space: Space,
    actor: Any,
    allow_point: bool,
    allow_line: bool,
    allow_area: bool,
    anonymous_allowed: bool,
    boundary_required: bool,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
) -> MarkSettings:
    """Change how a space takes marks (the initiative's team, or the hub's stewards)."""
    probe = MarkSettings()
    probe.set_space(space)
    require(actor, "mapinput.change_settings", probe)
    if not (allow_point or allow_line or allow_area):
        raise ValidationError(_("Allow at least one kind of mark: points, lines or areas."))
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The end must be after the start.")})
    row = _settings_row(space, lock=True)
    row.allow_point, row.allow_line, row.allow_area = allow_point, allow_line, allow_area
    row.anonymous_allowed, row.boundary_required = anonymous_allowed, boundary_required
    row.opens_at, row.closes_at = opens_at, closes_at
    row.save()
    return row


@transaction.atomic
def category_add(*, space: Space, actor: Any, name: str, colour: str) -> MarkCategory:
    probe = MarkSettings()
    probe.set_space(space)
    require(actor, "mapinput.change_settings", probe)
    row = _settings_row(space, lock=True)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the category a name.")})
    if row.categories.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("There is already a category with this name.")})
    category = MarkCategory(settings=row, name=name, colour=colour, position=row.categories.count())
    category.full_clean()
    category.save()
    return category


@transaction.atomic
def category_delete(*, category: MarkCategory, actor: Any) -> None:
    require(actor, "mapinput.change_settings", category.settings)
    if category.marks.exists():
        raise ValidationError(_("Marks use this category, so it stays."))
    category.delete()


@transaction.atomic
def mark_create(
    *,
    space: Space,
    actor: Any,
    category_id: int | None,
    geometry: Any,
    comment: str = "",
    photo: Any = None,
) -> MapMark:
    """Place a mark. The geometry must be of an allowed type, valid, and (when the space has a
    boundary and requires it) inside the boundary; otherwise nothing is saved."""
    row = MarkSettings.objects.filter(hub=space.hub, space_key=space.key).first()
    if row is None or not row.is_open():
        raise ValidationError(_("This map is not taking marks right now."))
    if not actor.has_perm("mapinput.add_mark", row):
        raise PermissionDenied(_("Sign in to place a mark here."))
    category = row.categories.filter(pk=category_id).first() if category_id else None
    if category is None:
        raise ValidationError({"category": _("Choose one of the categories.")})
    try:
        kind, cleaned, shape = clean_mark_geometry(geometry)
        if kind not in row.allowed_kinds:
            raise MarkGeometryError(_("This map does not take that kind of mark."))
        if row.boundary_required:
            check_inside(shape, row.effective_boundary(space))
    except MarkGeometryError as exc:
        raise ValidationError({"geometry": str(exc)}) from exc
    lon, lat = representative_point(shape)
    check_in_hub(space.hub, lon=lon, lat=lat, extent=tuple(shape.bounds), field="geometry")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError({"comment": _("The comment is too long.")})
    photo_file = None
    if photo:
        try:
            photo_file = clean_photo(photo)
        except PhotoError as exc:
            raise ValidationError({"photo": str(exc)}) from exc
    mark = MapMark(
        settings=row,
        category=category,
        kind=kind,
        geometry=cleaned,
        lon=lon,
        lat=lat,
        comment=comment,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        created=timezone.now(),
    )
    mark.set_space(space)
    if photo_file is not None:
        mark.photo.save(photo_file.name or "photo", photo_file, save=False)
    mark.save()
    return mark


@transaction.atomic
def mark_hide(*, mark: MapMark, actor: Any, reason: str) -> MapMark:
    """Take a mark off the map, with a reason (kept; the mark can be shown again)."""
    require(actor, "mapinput.hide_mark", mark.settings)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the mark is hidden.")})
    locked = MapMark.objects.select_for_update().get(pk=mark.pk)
    locked.hidden, locked.hidden_reason = True, reason[:300]
    locked.save(update_fields=["hidden", "hidden_reason"])
    audit_record(actor=actor, action="mapinput.mark_hide", target=locked, hub=locked.hub, reason=reason[:300])
    return locked


@transaction.atomic
def mark_show(*, mark: MapMark, actor: Any) -> MapMark:
    require(actor, "mapinput.hide_mark", mark.settings)
    locked = MapMark.objects.select_for_update().get(pk=mark.pk)
    locked.hidden, locked.hidden_reason = False, ""
    locked.save(update_fields=["hidden", "hidden_reason"])
    audit_record(actor=actor, action="mapinput.mark_show", target=locked, hub=locked.hub)
    return locked


@transaction.atomic
def area_categories_fill(*, hub: Any, actor: Any = None) -> int:
    """Give every area of a hub with map input switched on the hub's categories.

    Map input is on in a hub when one of its spaces has categories. The categories come from
    the hub's own space ("hub") when it has some, else from the space with the most. Areas
    whose space has categories of its own keep them; the others get settings (points, inside
    the area's boundary) and a copy of the categories. Returns how many areas were filled;
    idempotent (a second run fills none). Five queries, whatever the number of areas."""
    from apps.places.models import Area

    sources = list(
        MarkSettings.objects.filter(hub=hub)
        .annotate(n=Count("categories"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
    )
    if not sources:
        return 0
    source = next((s for s in sources if s.space_key == "hub"), sources[0])
    categories = list(source.categories.order_by("position", "pk"))
    filled_keys = {s.space_key for s in sources}
    areas = list(Area.objects.filter(hub=hub).only("id", "code"))
    existing = dict(
        MarkSettings.objects.filter(hub=hub, space_key__in=[f"a-{a.code}" for a in areas]).values_list(
            "space_key", "pk"
        )
    )
    to_create = [
        MarkSettings(hub=hub, area=a, space_key=f"a-{a.code}", boundary_required=True)
        for a in areas
        if f"a-{a.code}" not in existing
    ]
    # A fill running at the same moment may create some of the same rows: conflicts are skipped
    # (settings are unique per space, categories per name in a space), so nothing doubles.
    MarkSettings.objects.bulk_create(to_create, batch_size=500, ignore_conflicts=True)
    new_keys = [s.space_key for s in to_create]
    created = list(
        MarkSettings.objects.filter(hub=hub, space_key__in=new_keys).values_list("space_key", "pk")
    )
    targets = [*((k, pk) for k, pk in existing.items() if k not in filled_keys)]
    targets += created
    MarkCategory.objects.bulk_create(
        [
            MarkCategory(settings_id=pk, name=c.name, colour=c.colour, position=c.position)
            for _key, pk in targets
            for c in categories
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    if targets:
        audit_record(
            hub=hub,
            actor=actor,
            action="mapinput.area_categories",
            target=None,
            data={
                "areas": len(targets),
                "from": source.space_key,
                "categories": [c.name for c in categories],
            },
        )
    return len(targets)
