"""Reads for result pages, the initiative panel and the API, each in a fixed number of queries.

`participants(initiative)` answers "who took part?" for closing the loop: one query per source
(`PARTICIPANT_SOURCES`) and one for the people: idea authors, commenters, supporters, voters,
respondents, attendees, followers, pledgers (apps.funding) and the initiative's partners
(apps.partners), and confirmed volunteers (apps.volunteers)."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils.formats import number_format

from apps.events.models import Event, Registration
from apps.funding.models import Pledge
from apps.hubs.models import Hub
from apps.initiatives.models import Follow, Initiative
from apps.knowledge.brief import format_number, sparkline
from apps.knowledge.models import Observation
from apps.participation.models import Comment, Idea, Support
from apps.results.models import Evidence, ProgressReport, ReportPhoto, Result, Status
from apps.results.rules import is_manager
from apps.surveys.models import Ballot, Response
from apps.volunteers.models import Signup

# Who took part ----------------------------------------------------------------------------------


def _idea_authors(initiative: Initiative) -> QuerySet[Any]:
    return Idea.objects.filter(initiative=initiative, author__isnull=False).values_list(
        "author_id", flat=True
    )


def _commenters(initiative: Initiative) -> QuerySet[Any]:
    return Comment.objects.filter(idea__initiative=initiative, author__isnull=False).values_list(
        "author_id", flat=True
    )


def _supporters(initiative: Initiative) -> QuerySet[Any]:
    return Support.objects.filter(idea__initiative=initiative).values_list("user_id", flat=True)


def _voters(initiative: Initiative) -> QuerySet[Any]:
    return Ballot.objects.filter(vote__initiative=initiative).values_list("voter_id", flat=True)


def _respondents(initiative: Initiative) -> QuerySet[Any]:
    return Response.objects.filter(survey__initiative=initiative, respondent__isnull=False).values_list(
        "respondent_id", flat=True
    )


def _attendees(initiative: Initiative) -> QuerySet[Any]:
    events = Event.objects.filter(initiative=initiative)
    return Registration.objects.filter(event__in=events, status=Registration.Status.CONFIRMED).values_list(
        "user_id", flat=True
    )


def _followers(initiative: Initiative) -> QuerySet[Any]:
    return Follow.objects.filter(initiative=initiative).values_list("user_id", flat=True)


def _volunteers(initiative: Initiative) -> QuerySet[Any]:
    """People with a confirmed place on one of the initiative's shifts that was not cancelled."""
    return Signup.objects.filter(
        shift__initiative=initiative, shift__status="open", status="confirmed"
    ).values_list("user_id", flat=True)


def _pledgers(initiative: Initiative) -> QuerySet[Any]:
    """People who pledged to the initiative's campaign (a cancelled pledge still took part)."""
    return Pledge.objects.filter(campaign__initiative=initiative, user__isnull=False).values_list(
        "user_id", flat=True
    )


def _partners(initiative: Initiative) -> QuerySet[Any]:
    """People who are partners of the initiative, and the representatives of its partner
    organisations."""
    return (
        get_user_model()
        .objects.filter(
            Q(partner_roles__initiative=initiative) | Q(organisations__partner_roles__initiative=initiative)
        )
        .values_list("id", flat=True)
    )


# Each source: the ids of the people who took part one way, as one query.
PARTICIPANT_SOURCES: dict[str, Callable[[Initiative], QuerySet[Any]]] = {
    "ideas": _idea_authors,
    "comments": _commenters,
    "supports": _supporters,
    "votes": _voters,
    "surveys": _respondents,
    "events": _attendees,
    "followers": _followers,
    "pledges": _pledgers,
    "volunteers": _volunteers,
    "partners": _partners,
}


def participant_ids(initiative: Initiative) -> set[int]:
    ids: set[int] = set()
    for source in PARTICIPANT_SOURCES.values():
        ids.update(source(initiative).distinct())
    return ids


def participants(initiative: Initiative) -> list[Any]:
    """Everyone active who took part in the initiative in any way, each once, by id."""
    ids = participant_ids(initiative)
    if not ids:
        return []
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))


# Results --------------------------------------------------------------------------------------


def _visible(qs: QuerySet[Any], *, user: Any, scope: Any) -> QuerySet[Any]:
    if scope is not None and is_manager(user, scope):
        return qs
    return qs.filter(status=Status.PUBLISHED)


def results_for(
    *, hub: Hub, initiative: Initiative | None = None, user: Any, all_of_hub: bool = False
) -> list[Result]:
    """The results of an initiative (or the hub's own; every published one of the hub with
    `all_of_hub`), drafts only for those who manage them, each with `latest` (the newest
    published measured value) and `series` (the knowledge data for its area). Three queries."""
    qs = Result.objects.filter(hub=hub).select_related("hub", "initiative__hub", "indicator", "area")
    if all_of_hub:
        qs = qs.filter(status=Status.PUBLISHED)
    else:
        qs = _visible(qs.filter(initiative=initiative), user=user, scope=initiative or hub)
    results = list(qs.order_by("target_date", "pk"))
    decorate(results)
    return results


def decorate(results: list[Result]) -> list[Result]:
    """Add `latest` (report or None), `progress` (0–100 or None) and `series` to each result:
    two queries however many results."""
    if not results:
        return results
    latest: dict[int, ProgressReport] = {}
    reports = (
        ProgressReport.objects.filter(
            result__in=[r.pk for r in results], status=Status.PUBLISHED, value__isnull=False
        )
        .order_by("result_id", "-measured_on", "-published_at", "-pk")
        .select_related("hub")
    )
    for report in reports:
        latest.setdefault(report.result_id, report)  # type: ignore[arg-type]
    pairs = {(r.indicator_id, r.area_id) for r in results if r.indicator_id}
    observations: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    if pairs:
        rows = Observation.objects.filter(
            indicator_id__in={i for i, _a in pairs},
            area_id__in={a for _i, a in pairs},
            breakdown_key="",
            breakdown_value="",
        ).values_list("indicator_id", "area_id", "year", "value")
        for indicator_id, area_id, year, value in rows:
            if (indicator_id, area_id) in pairs:
                observations[(indicator_id, area_id)][year] = value
    for result in results:
        result.latest = latest.get(result.pk)  # type: ignore[attr-defined]
        current = result.latest.value if result.latest else None  # type: ignore[attr-defined]
        series = (
            observations.get((result.indicator_id, result.area_id or 0), {}) if result.indicator_id else {}
        )
        result.series = _series(series, result)  # type: ignore[attr-defined]
        if current is None and series:
            current = series[max(series)]
        result.current = current  # type: ignore[attr-defined]
        result.current_display = display_value(current)  # type: ignore[attr-defined]
        result.progress = _progress(result, current)  # type: ignore[attr-defined]
    return results


def display_value(value: Any) -> str:
    """A measured or target value for people: no trailing zeros, the locale's decimal mark and
    grouped thousands ("1 500,5"); "" for none."""
    if value is None:
        return ""
    number = Decimal(str(value)).normalize()
    exponent = number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return number_format(
        number.quantize(Decimal(1).scaleb(-places)), places, use_l10n=True, force_grouping=True
    )


def _progress(result: Result, current: Any) -> int | None:
    """How far from the baseline to the target the current value is, 0–100."""
    if current is None:
        return None
    span = float(result.target) - float(result.baseline)
    if span == 0:
        return 100 if float(current) == float(result.target) else 0
    share = (float(current) - float(result.baseline)) / span * 100
    return max(0, min(100, round(share)))


def _series(series: dict[int, float], result: Result) -> dict[str, Any] | None:
    """The data series of a knowledge indicator for the result's area: rows for the table and
    an SVG line drawn on the server (no JavaScript needed)."""
    if not series:
        return None
    years = sorted(series)
    return {
        "rows": [{"year": y, "value": format_number(series[y])} for y in years],
        "first_year": years[0],
        "last_year": years[-1],
        "latest": format_number(series[years[-1]]),
        "points": sparkline(series, width=240, height=60),
    }


def result_get(*, hub: Hub, pk: int) -> Result:
    return get_object_or_404(
        Result.objects.select_related("hub", "initiative__area", "indicator", "area", "created_by"),
        hub=hub,
        pk=pk,
    )


def initiatives_with_results(*, hub: Hub) -> list[Initiative]:
    """The hub's initiatives that have published results or reports, by title. One query."""
    return list(
        Initiative.objects.filter(hub=hub)
        .filter(Q(results__status=Status.PUBLISHED) | Q(progress_reports__status=Status.PUBLISHED))
        .distinct()
        .order_by("title")
    )


# Reports --------------------------------------------------------------------------------------


def _report_base() -> QuerySet[ProgressReport]:
    return ProgressReport.objects.select_related("hub", "initiative", "result", "author").prefetch_related(
        Prefetch("photos", queryset=ReportPhoto.objects.order_by("created_at", "pk")),
        Prefetch("documents", queryset=Evidence.objects.order_by("created_at", "pk")),
    )


def reports_for(*, hub: Hub, initiative: Initiative | None, user: Any) -> QuerySet[ProgressReport]:
    """Reports of an initiative (or the hub's own), newest first; drafts (first) only for those
    who manage them. A page of them is three queries."""
    qs = _report_base().filter(hub=hub, initiative=initiative)
    return _visible(qs, user=user, scope=initiative or hub).order_by(
        "-status", "-published_at", "-created_at", "-pk"
    )


def final_reports(*, hub: Hub, limit: int = 6) -> list[ProgressReport]:
    """The hub's newest published final reports ("what came of it"). One query."""
    return list(
        ProgressReport.objects.filter(hub=hub, is_final=True, status=Status.PUBLISHED)
        .select_related("hub", "initiative")
        .order_by("-published_at", "-pk")[:limit]
    )


def report_get(*, hub: Hub, pk: int) -> ProgressReport:
    return get_object_or_404(_report_base(), hub=hub, pk=pk)


def evidence_get(*, report: ProgressReport, pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.select_related("report"), report=report, pk=pk)


def photo_get(*, report: ProgressReport, pk: int) -> ReportPhoto:
    return get_object_or_404(ReportPhoto.objects.select_related("report"), report=report, pk=pk)


def published_results(*, hub: Hub, space: Any = None) -> QuerySet[Result]:
    """Published results of a hub (or of one space: the hub's own or an initiative's), each with
    its latest measured value and date (`latest_value`, `latest_on`) and, for a knowledge
    indicator, the area's latest observation (`data_value`, `data_year`), as subqueries: one
    query for a whole page."""
    qs = Result.objects.filter(hub=hub, status=Status.PUBLISHED)
    if space is not None:
        qs = qs.filter(initiative=space.initiative)
    measured = ProgressReport.objects.filter(
        result=OuterRef("pk"), status=Status.PUBLISHED, value__isnull=False
    ).order_by("-measured_on", "-published_at", "-pk")
    observed = Observation.objects.filter(
        indicator=OuterRef("indicator_id"), area=OuterRef("area_id"), breakdown_key="", breakdown_value=""
    ).order_by("-year")
    return (
        qs.select_related("hub", "initiative__hub", "indicator", "area")
        .annotate(
            latest_value=Subquery(measured.values("value")[:1]),
            latest_on=Subquery(measured.values("measured_on")[:1]),
            data_value=Subquery(observed.values("value")[:1]),
            data_year=Subquery(observed.values("year")[:1]),
        )
        .order_by("target_date", "pk")
    )


def published_reports(*, hub: Hub, space: Any = None) -> QuerySet[ProgressReport]:
    """Published reports of a hub (or one space), newest first, with their photos: two queries a page."""
    qs = ProgressReport.objects.filter(hub=hub, status=Status.PUBLISHED)
    if space is not None:
        qs = qs.filter(initiative=space.initiative)
    return (
        qs.select_related("hub", "initiative", "result")
        .prefetch_related(Prefetch("photos", queryset=ReportPhoto.objects.order_by("created_at", "pk")))
        .order_by("-published_at", "-pk")
    )


def with_results(items: Iterable[Result]) -> list[Result]:
    return decorate(list(items))


def latest_report(*, initiative: Initiative) -> ProgressReport | None:
    """The initiative's newest published report. One query."""
    return (
        ProgressReport.objects.filter(initiative=initiative, status=Status.PUBLISHED)
        .select_related("hub")
        .order_by("-published_at", "-pk")
        .first()
    )


def final_report(*, initiative: Initiative) -> ProgressReport | None:
    """The initiative's published final report, if any. One query."""
    return (
        ProgressReport.objects.filter(initiative=initiative, status=Status.PUBLISHED, is_final=True)
        .select_related("hub")
        .first()
    )
