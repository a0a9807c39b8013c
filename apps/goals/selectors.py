"""Reads for goal pages and the API: the UN catalogue, a hub's goals, and what is tagged.

Lists cost a fixed number of queries however many rows there are (tests/goals/test_queries.py).
Tagged objects are loaded with one query per *kind* of object (indicator, area …), never one
per object.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Model, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from apps.goals.models import GoalTag, HubGoal, LocalTarget, SdgGoal, SdgIndicator, SdgTarget
from apps.hubs.models import Hub

# UN catalogue ---------------------------------------------------------------------------------


def sdg_goals() -> QuerySet[SdgGoal]:
    return SdgGoal.objects.annotate(target_count=Count("targets")).order_by("number")


def sdg_goal_get(*, number: int) -> SdgGoal:
    """One UN goal with its targets and their indicators."""
    return get_object_or_404(
        sdg_goals().prefetch_related(
            Prefetch(
                "targets",
                queryset=SdgTarget.objects.order_by("position").prefetch_related(
                    Prefetch("indicators", queryset=SdgIndicator.objects.order_by("position"))
                ),
            )
        ),
        number=number,
    )


def sdg_targets() -> QuerySet[SdgTarget]:
    return SdgTarget.objects.order_by("goal_id", "position")


# A hub's goals --------------------------------------------------------------------------------


def _local_targets() -> QuerySet[LocalTarget]:
    return LocalTarget.objects.select_related("sdg_target").order_by(
        "sdg_target__goal_id", "sdg_target__position", "id"
    )


def hub_goals(*, hub: Hub) -> QuerySet[HubGoal]:
    """The hub's goals with their UN goals and local targets (three queries for any number)."""
    return (
        HubGoal.objects.filter(hub=hub)
        .select_related("hub")
        .prefetch_related(
            Prefetch("sdg_goals", queryset=SdgGoal.objects.order_by("number")),
            Prefetch("local_targets", queryset=_local_targets()),
        )
        .order_by("target_year", "code")
    )


def hub_goal_get(*, hub: Hub, code: str) -> HubGoal:
    return get_object_or_404(hub_goals(hub=hub), code=code)


def local_target_get(*, goal: HubGoal, code: str) -> LocalTarget:
    return get_object_or_404(
        LocalTarget.objects.select_related("sdg_target", "hub_goal", "hub"), hub_goal=goal, code=code
    )


def local_targets(*, hub: Hub) -> QuerySet[LocalTarget]:
    return _local_targets().filter(hub=hub).select_related("hub_goal")


def hub_goals_serving(*, hub: Hub, sdg_goal: SdgGoal) -> QuerySet[HubGoal]:
    """The hub's goals that serve a UN goal (directly or through a local target under it)."""
    return hub_goals(hub=hub).filter(sdg_goals=sdg_goal).distinct()


# Tags -----------------------------------------------------------------------------------------


def _tags() -> QuerySet[GoalTag]:
    """Tags in a stable order on every database: UN goals, UN targets, hub goals, local targets."""
    order = [
        "sdg_goal_id",
        "sdg_target__goal_id",
        "sdg_target__position",
        "hub_goal__code",
        "local_target__code",
    ]
    return GoalTag.objects.select_related(
        "sdg_goal", "sdg_target", "hub_goal__hub", "local_target__sdg_target", "local_target__hub"
    ).order_by(*[F(name).asc(nulls_last=True) for name in order], "pk")


def tags_for(obj: Model) -> list[GoalTag]:
    """An object's tags, in catalogue order (one query)."""
    content_type = ContentType.objects.get_for_model(obj)
    return list(_tags().filter(content_type=content_type, object_id=obj.pk))


def tags_for_many(objs: Iterable[Model]) -> dict[Model, list[GoalTag]]:
    """Tags of many objects (of one kind or several) in one query: {obj: [tag, …]}."""
    objs = [obj for obj in objs if obj.pk is not None]
    result: dict[Model, list[GoalTag]] = {obj: [] for obj in objs}
    if not objs:
        return result
    by_type: dict[int, dict[Any, Model]] = defaultdict(dict)
    for obj in objs:
        by_type[ContentType.objects.get_for_model(obj).pk][obj.pk] = obj
    condition = Q()
    for content_type_id, objects in by_type.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=list(objects))
    for tag in _tags().filter(condition):
        owner = by_type[tag.content_type_id].get(tag.object_id)
        if owner is not None:
            result[owner].append(tag)
    return result


@dataclass
class TaggedItem:
    obj: Model
    name: str
    url: str
    tags: list[GoalTag] = field(default_factory=list)


@dataclass
class TaggedGroup:
    label: str
    items: list[TaggedItem]


def objects_tagged_with(
    *,
    hub: Hub,
    sdg_goal: SdgGoal | None = None,
    sdg_target: SdgTarget | None = None,
    hub_goal: HubGoal | None = None,
    local_target: LocalTarget | None = None,
    include_children: bool = True,
) -> list[TaggedGroup]:
    """Everything in `hub` tagged with the given goals or targets, grouped by kind of object.

    With `include_children`, a UN goal also collects tags on its targets and on the hub's local
    targets under them; a hub goal collects tags on its local targets. An object tagged more
    than once appears once, with all its matching tags. Queries: one for the tags, one per kind
    of tagged object.
    """
    condition = Q()
    if sdg_goal is not None:
        condition |= Q(sdg_goal=sdg_goal)
        if include_children:
            condition |= Q(sdg_target__goal=sdg_goal) | Q(local_target__sdg_target__goal=sdg_goal)
    if sdg_target is not None:
        condition |= Q(sdg_target=sdg_target)
        if include_children:
            condition |= Q(local_target__sdg_target=sdg_target)
    if hub_goal is not None:
        condition |= Q(hub_goal=hub_goal)
        if include_children:
            condition |= Q(local_target__hub_goal=hub_goal)
    if local_target is not None:
        condition |= Q(local_target=local_target)
    if not condition:
        return []
    tags = list(_tags().filter(condition, hub=hub).select_related("content_type"))
    return _group(tags)


def _group(tags: Sequence[GoalTag]) -> list[TaggedGroup]:
    ids: dict[int, set[int]] = defaultdict(set)
    content_types: dict[int, ContentType] = {}
    for tag in tags:
        ids[tag.content_type_id].add(tag.object_id)
        content_types[tag.content_type_id] = tag.content_type
    objects: dict[tuple[int, int], Model] = {}
    for content_type_id, pks in ids.items():
        model = content_types[content_type_id].model_class()
        if model is None:  # the app is gone
            continue
        for obj in model._default_manager.filter(pk__in=pks):
            objects[(content_type_id, obj.pk)] = obj
    items: dict[tuple[int, int], TaggedItem] = {}
    groups: dict[int, list[TaggedItem]] = defaultdict(list)
    for tag in tags:
        key = (tag.content_type_id, tag.object_id)
        found = objects.get(key)
        if found is None:  # deleted since
            continue
        if key not in items:
            url = found.get_absolute_url() if hasattr(found, "get_absolute_url") else ""
            items[key] = TaggedItem(obj=found, name=str(found), url=url)
            groups[tag.content_type_id].append(items[key])
        items[key].tags.append(tag)
    result = []
    for content_type_id, group_items in groups.items():
        model = content_types[content_type_id].model_class()
        label = str(model._meta.verbose_name_plural) if model else content_types[content_type_id].model
        result.append(
            TaggedGroup(label=label[:1].upper() + label[1:], items=sorted(group_items, key=lambda i: i.name))
        )
    return sorted(result, key=lambda g: g.label)


def tag_choices(*, hub: Hub) -> dict[str, list[tuple[str, str]]]:
    """What a steward can tag with, as option groups: UN goals, UN targets, the hub's goals and
    local targets. Values are "sdg:11", "target:11.7", "goal:<id>", "local:<id>"."""
    return {
        "sdg_goals": [(f"sdg:{g.number}", str(g)) for g in SdgGoal.objects.order_by("number")],
        "sdg_targets": [(f"target:{t.code}", f"{t.code} {_shorten(t.title)}") for t in sdg_targets()],
        "hub_goals": [(f"goal:{g.pk}", g.title) for g in HubGoal.objects.filter(hub=hub).order_by("code")],
        "local_targets": [
            (f"local:{t.pk}", str(t)) for t in LocalTarget.objects.filter(hub=hub).order_by("code")
        ],
    }


def _shorten(text: str, length: int = 90) -> str:
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + " …"
