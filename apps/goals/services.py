"""Every change to a hub's goals, local targets and goal tags goes through here.

Each function checks permission (`goals.change_goals` / `goals.tag_object` on the hub), writes
inside one transaction, and raises translated `ValidationError`s (never an IntegrityError) for
bad input or duplicates, or `PermissionDenied`.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.core.permissions import require
from apps.goals.models import (
    LOCAL_CODE_MARK,
    RESERVED_GOAL_CODES,
    TAG_FIELDS,
    TAGGABLE_MODELS,
    GoalTag,
    HubGoal,
    LocalTarget,
    SdgGoal,
    SdgTarget,
    local_target_code,
)
from apps.hubs.models import Hub
from apps.hubs.rules import hub_of

# Hub goals ------------------------------------------------------------------------------------


def _code_from_title(hub: Hub, title: str) -> str:
    base = slugify(title)[:40].strip("-") or "goal"
    if base in RESERVED_GOAL_CODES:
        base = f"{base}-goal"
    code, n = base, 2
    while HubGoal.objects.filter(hub=hub, code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def _duplicate_code() -> ValidationError:
    return ValidationError(
        {"code": _("This hub already has a goal with this code. Choose another.")}, code="duplicate"
    )


def _save_goal(goal: HubGoal, sdg_goals: Iterable[SdgGoal] | None) -> HubGoal:
    goal.full_clean(exclude=["hub"], validate_unique=False, validate_constraints=False)
    if HubGoal.objects.filter(hub=goal.hub, code=goal.code).exclude(pk=goal.pk).exists():
        raise _duplicate_code()
    try:
        with transaction.atomic():
            goal.save()
    except IntegrityError as exc:  # two requests at once: the unique constraint lets one through
        raise _duplicate_code() from exc
    if sdg_goals is not None:
        goal.sdg_goals.set(list(sdg_goals))
    return goal


@transaction.atomic
def hub_goal_create(
    *,
    actor: Any,
    hub: Hub,
    title: str,
    code: str = "",
    description: str = "",
    target_year: int | None = None,
    baseline: str = "",
    sdg_goals: Iterable[SdgGoal] = (),
) -> HubGoal:
    """Stewards set a goal for the hub; the code is made from the title when none is given."""
    require(actor, "goals.change_goals", hub)
    goal = HubGoal(
        hub=hub,
        code=code.strip() or _code_from_title(hub, title),
        title=title,
        description=description,
        target_year=target_year,
        baseline=baseline,
    )
    return _save_goal(goal, sdg_goals)


@transaction.atomic
def hub_goal_update(
    *,
    actor: Any,
    goal: HubGoal,
    title: str,
    code: str = "",
    description: str = "",
    target_year: int | None = None,
    baseline: str = "",
    sdg_goals: Iterable[SdgGoal] | None = None,
) -> HubGoal:
    require(actor, "goals.change_goals", goal.hub)
    goal.title, goal.description, goal.target_year, goal.baseline = title, description, target_year, baseline
    goal.code = code.strip() or goal.code
    return _save_goal(goal, sdg_goals)


# Local targets --------------------------------------------------------------------------------


def next_local_code(*, hub: Hub, sdg_target: SdgTarget) -> str:
    """The hub's next free code under `sdg_target`: 11.7.L1, 11.7.L2 …"""
    prefix = f"{sdg_target.code}.{LOCAL_CODE_MARK}"
    used = {
        int(code[len(prefix) :])
        for code in LocalTarget.objects.filter(hub=hub, code__startswith=prefix).values_list(
            "code", flat=True
        )
        if code[len(prefix) :].isdigit()
    }
    n = 1
    while n in used:
        n += 1
    return local_target_code(sdg_target.code, n)


def _duplicate_local_code(code: str) -> ValidationError:
    return ValidationError(
        {"code": _("This hub already has a local target %(code)s. Choose another code.") % {"code": code}},
        code="duplicate",
    )


def _save_local_target(target: LocalTarget) -> LocalTarget:
    target.full_clean(exclude=["hub", "hub_goal"], validate_unique=False, validate_constraints=False)
    if LocalTarget.objects.filter(hub=target.hub, code=target.code).exclude(pk=target.pk).exists():
        raise _duplicate_local_code(target.code)
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError as exc:
        raise _duplicate_local_code(target.code) from exc
    # A local target under 11.7 means the goal serves SDG 11.
    target.hub_goal.sdg_goals.add(target.sdg_target.goal_id)
    return target


@transaction.atomic
def local_target_create(
    *,
    actor: Any,
    hub_goal: HubGoal,
    sdg_target: SdgTarget,
    title: str,
    code: str = "",
    description: str = "",
    measure: str = "",
    due_year: int | None = None,
) -> LocalTarget:
    """Add a measurable local target under one of the hub's goals and one UN target.

    Without a code the next free one is given (11.7.L1, 11.7.L2 …); a code must extend the UN
    target's code with ".L<n>" (see `LocalTarget`).
    """
    hub = hub_goal.hub
    require(actor, "goals.change_goals", hub)
    target = LocalTarget(
        hub=hub,
        hub_goal=hub_goal,
        sdg_target=sdg_target,
        code=code.strip() or next_local_code(hub=hub, sdg_target=sdg_target),
        title=title,
        description=description,
        measure=measure,
        due_year=due_year,
    )
    return _save_local_target(target)


@transaction.atomic
def local_target_update(
    *,
    actor: Any,
    target: LocalTarget,
    sdg_target: SdgTarget,
    title: str,
    code: str = "",
    description: str = "",
    measure: str = "",
    due_year: int | None = None,
) -> LocalTarget:
    """Change a local target. Moved to another UN target without a new code, it gets the next
    free code there (the old code no longer fits)."""
    require(actor, "goals.change_goals", target.hub)
    moved = sdg_target.pk != target.sdg_target_id
    target.sdg_target = sdg_target
    target.title, target.description, target.measure, target.due_year = title, description, measure, due_year
    if code.strip():
        target.code = code.strip()
    elif moved:
        target.code = next_local_code(hub=target.hub, sdg_target=sdg_target)
    return _save_local_target(target)


# Tags -----------------------------------------------------------------------------------------


def _tag_choice(
    hub: Hub,
    sdg_goal: SdgGoal | None,
    sdg_target: SdgTarget | None,
    hub_goal: HubGoal | None,
    local_target: LocalTarget | None,
) -> dict[str, Any]:
    chosen = {
        name: value
        for name, value in zip(TAG_FIELDS, (sdg_goal, sdg_target, hub_goal, local_target), strict=True)
        if value is not None
    }
    if len(chosen) != 1:
        raise ValidationError(_("Choose exactly one goal or target to tag with."), code="tag_choice")
    for value in chosen.values():
        if isinstance(value, HubGoal | LocalTarget) and value.hub_id != hub.pk:
            raise ValidationError(_("That goal belongs to another hub."), code="other_hub")
    return chosen


def _check_taggable(obj: Model, hub: Hub) -> ContentType:
    if obj is None or obj.pk is None:
        raise ValidationError(_("There is nothing to tag."), code="no_object")
    content_type = ContentType.objects.get_for_model(obj)
    if f"{content_type.app_label}.{content_type.model}" not in TAGGABLE_MODELS:
        raise ValidationError(_("This kind of thing cannot be tagged with goals."), code="not_taggable")
    owner = hub_of(obj)
    if owner is None or owner.pk != hub.pk:
        raise ValidationError(_("Only things of this hub can be tagged with its goals."), code="other_hub")
    return content_type


@transaction.atomic
def goal_tag_add(
    *,
    actor: Any,
    obj: Model,
    hub: Hub,
    sdg_goal: SdgGoal | None = None,
    sdg_target: SdgTarget | None = None,
    hub_goal: HubGoal | None = None,
    local_target: LocalTarget | None = None,
) -> GoalTag:
    """Tag one of the hub's things (an indicator, an area, the hub …) with one goal or target."""
    require(actor, "goals.tag_object", hub)
    chosen = _tag_choice(hub, sdg_goal, sdg_target, hub_goal, local_target)
    content_type = _check_taggable(obj, hub)
    lookup = {"content_type": content_type, "object_id": obj.pk, **chosen}
    if GoalTag.objects.filter(**lookup).exists():
        raise ValidationError(_("It is already tagged with this."), code="duplicate")
    try:
        with transaction.atomic():
            return GoalTag.objects.create(hub=hub, created_by=actor, **lookup)
    except IntegrityError as exc:
        raise ValidationError(_("It is already tagged with this."), code="duplicate") from exc


@transaction.atomic
def goal_tag_remove(
    *,
    actor: Any,
    obj: Model,
    hub: Hub,
    sdg_goal: SdgGoal | None = None,
    sdg_target: SdgTarget | None = None,
    hub_goal: HubGoal | None = None,
    local_target: LocalTarget | None = None,
) -> None:
    require(actor, "goals.tag_object", hub)
    chosen = _tag_choice(hub, sdg_goal, sdg_target, hub_goal, local_target)
    content_type = ContentType.objects.get_for_model(obj)
    deleted, _unused = GoalTag.objects.filter(
        hub=hub, content_type=content_type, object_id=obj.pk, **chosen
    ).delete()
    if not deleted:
        raise ValidationError(_("It is not tagged with this."), code="not_tagged")


def goal_tags_forget(*, obj: Model) -> None:
    """Drop an object's tags when it is deleted (called from a post_delete signal)."""
    content_type = ContentType.objects.get_for_model(obj)
    GoalTag.objects.filter(content_type=content_type, object_id=obj.pk).delete()
