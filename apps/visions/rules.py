"""Who may do what with shared visions. `obj` is a Space (creating), a Vision or a VisionVersion.

- Editors of a vision: the hub's stewards and network lead; for an initiative's vision also the
  initiative's owner and team. They create visions, change title and status, invite co-authors.
- New versions: editors and invited co-authors while the vision is not adopted; any approved
  member of the hub while it is drafting.
- Comments: members of the hub and representatives of its approved partners.
- Endorsing: representatives of an approved partner organisation of the hub (the service also
  checks they act for that organisation), not while the vision is still drafting.
"""

from typing import Any

import rules

from apps.hubs.models import Hub
from apps.hubs.rules import is_member, is_network_lead, is_partner_representative, is_steward


def _vision_of(obj: Any) -> Any:
    if obj is None:
        return None
    if hasattr(obj, "vision_id"):
        return obj.vision
    if hasattr(obj, "coauthors"):
        return obj
    return None


def hub_in(obj: Any) -> Hub | None:
    """The hub of a Space, Vision or VisionVersion."""
    vision = _vision_of(obj)
    if vision is not None:
        return vision.hub
    return getattr(obj, "hub", None)


def initiative_team_ids(initiative: Any) -> set[int]:
    """The owner of an initiative and, when the initiatives app has a team, its members."""
    ids = {initiative.owner_id}
    for name in ("team", "team_members", "members", "memberships"):
        manager = getattr(initiative, name, None)
        if manager is None or not hasattr(manager, "values_list"):
            continue
        model = manager.model
        field_names = {f.name for f in model._meta.get_fields()}
        if model._meta.label_lower == "accounts.user":
            ids.update(manager.values_list("pk", flat=True))
        elif "user" in field_names:
            ids.update(manager.values_list("user_id", flat=True))
        break
    return ids


def is_initiative_team_of(user: Any, initiative: Any) -> bool:
    if initiative is None or not getattr(user, "is_authenticated", False):
        return False
    cache: dict[int, bool] = user.__dict__.setdefault("_initiative_team_cache", {})
    if initiative.pk not in cache:
        cache[initiative.pk] = user.pk in initiative_team_ids(initiative)
    return cache[initiative.pk]


@rules.predicate
def is_hub_lead_here(user: Any, obj: Any) -> bool:
    hub = hub_in(obj)
    return bool(is_steward(user, hub) or is_network_lead(user, hub))


@rules.predicate
def is_initiative_team(user: Any, obj: Any) -> bool:
    space = _vision_of(obj) or obj
    return is_initiative_team_of(user, getattr(space, "initiative", None))


@rules.predicate
def is_coauthor(user: Any, obj: Any) -> bool:
    vision = _vision_of(obj)
    if vision is None or not getattr(user, "is_authenticated", False):
        return False
    return vision.coauthors.filter(pk=user.pk).exists()


@rules.predicate
def is_hub_member(user: Any, obj: Any) -> bool:
    return bool(is_member(user, hub_in(obj)))


@rules.predicate
def is_hub_partner_representative(user: Any, obj: Any) -> bool:
    return bool(is_partner_representative(user, hub_in(obj)))


@rules.predicate
def vision_is_drafting(user: Any, obj: Any) -> bool:
    vision = _vision_of(obj)
    return vision is not None and vision.status == "drafting"


@rules.predicate
def vision_is_adopted(user: Any, obj: Any) -> bool:
    vision = _vision_of(obj)
    return vision is not None and vision.status == "adopted"


is_editor = is_hub_lead_here | is_initiative_team

rules.add_perm("visions.view_vision", rules.always_allow)
rules.add_perm("visions.add_vision", is_editor)
rules.add_perm("visions.change_vision", is_editor)
rules.add_perm(
    "visions.add_version",
    ((is_editor | is_coauthor) & ~vision_is_adopted) | (is_hub_member & vision_is_drafting),
)
rules.add_perm("visions.comment_version", is_hub_member | is_hub_partner_representative)
rules.add_perm("visions.endorse_version", is_hub_partner_representative & ~vision_is_drafting)
