"""Who may change a hub's goals and tag its things with goals.

Both are for the hub's stewards and network lead (and superusers, through Django's `has_perm`).
`obj` is the hub, or anything with a `hub` (a goal, a local target): an office in one hub gives
no power in another (tests/goals/test_rules.py).

| Action | Steward | Network lead | Board | Member | Visitor | Anonymous | Steward of another hub |
|---|---|---|---|---|---|---|---|
| `goals.view_goals` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
| `goals.change_goals` | ✓ | ✓ | – | – | – | – | – |
| `goals.tag_object` | ✓ | ✓ | – | – | – | – | – |
"""

import rules

from apps.hubs.rules import is_network_lead, is_steward

is_goal_keeper = is_steward | is_network_lead

rules.add_perm("goals.view_goals", rules.always_allow)
rules.add_perm("goals.change_goals", is_goal_keeper)
rules.add_perm("goals.tag_object", is_goal_keeper)
