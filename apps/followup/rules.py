"""Who may do what in the follow-up of ideas: meetings, minutes, matches and tasks.

- Schedule meetings and record minutes: the stewards and network lead of the initiative's hub.
- Create and edit tasks: those, and the initiative's owner and team (and a task's creator).
- Change a task's status: its assignee, its creator, the stewards and network lead.
- See the follow-up queue: stewards, network lead and board (the board reads only).
Offices are per hub (apps.hubs.rules), so a steward of another hub has no power here.
"""

from typing import Any

import rules

from apps.hubs.rules import is_board, is_hub_lead
from apps.initiatives.rules import is_in_team


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
rules.add_perm("followup.view_initiative", is_hub_lead | is_board | is_in_team)
rules.add_perm("followup.schedule_meeting", is_hub_lead)
rules.add_perm("followup.add_task", is_hub_lead | is_in_team)
# `obj` is a Meeting.
rules.add_perm("followup.view_meeting", is_hub_lead | is_board | is_in_team | is_participant)
rules.add_perm("followup.record_minutes", is_hub_lead)
rules.add_perm("followup.add_action_point", is_hub_lead)
# `obj` is a Task.
rules.add_perm("followup.change_task", is_hub_lead | is_task_creator | is_in_team)
rules.add_perm("followup.update_task_status", is_hub_lead | is_task_creator | is_assignee)
rules.add_perm("followup.view_task", is_hub_lead | is_board | is_task_creator | is_assignee | is_in_team)
