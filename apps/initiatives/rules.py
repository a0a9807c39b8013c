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

from apps.hubs.rules import is_authenticated, is_network_lead, is_steward

TEAM_CACHE = "_initiative_team_cache"


def team_role(user: Any, initiative: Any) -> str | None:
    """The user's role in the initiative's team ("owner" for its owner), cached on the user
    object for one request; None when not in the team."""
    if initiative is None or getattr(initiative, "pk", None) is None:
        return None
    if not getattr(user, "is_authenticated", False):
        return None
    if initiative.owner_id == user.pk:
        return "owner"
    cache: dict[int, str | None] = user.__dict__.setdefault(TEAM_CACHE, {})
    if initiative.pk not in cache:
        from apps.initiatives.models import TeamMember

        cache[initiative.pk] = (
            TeamMember.objects.filter(initiative_id=initiative.pk, user_id=user.pk)
            .values_list("role", flat=True)
            .first()
        )
    return cache[initiative.pk]


def forget_team(user: Any) -> None:
    """Drop the per-request cache after a change to the user's teams."""
    if user is not None:
        user.__dict__.pop(TEAM_CACHE, None)


@rules.predicate
def is_initiative_owner(user: Any, initiative: Any) -> bool:
    return team_role(user, initiative) == "owner"


@rules.predicate
def is_project_lead(user: Any, initiative: Any) -> bool:
    return team_role(user, initiative) == "lead"


@rules.predicate
def is_in_team(user: Any, initiative: Any) -> bool:
    return team_role(user, initiative) is not None


is_hub_lead = is_steward | is_network_lead

rules.add_perm("initiatives.view_initiative", rules.always_allow)
rules.add_perm("initiatives.submit_initiative", is_authenticated)  # obj: the Hub
rules.add_perm("initiatives.change_initiative", is_initiative_owner | is_project_lead | is_hub_lead)
rules.add_perm("initiatives.manage_team", is_initiative_owner | is_hub_lead)
rules.add_perm("initiatives.post_update", is_in_team | is_hub_lead)
rules.add_perm("initiatives.add_image", is_in_team | is_hub_lead)
rules.add_perm("initiatives.manage_permits", is_in_team | is_hub_lead)
rules.add_perm("initiatives.follow", is_authenticated)
