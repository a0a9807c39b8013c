"""Reads for dialogue pages, the area panel and the API, each in a fixed number of queries.

Who sees a dialogue is decided here once (`dialogue_get` answers 404 to anyone who may not see
it, so a confidential dialogue's existence is not revealed), and what of it they see by
`Dialogue.is_published` for everyone who is neither a lead nor a party."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from apps.dialogues.models import Dialogue, NextStep, Participant, Value
from apps.hubs.models import Hub
from apps.places.models import Area


def _participants() -> QuerySet[Participant]:
    return Participant.objects.select_related("user", "organisation").order_by("role", "pk")


def _values() -> QuerySet[Value]:
    return (
        Value.objects.select_related("participant__organisation", "participant__user")
        .prefetch_related("sdg_targets", "hub_goals")
        .order_by("kind", "pk")
    )


def _next_steps() -> QuerySet[NextStep]:
    return NextStep.objects.select_related("task__assignee").order_by("task__due_on", "pk")


def dialogues(*, hub: Hub, user: Any) -> QuerySet[Dialogue]:
    """The dialogues `user` may see in the list: every one for the hub's leads; the published
    ones and those they are a party to for everyone else."""
    qs = Dialogue.objects.filter(hub=hub).select_related("hub", "area", "initiative")
    if not user.has_perm("dialogues.view_all", hub):
        visible = Q(is_public=True)
        if getattr(user, "is_authenticated", False):
            parties = Participant.objects.filter(
                Q(user_id=user.pk) | Q(organisation__representative__user_id=user.pk)
            ).values("dialogue_id")
            visible |= Q(pk__in=parties)
        qs = qs.filter(visible)
    return qs.order_by("-updated_at", "-pk")


def public_dialogues(*, hub: Hub) -> QuerySet[Dialogue]:
    """The published dialogues with what their public parts need (the API, the area panel)."""
    return (
        Dialogue.objects.filter(hub=hub, is_public=True)
        .select_related("hub", "area", "initiative")
        .prefetch_related(
            Prefetch("participants", queryset=_participants()),
            Prefetch("values", queryset=_values()),
            "meetings",
            Prefetch("next_steps", queryset=_next_steps()),
        )
        .order_by("-updated_at", "-pk")
    )


def public_dialogues_of_area(*, hub: Hub, area: Area) -> list[Dialogue]:
    return list(
        Dialogue.objects.filter(hub=hub, area=area, is_public=True)
        .select_related("hub")
        .order_by("-updated_at", "-pk")[:10]
    )


def dialogue_get(*, hub: Hub, pk: int, user: Any, public: bool = False) -> Dialogue:
    """A dialogue of this hub with its parties, values, meetings and next steps, if `user` may
    see it (as a lead or a party, or published); otherwise 404. With `public`, only a
    published dialogue is found, whoever asks (the public view and the API)."""
    qs = Dialogue.objects.select_related("hub", "area", "initiative", "created_by").prefetch_related(
        Prefetch("participants", queryset=_participants()),
        Prefetch("values", queryset=_values()),
        "meetings",
        Prefetch("next_steps", queryset=_next_steps()),
    )
    if public:
        qs = qs.filter(is_public=True)
    dialogue = qs.filter(hub=hub, pk=pk).first()
    if dialogue is None:
        raise Http404
    if public:
        return dialogue
    if not (user.has_perm("dialogues.view_dialogue", dialogue) or dialogue.is_public):
        raise Http404
    return dialogue


def can_see_all(user: Any, dialogue: Dialogue) -> bool:
    """A lead or a party sees the whole record; anyone else only the published parts."""
    return bool(user.has_perm("dialogues.view_dialogue", dialogue))
