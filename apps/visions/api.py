"""API for visions, under /api/v1/: a vision with its versions and endorsements."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from apps.core.api import INVALID, NOT_FOUND, answers
from apps.hubs.selectors import hub_get
from apps.visions import selectors
from apps.visions.models import Endorsement, Vision, VisionVersion

router = Router(tags=["visions"])


class EndorsementOut(Schema):
    organisation: str
    organisation_slug: str
    representative: str | None
    version: int
    created: datetime

    @staticmethod
    def resolve_organisation(obj: Endorsement) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_organisation_slug(obj: Endorsement) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_representative(obj: Endorsement) -> str | None:
        return obj.representative.display_name if obj.representative else None

    @staticmethod
    def resolve_version(obj: Endorsement) -> int:
        return obj.version.number


class VersionOut(Schema):
    number: int
    text: str
    note: str
    author: str | None
    sha256: str
    created: datetime
    url: str
    endorsements: list[str]

    @staticmethod
    def resolve_author(obj: VisionVersion) -> str | None:
        return obj.author.display_name if obj.author else None

    @staticmethod
    def resolve_url(obj: VisionVersion) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_endorsements(obj: VisionVersion) -> list[str]:
        return [e.organisation.slug for e in obj.endorsements.all()]


class VisionOut(Schema):
    id: int
    title: str
    status: str
    space: str
    url: str
    versions: list[VersionOut]
    endorsements: list[EndorsementOut]

    @staticmethod
    def resolve_space(obj: Vision) -> str:
        return obj.space.key

    @staticmethod
    def resolve_url(obj: Vision) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_versions(obj: Vision) -> list[VisionVersion]:
        return list(obj.versions.all())

    @staticmethod
    def resolve_endorsements(obj: Vision) -> list[Endorsement]:
        return [e for v in obj.versions.all() for e in v.endorsements.all()]


@router.get(
    "/hubs/{hub_slug}/visions/{vision_id}",
    response=answers(VisionOut, NOT_FOUND, INVALID),
)
def get_vision(request: HttpRequest, hub_slug: str, vision_id: int) -> Vision:
    """A shared vision: every version (newest first) and every endorsement."""
    hub = hub_get(slug=hub_slug)
    vision = selectors.vision_get(hub=hub, pk=vision_id)
    for version in vision.versions.all():
        version.vision = vision  # for the URLs, without a query per version
    return vision
