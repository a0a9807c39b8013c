"""Who may do what with results and progress reports.

`obj` is the Initiative or the Hub a result belongs to (managing, adding), a Result or a
ProgressReport (reading), or an Evidence document (downloading). Offices count only in the
object's own hub: a steward of another hub has no power here.

Columns: Su superuser, St steward, NL network lead, Bo board, Me member, Vi visitor (signed
in, no membership), An anonymous, Ow initiative owner, TM team member, SO steward of another hub.

| Action                                 | Su | St | NL | Bo | Me | Vi | An | Ow | TM | SO |
|----------------------------------------|----|----|----|----|----|----|----|----|----|----|
| `results.manage_results` (initiative)  | ✓  | ✓  | ✓  | –  | –  | –  | –  | ✓  | ✓  | –  |
| `results.manage_results` (hub)         | ✓  | ✓  | ✓  | –  | –  | –  | –  | –  | –  | –  |
| `results.view_result` (published)      | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  |
| `results.view_result` (draft)          | ✓  | ✓  | ✓  | –  | –  | –  | –  | ✓  | ✓  | –  |
| `results.view_report` (published)      | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  | ✓  |
| `results.view_report` (draft)          | ✓  | ✓  | ✓  | –  | –  | –  | –  | ✓  | ✓  | –  |
| `results.view_evidence` (published)    | ✓  | ✓  | ✓  | ✓  | ✓  | –  | –  | ✓  | ✓  | –  |
| `results.view_evidence` (draft)        | ✓  | ✓  | ✓  | –  | –  | –  | –  | ✓  | ✓  | –  |

Managing covers adding, changing, publishing and deleting results and reports, adding evidence
and photos, and publishing the final report that tells everyone who took part. Evidence
documents may carry names and receipts: they are for the hub's members, not the public (the
link to evidence and the photos are public with a published report).
tests/results/test_rules.py checks every cell.
"""

from typing import Any

import rules

from apps.hubs.rules import is_hub_lead, is_member
from apps.initiatives.rules import is_in_team


def _published(obj: Any) -> bool:
    report = getattr(obj, "report", None)
    target = report if report is not None else obj
    return getattr(target, "status", None) == "published"


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    """A published result or report (for evidence: its report is published)."""
    return obj is not None and _published(obj)


is_manager = is_hub_lead | is_in_team

rules.add_perm("results.manage_results", is_manager)
rules.add_perm("results.view_result", is_published | is_manager)
rules.add_perm("results.view_report", is_published | is_manager)
rules.add_perm("results.view_evidence", (is_published & is_member) | is_manager)
