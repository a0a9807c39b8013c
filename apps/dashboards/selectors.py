"""Goal dashboards (H6): what a hub's initiatives add up to, per goal, local target and area.

Everything here is public and counted, never listed by person: numbers of initiatives, of
distinct people, of partners, sums of money and hours, and the hub's *published* results.

Scopes
------
- The hub: all its initiatives.
- A goal (`goals.HubGoal`): initiatives tagged with the goal, with one of its local targets, or
  with a UN target one of its local targets falls under (`goals.GoalTag`).
- A local target: initiatives tagged with it or with its UN target.
- An area (`places.Area`): initiatives whose area is the area or any area below it (the whole
  subtree, however deep), so a parent area rolls up its children.

What is counted (the definitions the pages show)
------------------------------------------------
- *People taking part*: distinct people over `PEOPLE_SOURCES` (as apps.results'
  PARTICIPANT_SOURCES, without followers, who watch, and partners, counted as partners).
- *Partners*: distinct organisations and people that are `partners.Partner` of the initiatives.
- *Money and hours*: partners' commitments that stand (agreed or delivered; offered and
  withdrawn ones are not public and not counted), the funding sources of the initiatives'
  budgets (planned and received), pledges to campaigns that are not drafts (cancelled ones not
  counted), and hours from `HOURS_SOURCES`. Sums are exact: Python Decimal through
  `apps.core.money.total`, never the database's SUM (SQLite sums decimals as floats).
- *Results*: published desired results (drafts never) of the initiatives in scope, and of the
  hub's own results for an area in scope or with a knowledge indicator tagged with the goal;
  each with its latest published value against its target.

Queries: a fixed number for a whole page, however many initiatives, people, goals or areas
(tests/dashboards/test_queries.py): the hub's data is loaded once per kind, then every scope on
the page is added up in Python.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from apps.core.money import CENT, total
from apps.events.models import Registration
from apps.funding.models import CampaignStatus, FundingSource, Pledge, PledgeStatus, SourceKind
from apps.goals.models import GoalTag, HubGoal, LocalTarget
from apps.goals.selectors import hub_goals
from apps.hubs.models import Hub
from apps.initiatives.models import Initiative, TeamMember
from apps.initiatives.selectors import current_phases
from apps.knowledge.models import Indicator
from apps.participation.models import Comment, Idea, Support
from apps.partners.models import Commitment, Partner
from apps.places.models import Area
from apps.results.models import Result, Status
from apps.results.selectors import decorate as decorate_results
from apps.surveys.models import Ballot, Response

ZERO = Decimal("0.00")
STANDING = (Commitment.Status.AGREED, Commitment.Status.DELIVERED)

# People ---------------------------------------------------------------------------------------
# Each source: (label, function of a queryset of initiative ids → rows (initiative id, user id)),
# one query per source. apps.volunteers adds its sign-ups here when it lands, e.g.
#   "volunteers": (_("Volunteers"), lambda ids: Signup.objects.filter(shift__initiative__in=ids,
#                  status=CONFIRMED).values_list("shift__initiative_id", "user_id")),
Rows = Callable[[QuerySet[Any]], Iterable[tuple[Any, ...]]]

PEOPLE_SOURCES: dict[str, tuple[Any, Rows]] = {
    "team": (
        _("Initiative teams"),
        lambda ids: TeamMember.objects.filter(initiative__in=ids).values_list("initiative_id", "user_id"),
    ),
    "ideas": (
        _("Idea authors"),
        lambda ids: Idea.objects.filter(initiative__in=ids, author__isnull=False).values_list(
            "initiative_id", "author_id"
        ),
    ),
    "comments": (
        _("Commenters"),
        lambda ids: Comment.objects.filter(idea__initiative__in=ids, author__isnull=False).values_list(
            "idea__initiative_id", "author_id"
        ),
    ),
    "supports": (
        _("Supporters of ideas"),
        lambda ids: Support.objects.filter(idea__initiative__in=ids).values_list(
            "idea__initiative_id", "user_id"
        ),
    ),
    "votes": (
        _("Voters"),
        lambda ids: Ballot.objects.filter(vote__initiative__in=ids).values_list(
            "vote__initiative_id", "voter_id"
        ),
    ),
    "surveys": (
        _("Survey respondents"),
        lambda ids: Response.objects.filter(survey__initiative__in=ids, respondent__isnull=False).values_list(
            "survey__initiative_id", "respondent_id"
        ),
    ),
    "events": (
        _("Event attendees"),
        lambda ids: Registration.objects.filter(
            event__initiative__in=ids, status=Registration.Status.CONFIRMED
        ).values_list("event__initiative_id", "user_id"),
    ),
    "pledges": (
        _("Pledgers"),
        lambda ids: (
            Pledge.objects.filter(campaign__initiative__in=ids, user__isnull=False)
            .exclude(status=PledgeStatus.CANCELLED)
            .values_list("campaign__initiative_id", "user_id")
        ),
    ),
}

# Hours ----------------------------------------------------------------------------------------
# Hours given or promised to the initiatives, besides partners' commitments and budgets: each
# source (label, function of initiative ids → rows (initiative id, hours)), one query each.
# THIS is where apps.volunteers adds the hours logged and confirmed by the team, e.g.
#   "volunteers": (_("Volunteer hours logged"), lambda ids: HourLog.objects.filter(
#                  shift__initiative__in=ids, confirmed=True).values_list("shift__initiative_id", "hours")),
# (rows, not a database SUM, so the hours are added exactly in Decimal).
HOURS_SOURCES: dict[str, tuple[Any, Rows]] = {}


# Figures --------------------------------------------------------------------------------------


@dataclass
class Count:
    key: str
    label: str
    count: int


@dataclass
class Amount:
    key: str
    label: str
    amount: Decimal


@dataclass
class Hours:
    key: str
    label: str
    hours: Decimal
    value: Decimal


@dataclass
class Figures:
    """The numbers of one scope (the hub, a goal, a target, an area)."""

    initiatives: int = 0
    by_status: list[Count] = field(default_factory=list)
    by_phase: list[Count] = field(default_factory=list)
    people: int = 0
    people_by_way: list[Count] = field(default_factory=list)
    partners: int = 0
    partner_organisations: int = 0
    partner_people: int = 0
    money: list[Amount] = field(default_factory=list)
    hours: list[Hours] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)

    @property
    def money_committed(self) -> Decimal:
        """Money and in-kind value promised by others: partners' standing commitments and pledges."""
        keys = {"partner_money", "partner_in_kind", "pledged"}
        return total(row.amount for row in self.money if row.key in keys)

    @property
    def hours_committed(self) -> Decimal:
        """Hours promised: partners' hour commitments, volunteer hours planned in budgets, and
        the hours of `HOURS_SOURCES`."""
        return sum((row.hours for row in self.hours if row.key != "budget_hours_given"), Decimal("0"))

    @property
    def results_reached(self) -> int:
        return sum(1 for r in self.results if getattr(r, "progress", None) == 100)


@dataclass
class _Data:
    """Everything the figures of a page are made of, loaded once per kind."""

    hub: Hub
    initiatives: dict[int, tuple[str, int | None]] = field(default_factory=dict)
    phases: dict[int, str] = field(default_factory=dict)
    # Rows by initiative id, so a scope adds up only its own initiatives' rows.
    people: dict[str, dict[int, list[int]]] = field(default_factory=dict)
    partners: dict[int, list[str]] = field(default_factory=dict)
    commitments: dict[int, list[tuple[str, Decimal | None, Decimal | None]]] = field(default_factory=dict)
    sources: dict[int, list[tuple[str, Any, Any, Any, Any]]] = field(default_factory=dict)
    pledges: dict[int, list[tuple[str, Decimal]]] = field(default_factory=dict)
    extra_hours: dict[str, dict[int, list[Decimal]]] = field(default_factory=dict)
    results: list[Result] = field(default_factory=list)


def _by_initiative(rows: Iterable[tuple[Any, ...]]) -> dict[int, list[Any]]:
    """{initiative id: [the rest of each row]} (a single value when only one remains)."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    for initiative_id, *rest in rows:
        if initiative_id is None:
            continue
        grouped[initiative_id].append(rest[0] if len(rest) == 1 else tuple(rest))
    return grouped


def _rows_of(grouped: dict[int, list[Any]], ids: set[int]) -> list[Any]:
    return [row for pk in ids for row in grouped.get(pk, ())]


def _hours_value(hours: Decimal, rate: Decimal | None) -> Decimal:
    return (Decimal(hours) * Decimal(rate or 0)).quantize(CENT, rounding=ROUND_HALF_UP)


def _load(hub: Hub, scope: QuerySet[Initiative], results: Q) -> _Data:
    """Load the rows of the initiatives in `scope` (a queryset, used as a subquery) and the
    published results matching `results`. 14 queries + one per entry of HOURS_SOURCES."""
    data = _Data(hub=hub)
    ids = scope.values("pk")
    rows = list(Initiative.objects.filter(pk__in=ids).values_list("pk", "status", "area_id"))
    data.initiatives = {pk: (status, area_id) for pk, status, area_id in rows}
    stubs = [Initiative(pk=pk, hub=hub) for pk in data.initiatives]
    data.phases = {
        pk: getattr(phase, "name", str(phase))
        for pk, phase in current_phases(stubs).items()
        if phase is not None
    }
    for key, (_label, source) in PEOPLE_SOURCES.items():
        data.people[key] = _by_initiative((i, u) for i, u in source(ids) if u is not None)
    data.partners = _by_initiative(
        (initiative_id, f"o{organisation_id}" if organisation_id else f"u{user_id}")
        for initiative_id, organisation_id, user_id in Partner.objects.filter(
            hub=hub, initiative__in=ids
        ).values_list("initiative_id", "organisation_id", "user_id")
    )
    data.commitments = _by_initiative(
        Commitment.objects.filter(partner__hub=hub, partner__initiative__in=ids, status__in=STANDING)
        .values_list("partner__initiative_id", "kind", "amount", "hours")
        .order_by("pk")
    )
    data.sources = _by_initiative(
        FundingSource.objects.filter(budget__hub=hub, budget__initiative__in=ids)
        .values_list("budget__initiative_id", "kind", "planned", "received", "planned_hours", "actual_hours")
        .order_by("pk")
    )
    data.pledges = _by_initiative(
        Pledge.objects.filter(campaign__hub=hub, campaign__initiative__in=ids)
        .exclude(campaign__status=CampaignStatus.DRAFT)
        .exclude(status=PledgeStatus.CANCELLED)
        .values_list("campaign__initiative_id", "status", "amount")
        .order_by("pk")
    )
    for key, (_label, source) in HOURS_SOURCES.items():
        data.extra_hours[key] = _by_initiative((i, Decimal(h)) for i, h in source(ids) if h is not None)
    data.results = list(
        Result.objects.filter(results, hub=hub, status=Status.PUBLISHED)
        .select_related("hub", "initiative__hub", "indicator", "area")
        .order_by("target_date", "pk")
    )
    decorate_results(data.results)
    return data


def _figures(data: _Data, ids: set[int], results: Iterable[Result]) -> Figures:
    """Add up the loaded rows of the initiatives `ids` (no queries)."""
    hub = data.hub
    rate = hub.hourly_rate
    found = Figures(initiatives=len(ids))
    statuses: dict[str, int] = defaultdict(int)
    for pk in ids:
        statuses[data.initiatives[pk][0]] += 1
    found.by_status = [
        Count(value, str(label), statuses[value])
        for value, label in Initiative.Status.choices
        if statuses.get(value)
    ]
    phases: dict[str, int] = defaultdict(int)
    for pk in ids:
        phases[data.phases.get(pk, "")] += 1
    found.by_phase = [
        Count(name, name or str(_("No guided process")), n)
        for name, n in sorted(phases.items(), key=lambda item: (item[0] == "", item[0]))
    ]
    everyone: set[int] = set()
    for key, (label, _source) in PEOPLE_SOURCES.items():
        people = set(_rows_of(data.people.get(key, {}), ids))
        everyone |= people
        found.people_by_way.append(Count(key, str(label), len(people)))
    found.people = len(everyone)
    partners = set(_rows_of(data.partners, ids))
    found.partners = len(partners)
    found.partner_organisations = sum(1 for who in partners if who.startswith("o"))
    found.partner_people = found.partners - found.partner_organisations

    commitments = _rows_of(data.commitments, ids)
    sources = _rows_of(data.sources, ids)
    money = [row for row in sources if row[0] != SourceKind.VOLUNTEER_HOURS]
    volunteer = [row for row in sources if row[0] == SourceKind.VOLUNTEER_HOURS]
    pledges = _rows_of(data.pledges, ids)
    found.money = [
        Amount(
            "partner_money",
            str(_("Money committed by partners")),
            total(a for kind, a, _h in commitments if kind == Commitment.Kind.MONEY),
        ),
        Amount(
            "partner_in_kind",
            str(_("In kind and competence committed by partners (value)")),
            total(
                a
                for kind, a, _h in commitments
                if kind in (Commitment.Kind.IN_KIND, Commitment.Kind.COMPETENCE)
            ),
        ),
        Amount("pledged", str(_("Pledged to campaigns")), total(a for _s, a in pledges)),
        Amount(
            "pledges_received",
            str(_("Pledges received")),
            total(a for status, a in pledges if status == PledgeStatus.RECEIVED),
        ),
        Amount("budget_planned", str(_("Funding planned in budgets")), total(row[1] for row in money)),
        Amount("budget_received", str(_("Funding received in budgets")), total(row[2] for row in money)),
    ]
    hour_rows = [
        (
            "partner_hours",
            _("Hours committed by partners"),
            [h for kind, _a, h in commitments if kind == Commitment.Kind.HOURS],
        ),
        ("budget_hours_planned", _("Volunteer hours planned in budgets"), [row[3] for row in volunteer]),
        ("budget_hours_given", _("Volunteer hours given in budgets"), [row[4] for row in volunteer]),
    ]
    for key, (label, _source) in HOURS_SOURCES.items():
        hour_rows.append((key, label, _rows_of(data.extra_hours.get(key, {}), ids)))
    for key, label, values in hour_rows:
        hours = sum((Decimal(h) for h in values if h is not None), Decimal("0"))
        found.hours.append(Hours(key, str(label), hours, _hours_value(hours, rate)))
    found.results = list(results)
    return found


# Scopes ---------------------------------------------------------------------------------------


def _initiative_tags(hub: Hub) -> QuerySet[GoalTag]:
    content_types = ContentType.objects.get_for_models(Initiative, Indicator)
    return GoalTag.objects.filter(hub=hub, content_type__in=[ct.pk for ct in content_types.values()])


@dataclass
class _GoalIndex:
    """Which initiatives and indicators serve which goal and local target (one query)."""

    goal_initiatives: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    goal_indicators: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    target_initiatives: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    target_indicators: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))


def _goal_index(hub: Hub, goals: list[HubGoal]) -> _GoalIndex:
    """Map the hub's goal tags on initiatives and knowledge indicators to goals and local
    targets: a tag on a goal counts for the goal; on a local target for it and its goal; on a UN
    target for every local target under it (and their goals)."""
    index = _GoalIndex()
    initiative_ct = ContentType.objects.get_for_model(Initiative)
    by_sdg_target: dict[int, list[LocalTarget]] = defaultdict(list)
    targets: dict[int, LocalTarget] = {}
    for goal in goals:
        for target in goal.local_targets.all():
            by_sdg_target[target.sdg_target_id].append(target)
            targets[target.pk] = target
    rows = _initiative_tags(hub).values_list(
        "content_type_id", "object_id", "hub_goal_id", "local_target_id", "sdg_target_id"
    )
    for content_type_id, object_id, goal_id, target_id, sdg_target_id in rows:
        is_initiative = content_type_id == initiative_ct.pk
        goal_map = index.goal_initiatives if is_initiative else index.goal_indicators
        target_map = index.target_initiatives if is_initiative else index.target_indicators
        if goal_id:
            goal_map[goal_id].add(object_id)
        hit = [targets[target_id]] if target_id in targets else []
        hit += by_sdg_target.get(sdg_target_id, []) if sdg_target_id else []
        for target in hit:
            target_map[target.pk].add(object_id)
            goal_map[target.hub_goal_id].add(object_id)
    return index


def _results_of(
    data: _Data,
    initiatives: set[int],
    indicators: set[int] | None = None,
    areas: set[int] | None = None,
) -> list[Result]:
    """The loaded results of the initiatives, of the knowledge indicators tagged with the
    goal, and the hub's own results for the areas."""
    indicators = indicators or set()
    areas = areas or set()
    return [
        r
        for r in data.results
        if (r.initiative_id is not None and r.initiative_id in initiatives)
        or (r.indicator_id is not None and r.indicator_id in indicators)
        or (r.initiative_id is None and r.area_id is not None and r.area_id in areas)
    ]


@dataclass
class GoalCard:
    goal: HubGoal
    figures: Figures


@dataclass
class AreaRow:
    area: Area
    figures: Figures


@dataclass
class HubDashboard:
    hub: Hub
    figures: Figures
    goals: list[GoalCard]
    areas: list[AreaRow]


def hub_dashboard(*, hub: Hub) -> HubDashboard:
    """The hub's figures, one card of figures per goal and a row per top-level area (with
    everything inside it)."""
    goals = list(hub_goals(hub=hub))
    index = _goal_index(hub, goals)
    data = _load(hub, Initiative.objects.filter(hub=hub), Q())
    everything = set(data.initiatives)
    figures = _figures(data, everything, data.results)
    cards = [
        GoalCard(
            goal,
            _figures(
                data,
                index.goal_initiatives.get(goal.pk, set()) & everything,
                _results_of(
                    data,
                    index.goal_initiatives.get(goal.pk, set()),
                    index.goal_indicators.get(goal.pk, set()),
                ),
            ),
        )
        for goal in goals
    ]
    _areas, children = _area_tree(hub)
    return HubDashboard(hub=hub, figures=figures, goals=cards, areas=_area_rows(data, children, None))


@dataclass
class TargetRow:
    target: LocalTarget
    figures: Figures


@dataclass
class GoalDashboard:
    hub: Hub
    goal: HubGoal
    figures: Figures
    targets: list[TargetRow]


def _goal_scope(hub: Hub, goal: HubGoal, index: _GoalIndex) -> tuple[QuerySet[Initiative], Q]:
    indicators = index.goal_indicators.get(goal.pk, set())
    # A subquery of the tags keeps big sets of ids off the parameter list.
    tagged = _initiative_tags(hub).filter(
        Q(hub_goal=goal)
        | Q(local_target__hub_goal=goal)
        | Q(sdg_target__in=[t.sdg_target_id for t in goal.local_targets.all()])
    )
    scope = Initiative.objects.filter(hub=hub, pk__in=tagged.values("object_id"))
    return scope, Q(initiative__in=scope.values("pk")) | Q(indicator__in=list(indicators))


def goal_get(*, hub: Hub, code: str) -> HubGoal:
    return get_object_or_404(hub_goals(hub=hub), code=code)


def goal_dashboard(*, hub: Hub, goal: HubGoal) -> GoalDashboard:
    """A goal's figures and a row of figures per local target."""
    index = _goal_index(hub, [goal])
    scope, results = _goal_scope(hub, goal, index)
    data = _load(hub, scope, results)
    ids = index.goal_initiatives.get(goal.pk, set()) & set(data.initiatives)
    figures = _figures(data, ids, _results_of(data, ids, index.goal_indicators.get(goal.pk, set())))
    targets = []
    for target in goal.local_targets.all():
        target_ids = index.target_initiatives.get(target.pk, set()) & set(data.initiatives)
        targets.append(
            TargetRow(
                target,
                _figures(
                    data,
                    target_ids,
                    _results_of(data, target_ids, index.target_indicators.get(target.pk, set())),
                ),
            )
        )
    return GoalDashboard(hub=hub, goal=goal, figures=figures, targets=targets)


def target_get(*, goal: HubGoal, code: str) -> LocalTarget:
    for target in goal.local_targets.all():
        if target.code == code:
            return target
    raise Http404


@dataclass
class TargetDashboard:
    hub: Hub
    goal: HubGoal
    target: LocalTarget
    figures: Figures


def target_dashboard(*, hub: Hub, goal: HubGoal, target: LocalTarget) -> TargetDashboard:
    index = _goal_index(hub, [goal])
    scope, results = _goal_scope(hub, goal, index)
    data = _load(hub, scope, results)
    ids = index.target_initiatives.get(target.pk, set()) & set(data.initiatives)
    figures = _figures(data, ids, _results_of(data, ids, index.target_indicators.get(target.pk, set())))
    return TargetDashboard(hub=hub, goal=goal, target=target, figures=figures)


# Areas ----------------------------------------------------------------------------------------


def _area_tree(hub: Hub) -> tuple[dict[int, Area], dict[int | None, list[Area]]]:
    """The hub's areas (without their geometry) by id, and their children by parent id."""
    areas = {
        a.pk: a
        for a in Area.objects.filter(hub=hub)
        .only("pk", "hub", "parent", "code", "name", "level")
        .order_by("name", "pk")
    }
    children: dict[int | None, list[Area]] = defaultdict(list)
    for area in areas.values():
        parent = area.parent_id if area.parent_id in areas else None
        children[parent].append(area)
    return areas, children


def _subtree(area_id: int, children: dict[int | None, list[Area]]) -> set[int]:
    found: set[int] = set()
    stack = [area_id]
    while stack:
        current = stack.pop()
        if current in found:  # a cycle in bad data: stop
            continue
        found.add(current)
        stack.extend(child.pk for child in children.get(current, []))
    return found


def _area_rows(data: _Data, children: dict[int | None, list[Area]], parent: int | None) -> list[AreaRow]:
    """A row of figures for each child of `parent` (None: the top areas), each its subtree."""
    by_area: dict[int, set[int]] = defaultdict(set)
    for pk, (_status, area_id) in data.initiatives.items():
        if area_id is not None:
            by_area[area_id].add(pk)
    rows = []
    for child in children.get(parent, []):
        tree = _subtree(child.pk, children)
        ids = set().union(*(by_area.get(area_id, set()) for area_id in tree))
        rows.append(AreaRow(child, _figures(data, ids, _results_of(data, ids, areas=tree))))
    return rows


def area_get(*, hub: Hub, code: str) -> Area:
    return get_object_or_404(
        Area.objects.only("pk", "hub", "parent", "code", "name", "level"), hub=hub, code=code
    )


@dataclass
class AreaDashboard:
    hub: Hub
    area: Area
    ancestors: list[Area]
    figures: Figures
    children: list[AreaRow]


def area_dashboard(*, hub: Hub, area: Area) -> AreaDashboard:
    """An area's figures (its whole subtree) and a row per child area (each its own subtree)."""
    areas, children = _area_tree(hub)
    subtree = _subtree(area.pk, children)
    scope = Initiative.objects.filter(hub=hub, area__in=list(subtree))
    results = Q(initiative__in=scope.values("pk")) | Q(initiative__isnull=True, area__in=list(subtree))
    data = _load(hub, scope, results)
    ids = set(data.initiatives)
    figures = _figures(data, ids, _results_of(data, ids, areas=subtree))
    rows = _area_rows(data, children, area.pk)
    ancestors: list[Area] = []
    current = areas.get(area.pk)
    seen = {area.pk}
    while current is not None and current.parent_id in areas and current.parent_id not in seen:
        seen.add(current.parent_id)
        current = areas[current.parent_id]
        ancestors.insert(0, current)
    return AreaDashboard(hub=hub, area=area, ancestors=ancestors, figures=figures, children=rows)
