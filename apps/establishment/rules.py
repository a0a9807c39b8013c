"""Who may do what with a hub's establishment (H2). `obj` is the Hub.

| action                                       | steward | network lead | member | other steward | anon |
|----------------------------------------------|---------|--------------|--------|---------------|------|
| establishment.lead: the guided page, area,   | yes     | yes          | no     | no            | no   |
| meeting texts, sending invitations           |         |              |        |               |      |

The hub's establishment run belongs to its stewards and network lead (as in apps/processes/rules.py);
closing the steps is processes' `processes.close_phase`. Superusers pass every check.
"""

import rules

from apps.hubs.rules import is_authenticated, is_hub_lead

rules.add_perm("establishment.lead", is_authenticated & is_hub_lead)
