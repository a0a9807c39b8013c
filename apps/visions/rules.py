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

from apps.hubs.rules import is_hub_lead, is_member, is_partner_representative
from apps.initiatives.rules import is_in_team


def _vision_of(obj: Any) -> Any:
    if obj is None:
        return None
    if hasattr(obj, "vision_id"):
        return obj.vision
    if hasattr(obj, "coauthors"):
        return obj
    return None


@rules.predicate
def is_coauthor(user: Any, obj: Any) -> bool:
    vision = _vision_of(obj)
    if vision is None or not getattr(user, "is_authenticated", False):
        return False
    return vision.coauthors.filter(pk=user.pk).exists()


@rules.predicate
def vision_is_drafting(user: Any, obj: Any) -> bool:
    vision = _vision_of(obj)
    return vision is not None and vision.status == "drafting"


@rules.predicate
def vision_is_adopted(user: Any, obj: Any) -> bool:
    vision = _vision_of(obj)
    return vision is not None and vision.status == "adopted"


is_editor = is_hub_lead | is_in_team

rules.add_perm("visions.view_vision", rules.always_allow)
rules.add_perm("visions.add_vision", is_editor)
rules.add_perm("visions.change_vision", is_editor)
rules.add_perm(
    "visions.add_version",
    ((is_editor | is_coauthor) & ~vision_is_adopted) | (is_member & vision_is_drafting),
)
rules.add_perm("visions.comment_version", is_member | is_partner_representative)
rules.add_perm("visions.endorse_version", is_partner_representative & ~vision_is_drafting)
