"""API for the knowledge library, under /api/v1/: the published entries and case studies of a
hub (what its library page and its open feed show), paginated. Drafts and proposals are never
in the API."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from apps.core.api import INVALID, NOT_FOUND, answers
from apps.hubs.selectors import hub_get
from apps.library import selectors
from apps.library.models import Entry

router = Router(tags=["library"])


class LibraryEntryOut(Schema):
    id: int
    kind: str
    title: str
    summary: str
    body: str
    link: str
    tags: list[str]
    language: str
    licence: str
    licence_url: str
    url: str
    initiative: str | None
    source_url: str | None
    source_name: str | None
    published: datetime | None
    updated: datetime

    @staticmethod
    def resolve_tags(obj: Entry) -> list[str]:
        return obj.tag_list

    @staticmethod
    def resolve_url(obj: Entry) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_initiative(obj: Entry) -> str | None:
        return obj.initiative.slug if obj.initiative_id and obj.initiative else None

    @staticmethod
    def resolve_source_url(obj: Entry) -> str | None:
        return obj.origin_url or None

    @staticmethod
    def resolve_source_name(obj: Entry) -> str | None:
        return obj.origin_name or None

    @staticmethod
    def resolve_published(obj: Entry) -> datetime | None:
        return obj.published_at

    @staticmethod
    def resolve_updated(obj: Entry) -> datetime:
        return obj.updated_at


class LibraryFilter(Schema):
    q: str | None = None
    kind: str | None = None


@router.get(
    "/hubs/{hub_slug}/library/entries",
    response=answers(list[LibraryEntryOut], NOT_FOUND, INVALID),
    summary="A hub's published library entries, searchable",
)
@paginate(LimitOffsetPagination)
def list_library_entries(request: HttpRequest, hub_slug: str, filters: Query[LibraryFilter]) -> list[Entry]:
    hub = hub_get(slug=hub_slug)
    return selectors.search(hub=hub, q=filters.q or "", kind=filters.kind or "")  # type: ignore[return-value]


@router.get(
    "/hubs/{hub_slug}/library/entries/{entry_id}",
    response=answers(LibraryEntryOut, NOT_FOUND, INVALID),
    summary="One published library entry",
)
def get_library_entry(request: HttpRequest, hub_slug: str, entry_id: int) -> Entry:
    hub = hub_get(slug=hub_slug)
    entry: Entry = get_object_or_404(selectors.public_entries(hub=hub), pk=entry_id)
    return entry


@router.get(
    "/hubs/{hub_slug}/library/case-studies",
    response=answers(list[LibraryEntryOut], NOT_FOUND, INVALID),
    summary="A hub's published case studies",
)
@paginate(LimitOffsetPagination)
def list_case_studies(request: HttpRequest, hub_slug: str) -> list[Entry]:
    hub = hub_get(slug=hub_slug)
    return selectors.case_studies(hub=hub)  # type: ignore[return-value]
