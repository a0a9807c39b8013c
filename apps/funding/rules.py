"""Who may do what with budgets, campaigns, pledges and grant applications.

`obj` is an Initiative, or a funding object with `hub` and `initiative` (a Budget, a Campaign, a
GrantApplication …); a hub's own budget has no initiative, so only the hub's leads edit it.
Hub offices count only in the object's own hub.

Columns: St steward, NL network lead, Bo board, Me member, Vi visitor (signed in), An anonymous,
TM anyone in the initiative's team (owner, project lead, member), SO steward of another hub.

| Action                     | St | NL | Bo | Me | Vi | An | TM | SO |
|----------------------------|----|----|----|----|----|----|----|----|
| `funding.view_budget`      | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  |
| `funding.change_budget`    | ✓  | ✓  | –  | –  | –  | –  | ✓  | –  |
| `funding.manage_campaign`  | ✓  | ✓  | –  | –  | –  | –  | ✓  | –  |
| `funding.pledge`           | ✓  | ✓  | ✓  | ✓  | ✓  | –  | ✓  | ✓  |
| `funding.manage_grants`    | ✓  | ✓  | –  | –  | –  | –  | ✓  | –  |

What is public: a budget's cost lines, funding sources (type, from whom, planned and actual or
received), its totals and whether it is complete; a campaign's goal, deadline, mode, status,
totals, matched funds and the pledges' shown names (none for anonymous pledges) and messages.
Only the team and the hub's leads see who pledged (person and e-mail), pledges' statuses, grant
applications and their documents (an application still being written or waiting for an answer
is the team's business; a granted one shows as a funding source).
tests/funding/test_rules.py checks every cell.
"""

import rules

from apps.hubs.rules import is_authenticated, is_hub_lead
from apps.initiatives.rules import is_in_team

is_funding_editor = is_in_team | is_hub_lead

rules.add_perm("funding.view_budget", rules.always_allow)
rules.add_perm("funding.change_budget", is_funding_editor)
rules.add_perm("funding.manage_campaign", is_funding_editor)
rules.add_perm("funding.pledge", is_authenticated)
rules.add_perm("funding.manage_grants", is_funding_editor)
