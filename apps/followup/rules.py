"""Who may do what in the follow-up of ideas: meetings, minutes, matches and tasks.

- Schedule meetings and record minutes: the stewards and network lead of the initiative's hub.
- Create and edit tasks: those, and the initiative's owner and team (and a task's creator).
- Change a task's status: its assignee, its creator, the stewards and network lead.
- See the follow-up queue: stewards, network lead and board (the board reads only).
Offices are per hub (apps.hubs.rules), so a steward of another hub has no power here.
"""

import contextlib
from typing import Any

import rules
from django.core.exceptions import FieldError

from apps.hubs.rules import is_board, is_hub_lead


def _initiative_of(obj: Any) -> Any:
    from apps.initiatives.models import Initiative

    if isinstance(obj, Initiative):
        return obj
    return getattr(obj, "initiative", None)


def team_user_ids(initiative: Any) -> set[int]:
    """The owner and team of an initiative (apps.initiatives TeamMember, once it exists).
    Cached on the initiative object for the request."""
    cached = initiative.__dict__.get("_followup_team_ids")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    ids = {initiative.owner_id}
    from apps.initiatives import models as initiative_models

    team_member = getattr(initiative_models, "TeamMember", None)
    if team_member is not None:
        # A TeamMember of another shape (FieldError): the owner alone.
        with contextlib.suppress(FieldError):
            ids |= set(
                team_member.objects.filter(initiative_id=initiative.pk).values_list("user_id", flat=True)
            )
    initiative.__dict__["_followup_team_ids"] = ids
    return ids


@rules.predicate
def is_initiative_team(user: Any, obj: Any) -> bool:
    initiative = _initiative_of(obj)
    if initiative is None or not getattr(user, "is_authenticated", False):
        return False
    return user.pk in team_user_ids(initiative)


@rules.predicate
def is_assignee(user: Any, task: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and task is not None and task.assignee_id == user.pk)


@rules.predicate
def is_task_creator(user: Any, task: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and task is not None and task.created_by_id == user.pk
    )


@rules.predicate
def is_participant(user: Any, meeting: Any) -> bool:
    if meeting is None or not getattr(user, "is_authenticated", False):
        return False
    return any(p.pk == user.pk for p in meeting.participants.all())


# `obj` is a Hub.
rules.add_perm("followup.view_queue", is_hub_lead | is_board)
# `obj` is an Initiative.
rules.add_perm("followup.view_initiative", is_hub_lead | is_board | is_initiative_team)
rules.add_perm("followup.schedule_meeting", is_hub_lead)
rules.add_perm("followup.add_task", is_hub_lead | is_initiative_team)
# `obj` is a Meeting.
rules.add_perm("followup.view_meeting", is_hub_lead | is_board | is_initiative_team | is_participant)
rules.add_perm("followup.record_minutes", is_hub_lead)
rules.add_perm("followup.add_action_point", is_hub_lead)
# `obj` is a Task.
rules.add_perm("followup.change_task", is_hub_lead | is_task_creator | is_initiative_team)
rules.add_perm("followup.update_task_status", is_hub_lead | is_task_creator | is_assignee)
rules.add_perm(
    "followup.view_task", is_hub_lead | is_board | is_task_creator | is_assignee | is_initiative_team
)


def prime_team_ids(initiatives: list[Any]) -> None:
    """Fill `team_user_ids`' cache for many initiatives with one query (lists of tasks)."""
    pending = [i for i in initiatives if "_followup_team_ids" not in i.__dict__]
    if not pending:
        return
    teams: dict[int, set[int]] = {i.pk: {i.owner_id} for i in pending}
    from apps.initiatives import models as initiative_models

    team_member = getattr(initiative_models, "TeamMember", None)
    if team_member is not None:
        with contextlib.suppress(FieldError):
            rows = team_member.objects.filter(initiative_id__in=list(teams)).values_list(
                "initiative_id", "user_id"
            )
            for initiative_id, user_id in rows:
                teams[initiative_id].add(user_id)
    for initiative in pending:
        initiative.__dict__["_followup_team_ids"] = teams[initiative.pk]
