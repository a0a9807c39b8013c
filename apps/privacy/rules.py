"""Who may do what with privacy: `rules` predicates and the permissions built from them.

A person's archive and the deletion of their account are theirs alone (the services check that
the actor is the person; views 404 for anyone else's archive). A hub's retention of anonymous
input metadata is set by its leads.

Columns: Su superuser, St steward, NL network lead, Bo board, Me member, Vi visitor (signed
in, no membership), An anonymous, SO steward of another hub.

| Action                       | Su | St | NL | Bo | Me | Vi | An | SO |
|------------------------------|----|----|----|----|----|----|----|----|
| `privacy.view_retention`     | ✓  | ✓  | ✓  | –  | –  | –  | –  | –  |
| `privacy.change_retention`   | ✓  | ✓  | ✓  | –  | –  | –  | –  | –  |
| own archive / own deletion   | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | –  | ✓  |
"""

import rules

from apps.hubs.rules import is_hub_lead

rules.add_perm("privacy.view_retention", is_hub_lead)
rules.add_perm("privacy.change_retention", is_hub_lead)
