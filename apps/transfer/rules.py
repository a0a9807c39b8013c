"""Who may export and import hubs (X1). `obj` is a Hub (or a TransferJob, through its hub).

Decided: a hub's archive holds everything of the hub, its members' e-mail addresses and its
confidential dialogues included, so only the hub's stewards export it and download the export
(the network lead and the board do not). Importing creates a new hub and accounts for people
the installation does not know: only a superuser (the installation's administrator) does that.
There is no import into an existing hub (no merging of two hubs).

Columns: SU superuser, St steward, NL network lead, Bd board, Mb member, Vi visitor (signed in),
An anonymous, SX a steward of another hub.

| Action | SU | St | NL | Bd | Mb | Vi | An | SX |
|---|---|---|---|---|---|---|---|---|
| `transfer.export_hub` (start, follow, download) | ✓ | ✓ | – | – | – | – | – | – |
| `transfer.import_hub` (as a new hub) | ✓ | – | – | – | – | – | – | – |

Superusers pass every check (Django's `has_perm`). Tested cell by cell in
`tests/transfer/test_views.py`.
"""

import rules

from apps.hubs.rules import is_steward


@rules.predicate
def is_superuser(user: object) -> bool:
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


rules.add_perm("transfer.export_hub", is_steward)
rules.add_perm("transfer.import_hub", is_superuser)
