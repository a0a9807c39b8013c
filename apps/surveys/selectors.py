"""Reads for survey and vote pages and the API, each with a fixed number of queries.

Results are aggregated here: counts and shares per option, ranks, scale distributions, free
text without names and map points without names. Only the CSV export reads respondents.
"""

import statistics
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.participation.spaces import Space
from apps.residents import selectors as resident_selectors
from apps.surveys.models import (
    Answer,
    Ballot,
    Batch,
    Channel,
    Concept,
    ConceptVote,
    Question,
    Response,
    Status,
    Survey,
)


def _count(queryset: QuerySet, field: str) -> Coalesce:  # type: ignore[type-arg]
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def surveys_with_counts() -> QuerySet[Survey]:
    return Survey.objects.select_related("hub", "initiative", "area").annotate(
        response_count=_count(Response.objects.all(), "survey"),
        question_count=_count(Question.objects.all(), "survey"),
    )


def votes_with_counts() -> QuerySet[ConceptVote]:
    return ConceptVote.objects.select_related("hub", "initiative", "area").annotate(
        ballot_count=_count(Ballot.objects.all(), "vote"),
        concept_count=_count(Concept.objects.all(), "vote"),
    )


def _visible(qs: QuerySet, *, include_drafts: bool) -> QuerySet:  # type: ignore[type-arg]
    return qs if include_drafts else qs.exclude(status=Status.DRAFT)


def space_surveys(*, space: Space, include_drafts: bool = False) -> QuerySet[Survey]:
    """A space's surveys (drafts only for organisers): one query."""
    return _visible(surveys_with_counts().filter(**space.filter()), include_drafts=include_drafts)


def space_votes(*, space: Space, include_drafts: bool = False) -> QuerySet[ConceptVote]:
    return _visible(votes_with_counts().filter(**space.filter()), include_drafts=include_drafts)


def hub_surveys(*, hub: Hub, user: Any) -> QuerySet[Survey]:
    """Every survey in the hub's spaces; drafts only to people who may edit them."""
    qs = surveys_with_counts().filter(hub=hub)
    return qs.filter(
        ~Q(status=Status.DRAFT) | Q(pk__in=_draft_ids(Survey, hub, user, "surveys.change_survey"))
    )


def hub_votes(*, hub: Hub, user: Any) -> QuerySet[ConceptVote]:
    qs = votes_with_counts().filter(hub=hub)
    return qs.filter(
        ~Q(status=Status.DRAFT) | Q(pk__in=_draft_ids(ConceptVote, hub, user, "surveys.change_vote"))
    )


def _draft_ids(model: Any, hub: Hub, user: Any, perm: str) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    drafts = model.objects.filter(hub=hub, status=Status.DRAFT).select_related("hub", "initiative", "area")
    return [item.pk for item in drafts if user.has_perm(perm, item)]


def survey_get(*, hub: Hub, pk: int) -> Survey:
    return get_object_or_404(Survey.objects.select_related("hub", "initiative", "area"), hub=hub, pk=pk)


def vote_get(*, hub: Hub, pk: int) -> ConceptVote:
    return get_object_or_404(ConceptVote.objects.select_related("hub", "initiative", "area"), hub=hub, pk=pk)


def concept_with_image_get(*, vote: ConceptVote, pk: int) -> Concept:
    """A concept of the vote that has an image (404 otherwise), its vote set to `vote`."""
    concept = get_object_or_404(Concept.objects.exclude(image=""), vote=vote, pk=pk)
    concept.vote = vote
    return concept


def has_responded(*, survey: Survey, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Response.objects.filter(survey=survey, respondent=user).exists()


def ballot_of(*, vote: ConceptVote, user: Any) -> Ballot | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Ballot.objects.filter(vote=vote, voter=user).select_related("concept").first()


def _share(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def clean_channel(value: Any) -> str:
    """A channel from a query string, or "" for all."""
    return value if value in Channel.values else ""


def channel_counts(*, item: Survey | ConceptVote) -> list[dict[str, Any]]:
    """How many answers came in by each channel (one query), every channel listed."""
    rows: QuerySet[Any] = (
        Ballot.objects.filter(vote=item)
        if isinstance(item, ConceptVote)
        else Response.objects.filter(survey=item)
    )
    counts = dict(rows.order_by().values_list("channel").annotate(n=Count("pk")))
    return [{"key": key, "label": label, "count": counts.get(key, 0)} for key, label in Channel.choices]


def batches_of(*, item: Survey | ConceptVote) -> list[Batch]:
    """Its batches with how many answers each holds (one query)."""
    if isinstance(item, ConceptVote):
        return list(
            Batch.objects.filter(vote=item).select_related("entered_by").annotate(entered=Count("ballots"))
        )
    return list(
        Batch.objects.filter(survey=item).select_related("entered_by").annotate(entered=Count("responses"))
    )


def batch_get(*, item: Survey | ConceptVote, pk: int) -> Batch:
    target = {"vote": item} if isinstance(item, ConceptVote) else {"survey": item}
    batch = get_object_or_404(Batch, pk=pk, **target)
    if isinstance(item, ConceptVote):
        batch.vote = item
    else:
        batch.survey = item
    return batch


def survey_group_breakdowns(*, survey: Survey, channel: str = "") -> list[Any]:
    """Respondents by resident group, and each single-choice question's answers by group
    (small counts suppressed): two queries plus the hub's questions."""
    if not resident_selectors.groups_enabled(hub=survey.hub):
        return []
    responses = Response.objects.filter(survey=survey)
    if channel:
        responses = responses.filter(channel=channel)
    snapshots = dict(responses.values_list("pk", "groups"))
    result = resident_selectors.breakdowns(hub=survey.hub, items=[(g, None) for g in snapshots.values()])
    singles = [q for q in survey.questions.all() if q.kind == Question.Kind.SINGLE]
    if singles:
        chosen: dict[int, list[tuple[Any, int]]] = defaultdict(list)
        for response_id, question_id, choices in Answer.objects.filter(
            response_id__in=list(snapshots), question__in=singles
        ).values_list("response_id", "question_id", "choices"):
            if choices:
                chosen[question_id].append((snapshots[response_id], choices[0]))
        for question in singles:
            for breakdown in resident_selectors.breakdowns(
                hub=survey.hub,
                items=chosen.get(question.pk, []),
                outcomes=list(enumerate(question.options)),
            ):
                breakdown.title = f"{question.text} — {breakdown.question.text}"
                result.append(breakdown)
    return result


def vote_group_breakdowns(*, vote: ConceptVote, channel: str = "") -> list[Any]:
    """Ballots per concept by resident group, small counts suppressed."""
    if not resident_selectors.groups_enabled(hub=vote.hub):
        return []
    ballots = Ballot.objects.filter(vote=vote)
    if channel:
        ballots = ballots.filter(channel=channel)
    concepts = list(vote.concepts.values_list("pk", "title"))
    return resident_selectors.breakdowns(
        hub=vote.hub, items=list(ballots.values_list("groups", "concept_id")), outcomes=concepts
    )


def survey_results(*, survey: Survey, channel: str = "") -> dict[str, Any]:
    """Aggregated results per question (three queries), of one channel or all. Free text and
    points carry no names."""
    questions = list(survey.questions.all())
    responses = survey.responses.filter(channel=channel) if channel else survey.responses.all()
    response_count = responses.count()
    by_question: dict[int, list[tuple[list[int], int | None, str, float | None, float | None]]] = defaultdict(
        list
    )
    answer_rows = Answer.objects.filter(response__survey=survey)
    if channel:
        answer_rows = answer_rows.filter(response__channel=channel)
    rows = answer_rows.order_by("response__created_at", "pk").values_list(
        "question_id", "choices", "number", "text", "lon", "lat"
    )
    for question_id, choices, number, text, lon, lat in rows:
        by_question[question_id].append((choices or [], number, text, lon, lat))
    results = []
    for question in questions:
        answers = by_question.get(question.pk, [])
        answered = len(answers)
        item: dict[str, Any] = {
            "id": question.pk,
            "position": question.position,
            "text": question.text,
            "kind": question.kind,
            "kind_label": question.get_kind_display(),
            "answered": answered,
        }
        options = question.options
        if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            counts = Counter(i for choices, *_rest in answers for i in choices)
            item["options"] = [
                {"label": label, "count": counts[i], "share": _share(counts[i], answered)}
                for i, label in enumerate(options)
            ]
        elif question.kind == Question.Kind.RANKING:
            n = len(options)
            ranks: dict[int, list[int]] = defaultdict(list)
            for choices, *_rest in answers:
                for rank, index in enumerate(choices, start=1):
                    ranks[index].append(rank)
            item["options"] = [
                {
                    "label": label,
                    "mean_rank": round(statistics.fmean(ranks[i]), 2) if ranks[i] else None,
                    "first": sum(1 for r in ranks[i] if r == 1),
                    "points": sum(n + 1 - r for r in ranks[i]),
                    "count": sum(1 for r in ranks[i] if r == 1),
                    "share": _share(sum(1 for r in ranks[i] if r == 1), answered),
                }
                for i, label in enumerate(options)
            ]
        elif question.kind == Question.Kind.SCALE:
            numbers = [number for _c, number, *_rest in answers if number is not None]
            counts = Counter(numbers)
            item["scale"] = [
                {"label": str(v), "value": v, "count": counts[v], "share": _share(counts[v], answered)}
                for v in question.scale_values
            ]
            item["mean"] = round(statistics.fmean(numbers), 2) if numbers else None
            item["median"] = statistics.median(numbers) if numbers else None
            item["min_label"], item["max_label"] = question.min_label, question.max_label
        elif question.kind == Question.Kind.TEXT:
            item["texts"] = [text for _c, _n, text, *_rest in answers if text]
        elif question.kind == Question.Kind.POINT:
            item["points"] = [
                [lon, lat] for *_rest, lon, lat in answers if lon is not None and lat is not None
            ]
        results.append(item)
    return {"response_count": response_count, "questions": results}


def chart_data(results: dict[str, Any]) -> list[dict[str, Any]]:
    """What survey-results.js draws: one bar chart per choice, ranking and scale question."""
    charts = []
    for item in results["questions"]:
        if "options" in item:
            is_ranking = item["kind"] == Question.Kind.RANKING
            charts.append(
                {
                    "id": item["id"],
                    "labels": [o["label"] for o in item["options"]],
                    "values": [o["points"] if is_ranking else o["count"] for o in item["options"]],
                    "series": _("Points") if is_ranking else _("Answers"),
                }
            )
        elif "scale" in item:
            charts.append(
                {
                    "id": item["id"],
                    "labels": [v["label"] for v in item["scale"]],
                    "values": [v["count"] for v in item["scale"]],
                    "series": _("Answers"),
                }
            )
    return charts


def vote_results(*, vote: ConceptVote, channel: str = "") -> dict[str, Any]:
    """Ballots per concept with shares, and how many joined the project group (two queries), of
    one channel or all."""
    counted = Q(ballots__channel=channel) if channel else None
    concepts = list(vote.concepts.annotate(votes=Count("ballots", filter=counted)).order_by("position", "pk"))
    ballots = (
        Ballot.objects.filter(vote=vote, channel=channel) if channel else Ballot.objects.filter(vote=vote)
    )
    joins = ballots.aggregate(
        total=Count("pk"),
        asked=Count("pk", filter=Q(wants_to_join=True)),
        joined=Count("pk", filter=Q(wants_to_join=True, join_confirmed_at__isnull=False)),
    )
    total = joins["total"]
    top = max((c.votes for c in concepts), default=0)
    return {
        "total": total,
        "joined": joins["joined"],
        "asked_to_join": joins["asked"],
        "concepts": [
            {
                "id": c.pk,
                "title": c.title,
                "votes": c.votes,
                "share": _share(c.votes, total),
                "leading": bool(top and c.votes == top),
                "concept": c,
            }
            for c in concepts
        ],
    }


def responses_for_export(
    *, survey: Survey
) -> tuple[list[Question], list[Response], dict[int, dict[int, Answer]]]:
    """Everything the CSV export needs, in three queries."""
    questions = list(survey.questions.all())
    responses = list(survey.responses.select_related("respondent").order_by("created_at", "pk"))
    answers: dict[int, dict[int, Answer]] = defaultdict(dict)
    for answer in Answer.objects.filter(response__survey=survey):
        answers[answer.response_id][answer.question_id] = answer
    return questions, responses, answers


def initiative_panel(*, initiative: Initiative) -> dict[str, list[Any]]:
    """Open and finished surveys and votes of an initiative's space (two queries)."""
    space = Space(hub=initiative.hub, initiative=initiative)
    surveys = list(space_surveys(space=space).order_by("-created_at"))
    votes = list(space_votes(space=space).order_by("-created_at"))
    items = [("survey", s) for s in surveys] + [("vote", v) for v in votes]
    open_items = [{"kind": k, "item": i} for k, i in items if not i.finished]
    finished = [{"kind": k, "item": i} for k, i in items if i.finished]
    return {"open": open_items, "finished": finished}


def surveys_in_area(*, area: Any) -> list[Any]:
    """Published surveys and concept votes of `area`, an area below it or an initiative there,
    surveys first, newest first. Two queries."""
    from apps.initiatives.selectors import initiatives_in_area
    from apps.places.selectors import area_scope

    scope = area_scope(area)
    initiative_ids = [i.pk for i in initiatives_in_area(area=area)]
    where = Q(area_id__in=scope.area_ids) | Q(initiative_id__in=initiative_ids)
    surveys = _visible(Survey.objects.filter(where, hub_id=area.hub_id), include_drafts=False)
    votes = _visible(ConceptVote.objects.filter(where, hub_id=area.hub_id), include_drafts=False)
    return [
        *surveys.select_related("hub").order_by("-pk"),
        *votes.select_related("hub").order_by("-pk"),
    ]


def area_results(*, area: Any) -> list[dict[str, Any]]:
    """Surveys and votes in the area (see `surveys_in_area`) with their results where they are
    public: a survey's number of responses; a vote's ballots and its leading concept with its
    share. Three queries in all, whatever the number of votes."""
    items = surveys_in_area(area=area)
    surveys = [i for i in items if isinstance(i, Survey)]
    votes = [i for i in items if isinstance(i, ConceptVote)]
    responses = dict(
        Response.objects.filter(survey__in=surveys)
        .values("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    concepts: dict[int, list[tuple[str, int]]] = {}
    for vote_id, title, count in (
        Concept.objects.filter(vote__in=votes)
        .annotate(n=Count("ballots"))
        .order_by("vote_id", "position", "pk")
        .values_list("vote_id", "title", "n")
    ):
        concepts.setdefault(vote_id, []).append((title, count))
    out = []
    for survey in surveys:
        out.append({"item": survey, "kind": "survey", "responses": responses.get(survey.pk, 0)})
    for vote in votes:
        options = concepts.get(vote.pk, [])
        total = sum(n for _t, n in options)
        leading = max(options, key=lambda o: o[1]) if options and total else None
        out.append(
            {
                "item": vote,
                "kind": "vote",
                "ballots": total,
                "visible": vote.results_visible,
                "leading": leading[0] if leading else "",
                "share": _share(leading[1], total) if leading else 0.0,
            }
        )
    return out


def area_groups(*, area: Any) -> list[Any]:
    """Who took part in `area` (the idea authors of its space, and everyone who answered a
    survey or voted there, on paper or online), by resident group: the brief's resident-group
    view. Each person or sheet counts once per survey or vote; small counts are suppressed and
    each group stands beside its share of the population where the knowledge data has it.
    Empty when the hub does not ask about groups."""
    from apps.participation.spaces import Space
    from apps.participation.summary import idea_author_groups
    from apps.residents import selectors as resident_selectors

    hub = area.hub
    if not resident_selectors.groups_enabled(hub=hub):
        return []
    items = surveys_in_area(area=area)
    surveys = [i.pk for i in items if isinstance(i, Survey)]
    votes = [i.pk for i in items if isinstance(i, ConceptVote)]
    snapshots: list[dict[str, str]] = list(idea_author_groups(Space(hub=hub, area=area)))
    snapshots += list(Response.objects.filter(survey_id__in=surveys).values_list("groups", flat=True))
    snapshots += list(Ballot.objects.filter(vote_id__in=votes).values_list("groups", flat=True))
    if not snapshots:
        return []
    return resident_selectors.breakdowns(hub=hub, items=[(groups or {}, None) for groups in snapshots])
