"""Who may do what with needs, suggestions and introductions (M2). `obj` is an Initiative (or a
Need) for the initiative's needs and suggestions, the Hub for the stewards' overview and a
member's own suggestions, an Introduction for answering one.

Columns: SU superuser, St steward, NL network lead, Bd board, TM the initiative's team (owner,
project lead, member), IP the person introduced or a representative of the organisation
introduced, Mb member, Vi visitor (signed in, not a member), An anonymous, SX a steward of
another hub.

| Action | SU | St | NL | Bd | TM | IP | Mb | Vi | An | SX |
|---|---|---|---|---|---|---|---|---|---|---|
| `matching.view_needs` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
| `matching.manage_needs` | ✓ | ✓ | ✓ | – | ✓ | – | – | – | – | – |
| `matching.view_suggestions` | ✓ | ✓ | ✓ | – | ✓ | – | – | – | – | – |
| `matching.introduce` | ✓ | ✓ | ✓ | – | – | – | – | – | – | – |
| `matching.view_introductions` | ✓ | ✓ | ✓ | – | – | – | – | – | – | – |
| `matching.answer_introduction` | – | – | – | – | – | ✓ | – | – | – | – |
| `matching.view_my_suggestions` | ✓ | ✓ | ✓ | ✓ | ✓ | – | ✓ | – | – | – |

`view_suggestions`: the ranked members and partner organisations for an initiative's needs
(consented, approved profiles only). `answer_introduction`: accept or decline an open
introduction — only the one introduced: the service asks `is_introduced` itself, so a
superuser (whom Django's `has_perm` lets do anything) does not answer for someone else.
`view_my_suggestions` (obj: the Hub): initiatives of the hub suggested to an approved member.
Tested cell by cell in `tests/matching/test_rules.py`.
"""

from typing import Any

import rules

from apps.hubs.rules import is_hub_lead, is_member
from apps.initiatives.rules import is_in_team
from apps.organisations.rules import represented_ids


@rules.predicate
def is_introduced(user: Any, obj: Any) -> bool:
    """The person an introduction is for, or a representative of the organisation it is for."""
    if not getattr(user, "is_authenticated", False) or not hasattr(obj, "organisation_id"):
        return False
    if obj.user_id is not None:
        return bool(obj.user_id == user.pk)
    return obj.organisation_id in represented_ids(user)


rules.add_perm("matching.view_needs", rules.always_allow)
rules.add_perm("matching.manage_needs", is_hub_lead | is_in_team)
rules.add_perm("matching.view_suggestions", is_hub_lead | is_in_team)
rules.add_perm("matching.introduce", is_hub_lead)
rules.add_perm("matching.view_introductions", is_hub_lead)
rules.add_perm("matching.answer_introduction", is_introduced)
rules.add_perm("matching.view_my_suggestions", is_member)
