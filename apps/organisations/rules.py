"""Who may act for an organisation: its representatives."""

from typing import Any

import rules


@rules.predicate
def is_representative(user: Any, organisation: Any) -> bool:
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    return organisation.representative_set.filter(user_id=user.pk).exists()


rules.add_perm("organisations.view_organisation", rules.always_allow)
rules.add_perm("organisations.add_organisation", rules.is_authenticated)
rules.add_perm("organisations.change_organisation", is_representative)
