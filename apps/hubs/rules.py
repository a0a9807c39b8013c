"""Who may do what in a hub: `rules` predicates and the permissions built from them.

The role × action matrix is in docs/roles.md; tests/hubs/test_rules.py checks every cell,
including that an office in one hub gives no power in another. Superusers pass every
check through Django's own `has_perm`.
"""

from collections.abc import Iterable
from typing import Any

import rules
from django.db.models import Q

from apps.core.request_cache import forget, request_cache
from apps.hubs.models import ApplicationStatus, Hub, Membership

MEMBERSHIP_CACHE = "hubs.membership"


def hub_of(obj: Any) -> Hub | None:
    """The hub an object belongs to (a hub is its own): its `hub`. Every model whose offices
    count for a permission has one, as a field or a property."""
    if obj is None:
        return None
    if isinstance(obj, Hub):
        return obj
    return getattr(obj, "hub", None)


def approved_membership(user: Any, hub: Hub | None) -> Membership | None:
    """The user's approved membership of `hub`, cached on the user object for one request."""
    if hub is None or not getattr(user, "is_authenticated", False):
        return None
    cache: dict[int, Membership | None] = request_cache(user, MEMBERSHIP_CACHE)
    if hub.pk not in cache:
        cache[hub.pk] = Membership.objects.filter(
            hub_id=hub.pk, user_id=user.pk, status=ApplicationStatus.APPROVED
        ).first()
    return cache[hub.pk]


def prime_memberships(user: Any, hub_ids: Iterable[int]) -> None:
    """Load the user's approved memberships of many hubs with one query (lists across hubs)."""
    if not getattr(user, "is_authenticated", False):
        return
    cache: dict[int, Membership | None] = request_cache(user, MEMBERSHIP_CACHE)
    missing = set(hub_ids) - cache.keys()
    if not missing:
        return
    found = {
        m.hub_id: m
        for m in Membership.objects.filter(
            user_id=user.pk, hub_id__in=missing, status=ApplicationStatus.APPROVED
        )
    }
    for hub_id in missing:
        cache[hub_id] = found.get(hub_id)


def forget_memberships(user: Any) -> None:
    """Drop the per-request cache after a change to the user's memberships."""
    forget(user, MEMBERSHIP_CACHE)


@rules.predicate
def is_authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_member(user: Any, obj: Any) -> bool:
    return approved_membership(user, hub_of(obj)) is not None


@rules.predicate
def is_steward(user: Any, obj: Any) -> bool:
    membership = approved_membership(user, hub_of(obj))
    return bool(membership and membership.is_steward)


@rules.predicate
def is_network_lead(user: Any, obj: Any) -> bool:
    membership = approved_membership(user, hub_of(obj))
    return bool(membership and membership.is_network_lead)


@rules.predicate
def is_board(user: Any, obj: Any) -> bool:
    membership = approved_membership(user, hub_of(obj))
    return bool(membership and membership.is_board)


@rules.predicate
def is_working_group_lead(user: Any, group: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and group is not None and group.lead_id == user.pk)


@rules.predicate
def is_partner_representative(user: Any, obj: Any) -> bool:
    hub = hub_of(obj)
    if hub is None or not getattr(user, "is_authenticated", False):
        return False
    return hub.partnerships.filter(
        status=ApplicationStatus.APPROVED, organisation__representative__user_id=user.pk
    ).exists()


@rules.predicate
def hub_accepts_members(user: Any, hub: Any) -> bool:
    return bool(hub is not None and hub.accepts_members)


@rules.predicate
def hub_accepts_partners(user: Any, hub: Any) -> bool:
    return bool(hub is not None and hub.accepts_partners)


@rules.predicate
def leads_any_hub(user: Any) -> bool:
    """Steward or network lead somewhere: may curate the shared list of competences."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(
        Q(is_steward=True) | Q(is_network_lead=True),
        user_id=user.pk,
        status=ApplicationStatus.APPROVED,
    ).exists()


# "Is this user a hub lead here?": one predicate, asked by every app of any object with a hub.
is_hub_lead = is_steward | is_network_lead

# Hub: reading is open to everyone; the rest by role. `obj` is a Hub unless noted.
rules.add_perm("hubs.view_hub", rules.always_allow)
rules.add_perm("hubs.apply_membership", is_authenticated & hub_accepts_members & ~is_member)
rules.add_perm("hubs.apply_partnership", is_authenticated & hub_accepts_partners)
rules.add_perm("hubs.change_hub", is_hub_lead)
rules.add_perm("hubs.view_applications", is_hub_lead | is_board)
rules.add_perm("hubs.decide_application", is_hub_lead)
rules.add_perm("hubs.assign_roles", is_hub_lead)
# The audit log: who changed whose power, what was moderated, which decisions were closed.
rules.add_perm("hubs.view_audit_log", is_hub_lead)
rules.add_perm("hubs.add_working_group", is_hub_lead)
# Working groups: `obj` is a WorkingGroup.
rules.add_perm("hubs.change_working_group", is_hub_lead | is_working_group_lead)
rules.add_perm("hubs.join_working_group", is_member)
# The shared list of competences (no object).
rules.add_perm("accounts.manage_competences", leads_any_hub)
