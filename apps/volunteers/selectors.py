"""Reads for volunteer pages, panels and the API; each list is a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.hubs.models import Hub
from apps.initiatives.models import Initiative

from .models import CalendarFeed, HoursLog, Shift, Signup, VolunteerRole


def _with_counts(queryset: QuerySet[Shift]) -> QuerySet[Shift]:
    return queryset.select_related("hub", "initiative", "role").annotate(
        waiting_count=Count("signups", filter=Q(signups__status=Signup.Status.WAITING))
    )


def initiative_shifts(*, initiative: Initiative, upcoming: bool = False) -> QuerySet[Shift]:
    """An initiative's shifts in time order with counts (no names): public."""
    shifts = _with_counts(Shift.objects.filter(initiative=initiative))
    if upcoming:
        shifts = shifts.filter(ends_at__gte=timezone.now())
    return shifts.order_by("starts_at", "pk")


def open_shifts(*, initiative: Initiative) -> list[Shift]:
    """Shifts still ahead that are open (for the initiative page's panel)."""
    return list(
        initiative_shifts(initiative=initiative)
        .filter(status=Shift.Status.OPEN, starts_at__gt=timezone.now())
        .order_by("starts_at", "pk")[:12]
    )


def role_choices(*, initiative: Initiative) -> QuerySet[VolunteerRole]:
    """The initiative's roles, for a form's choice of role."""
    return VolunteerRole.objects.filter(initiative=initiative).order_by("name")


def initiative_roles(*, initiative: Initiative) -> list[VolunteerRole]:
    return list(
        VolunteerRole.objects.filter(initiative=initiative).prefetch_related("skills").order_by("name")
    )


def shift_get(*, hub: Hub, pk: int) -> Shift:
    return get_object_or_404(_with_counts(Shift.objects.filter(hub=hub)), pk=pk)


def role_get(*, initiative: Initiative, pk: int) -> VolunteerRole:
    return get_object_or_404(VolunteerRole, initiative=initiative, pk=pk)


def shift_people(*, shift: Shift) -> dict[str, list[Signup]]:
    """Who is coming and who is waiting, with their profiles (for the team only)."""
    signups = (
        Signup.objects.filter(shift=shift)
        .exclude(status=Signup.Status.CANCELLED)
        .select_related("user__profile")
        .order_by("position")
    )
    out: dict[str, list[Signup]] = {"confirmed": [], "waiting": []}
    for signup in signups:
        out[signup.status].append(signup)
    return out


def shift_hours(*, shift: Shift) -> list[HoursLog]:
    return list(HoursLog.objects.filter(shift=shift).select_related("user", "confirmed_by").order_by("pk"))


def my_signup(*, shift: Shift, user: Any) -> Signup | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Signup.objects.filter(shift=shift, user=user).exclude(status=Signup.Status.CANCELLED).first()


def my_hours(*, shift: Shift, user: Any) -> HoursLog | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return HoursLog.objects.filter(shift=shift, user=user).first()


def my_signups(*, user: Any, hub: Hub | None = None, upcoming: bool = False) -> list[Signup]:
    """A person's sign-ups (with a place or waiting), across hubs unless `hub` is given."""
    if not getattr(user, "is_authenticated", False):
        return []
    signups = (
        Signup.objects.filter(user=user)
        .exclude(status=Signup.Status.CANCELLED)
        .select_related("shift__hub", "shift__initiative", "shift__role")
        .order_by("shift__starts_at", "pk")
    )
    if hub is not None:
        signups = signups.filter(shift__hub=hub)
    if upcoming:
        signups = signups.filter(shift__ends_at__gte=timezone.now())
    return list(signups)


def feed_user(*, key: str) -> Any:
    """The person a calendar address belongs to (404 for an unknown one)."""
    return get_object_or_404(CalendarFeed.objects.select_related("user"), key=key, user__is_active=True).user


def confirmed_volunteers(*, initiative: Initiative) -> QuerySet[Any]:
    """The people with a confirmed place on any of the initiative's shifts that were not
    cancelled: results' "who took part" can add them (see the report)."""
    from apps.accounts.models import User

    return User.objects.filter(
        volunteer_signups__shift__initiative=initiative,
        volunteer_signups__shift__status=Shift.Status.OPEN,
        volunteer_signups__status=Signup.Status.CONFIRMED,
    ).distinct()


def pending_hours(*, initiative: Initiative) -> list[HoursLog]:
    return list(
        HoursLog.objects.filter(shift__initiative=initiative, status=HoursLog.Status.PROPOSED)
        .select_related("user", "shift__role", "shift__hub")
        .order_by("shift__starts_at", "pk")
    )
