"""API of search, under /api/v1/: `GET /search?q=&hub=&kind=&limit=&offset=`, one search across
every hub (or one), with the same visibility as the pages (signed in with a session, a person
also finds what they may see that is not public)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from apps.core.api import BAD_REQUEST, INVALID, NOT_FOUND, answers
from apps.hubs.selectors import hub_get
from apps.search import selectors
from apps.search.models import Kind

router = Router(tags=["search"])


class SearchResultOut(Schema):
    kind: str
    title: str = Field(description="HTML: the title, escaped, with matches in <mark>.")
    snippet: str = Field(description="HTML: a passage of the text, escaped, with matches in <mark>.")
    url: str
    hub: str
    public: bool
    updated: datetime

    @staticmethod
    def resolve_hub(obj: selectors.Hit) -> str:
        return obj.hub_slug


class CappedPagination(LimitOffsetPagination):
    """limit/offset pages whose `count` stops at the selector's cap; `more` says there were more."""

    class CappedPage(Schema):  # named for the API schema (ninja reads `Output`)
        items: list[Any]
        count: int = Field(description=f"How many match, counted up to {selectors.COUNT_CAP:,}.")
        more: bool = Field(description="Whether more match than `count` says.")

    Output = CappedPage  # type: ignore[assignment]  # ninja reads Output; the class name names the schema

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        return {**page, "more": queryset.more}


class SearchFilter(Schema):
    q: str = Field("", max_length=selectors.MAX_QUERY, description="Words to look for (web search syntax).")
    hub: str | None = Field(None, description="A hub's address (slug); all hubs when left out.")
    kind: list[str] = Field(
        [], description="Kinds to show: " + ", ".join(Kind.values) + "; all when left out."
    )


@router.get(
    "/search",
    response=answers(list[SearchResultOut], NOT_FOUND, BAD_REQUEST, INVALID),
    summary="Search initiatives, ideas, areas, goals, events, members and library entries",
)
@paginate(CappedPagination)
def list_search_results(request: HttpRequest, filters: Query[SearchFilter]) -> selectors.Results:
    hub = hub_get(slug=filters.hub) if filters.hub else None
    unknown = [k for k in filters.kind if k not in Kind.values]
    if unknown:
        raise HttpError(400, _("Unknown kind: %(kinds)s.") % {"kinds": ", ".join(unknown)})
    return selectors.search(q=filters.q, user=request.user, hub=hub, kinds=filters.kind)
