"""Who may do what with cooperation agreements. `obj` is a Hub (creating) or an Agreement /
AgreementVersion (everything else). Superusers pass every check; offices are per hub.

| action                                   | lead¹ | board | member | party rep.² | other³ |
| ---------------------------------------- | ----- | ----- | ------ | ----------- | ------ |
| view a signed agreement                  | yes   | yes   | yes    | yes         | yes    |
| view a draft or one open for signing     | yes   | yes   | yes    | yes         | no     |
| create (obj: the hub)                    | yes   | no    | no     | no          | no     |
| change title/period/parties (drafting)   | yes   | no    | no     | no          | no     |
| new version, open for signing (not signed) | yes | no    | no     | no          | no     |
| sign (while open for signing)            | no⁴   | no⁴   | no⁴    | yes         | no     |

¹ a steward or the network lead of the agreement's hub. ² a representative of an organisation
that is a party to the agreement (the service also checks the organisation they sign for).
³ a visitor, a representative of a non-party organisation, another hub's steward.
⁴ unless they also represent a party. Verifying a text against the hashes is open to everyone.
"""

from typing import Any

import rules

from apps.hubs.rules import is_board, is_hub_lead, is_member


def agreement_of(obj: Any) -> Any:
    if obj is None:
        return None
    if hasattr(obj, "agreement_id") and hasattr(obj, "agreement"):
        return obj.agreement
    if hasattr(obj, "signed_version_id"):
        return obj
    return None


@rules.predicate
def is_party_representative(user: Any, obj: Any) -> bool:
    agreement = agreement_of(obj)
    if agreement is None or not getattr(user, "is_authenticated", False):
        return False
    return agreement.parties.filter(organisation__representative__user_id=user.pk).exists()


@rules.predicate
def agreement_is_signed(user: Any, obj: Any) -> bool:
    agreement = agreement_of(obj)
    return agreement is not None and agreement.status == "signed"


@rules.predicate
def agreement_is_signing(user: Any, obj: Any) -> bool:
    agreement = agreement_of(obj)
    return agreement is not None and agreement.status == "signing"


rules.add_perm(
    "agreements.view_agreement",
    agreement_is_signed | is_hub_lead | is_board | is_member | is_party_representative,
)
rules.add_perm("agreements.add_agreement", is_hub_lead)
rules.add_perm("agreements.change_agreement", is_hub_lead & ~agreement_is_signed)
rules.add_perm("agreements.sign_agreement", is_party_representative & agreement_is_signing)
