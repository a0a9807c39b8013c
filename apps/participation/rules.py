"""Who may do what with ideas, comments and reports. `obj` is a Space, an Idea, a Comment or
a Report (the hub-wide pages pass the Hub). Tested cell by cell in
tests/participation/test_rules.py.

| action                              | steward, net. lead | board | initiative team | signed in | anon |
| ----------------------------------- | ------------------ | ----- | --------------- | --------- | ---- |
| read ideas and comments             | yes                | yes   | yes             | yes       | yes  |
| post an idea or comment, support    | yes                | yes   | yes             | yes       | no   |
| report an idea or comment           | yes                | yes   | yes             | yes       | no   |
| hide / show, decide reports         | own hub            | no    | own initiative  | no        | no   |
| see the moderation queue            | own hub            | read  | no              | no        | no   |
| see the audit log                   | own hub            | no    | no              | no        | no   |

"Initiative team" is the initiative's owner and its team members.
Hidden content stays visible to its author and to whoever may moderate it.
"""

from typing import Any

import rules

from apps.hubs.models import Hub
from apps.hubs.rules import is_authenticated, is_board, is_hub_lead
from apps.initiatives.rules import in_team
from apps.participation.spaces import Space


def space_of(obj: Any) -> Space | None:
    """The space an object lives in (an Idea's, a Comment's idea's, a Report's idea's)."""
    if obj is None:
        return None
    if isinstance(obj, Space):
        return obj
    if isinstance(obj, Hub):
        return Space(hub=obj)
    idea = getattr(obj, "idea", None)
    if idea is not None:
        return idea.space
    space = getattr(obj, "space", None)
    return space if isinstance(space, Space) else None


@rules.predicate
def is_initiative_team(user: Any, obj: Any) -> bool:
    """The owner or a team member of the initiative whose space `obj` is in."""
    return in_team(user, space_of(obj))


@rules.predicate
def is_author(user: Any, obj: Any) -> bool:
    author_id = getattr(obj, "author_id", None)
    return bool(getattr(user, "is_authenticated", False) and author_id is not None and author_id == user.pk)


can_moderate = is_hub_lead | is_initiative_team

rules.add_perm("participation.add_idea", is_authenticated)
rules.add_perm("participation.add_comment", is_authenticated)
rules.add_perm("participation.support_idea", is_authenticated)
rules.add_perm("participation.report", is_authenticated)
rules.add_perm("participation.moderate", can_moderate)
rules.add_perm("participation.view_hidden", can_moderate | is_author)
rules.add_perm("participation.view_moderation", is_hub_lead | is_board)
rules.add_perm("participation.decide_report", can_moderate)
