"""Who may do what in consolidation. `obj` is the hub, an `OverlapPair` or a `Merge`.

| permission                    | steward | lead | board | member | partner | visitor | other hub |
| ----------------------------- | ------- | ---- | ----- | ------ | ------- | ------- | --------- |
| consolidation.review_overlaps | yes     | yes  | no    | no     | no      | no      | no        |

(lead = network lead; other hub = a steward of another hub.)

Reviewing covers reading the queue, proposing a collaboration, merging and dismissing. Only the
hub's leads (`apps.hubs.rules.is_hub_lead`) may: a merge changes who owns what.
"""

import rules

from apps.hubs.rules import is_hub_lead

rules.add_perm("consolidation.review_overlaps", is_hub_lead)
