"""Writes for consolidation: finding overlaps into the queue, and the stewards' decisions on a
pair (propose a collaboration, merge, dismiss with a reason)."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.permissions import require
from apps.goals.models import GoalTag
from apps.hubs.models import Hub
from apps.initiatives import selectors as initiative_selectors
from apps.initiatives.models import Initiative
from apps.initiatives.rules import forget_team
from apps.notifications.services import notify

from . import finder, merging
from .models import Merge, OverlapPair, PairStatus


def _items(hub: Hub) -> list[finder.Item]:
    initiatives = list(
        Initiative.objects.filter(hub=hub)
        .exclude(pk__in=Merge.objects.filter(hub=hub).values("merged_id"))
        .only("pk", "title", "summary", "description", "place", "lon", "lat", "area_id")
    )
    kind = ContentType.objects.get_for_model(Initiative)
    goals: dict[int, dict[str, str]] = {}
    tags = GoalTag.objects.filter(hub=hub, content_type=kind).select_related(
        "sdg_goal", "sdg_target", "hub_goal", "local_target"
    )
    for tag in tags:
        key = f"{tag.kind}:{getattr(tag, f'{tag.kind}_id')}"
        goals.setdefault(tag.object_id, {})[key] = str(tag.target)
    return [
        finder.Item(
            id=i.pk,
            text=f"{i.title}\n{i.summary}\n{i.description}",
            place=i.place,
            lon=i.lon,
            lat=i.lat,
            area_id=i.area_id,
            goals=goals.get(i.pk, {}),
        )
        for i in initiatives
    ]


def find_overlaps(*, hub: Hub, stats: finder.Stats | None = None) -> list[OverlapPair]:
    """Score the hub's initiatives and put every new pair at or above the threshold in the queue.
    A pair stored before (open, dismissed or decided) is never proposed again, and each pair is
    stored once (lower id first; a unique constraint catches a concurrent run). Answers the pairs
    created."""
    found = finder.find(_items(hub), stats=stats)
    known = set(OverlapPair.objects.filter(hub=hub).values_list("first_id", "second_id"))
    created = []
    for pair in found:
        if (pair.first, pair.second) in known:
            continue
        try:
            with transaction.atomic():
                created.append(
                    OverlapPair.objects.create(
                        hub=hub,
                        first_id=pair.first,
                        second_id=pair.second,
                        score=pair.score,
                        reasons=pair.reasons,
                    )
                )
        except IntegrityError:
            continue  # another run stored it meanwhile
    return created


def _decided(pair: OverlapPair) -> None:
    if not pair.is_open:
        raise ValidationError(
            _("This pair has already been decided: %(status)s.") % {"status": pair.get_status_display()}
        )


def _team_of(*initiatives: Initiative) -> list[Any]:
    people: dict[int, Any] = {}
    for initiative in initiatives:
        for member in initiative_selectors.team(initiative=initiative):
            people.setdefault(member.user_id, member.user)
    return list(people.values())


def _lock(pair: OverlapPair) -> OverlapPair:
    return OverlapPair.objects.select_for_update().select_related("first", "second", "hub").get(pk=pair.pk)


@transaction.atomic
def pair_propose_collaboration(*, pair: OverlapPair, actor: Any, message: str = "") -> OverlapPair:
    """Tell both teams that the stewards suggest they work together."""
    require(actor, "consolidation.review_overlaps", pair)
    pair = _lock(pair)
    _decided(pair)
    if pair.status == PairStatus.COLLABORATION:
        raise ValidationError(_("A collaboration has already been proposed for this pair."))
    pair.status, pair.reason = PairStatus.COLLABORATION, (message or "").strip()[:2000]
    pair.decided_by, pair.decided_at = actor, timezone.now()
    pair.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(
        hub=pair.hub,
        actor=actor,
        action="consolidation.collaboration_propose",
        target=pair.first,
        reason=pair.reason,
        data={"first": pair.first_id, "second": pair.second_id},
        label=f"{pair.first} + {pair.second}",
    )
    notify(
        _team_of(pair.first, pair.second),
        template="consolidation/email/collaboration.txt",
        context={"pair": pair, "first": pair.first, "second": pair.second, "message": pair.reason},
        url=pair.second.get_absolute_url(),
        hub=pair.hub,
        kind="consolidation",
    )
    return pair


@transaction.atomic
def pair_dismiss(*, pair: OverlapPair, actor: Any, reason: str) -> OverlapPair:
    """Take the pair out of the queue for good; the reason is required."""
    require(actor, "consolidation.review_overlaps", pair)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the two initiatives do not overlap.")})
    pair = _lock(pair)
    _decided(pair)
    pair.status, pair.reason = PairStatus.DISMISSED, reason[:2000]
    pair.decided_by, pair.decided_at = actor, timezone.now()
    pair.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(
        hub=pair.hub,
        actor=actor,
        action="consolidation.pair_dismiss",
        target=pair.first,
        reason=pair.reason,
        data={"first": pair.first_id, "second": pair.second_id},
        label=f"{pair.first} + {pair.second}",
    )
    return pair


@transaction.atomic
def initiative_merge(
    *, hub: Hub, merged: Initiative, into: Initiative, actor: Any, pair: OverlapPair | None = None
) -> Merge:
    """Move everything of `merged` to `into` (both rows locked, one transaction), record the
    merge on both in the hub's audit log, mark the pair merged, and tell both teams. The merged
    initiative's row stays, so its address redirects to the survivor."""
    require(actor, "consolidation.review_overlaps", hub)
    if merged.pk == into.pk:
        raise ValidationError(_("An initiative cannot be merged into itself."))
    if merged.hub_id != hub.pk or into.hub_id != hub.pk:
        raise ValidationError(_("Only initiatives of the same hub can be merged."))
    locked = {
        i.pk: i
        for i in Initiative.objects.select_for_update().filter(pk__in=[merged.pk, into.pk]).order_by("pk")
    }
    merged, into = locked[merged.pk], locked[into.pk]
    if pair is not None:
        pair = _lock(pair)
        if pair.hub_id != hub.pk or {pair.first_id, pair.second_id} != {merged.pk, into.pk}:
            raise ValidationError(_("The pair is not these two initiatives."))
        _decided(pair)
    gone = Merge.objects.filter(merged_id__in=[merged.pk, into.pk]).first()
    if gone is not None:
        raise ValidationError(
            _("“%(title)s” has already been merged into another initiative.") % {"title": gone.merged_title}
        )
    merging.check_mergeable(merged, into)
    team_before = _team_of(merged, into)
    counts = merging.move_everything(merged, into)
    merged.status = Initiative.Status.MERGED
    merged.save(update_fields=["status", "updated_at"])
    record = Merge.objects.create(
        hub=hub,
        merged=merged,
        into=into,
        pair=pair,
        merged_title=merged.title,
        merged_slug=merged.slug,
        by=actor,
        counts=counts,
    )
    if pair is not None:
        pair.status, pair.decided_by, pair.decided_at = PairStatus.MERGED, actor, timezone.now()
        pair.save(update_fields=["status", "decided_by", "decided_at"])
    # Every other open pair that names the merged initiative is settled by the merge.
    OverlapPair.objects.filter(hub=hub, status__in=[PairStatus.OPEN, PairStatus.COLLABORATION]).filter(
        first=merged
    ).update(status=PairStatus.MERGED, decided_by=actor, decided_at=timezone.now())
    OverlapPair.objects.filter(hub=hub, status__in=[PairStatus.OPEN, PairStatus.COLLABORATION]).filter(
        second=merged
    ).update(status=PairStatus.MERGED, decided_by=actor, decided_at=timezone.now())
    data = {"merged": merged.pk, "into": into.pk, "counts": counts}
    for target, action in ((merged, "consolidation.merged_away"), (into, "consolidation.merged_into")):
        audit_record(hub=hub, actor=actor, action=action, target=target, data=data, label=target.title)
    for person in team_before:
        forget_team(person)
    forget_team(actor)
    notify(
        team_before,
        template="consolidation/email/merged.txt",
        context={"merged": merged, "into": into, "hub": hub},
        url=into.get_absolute_url(),
        hub=hub,
        kind="consolidation",
    )
    return record
