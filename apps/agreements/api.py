"""API for agreements, under /api/v1/: read only. Agreements with their parties, versions (text
and SHA-256) and signature records — organisation, the representative's name as signed, time
and hash; never an e-mail address. Drafts are seen by whom the pages show them to."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from apps.agreements import selectors
from apps.agreements.canonical import clean_hash
from apps.agreements.models import Agreement, AgreementVersion, Party, Signature
from apps.core.api import BAD_REQUEST, FORBIDDEN, INVALID, NOT_FOUND, answers
from apps.core.permissions import require
from apps.hubs.selectors import hub_get

router = Router(tags=["agreements"])


class AgreementPartyOut(Schema):
    organisation: str
    organisation_slug: str

    @staticmethod
    def resolve_organisation(obj: Party) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_organisation_slug(obj: Party) -> str:
        return obj.organisation.slug


class AgreementOut(Schema):
    id: int
    title: str
    status: str
    initiative: str | None
    starts_on: date
    ends_on: date
    signed_at: datetime | None
    signed_version: int | None
    signed_sha256: str | None
    latest_version: int | None
    parties: list[AgreementPartyOut]
    url: str

    @staticmethod
    def resolve_initiative(obj: Agreement) -> str | None:
        return obj.initiative.slug if obj.initiative else None

    @staticmethod
    def resolve_signed_version(obj: Agreement) -> int | None:
        return obj.signed_version.number if obj.signed_version else None

    @staticmethod
    def resolve_signed_sha256(obj: Agreement) -> str | None:
        return obj.signed_version.sha256 if obj.signed_version else None

    @staticmethod
    def resolve_latest_version(obj: Agreement) -> int | None:
        return getattr(obj, "latest_number", None)

    @staticmethod
    def resolve_parties(obj: Agreement) -> list[Party]:
        return list(obj.parties.all())

    @staticmethod
    def resolve_url(obj: Agreement) -> str:
        return obj.get_absolute_url()


class AgreementVersionOut(Schema):
    number: int
    text: str
    sha256: str
    note: str
    author: str | None
    created: datetime

    @staticmethod
    def resolve_author(obj: AgreementVersion) -> str | None:
        return obj.author.display_name if obj.author else None


class AgreementSignatureOut(Schema):
    organisation: str
    organisation_slug: str
    representative: str
    version: int
    sha256: str
    signed_at: datetime

    @staticmethod
    def resolve_organisation(obj: Signature) -> str:
        return obj.organisation_name

    @staticmethod
    def resolve_organisation_slug(obj: Signature) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_representative(obj: Signature) -> str:
        return obj.representative_name

    @staticmethod
    def resolve_version(obj: Signature) -> int:
        return obj.version.number


class AgreementMatchOut(Schema):
    agreement_id: int
    title: str
    version: int
    sha256: str
    signed_at: datetime | None
    signatures: list[AgreementSignatureOut]

    @staticmethod
    def resolve_title(obj: AgreementVersion) -> str:
        return obj.agreement.title

    @staticmethod
    def resolve_version(obj: AgreementVersion) -> int:
        return obj.number

    @staticmethod
    def resolve_signed_at(obj: AgreementVersion) -> datetime | None:
        return obj.agreement.signed_at

    @staticmethod
    def resolve_signatures(obj: AgreementVersion) -> list[Signature]:
        return list(obj.signatures.all())


def _agreement(request: HttpRequest, hub_slug: str, agreement_id: int) -> Agreement:
    hub = hub_get(slug=hub_slug)
    agreement = selectors.agreement_get(hub=hub, pk=agreement_id)
    require(request.user, "agreements.view_agreement", agreement)
    return agreement


@router.get("/hubs/{hub_slug}/agreements", response=answers(list[AgreementOut], NOT_FOUND, INVALID))
@paginate(LimitOffsetPagination)
def list_agreements(request: HttpRequest, hub_slug: str):  # type: ignore[no-untyped-def]
    """A hub's cooperation agreements: the signed ones for everyone, drafts for the hub's
    members and the parties' representatives; newest change first."""
    hub = hub_get(slug=hub_slug)
    return selectors.agreements(hub=hub, user=request.user).select_related("signed_version")


@router.get(
    "/hubs/{hub_slug}/agreements/verify",
    response=answers(list[AgreementMatchOut], NOT_FOUND, BAD_REQUEST, INVALID),
)
@paginate(LimitOffsetPagination)
def list_agreement_matches(request: HttpRequest, hub_slug: str, sha256: str):  # type: ignore[no-untyped-def]
    """The signed versions of the hub's agreements whose canonical text has this SHA-256
    (an empty list: no match)."""
    hub = hub_get(slug=hub_slug)
    if clean_hash(sha256) is None:
        raise HttpError(400, "A SHA-256 is 64 hexadecimal digits.")
    _digest, found = selectors.verify(hub=hub, sha256=sha256)
    return found


@router.get(
    "/hubs/{hub_slug}/agreements/{agreement_id}",
    response=answers(AgreementOut, NOT_FOUND, FORBIDDEN, INVALID),
)
def get_agreement(request: HttpRequest, hub_slug: str, agreement_id: int) -> Agreement:
    """One agreement: status, period, parties, and the signed version's number and hash."""
    agreement = _agreement(request, hub_slug, agreement_id)
    agreement.latest_number = max((v.number for v in agreement.versions.all()), default=None)  # type: ignore[attr-defined]
    return agreement


@router.get(
    "/hubs/{hub_slug}/agreements/{agreement_id}/versions",
    response=answers(list[AgreementVersionOut], NOT_FOUND, FORBIDDEN, INVALID),
)
@paginate(LimitOffsetPagination)
def list_agreement_versions(request: HttpRequest, hub_slug: str, agreement_id: int):  # type: ignore[no-untyped-def]
    """Every version of an agreement, newest first, with its text and SHA-256."""
    agreement = _agreement(request, hub_slug, agreement_id)
    return AgreementVersion.objects.filter(agreement=agreement).select_related("author").order_by("-number")


@router.get(
    "/hubs/{hub_slug}/agreements/{agreement_id}/signatures",
    response=answers(list[AgreementSignatureOut], NOT_FOUND, FORBIDDEN, INVALID),
)
@paginate(LimitOffsetPagination)
def list_agreement_signatures(request: HttpRequest, hub_slug: str, agreement_id: int):  # type: ignore[no-untyped-def]
    """Every signature of an agreement, on any version, oldest first: the organisation, the
    representative's name as signed, the time and the hash signed. No contact details."""
    agreement = _agreement(request, hub_slug, agreement_id)
    return selectors.signatures(agreement=agreement).select_related("organisation")
