"""Reads for resident groups: the questions a hub asks, a person's answers, and breakdowns by
group with small counts suppressed.

Suppression (as Södertörn's own statistics do): no group under 5 is shown ("fewer than 5"), and
when only one cell of a row would be hidden, the next smallest is hidden too, so a hidden cell
cannot be worked out from the row's total.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from apps.hubs.models import Hub
from apps.knowledge.models import Observation
from apps.places.models import Area
from apps.residents.models import AGE_BANDS, PREFER_NOT, DemographicAnswer, DemographicQuestion, GroupSettings

MIN_COUNT = 5
# Indicators compared with respondents: total population per area, and population per age band
# (an indicator with an `age_band` breakdown, where a hub's knowledge data has one).
POPULATION_CODE = "population_total"
POPULATION_AGE_CODES = ("population_by_age_band", "population_age_band")
# A group is "missing from the conversation" when its share of respondents is under this part
# of its share of the population.
UNDER_REPRESENTED = 2 / 3


def group_settings(*, hub: Hub) -> GroupSettings | None:
    return GroupSettings.objects.filter(hub=hub).first()


def groups_enabled(*, hub: Hub) -> bool:
    return GroupSettings.objects.filter(hub=hub, enabled=True).exists()


def _area_choices(hub: Hub, settings: GroupSettings | None) -> list[tuple[str, str]]:
    areas = Area.objects.filter(hub=hub)
    if settings is not None and settings.area_level_id:
        areas = areas.filter(level_id=settings.area_level_id)
    else:
        deepest = areas.aggregate(depth=Max("level__depth"))["depth"]
        areas = areas.filter(level__depth=deepest)
    return [(code, name) for code, name in areas.order_by("name").values_list("code", "name")]


@dataclass
class Question:
    """One asked question with its choices (key, label), ready for a form or a breakdown."""

    id: int
    kind: str
    text: str
    choices: list[tuple[str, str]]
    field: str = ""
    answer: str = ""

    def label(self, value: str) -> str:
        if value == PREFER_NOT:
            return _("Prefer not to say")
        return dict(self.choices).get(value, _("Not asked"))


def active_questions(*, hub: Hub) -> list[Question]:
    """The questions the hub asks now (none when groups are switched off): three queries."""
    settings = group_settings(hub=hub)
    if settings is None or not settings.enabled:
        return []
    wanted = {DemographicQuestion.Kind.CUSTOM}
    if settings.ask_age:
        wanted.add(DemographicQuestion.Kind.AGE)
    if settings.ask_area:
        wanted.add(DemographicQuestion.Kind.AREA)
    result = []
    for question in DemographicQuestion.objects.filter(hub=hub, active=True, kind__in=wanted):
        if question.kind == DemographicQuestion.Kind.AGE:
            choices = [(key, str(label)) for key, label in AGE_BANDS]
        elif question.kind == DemographicQuestion.Kind.AREA:
            choices = _area_choices(hub, settings)
        else:
            choices = [(str(i), label) for i, label in enumerate(question.choices)]
        result.append(
            Question(
                id=question.pk,
                kind=question.kind,
                text=question.text,
                choices=choices,
                field=f"d{question.pk}",
            )
        )
    return result


def answers_of(*, person: Any, hub: Hub) -> dict[int, str]:
    """A person's answers to the hub's questions (question id → value)."""
    if not getattr(person, "is_authenticated", False):
        return {}
    return dict(
        DemographicAnswer.objects.filter(person=person, question__hub=hub).values_list("question_id", "value")
    )


def snapshots_of(*, hub: Hub, person_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """The groups of several people in a hub (person id → question id → value): one query."""
    result: dict[int, dict[str, str]] = {pk: {} for pk in person_ids}
    rows = DemographicAnswer.objects.filter(person_id__in=list(result), question__hub=hub)
    for person_id, question_id, value in rows.values_list("person_id", "question_id", "value"):
        result[person_id][str(question_id)] = value
    return result


def questions_to_ask(*, person: Any, hub: Hub) -> list[Question]:
    """Asked once: the active questions this person has not answered (all of them for someone
    not signed in, whose answers are kept only with the one response)."""
    questions = active_questions(hub=hub)
    answered = answers_of(person=person, hub=hub)
    return [q for q in questions if q.id not in answered]


# Suppression and breakdowns ---------------------------------------------------------------


def suppress(counts: Mapping[Any, int], *, minimum: int = MIN_COUNT) -> dict[Any, int | None]:
    """Each count, or None where it is hidden: counts from 1 to minimum-1, and a complementary
    cell when only one would be hidden (so it cannot be derived from the total). Zero is shown."""
    shown: dict[Any, int | None] = dict(counts)
    hidden = [key for key, n in counts.items() if 0 < n < minimum]
    for key in hidden:
        shown[key] = None
    if len(hidden) == 1:
        others = sorted((n, str(key), key) for key, n in counts.items() if key not in hidden and n > 0)
        if others:
            shown[others[0][2]] = None
    return shown


@dataclass
class Row:
    key: str
    label: str
    total: int | None
    cells: list[int | None] = field(default_factory=list)
    share: float | None = None
    population_share: float | None = None
    missing: bool = False


@dataclass
class Breakdown:
    """One question's groups (rows) × outcomes (columns), suppressed."""

    question: Question
    columns: list[str]
    rows: list[Row]
    has_population: bool = False
    title: str = ""

    @property
    def missing_groups(self) -> list[str]:
        return [row.label for row in self.rows if row.missing]


def _group_keys(question: Question) -> list[tuple[str, str]]:
    return [*question.choices, (PREFER_NOT, _("Prefer not to say")), ("", _("Not asked"))]


def breakdowns(
    *,
    hub: Hub,
    items: Iterable[tuple[Mapping[str, str], Any]],
    outcomes: list[tuple[Any, str]] | None = None,
) -> list[Breakdown]:
    """Input broken down by each active question. `items` are (groups snapshot, outcome) pairs;
    `outcomes` (key, label) are the columns (e.g. a vote's concepts), or None for counts only.
    Rows under MIN_COUNT are hidden whole; cells within a row are suppressed (see `suppress`)."""
    questions = active_questions(hub=hub)
    items = list(items)
    if not questions:
        return []
    result = []
    for question in questions:
        key = str(question.id)
        per_group: dict[str, Counter] = {}
        for groups, outcome in items:
            value = str((groups or {}).get(key, "") or "")
            per_group.setdefault(value, Counter())[outcome] += 1
        totals = {value: sum(counter.values()) for value, counter in per_group.items()}
        shown_totals = suppress(totals)
        rows = []
        for value, label in _group_keys(question):
            if value not in per_group and value in ("", PREFER_NOT):
                continue
            counter = per_group.get(value, Counter())
            total = shown_totals.get(value, 0)
            row = Row(key=value, label=label, total=total)
            if outcomes is not None:
                if total is None:
                    row.cells = [None for _key, _label in outcomes]
                else:
                    cells = suppress({okey: counter[okey] for okey, _label in outcomes})
                    row.cells = [cells[okey] for okey, _label in outcomes]
            rows.append(row)
        breakdown = Breakdown(question=question, columns=[label for _k, label in outcomes or []], rows=rows)
        _compare_population(hub, breakdown, totals)
        # A group nobody answered from is only worth a row beside its share of the population.
        breakdown.rows = [row for row in breakdown.rows if row.total != 0 or row.population_share]
        result.append(breakdown)
    return result


def _population(hub: Hub, question: Question) -> dict[str, float]:
    """The population per group from the hub's knowledge data (latest year), where it exists."""
    if question.kind == "area":
        # The areas' own observations, or else the sum of their sub-areas' (e.g. municipalities
        # from small areas), in the latest year.
        codes = [code for code, _label in question.choices]
        rows = Observation.objects.filter(
            indicator__hub=hub, indicator__code=POPULATION_CODE, breakdown_key="", area__hub=hub
        )
        for path in ("area__code", "area__parent__code"):
            chosen = rows.filter(**{f"{path}__in": codes})
            latest = chosen.aggregate(year=Max("year"))["year"]
            if latest is not None:
                by_area: dict[str, float] = {}
                for code, value in chosen.filter(year=latest).values_list(path, "value"):
                    by_area[code] = by_area.get(code, 0.0) + value
                return by_area
        return {}
    if question.kind == "age":
        rows = Observation.objects.filter(
            indicator__hub=hub, indicator__code__in=POPULATION_AGE_CODES, breakdown_key="age_band"
        )
        latest = rows.aggregate(year=Max("year"))["year"]
        if latest is None:
            return {}
        by_band: dict[str, float] = {}
        for band, value in rows.filter(year=latest).values_list("breakdown_value", "value"):
            by_band[band] = by_band.get(band, 0.0) + value
        return by_band
    return {}


def _compare_population(hub: Hub, breakdown: Breakdown, totals: Mapping[str, int]) -> None:
    """Share of respondents per group (among those who said) beside the population's share."""
    population = _population(hub, breakdown.question)
    keys = [key for key, _label in breakdown.question.choices]
    population = {key: value for key, value in population.items() if key in keys}
    people = sum(population.values())
    if not people:
        return
    stated = sum(n for key, n in totals.items() if key in keys)
    breakdown.has_population = True
    for row in breakdown.rows:
        if row.key not in keys:
            continue
        row.population_share = round(100 * population.get(row.key, 0) / people, 1)
        if stated and row.total is not None:
            row.share = round(100 * row.total / stated, 1)
        known_share = 100 * totals.get(row.key, 0) / stated if stated else 0.0
        row.missing = bool(row.population_share and known_share < UNDER_REPRESENTED * row.population_share)
