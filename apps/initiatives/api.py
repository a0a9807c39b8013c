"""API for initiatives, under /api/v1/.

`GET /hubs/{hub_slug}/initiatives` lists a hub's initiatives (paginated JSON, or with
`?format=geojson` an RFC 7946 FeatureCollection of those with a place, capped at `limit`);
`GET /hubs/{hub_slug}/initiatives/{initiative_slug}` gives one with its team, latest updates, permits
and follower count. Only what the public pages show: people are named only when they chose a
public profile.
"""

import json
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from apps.core.api import BAD_REQUEST, INVALID, NOT_FOUND, answers
from apps.core.api_pagination import counted, cursor_page
from apps.hubs.selectors import hub_get
from apps.hubs.versions import hub_cached
from apps.initiatives import selectors
from apps.initiatives.models import Initiative

router = Router(tags=["initiatives"])

GEOJSON = "application/geo+json"
MAX_PAGE = 200


class AreaOut(Schema):
    code: str
    name: str


class CurrentPhaseOut(Schema):
    name: str
    starts_on: date | None = None
    due_on: date | None = None


class InitiativeOut(Schema):
    slug: str
    title: str
    summary: str
    status: str
    area: AreaOut | None
    goals: list[str]
    template: str | None
    current_phase: CurrentPhaseOut | None
    lon: float | None
    lat: float | None
    url: str
    followers_count: int


class InitiativePage(Schema):
    count: int
    items: list[InitiativeOut]
    next_cursor: str | None = None
    previous_cursor: str | None = None


class PersonOut(Schema):
    name: str | None
    role: str


class UpdateOut(Schema):
    title: str
    body: str
    author: str | None
    created_at: datetime


class DocumentOut(Schema):
    name: str
    url: str
    content_type: str
    size: int


class PermitOut(Schema):
    what: str
    authority: str
    status: str
    applied_on: date | None
    decided_on: date | None
    decision: str
    documents: list[DocumentOut]


class InitiativeDetailOut(InitiativeOut):
    description: str
    place: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime
    team: list[PersonOut]
    updates: list[UpdateOut]
    permits: list[PermitOut]
    images: list[dict[str, Any]]


def _goal_code(tag: Any) -> str:
    target = tag.target
    return str(getattr(target, "code", "") or "")


def _out(item: Initiative, phase: Any, tags: list[Any]) -> dict[str, Any]:
    return {
        "slug": item.slug,
        "title": item.title,
        "summary": item.summary,
        "status": item.status,
        "area": {"code": item.area.code, "name": item.area.name} if item.area else None,
        "goals": [_goal_code(t) for t in tags],
        "template": phase.run.template_key if phase is not None else None,
        "current_phase": (
            {"name": phase.name, "starts_on": phase.starts_on, "due_on": phase.due_on}
            if phase is not None
            else None
        ),
        "lon": item.lon,
        "lat": item.lat,
        "url": item.get_absolute_url(),
        "followers_count": getattr(item, "follower_count", 0),
    }


def _public_name(user: Any) -> str | None:
    return user.display_name if user is not None and user.has_public_profile else None


@router.get(
    "/hubs/{hub_slug}/initiatives",
    response=answers(InitiativePage, BAD_REQUEST, NOT_FOUND, INVALID),
    url_name="list_initiatives",
    summary="A hub's initiatives (JSON, or GeoJSON with format=geojson)",
)
def list_initiatives(
    request: HttpRequest,
    hub_slug: str,
    status: str = "",
    area: str = "",
    goal: str = "",
    format: str = "json",  # noqa: A002
    cluster: int | None = Query(None, ge=0, le=20),  # type: ignore[type-arg]
    limit: int = Query(50, ge=1, le=selectors.GEOJSON_LIMIT),  # type: ignore[type-arg]
    offset: int = Query(0, ge=0),  # type: ignore[type-arg]
    cursor: str | None = Query(None, max_length=2000),  # type: ignore[type-arg]
) -> Any:
    """Filters: `status`, `area` (a code; includes its sub-areas), `goal` ("sdg:11",
    "target:11.7", "goal:<id>", "local:<id>"). JSON pages take `limit` (at most 200) and `offset`,
    or `cursor` (a page's `next_cursor` or `previous_cursor`: a deep page costs what the first
    one does).
    With `format=geojson`: every matching initiative with a place, newest first, up to `limit`
    (default and maximum 2000; `truncated` says when there were more); `cluster=<zoom>` merges
    points that are close at that map zoom."""
    hub = hub_get(slug=hub_slug)
    if status and status not in Initiative.Status.values:
        raise HttpError(
            400, f"Unknown status {status[:20]!r}. Use one of: {', '.join(Initiative.Status.values)}."
        )
    if format == "geojson":
        geo_limit = limit if "limit" in request.GET else selectors.GEOJSON_LIMIT
        data = selectors.geojson(
            hub=hub, status=status, area=area[:200], goal=goal[:40], cluster=cluster, limit=geo_limit
        )
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return HttpResponse(body.encode(), content_type=GEOJSON)
    if format != "json":
        raise HttpError(400, "format must be json or geojson.")
    qs = selectors.initiative_list(hub=hub, status=status, area=area[:200], goal=goal[:40]).prefetch_related(
        None
    )
    limit = min(limit, MAX_PAGE)  # a larger limit is GeoJSON's (at most 2000); above that: 422
    filters = (status, area[:200], goal[:40])
    qs = counted(qs, lambda: hub_cached(hub, "count:initiatives", *filters, compute=qs.count))
    page = cursor_page(qs, request=request, cursor=cursor, offset=offset, limit=limit)
    items = page["items"]
    tags = selectors.tags_for_many(items)
    phases = selectors.current_phases(items)
    page["items"] = [_out(i, phases.get(i.pk), tags.get(i, [])) for i in items]
    return page


@router.get(
    "/hubs/{hub_slug}/initiatives/{initiative_slug}",
    response=answers(InitiativeDetailOut, NOT_FOUND),
    url_name="get_initiative",
    summary="One initiative with its team, latest updates and permits",
)
def get_initiative(request: HttpRequest, hub_slug: str, initiative_slug: str) -> dict[str, Any]:
    hub = hub_get(slug=hub_slug)
    item = selectors.initiative_get(hub=hub, slug=initiative_slug)
    detail = selectors.initiative_detail(initiative=item, user=request.user)
    # Permit documents (applications, decisions) are the team's: others see the permits only.
    sees_documents = request.user.has_perm("initiatives.manage_permits", item)
    return {
        **_out(item, detail.current_phase, detail.goal_tags),
        "description": item.description,
        "place": item.place,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "team": [{"name": _public_name(m.user), "role": m.role} for m in detail.team],
        "updates": [
            {"title": u.title, "body": u.body, "author": _public_name(u.author), "created_at": u.created_at}
            for u in detail.updates
        ],
        "permits": [
            {
                "what": p.what,
                "authority": p.authority,
                "status": p.status,
                "applied_on": p.applied_on,
                "decided_on": p.decided_on,
                "decision": p.decision,
                "documents": [
                    {
                        "name": d.name,
                        "url": reverse(
                            "hubs:initiatives:permit_document_download",
                            args=[item.hub.slug, item.slug, p.pk, d.pk],
                        ),
                        "content_type": d.content_type,
                        "size": d.size,
                    }
                    for d in (p.documents.all() if sees_documents else [])
                ],
            }
            for p in detail.permits
        ],
        "images": [
            {
                "url": reverse("hubs:initiatives:image", args=[item.hub.slug, item.slug, i.pk]),
                "alt_text": i.alt_text,
                "caption": i.caption,
                "width": i.width,
                "height": i.height,
            }
            for i in detail.images
        ],
    }
