"""Reads for consolidation: the review queue, merges, and where a merged initiative went."""

from typing import Any

from django.db.models import QuerySet

from apps.hubs.models import Hub
from apps.initiatives.models import Initiative

from .models import Merge, OverlapPair, PairStatus


def overlap_queue(*, hub: Hub, status: str = PairStatus.OPEN) -> QuerySet[OverlapPair]:
    """The hub's pairs with the given status, best first; the two initiatives joined (one query)."""
    statuses = [PairStatus.OPEN, PairStatus.COLLABORATION] if status == PairStatus.OPEN else [status]
    return (
        OverlapPair.objects.filter(hub=hub, status__in=statuses)
        .select_related("first", "second", "first__area", "second__area", "decided_by", "hub")
        .order_by("-score", "pk")
    )


def pair_get(*, hub: Hub, pair_id: int) -> OverlapPair:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        OverlapPair.objects.select_related("first", "second", "hub", "first__hub", "second__hub"),
        hub=hub,
        pk=pair_id,
    )


def merged_into(initiative: Initiative) -> Initiative | None:
    """The initiative `initiative` was merged into (following merges of merges), or None."""
    seen: set[int] = set()
    current: Any = initiative
    target = None
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        merge = Merge.objects.filter(merged_id=current.pk).select_related("into", "into__hub").first()
        if merge is None:
            break
        target = current = merge.into
    return target


def merged_target_by_path(*, hub_slug: str, slug: str) -> Initiative | None:
    """For the redirect: the surviving initiative of the merged one at /<hub_slug>/initiatives/<slug>/."""
    merge = Merge.objects.filter(hub__slug=hub_slug, merged_slug=slug).select_related("merged").first()
    if merge is None:
        return None
    return merged_into(merge.merged)


def merges(*, hub: Hub) -> QuerySet[Merge]:
    return Merge.objects.filter(hub=hub).select_related("into", "by").order_by("-at", "-pk")
