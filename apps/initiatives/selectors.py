"""Reads of initiatives for pages and the API: every query for initiative data is shaped here.

Lists use a fixed number of queries however many initiatives there are (tested in
tests/initiatives/test_queries.py). The current phase of an initiative comes from
apps.processes when that app provides `selectors.current_phases_for`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from apps.core.request_cache import request_cache
from apps.goals.models import GoalTag
from apps.goals.selectors import tags_for_many
from apps.hubs.models import Hub
from apps.initiatives import phases
from apps.initiatives.geo import hub_bbox
from apps.initiatives.models import (
    Follow,
    Initiative,
    InitiativeImage,
    InitiativeUpdate,
    Permit,
    PermitDocument,
    TeamMember,
)
from apps.places import grid
from apps.places.models import Area
from apps.places.selectors import area_scope


def has_phases() -> bool:
    """Whether initiatives follow guided processes here (apps.processes registers them)."""
    return phases.source() is not None


SORTS = {
    "newest": ("-created_at", "-pk"),
    "title": ("title", "pk"),
    "followed": ("-follower_count", "-created_at", "-pk"),
}
GEOJSON_LIMIT = 2000
LATEST_UPDATES = 20


def current_phases(initiatives: Iterable[Initiative]) -> dict[int, Any]:
    """{initiative id: its current phase or None}; all None without guided processes."""
    initiatives = list(initiatives)
    source = phases.source()
    if source is None or not initiatives:
        return dict.fromkeys((i.pk for i in initiatives), None)
    return source.current(initiatives)


def _follower_count() -> Coalesce:
    return Coalesce(
        Subquery(
            Follow.objects.filter(initiative=OuterRef("pk"))
            .order_by()
            .values("initiative")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _base(hub: Hub) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(hub=hub)
        .select_related("hub", "area", "owner", "owner__profile")
        .annotate(follower_count=_follower_count())
    )


def _goal_condition(value: str) -> Q | None:
    """GoalTag condition for a goal filter value: "sdg:11", "target:11.7", "goal:<id>",
    "local:<id>" (as in the tag form); a UN goal or hub goal also matches targets under it."""
    kind, _sep, key = value.partition(":")
    if kind == "sdg" and key.isdigit():
        number = int(key)
        return (
            Q(sdg_goal_id=number)
            | Q(sdg_target__goal_id=number)
            | Q(local_target__sdg_target__goal_id=number)
        )
    if kind == "target" and key:
        return Q(sdg_target__code=key) | Q(local_target__sdg_target__code=key)
    if kind == "goal" and key.isdigit():
        return Q(hub_goal_id=int(key)) | Q(local_target__hub_goal_id=int(key))
    if kind == "local" and key.isdigit():
        return Q(local_target_id=int(key))
    return None


def _filtered(
    qs: QuerySet[Initiative], *, hub: Hub, status: str = "", area: str = "", goal: str = "", phase: str = ""
) -> QuerySet[Initiative]:
    """`qs` filtered by status, area (code, including its sub-areas), goal tag and phase."""
    if status and status in Initiative.Status.values:
        qs = qs.filter(status=status)
    else:
        qs = qs.exclude(status=Initiative.Status.MERGED)
    if area:
        qs = qs.filter(Q(area__code=area) | Q(area__parent__code=area))
    if goal:
        condition = _goal_condition(goal)
        if condition is None:
            return qs.none()
        content_type = ContentType.objects.get_for_model(Initiative)
        tagged = GoalTag.objects.filter(condition, hub=hub, content_type=content_type).values("object_id")
        qs = qs.filter(pk__in=tagged)
    source = phases.source()
    if phase and source is not None:
        qs = qs.filter(source.in_phase(phase))
    return qs


def initiative_list(
    *,
    hub: Hub,
    status: str = "",
    area: str = "",
    goal: str = "",
    phase: str = "",
    sort: str = "newest",
) -> QuerySet[Initiative]:
    """The hub's initiatives, filtered by status, area (code, including its sub-areas), goal tag
    and current phase (its name), with their follower counts and first image."""
    qs: QuerySet[Initiative] = _base(hub).prefetch_related(
        Prefetch(
            "images", queryset=InitiativeImage.objects.order_by("created_at", "pk"), to_attr="image_list"
        )
    )
    qs = _filtered(qs, hub=hub, status=status, area=area, goal=goal, phase=phase)
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))


def phase_choices(*, hub: Hub) -> list[str]:
    """Names of the phases the hub's initiatives are in now, for the phase filter."""
    source = phases.source()
    return source.names(hub) if source is not None else []


def decorate(initiatives: Iterable[Initiative]) -> list[Initiative]:
    """Attach `goal_tags`, `current_phase` and `first_image` to a page of initiatives
    (two queries, whatever the page size)."""
    items = list(initiatives)
    tags = tags_for_many(items)
    phases = current_phases(items)
    for item in items:
        item.goal_tags = tags.get(item, [])  # type: ignore[attr-defined]
        item.current_phase = phases.get(item.pk)  # type: ignore[attr-defined]
        images = getattr(item, "image_list", None)
        item.first_image = images[0] if images else None  # type: ignore[attr-defined]
    return items


def initiative_get(*, hub: Hub, slug: str) -> Initiative:
    """One initiative of the hub by slug, with its follower count (404 if none)."""
    return get_object_or_404(_base(hub), slug=slug)


@dataclass
class InitiativeDetail:
    initiative: Initiative
    team: list[TeamMember]
    images: list[InitiativeImage]
    updates: list[InitiativeUpdate]
    permits: list[Permit]
    goal_tags: list[GoalTag]
    current_phase: Any
    is_following: bool


def team(*, initiative: Initiative) -> list[TeamMember]:
    order = {"owner": 0, "lead": 1, "member": 2}
    members = list(
        TeamMember.objects.filter(initiative=initiative)
        .select_related("user", "user__profile")
        .order_by("joined_at", "pk")
    )
    return sorted(members, key=lambda m: order.get(m.role, 3))


def permits(*, initiative: Initiative) -> list[Permit]:
    return list(
        Permit.objects.filter(initiative=initiative)
        .prefetch_related(Prefetch("documents", queryset=PermitDocument.objects.order_by("created_at", "pk")))
        .order_by("created_at", "pk")
    )


def permit_get(*, initiative: Initiative, pk: int) -> Permit:
    return get_object_or_404(Permit.objects.select_related("initiative__hub"), initiative=initiative, pk=pk)


def permit_document_get(*, permit: Permit, pk: int) -> PermitDocument:
    return get_object_or_404(PermitDocument, permit=permit, pk=pk)


def team_member_get(*, initiative: Initiative, pk: int) -> TeamMember:
    return get_object_or_404(
        TeamMember.objects.select_related("user", "initiative"), initiative=initiative, pk=pk
    )


def image_file_get(*, hub: Hub, slug: str, pk: int) -> InitiativeImage:
    """An image of the hub's initiative `slug`, with its initiative, for the image's own address
    (one query, without the initiative page's counts); 404 if none."""
    return get_object_or_404(
        InitiativeImage.objects.select_related("initiative__hub"),
        initiative__hub=hub,
        initiative__slug=slug,
        pk=pk,
    )


def image_get(*, initiative: Initiative, pk: int) -> InitiativeImage:
    return get_object_or_404(
        InitiativeImage.objects.select_related("initiative"), initiative=initiative, pk=pk
    )


def updates(*, initiative: Initiative, limit: int = LATEST_UPDATES) -> list[InitiativeUpdate]:
    return list(
        InitiativeUpdate.objects.filter(initiative=initiative)
        .select_related("author", "author__profile")
        .order_by("-created_at", "-pk")[:limit]
    )


def is_following(*, initiative: Initiative, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(initiative=initiative, user=user).exists()


def initiative_detail(*, initiative: Initiative, user: Any) -> InitiativeDetail:
    """Everything the initiative's page and the API's detail show."""
    return InitiativeDetail(
        initiative=initiative,
        team=team(initiative=initiative),
        images=list(InitiativeImage.objects.filter(initiative=initiative).order_by("created_at", "pk")),
        updates=updates(initiative=initiative),
        permits=permits(initiative=initiative),
        goal_tags=tags_for_many([initiative]).get(initiative, []),
        current_phase=current_phases([initiative]).get(initiative.pk),
        is_following=is_following(initiative=initiative, user=user),
    )


# Maps ---------------------------------------------------------------------------------------


def map_center(*, hub: Hub) -> tuple[list[float] | None, int]:
    """Where a map of the hub starts: the middle of its areas or its stewards' box, else of its
    initiatives."""
    box = hub_bbox(hub) or hub.bounds
    if box is not None:
        return [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2], 10
    mean = Initiative.objects.filter(hub=hub, lon__isnull=False).aggregate(lon=Avg("lon"), lat=Avg("lat"))
    if mean["lon"] is not None:
        return [mean["lon"], mean["lat"]], 12
    return None, 11


def _properties(item: Initiative) -> dict[str, Any]:
    return {
        "slug": item.slug,
        "title": item.title,
        "summary": item.summary,
        "status": item.status,
        "status_label": str(item.get_status_display()),  # type: ignore[attr-defined]
        "url": item.get_absolute_url(),
    }


def geojson(
    *,
    hub: Hub,
    status: str = "",
    area: str = "",
    goal: str = "",
    cluster: int | None = None,
    limit: int = GEOJSON_LIMIT,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (RFC 7946) of the hub's initiatives that have a place: each a
    Point at its place's point, newest first, at most `limit` (the collection says so).

    With `cluster` (a map zoom level) the points are grouped on the map grid in SQL
    (apps.places.grid, as map marks are): a cell with several is one feature with
    `cluster: true`, its `count` and `bbox`; a cell with one is that initiative. At most
    MAX_CLUSTERS features (coarser cells when there would be more); three queries however many
    initiatives there are."""
    placed = _filtered(
        Initiative.objects.filter(hub=hub), hub=hub, status=status, area=area, goal=goal
    ).filter(lon__isnull=False, lat__isnull=False)
    total = placed.count()  # one table (and the area filter's join), no per-row subquery
    limit = max(1, min(limit, GEOJSON_LIMIT))
    if cluster is not None:
        features = _clustered(hub, placed, cluster) if total else []
        return {
            "type": "FeatureCollection",
            "features": features,
            "limit": limit,
            "total": total,
            "truncated": False,
        }
    items = list(placed.annotate(follower_count=_follower_count()).order_by(*SORTS["newest"])[:limit])
    for item in items:
        item.hub = hub
    return {
        "type": "FeatureCollection",
        "features": [_feature(item) for item in items],
        "limit": limit,
        "total": total,
        "truncated": total > limit,
    }


def _clustered(hub: Hub, placed: QuerySet[Initiative], zoom: int) -> list[dict[str, Any]]:
    rows = list(
        grid.grouped(placed, max(0, min(zoom, grid.MAX_ZOOM))).annotate(
            min_lon=Min("lon"), min_lat=Min("lat"), max_lon=Max("lon"), max_lat=Max("lat"), one=Min("pk")
        )
    )
    steps = 0
    cells = _merge(rows, steps)
    while len(cells) > grid.MAX_CLUSTERS and steps < zoom:
        steps += 1
        cells = _merge(rows, steps)
    singles = [c["one"] for c in cells if c["n"] == 1]
    # Always one query (an empty list would skip it), so the count of queries never varies.
    found = placed.filter(pk__in=singles or [0]).annotate(follower_count=_follower_count())
    items = {item.pk: item for item in found}
    features = []
    for c in sorted(cells, key=lambda c: (-c["n"], c["slon"] / c["n"], c["slat"] / c["n"])):
        item = items.get(c["one"]) if c["n"] == 1 else None
        if item is not None:
            item.hub = hub
            features.append(_feature(item))
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(c["slon"] / c["n"], 6), round(c["slat"] / c["n"], 6)],
                },
                "properties": {
                    "cluster": True,
                    "count": c["n"],
                    "bbox": [c["min_lon"], c["min_lat"], c["max_lon"], c["max_lat"]],
                },
            }
        )
    return features


def _merge(rows: list[dict[str, Any]], steps: int) -> list[dict[str, Any]]:
    """The grid's rows merged `steps` zoom levels up (each level: 2 × 2 cells into one)."""
    if steps == 0:
        return rows
    merged: dict[tuple[int, int], dict[str, Any]] = {}
    for r in rows:
        key = (r["cx"] >> steps, r["cy"] >> steps)
        m = merged.get(key)
        if m is None:
            merged[key] = dict(r)
            continue
        m["n"] += r["n"]
        m["slon"] += r["slon"]
        m["slat"] += r["slat"]
        m["min_lon"], m["min_lat"] = min(m["min_lon"], r["min_lon"]), min(m["min_lat"], r["min_lat"])
        m["max_lon"], m["max_lat"] = max(m["max_lon"], r["max_lon"]), max(m["max_lat"], r["max_lat"])
        m["one"] = min(m["one"], r["one"])
    return list(merged.values())


def _feature(item: Initiative) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": item.slug,
        "geometry": {"type": "Point", "coordinates": [item.lon, item.lat]},
        "properties": {**_properties(item), "follower_count": getattr(item, "follower_count", 0)},
    }


# Teams -------------------------------------------------------------------------------------

TEAM_ROLES_CACHE = "initiatives.team_roles"


def primed_team_roles(initiative: Initiative) -> dict[int, str] | None:
    """The team's roles by user id if this initiative's team was already loaded in this request."""
    return request_cache(initiative, TEAM_ROLES_CACHE).get("roles")


def team_roles(initiative: Initiative) -> dict[int, str]:
    """Each team member's role by user id ("owner" for the initiative's owner), cached on the
    initiative for one request; `prime_team_ids` loads many initiatives' teams with one query."""
    roles = primed_team_roles(initiative)
    if roles is None:
        prime_team_ids([initiative])
        roles = primed_team_roles(initiative)
        assert roles is not None
    return roles


def team_user_ids(initiative: Initiative) -> set[int]:
    """The user ids of an initiative's owner and team."""
    return set(team_roles(initiative))


def prime_team_ids(initiatives: Iterable[Initiative]) -> None:
    """Load the teams of many initiatives with one query (lists of tasks ask about many)."""
    pending = {i.pk: i for i in initiatives if primed_team_roles(i) is None}
    if not pending:
        return
    teams: dict[int, dict[int, str]] = {pk: {} for pk in pending}
    rows = TeamMember.objects.filter(initiative_id__in=list(pending)).values_list(
        "initiative_id", "user_id", "role"
    )
    for initiative_id, user_id, role in rows:
        teams[initiative_id][user_id] = role
    for pk, initiative in pending.items():
        teams[pk][initiative.owner_id] = TeamMember.Role.OWNER
        request_cache(initiative, TEAM_ROLES_CACHE)["roles"] = teams[pk]


def initiatives_in_area(*, area: Area) -> list[Initiative]:
    """The hub's initiatives (not merged) in `area` or any area below it: by their area field or
    by their point inside the area's geometry (bbox in SQL, then shapely). One query after the
    area's scope; remembered on the area (the page's panels and the brief share it)."""
    cached = getattr(area, "_initiatives_cache", None)
    if cached is not None:
        return cached
    scope = area_scope(area)
    candidates = (
        Initiative.objects.filter(hub_id=area.hub_id)
        .exclude(status=Initiative.Status.MERGED)
        .filter(Q(area_id__in=scope.area_ids) | scope.bbox_q())
        .select_related("hub")
        .order_by("title", "pk")
    )
    found = [i for i in candidates if scope.holds(area_id=i.area_id, lon=i.lon, lat=i.lat)]
    area._initiatives_cache = found  # type: ignore[attr-defined]
    return found
