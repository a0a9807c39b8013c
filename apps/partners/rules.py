"""Who may do what with partners and their commitments (V1). `obj` is a Hub or an Initiative
(adding a partner), a Partner, or a Commitment.

The *receiving side* of a partner is who it partners with: the hub's stewards and network lead
for a partner of the hub; for a partner of an initiative also the initiative's owner and project
leads. The *partner side* is the partner person, or any representative of the partner
organisation.

Columns: SU superuser, St steward, NL network lead, Bd board, IL the initiative's owner or
project lead (for partners of that initiative), TM another team member, PS the partner side,
Mb member, Vi visitor, An anonymous, SX a steward of another hub.

| Action | SU | St | NL | Bd | IL | TM | PS | Mb | Vi | An | SX |
|---|---|---|---|---|---|---|---|---|---|---|---|
| `partners.view_partner` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
| `partners.view_offers` | ✓ | ✓ | ✓ | – | ✓ | – | ✓ | – | – | – | – |
| `partners.add_partner` | ✓ | ✓ | ✓ | – | ✓ | – | – | – | – | – | – |
| `partners.change_partner` | ✓ | ✓ | ✓ | – | ✓ | – | – | – | – | – | – |
| `partners.offer_commitment` | ✓ | ✓ | ✓ | – | ✓ | – | ✓ | – | – | – | – |
| `partners.decide_commitment` | ✓ | ✓ | ✓ | – | ✓ | – | – | – | – | – | – |
| `partners.withdraw_commitment` | ✓ | ✓ | ✓ | – | ✓ | – | ✓ | – | – | – | – |

`view_offers`: see offered and withdrawn commitments and each commitment's history; everyone
sees agreed and delivered ones. `decide_commitment`: agree to an offer, mark it delivered.
Tested cell by cell in `tests/partners/test_rules.py`.
"""

from typing import Any

import rules

from apps.hubs.rules import is_hub_lead
from apps.initiatives.rules import initiative_of, is_initiative_owner, is_project_lead
from apps.organisations.rules import represented_ids


def _partner_of(obj: Any) -> Any:
    if obj is None:
        return None
    if hasattr(obj, "partner_id"):
        return obj.partner
    if hasattr(obj, "role_text"):
        return obj
    return None


@rules.predicate
def is_partner_side(user: Any, obj: Any) -> bool:
    """The partner person, or a representative of the partner organisation."""
    partner = _partner_of(obj)
    if partner is None or not getattr(user, "is_authenticated", False):
        return False
    if partner.user_id is not None:
        return bool(partner.user_id == user.pk)
    return partner.organisation_id in represented_ids(user)


@rules.predicate
def leads_its_initiative(user: Any, obj: Any) -> bool:
    """The owner or a project lead of the initiative the object belongs to (none for the hub)."""
    return initiative_of(obj) is not None and bool(
        is_initiative_owner(user, obj) or is_project_lead(user, obj)
    )


is_receiving_side = is_hub_lead | leads_its_initiative

rules.add_perm("partners.view_partner", rules.always_allow)
rules.add_perm("partners.view_offers", is_receiving_side | is_partner_side)
rules.add_perm("partners.add_partner", is_receiving_side)
rules.add_perm("partners.change_partner", is_receiving_side)
rules.add_perm("partners.offer_commitment", is_receiving_side | is_partner_side)
rules.add_perm("partners.decide_commitment", is_receiving_side)
rules.add_perm("partners.withdraw_commitment", is_receiving_side | is_partner_side)
