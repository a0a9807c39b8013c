"""Who may do what with volunteer roles, shifts, sign-ups and hours.

`obj` is an Initiative, or a VolunteerRole / Shift (anything with `hub` and `initiative`).
The initiative's team (owner, project lead, members: `apps.initiatives.rules`) and the hub's
leads (stewards, network lead) manage; hub offices count only in the object's own hub.

Columns: St steward, NL network lead, Bo board, Me member, Vi visitor (signed in), An
anonymous, TM anyone in the initiative's team, SO steward of another hub.

| Action                          | St | NL | Bo | Me | Vi | An | TM | SO |
|---------------------------------|----|----|----|----|----|----|----|----|
| `volunteers.view_shifts`        | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  |
| `volunteers.manage_shifts`      | ✓  | ✓  | –  | –  | –  | –  | ✓  | –  |
| `volunteers.sign_up`            | ✓  | ✓  | ✓  | ✓  | ✓  | –  | ✓  | ✓  |

`manage_shifts` covers roles and shifts, cancelling a shift, seeing who is coming (names; the
day sheet with phone numbers where the volunteer consented), messaging the volunteers, and
logging and confirming hours. Anyone else sees counts only (places, places left, waiting).
A volunteer logs their own hours on a shift where they have a confirmed place (the service
checks the place); the team confirms them. tests/volunteers/test_rules.py checks every cell.
"""

import rules

from apps.hubs.rules import is_authenticated, is_hub_lead
from apps.initiatives.rules import is_in_team

is_shift_manager = is_in_team | is_hub_lead

rules.add_perm("volunteers.view_shifts", rules.always_allow)
rules.add_perm("volunteers.manage_shifts", is_shift_manager)
rules.add_perm("volunteers.sign_up", is_authenticated)
