"""Reads that feed pages and the API: every query for hub data is shaped (and scoped) here.

Lists use a fixed number of queries however many rows there are (joins and prefetches
here, tested in tests/hubs/test_queries.py).
"""

from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from apps.accounts.models import Competence
from apps.hubs.models import (
    ApplicationStatus,
    Hub,
    Membership,
    Partnership,
    WorkingGroup,
    WorkingGroupMember,
)
from apps.hubs.versions import hub_cached

APPROVED = ApplicationStatus.APPROVED


def _count(queryset: QuerySet) -> Coalesce:  # type: ignore[type-arg]
    """A correlated COUNT(*) per hub. Separate subqueries, not joins: joining members,
    partners and groups at once multiplies the rows before they are counted."""
    return Coalesce(
        Subquery(
            queryset.filter(hub=OuterRef("pk")).order_by().values("hub").annotate(n=Count("pk")).values("n")
        ),
        0,
    )


def hub_list() -> QuerySet[Hub]:
    """All hubs with their counts of approved members, partners and working groups."""
    return Hub.objects.annotate(
        member_count=_count(Membership.objects.filter(status=APPROVED)),
        partner_count=_count(Partnership.objects.filter(status=APPROVED)),
        working_group_count=_count(WorkingGroup.objects.all()),
    ).order_by("name")


def hub_get(*, slug: str) -> Hub:
    """The hub of a URL, or 404. Every hub page starts here, so it stays one cheap query."""
    return get_object_or_404(Hub, slug=slug)


def hub_get_with_counts(*, slug: str) -> Hub:
    """The hub with its counts, for its home page and the API."""
    return get_object_or_404(hub_list(), slug=slug)


def hub_counts(*, hub: Hub) -> dict[str, int]:
    """Approved members, approved partners and working groups of the hub, cached under its
    content version (apps.hubs.versions): three COUNTs once per change, not per request."""

    def compute() -> dict[str, int]:
        return {
            "member_count": Membership.objects.filter(hub=hub, status=APPROVED).count(),
            "partner_count": Partnership.objects.filter(hub=hub, status=APPROVED).count(),
            "working_group_count": WorkingGroup.objects.filter(hub=hub).count(),
        }

    return hub_cached(hub, "counts", compute=compute)


def hub_get_with_cached_counts(*, slug: str) -> Hub:
    """The hub of a URL (or 404) with `member_count`, `partner_count` and
    `working_group_count` set from `hub_counts`: one query on a warm cache."""
    hub = hub_get(slug=slug)
    for name, value in hub_counts(hub=hub).items():
        setattr(hub, name, value)
    return hub


def home_lists(*, hub: Hub) -> dict[str, list[Any]]:
    """What the hub's home page shows to everyone alike — its stewards (those who agreed to be
    shown), six working groups, eight partners — cached under the hub's content version."""
    return hub_cached(
        hub,
        "home-lists",
        compute=lambda: {
            "stewards": list(stewards(hub=hub)[:8]),
            "groups": list(working_groups(hub=hub)[:6]),
            "partners": list(partners(hub=hub)[:8]),
        },
    )


def public_members(*, hub: Hub, query: str = "", competence: str = "") -> QuerySet[Membership]:
    """Approved members who consented to a public profile: the only ones shown to anyone."""
    qs = (
        Membership.objects.filter(hub=hub, status=APPROVED, user__profile__consent_public_profile=True)
        .select_related("user", "user__profile")
        .prefetch_related(
            Prefetch("user__profile__competences", queryset=Competence.objects.order_by("slug"))
        )
        .order_by("user__name", "user__email")
    )
    if query:
        qs = qs.filter(
            Q(user__name__icontains=query)
            | Q(user__profile__headline__icontains=query)
            | Q(user__profile__interests__icontains=query)
        )
    if competence:
        qs = qs.filter(user__profile__competences__slug=competence)
    return qs


def public_member_get(*, hub: Hub, user_id: int) -> Membership:
    return get_object_or_404(public_members(hub=hub), user_id=user_id)


def partners(*, hub: Hub, type: str = "") -> QuerySet[Partnership]:  # noqa: A002
    qs = (
        Partnership.objects.filter(hub=hub, status=APPROVED)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if type:
        qs = qs.filter(organisation__type=type)
    return qs


def working_groups(*, hub: Hub) -> QuerySet[WorkingGroup]:
    return (
        WorkingGroup.objects.filter(hub=hub)
        .select_related("lead", "lead__profile")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def working_group_get(*, hub: Hub, slug: str) -> WorkingGroup:
    return get_object_or_404(working_groups(hub=hub), slug=slug)


def working_group_members(*, group: WorkingGroup) -> QuerySet[WorkingGroupMember]:
    return (
        WorkingGroupMember.objects.filter(group=group)
        .select_related("user", "user__profile")
        .order_by("user__name", "user__email")
    )


def pending_memberships(*, hub: Hub) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(hub=hub, status=ApplicationStatus.PENDING)
        .select_related("user", "user__profile")
        .prefetch_related("user__profile__competences")
        .order_by("applied_at")
    )


def pending_partnerships(*, hub: Hub) -> QuerySet[Partnership]:
    return (
        Partnership.objects.filter(hub=hub, status=ApplicationStatus.PENDING)
        .select_related("organisation", "applied_by")
        .order_by("applied_at")
    )


def pending_application_count(*, hub: Hub) -> int:
    """How many memberships and partnerships wait for the stewards."""
    return (
        Membership.objects.filter(hub=hub, status=ApplicationStatus.PENDING).count()
        + Partnership.objects.filter(hub=hub, status=ApplicationStatus.PENDING).count()
    )


def approved_members(*, hub: Hub) -> QuerySet[Membership]:
    """Everyone approved, consenting or not: for stewards assigning roles."""
    return (
        Membership.objects.filter(hub=hub, status=APPROVED)
        .select_related("user")
        .order_by("user__name", "user__email")
    )


def membership_for(*, hub: Hub, user: Any) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(hub=hub, user=user).first()


def hub_leads(hub: Hub) -> list[Any]:
    """The people who lead a hub — its stewards and network lead, approved — in a stable order:
    whom services tell about what needs a decision. The one query for it; every app asks here."""
    leads = (
        Membership.objects.filter(hub_id=hub.pk, status=APPROVED)
        .filter(Q(is_steward=True) | Q(is_network_lead=True))
        .select_related("user")
        .order_by("user_id")
    )
    return [m.user for m in leads]


def stewards(*, hub: Hub) -> QuerySet[Membership]:
    """The stewardship team and network lead who agreed to be shown, for the hub's home page."""
    return (
        Membership.objects.filter(hub=hub, status=APPROVED, user__profile__consent_public_profile=True)
        .filter(Q(is_steward=True) | Q(is_network_lead=True))
        .select_related("user", "user__profile")
        .order_by("-is_network_lead", "user__name")
    )


def memberships_of(*, user: Any) -> QuerySet[Membership]:
    """A person's memberships in every hub (their own page)."""
    return Membership.objects.filter(user=user).select_related("hub").order_by("hub__name")


def partnerships_of(*, organisation: Any) -> QuerySet[Partnership]:
    """The hubs an organisation is an approved partner of (its public page)."""
    return (
        Partnership.objects.filter(organisation=organisation, status=ApplicationStatus.APPROVED)
        .select_related("hub")
        .order_by("hub__name")
    )
