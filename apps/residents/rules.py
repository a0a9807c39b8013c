"""Who may do what with resident groups. `obj` is a Hub.

| action                         | anonymous | person | member | steward/lead here | elsewhere |
|--------------------------------|-----------|--------|--------|-------------------|-----------|
| manage_groups (switch, own qs) | –         | –      | –      | yes               | –         |
| answer_groups (own answers)    | –         | yes    | yes    | yes               | yes       |

Group breakdowns are shown wherever the results they break down are shown (surveys, votes, the
input summary), always with small counts suppressed.
"""

import rules

from apps.hubs.rules import is_authenticated, is_hub_lead

rules.add_perm("residents.manage_groups", is_hub_lead)
rules.add_perm("residents.answer_groups", is_authenticated)
