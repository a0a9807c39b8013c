"""Who may do what with initiatives: `rules` predicates and the permissions built from them.

Everything about an initiative is public (there are no drafts). The object of every permission
is an `Initiative`, except `initiatives.submit_initiative`, which is checked against the `Hub`.
Hub offices count only in the initiative's own hub: a steward of another hub has no power here.
Superusers pass every check through Django's own `has_perm`.

Columns: Su superuser, St steward, NL network lead, Bo board, Me member, Vi visitor (signed
in, no membership), An anonymous, Ow owner, PL project lead, TM team member, SO steward of
another hub.

| Action                          | Su | St | NL | Bo | Me | Vi | An | Ow | PL | TM | SO |
|---------------------------------|----|----|----|----|----|----|----|----|----|----|----|
| `initiatives.view_initiative`   | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  |
| `initiatives.submit_initiative` | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | –  | ✓  | ✓  | ✓  | ✓  |
| `initiatives.change_initiative` | ✓  | ✓  | ✓  | –  | –  | –  | –  | ✓  | ✓  | –  | –  |
| `initiatives.manage_team`       | ✓  | ✓  | ✓  | –  | –  | –  | –  | ✓  | –  | –  | –  |
| `initiatives.post_update`       | ✓  | ✓  | ✓  | –  | –  | –  | –  | ✓  | ✓  | ✓  | –  |
| `initiatives.add_image`         | ✓  | ✓  | ✓  | –  | –  | –  | –  | ✓  | ✓  | ✓  | –  |
| `initiatives.manage_permits`    | ✓  | ✓  | ✓  | –  | –  | –  | –  | ✓  | ✓  | ✓  | –  |
| `initiatives.follow`            | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | –  | ✓  | ✓  | ✓  | ✓  |

"Owner" is the initiative's owner or anyone in its team with the role project owner;
"Project lead" and "Team member" are team roles. tests/initiatives/test_rules.py checks every cell.
"""

from typing import Any

import rules

from apps.core.request_cache import forget, request_cache
from apps.hubs.rules import is_authenticated, is_hub_lead
from apps.initiatives.models import Initiative, TeamMember
from apps.initiatives.selectors import primed_team_roles

# "Who is in this initiative's team, and in which role?" is answered here and only here: every
# other app (surveys, visions, events, processes, follow-up, participation, map input) asks these
# predicates about its own objects — anything that is an initiative or has an `initiative`.
TEAM_ROLE_CACHE = "initiatives.team_role"


def initiative_of(obj: Any) -> Initiative | None:
    """The initiative an object is about: itself, or its `initiative` (a space, a survey, a
    vision, a process run, a task …); None when it has none."""
    if obj is None:
        return None
    if isinstance(obj, Initiative):
        return obj
    initiative = getattr(obj, "initiative", None)
    return initiative if isinstance(initiative, Initiative) else None


def team_role(user: Any, obj: Any) -> str | None:
    """The user's role in the team of `obj`'s initiative — "owner" for the initiative's owner,
    else the TeamMember role — or None when not in the team. Cached for one request."""
    initiative = initiative_of(obj)
    if initiative is None or initiative.pk is None or not getattr(user, "is_authenticated", False):
        return None
    if initiative.owner_id == user.pk:
        return TeamMember.Role.OWNER
    primed = primed_team_roles(initiative)  # a list page loaded many teams at once
    if primed is not None:
        return primed.get(user.pk)
    cache: dict[int, str | None] = request_cache(user, TEAM_ROLE_CACHE)
    if initiative.pk not in cache:
        cache[initiative.pk] = (
            TeamMember.objects.filter(initiative_id=initiative.pk, user_id=user.pk)
            .values_list("role", flat=True)
            .first()
        )
    return cache[initiative.pk]


def in_team(user: Any, obj: Any) -> bool:
    """The owner or anyone in the team of `obj`'s initiative."""
    return team_role(user, obj) is not None


def forget_team(user: Any) -> None:
    """Drop the per-request cache after a change to the user's teams."""
    forget(user, TEAM_ROLE_CACHE)


@rules.predicate
def is_initiative_owner(user: Any, obj: Any) -> bool:
    """The owner of `obj`'s initiative, or a team member with the role project owner."""
    return team_role(user, obj) == TeamMember.Role.OWNER


@rules.predicate
def is_project_lead(user: Any, obj: Any) -> bool:
    return team_role(user, obj) == TeamMember.Role.LEAD


@rules.predicate
def is_in_team(user: Any, obj: Any) -> bool:
    return in_team(user, obj)


rules.add_perm("initiatives.view_initiative", rules.always_allow)
rules.add_perm("initiatives.submit_initiative", is_authenticated)  # obj: the Hub
rules.add_perm("initiatives.change_initiative", is_initiative_owner | is_project_lead | is_hub_lead)
rules.add_perm("initiatives.manage_team", is_initiative_owner | is_hub_lead)
rules.add_perm("initiatives.post_update", is_in_team | is_hub_lead)
rules.add_perm("initiatives.add_image", is_in_team | is_hub_lead)
rules.add_perm("initiatives.manage_permits", is_in_team | is_hub_lead)
rules.add_perm("initiatives.follow", is_authenticated)
