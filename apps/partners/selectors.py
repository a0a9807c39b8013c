"""Reads for partner pages and the API: partners with their commitments, and exact totals.

Totals are summed in `Decimal` in Python, not by the database: SQLite sums decimals as floating
point numbers, and a partner's page must add up to the øre."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from apps.hubs.models import Hub
from apps.initiatives.models import Initiative
from apps.organisations.models import Organisation
from apps.organisations.rules import represented_ids
from apps.partners.models import Commitment, CommitmentChange, Partner

COUNTING = (Commitment.Status.AGREED, Commitment.Status.DELIVERED)
ZERO = Decimal("0.00")


@dataclass
class Totals:
    """What partners have committed (agreed or delivered) and delivered, by kind: the value in
    the hub's currency, and for hours also the hours."""

    committed: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(Commitment.Kind.values, ZERO))
    delivered: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(Commitment.Kind.values, ZERO))
    hours_committed: Decimal = Decimal("0.0")
    hours_delivered: Decimal = Decimal("0.0")

    def add(self, commitment: Commitment, hourly_rate: Decimal) -> None:
        if commitment.status not in COUNTING:
            return
        value = commitment.value(hourly_rate) or ZERO
        self.committed[commitment.kind] += value
        if commitment.hours is not None:
            self.hours_committed += commitment.hours
        if commitment.status == Commitment.Status.DELIVERED:
            self.delivered[commitment.kind] += value
            if commitment.hours is not None:
                self.hours_delivered += commitment.hours

    @property
    def committed_total(self) -> Decimal:
        return sum(self.committed.values(), ZERO)

    @property
    def delivered_total(self) -> Decimal:
        return sum(self.delivered.values(), ZERO)

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One row per kind, for a table."""
        return [
            {
                "kind": kind,
                "label": label,
                "committed": self.committed[kind],
                "delivered": self.delivered[kind],
                "hours": (self.hours_committed, self.hours_delivered)
                if kind == Commitment.Kind.HOURS
                else None,
            }
            for kind, label in Commitment.Kind.choices
        ]


def totals(commitments: list[Commitment], hourly_rate: Decimal) -> Totals:
    result = Totals()
    for commitment in commitments:
        result.add(commitment, hourly_rate)
    return result


def _commitments(show_offers: bool) -> Prefetch:  # type: ignore[type-arg]
    queryset = Commitment.objects.order_by("pk")
    if show_offers:
        queryset = queryset.prefetch_related(
            Prefetch(
                "changes", queryset=CommitmentChange.objects.select_related("actor").order_by("at", "pk")
            )
        )
    else:
        queryset = queryset.filter(status__in=COUNTING)
    return Prefetch("commitments", queryset=queryset)


def _partners(hub: Hub, show_offers: bool) -> QuerySet[Partner]:
    return (
        Partner.objects.filter(hub=hub)
        .select_related("hub", "initiative", "organisation", "user__profile")
        .prefetch_related(_commitments(show_offers))
        .order_by("pk")
    )


def initiative_partners(*, initiative: Initiative, show_offers: bool = False) -> QuerySet[Partner]:
    """The initiative's partners, each with its commitments (agreed and delivered ones only,
    unless `show_offers`) and their history."""
    return _partners(initiative.hub, show_offers).filter(initiative=initiative)


def hub_partners(*, hub: Hub, show_offers: bool = False) -> QuerySet[Partner]:
    """The partners of the hub itself (not of an initiative)."""
    return _partners(hub, show_offers).filter(initiative__isnull=True)


def is_partner_in(*, initiative: Initiative, user: Any) -> bool:
    """Whether the person is a partner of the initiative, or represents one of its partner
    organisations (they then see offers on the page: their own, as the template decides)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        Partner.objects.filter(initiative=initiative)
        .filter(Q(user_id=user.pk) | Q(organisation_id__in=represented_ids(user)))
        .exists()
    )


def scope_totals(*, hub: Hub, initiative: Initiative | None) -> Totals:
    """What all partners of the hub itself (or of one initiative) have committed and delivered,
    whatever page of the partner list is shown: one query."""
    rows = Commitment.objects.filter(
        partner__hub=hub, partner__initiative=initiative, status__in=COUNTING
    ).values_list("kind", "status", "amount", "hours")
    result = Totals()
    for kind, status, amount, hours in rows:
        result.add(Commitment(kind=kind, status=status, amount=amount, hours=hours), hub.hourly_rate)
    return result


def organisation_partners(
    *, hub: Hub, organisation: Organisation, show_offers: bool = False
) -> list[Partner]:
    """Where an organisation partners in the hub: the hub itself and each initiative."""
    return list(_partners(hub, show_offers).filter(organisation=organisation))


def partner_get(*, hub: Hub, pk: int) -> Partner:
    return get_object_or_404(
        Partner.objects.select_related("hub", "initiative", "organisation", "user"), hub=hub, pk=pk
    )


def commitment_get(*, hub: Hub, pk: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related(
            "partner__hub", "partner__initiative", "partner__organisation", "partner__user"
        ),
        partner__hub=hub,
        pk=pk,
    )


def all_commitments(partners: list[Partner]) -> list[Commitment]:
    return [c for partner in partners for c in partner.commitments.all()]


def hub_summary(*, hub: Hub, limit: int | None = None) -> list[dict[str, Any]]:
    """Per partner organisation of the hub: what it has committed and delivered across the hub
    (the hub itself and every initiative), largest first; the first `limit` of them. Two queries
    whatever the size."""
    rows = Commitment.objects.filter(
        partner__hub=hub, partner__organisation__isnull=False, status__in=COUNTING
    ).values_list("partner__organisation_id", "kind", "status", "amount", "hours")
    by_org: dict[int, Totals] = {}
    for org_id, kind, status, amount, hours in rows:
        commitment = Commitment(kind=kind, status=status, amount=amount, hours=hours)
        by_org.setdefault(org_id, Totals()).add(commitment, hub.hourly_rate)
    ranked = sorted(by_org, key=lambda org_id: -by_org[org_id].committed_total)
    if limit is not None:
        ranked = ranked[:limit]
        by_org = {org_id: by_org[org_id] for org_id in ranked}
    organisations = Organisation.objects.in_bulk(ranked)
    pairs = [(organisations[org_id], result) for org_id, result in by_org.items() if org_id in organisations]
    pairs.sort(key=lambda pair: (-pair[1].committed_total, pair[0].name))
    return [{"organisation": organisation, "totals": result} for organisation, result in pairs]


def person_commitments(*, user: Any, limit: int = 50) -> list[Commitment]:
    """The commitments a person has made, themselves or for an organisation they represent,
    across hubs, newest first (for My page)."""
    if not getattr(user, "is_authenticated", False):
        return []
    mine = Q(partner__user_id=user.pk) | Q(partner__organisation_id__in=represented_ids(user))
    return list(
        Commitment.objects.filter(mine)
        .select_related("partner__hub", "partner__initiative", "partner__organisation")
        .order_by("-pk")[:limit]
    )
