"""API for consolidation, under /api/v1/: the stewards' review queue (hub leads only; a session
or a personal API token, read-only tokens too)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth

from apps.accounts.api_auth import TokenAuth
from apps.core.api import FORBIDDEN, INVALID, NOT_FOUND, SIGNED_IN, answers
from apps.hubs.selectors import hub_get

from . import selectors
from .models import OverlapPair

router = Router(tags=["consolidation"])


class OverlapInitiativeOut(Schema):
    slug: str
    title: str
    url: str


class OverlapReasonsOut(Schema):
    distance_m: int | None = None
    same_area: bool = False
    shared_goals: list[str] = []
    shared_words: list[str] = []


class OverlapPairOut(Schema):
    id: int
    first: OverlapInitiativeOut
    second: OverlapInitiativeOut
    score: float
    status: str
    reasons: OverlapReasonsOut
    created: datetime

    @staticmethod
    def resolve_first(obj: OverlapPair) -> dict:
        return {"slug": obj.first.slug, "title": obj.first.title, "url": obj.first.get_absolute_url()}

    @staticmethod
    def resolve_second(obj: OverlapPair) -> dict:
        return {"slug": obj.second.slug, "title": obj.second.title, "url": obj.second.get_absolute_url()}

    @staticmethod
    def resolve_created(obj: OverlapPair) -> datetime:
        return obj.created_at


@router.get(
    "/hubs/{hub_slug}/consolidation/overlaps",
    response=answers(list[OverlapPairOut], SIGNED_IN, FORBIDDEN, NOT_FOUND, INVALID),
    auth=[TokenAuth(write=False), django_auth],
    summary="The stewards' review queue of overlapping initiatives",
)
@paginate(LimitOffsetPagination)
def list_overlaps(request: HttpRequest, hub_slug: str, status: str = "open") -> list[OverlapPair]:
    hub = hub_get(slug=hub_slug)
    if not request.user.has_perm("consolidation.review_overlaps", hub):
        raise PermissionDenied
    return list(selectors.overlap_queue(hub=hub, status=status))
