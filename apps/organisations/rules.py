"""Who may act for an organisation: its representatives."""

from typing import Any

import rules

from apps.core.request_cache import forget, request_cache

REPRESENTED = "organisations.represented"


@rules.predicate
def is_representative(user: Any, organisation: Any) -> bool:
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    return organisation.representative_set.filter(user_id=user.pk).exists()


def represented_ids(user: Any) -> frozenset[int]:
    """The organisations a person represents, one query a request (a page that checks many
    partners asks many times)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cache = request_cache(user, REPRESENTED)
    if "ids" not in cache:
        from apps.organisations.models import Representative

        cache["ids"] = frozenset(
            Representative.objects.filter(user_id=user.pk).values_list("organisation_id", flat=True)
        )
    return cache["ids"]  # type: ignore[no-any-return]


def forget_represented(user: Any) -> None:
    forget(user, REPRESENTED)


rules.add_perm("organisations.view_organisation", rules.always_allow)
rules.add_perm("organisations.add_organisation", rules.is_authenticated)
rules.add_perm("organisations.change_organisation", is_representative)
