"""API for results, under /api/v1/: published desired results with their targets and latest
value, and published progress reports (no evidence documents, no drafts, no private data).
Writes (a progress report as a draft, publishing it) take a personal API token and go through
the same services and rules as the pages."""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from apps.accounts.api_auth import token_write
from apps.core.api import BAD_REQUEST, FORBIDDEN, INVALID, NOT_FOUND, SIGNED_IN, answers
from apps.hubs.selectors import hub_get
from apps.participation.spaces import Space, space_from_key
from apps.results import selectors, services
from apps.results.models import ProgressReport, ReportPhoto, Result

router = Router(tags=["results"])


class SpaceFilter(Schema):
    space: str | None = None


class IndicatorRef(Schema):
    code: str
    name: str
    unit: str
    area: str
    latest_year: int | None
    latest_value: float | None


class ResultOut(Schema):
    id: int
    title: str
    description: str
    initiative: str | None
    indicator: str
    unit: str
    knowledge_indicator: IndicatorRef | None
    baseline: Decimal
    baseline_date: date | None
    target: Decimal
    target_date: date
    latest_value: Decimal | None
    latest_measured_on: date | None
    url: str

    @staticmethod
    def resolve_initiative(obj: Result) -> str | None:
        return obj.initiative.slug if obj.initiative else None

    @staticmethod
    def resolve_indicator(obj: Result) -> str:
        return obj.indicator_label

    @staticmethod
    def resolve_unit(obj: Result) -> str:
        return obj.unit_label

    @staticmethod
    def resolve_knowledge_indicator(obj: Result) -> dict | None:  # type: ignore[type-arg]
        if obj.indicator is None or obj.area is None:
            return None
        return {
            "code": obj.indicator.code,
            "name": obj.indicator.name,
            "unit": obj.indicator.unit,
            "area": obj.area.code,
            "latest_year": getattr(obj, "data_year", None),
            "latest_value": getattr(obj, "data_value", None),
        }

    @staticmethod
    def resolve_latest_value(obj: Result) -> Decimal | None:
        return getattr(obj, "latest_value", None)

    @staticmethod
    def resolve_latest_measured_on(obj: Result) -> date | None:
        return getattr(obj, "latest_on", None)

    @staticmethod
    def resolve_url(obj: Result) -> str:
        return obj.get_absolute_url()


class PhotoOut(Schema):
    url: str
    alt_text: str
    width: int | None
    height: int | None

    @staticmethod
    def resolve_url(obj: ReportPhoto) -> str:
        return obj.get_absolute_url()


class ReportOut(Schema):
    id: int
    title: str
    text: str
    initiative: str | None
    is_final: bool
    published_at: datetime | None
    result_id: int | None
    value: Decimal | None
    measured_on: date | None
    evidence_url: str
    photos: list[PhotoOut]
    url: str

    @staticmethod
    def resolve_initiative(obj: ProgressReport) -> str | None:
        return obj.initiative.slug if obj.initiative else None

    @staticmethod
    def resolve_photos(obj: ProgressReport) -> list[ReportPhoto]:
        return list(obj.photos.all())

    @staticmethod
    def resolve_url(obj: ProgressReport) -> str:
        return obj.get_absolute_url()


def _space(hub: object, key: str | None) -> Space | None:
    if not key:
        return None
    space = space_from_key(hub, key)  # type: ignore[arg-type]
    if space.area is not None:
        raise Http404("Areas have no results of their own.")
    return space


@router.get("/hubs/{hub_slug}/results", response=answers(list[ResultOut], NOT_FOUND, INVALID))
@paginate(LimitOffsetPagination)
def list_results(request: HttpRequest, hub_slug: str, filters: Query[SpaceFilter]) -> QuerySet[Result]:
    """A hub's published desired results, by target date, each with its baseline, target, latest
    measured value and (for a knowledge indicator) the area's latest data; `space=hub` for the
    hub's own, `space=i-<initiative>` for one initiative's."""
    hub = hub_get(slug=hub_slug)
    return selectors.published_results(hub=hub, space=_space(hub, filters.space))


@router.get("/hubs/{hub_slug}/progress-reports", response=answers(list[ReportOut], NOT_FOUND, INVALID))
@paginate(LimitOffsetPagination)
def list_progress_reports(
    request: HttpRequest, hub_slug: str, filters: Query[SpaceFilter]
) -> QuerySet[ProgressReport]:
    """A hub's published progress reports, newest first, with their photos; `space=` as for results.
    Evidence documents are for the hub's members and are not in the API."""
    hub = hub_get(slug=hub_slug)
    return selectors.published_reports(hub=hub, space=_space(hub, filters.space))


# Writes (personal API token, apps.accounts.api_auth) ------------------------------------------


class ReportIn(Schema):
    """A progress report as a draft: `space` is `hub` or `i-<initiative slug>`; a measured
    `value` needs `result_id` (one of the same space's results) and `measured_on`."""

    space: str
    title: str
    text: str
    result_id: int | None = None
    value: Decimal | None = None
    measured_on: date | None = None
    evidence_url: str = ""
    is_final: bool = False


class DraftReportOut(Schema):
    id: int
    title: str
    status: str
    is_final: bool
    result_id: int | None
    value: Decimal | None
    measured_on: date | None
    told: int
    url: str

    @staticmethod
    def resolve_told(obj: ProgressReport) -> int:
        return obj.participants_told or 0

    @staticmethod
    def resolve_url(obj: ProgressReport) -> str:
        return obj.get_absolute_url()


WRITE_ERRORS = (BAD_REQUEST, SIGNED_IN, FORBIDDEN, NOT_FOUND, INVALID)


@router.post(
    "/hubs/{hub_slug}/progress-reports",
    response={201: DraftReportOut, **answers(DraftReportOut, *WRITE_ERRORS)},
    auth=token_write,
    summary="Write a progress report (a draft until it is published)",
)
def create_progress_report(request: HttpRequest, hub_slug: str, payload: ReportIn) -> Status:
    hub = hub_get(slug=hub_slug)
    space = _space(hub, payload.space)
    if space is None:
        raise Http404
    result = selectors.result_get(hub=hub, pk=payload.result_id) if payload.result_id else None
    report = services.report_create(
        hub=hub,
        actor=request.user,
        initiative=space.initiative,
        title=payload.title,
        text=payload.text,
        result=result,
        value=payload.value,
        measured_on=payload.measured_on,
        evidence_url=payload.evidence_url,
        is_final=payload.is_final,
    )
    return Status(201, report)


@router.post(
    "/hubs/{hub_slug}/progress-reports/{report_id}/publish",
    response=answers(DraftReportOut, *WRITE_ERRORS),
    auth=token_write,
    summary="Publish a progress report (a final report tells everyone who took part)",
)
def publish_progress_report(request: HttpRequest, hub_slug: str, report_id: int) -> ProgressReport:
    hub = hub_get(slug=hub_slug)
    report = selectors.report_get(hub=hub, pk=report_id)
    services.report_publish(report=report, actor=request.user)
    report.refresh_from_db()
    return report
