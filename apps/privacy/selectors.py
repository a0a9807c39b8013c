"""Reads of privacy."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from apps.hubs.models import ApplicationStatus, Hub
from apps.privacy.models import DataArchive


def archives_of(*, user: Any) -> QuerySet[DataArchive]:
    """The person's archives that have not expired, newest first."""
    return DataArchive.objects.filter(user=user, expires_at__gt=timezone.now()).order_by("-created_at", "-pk")


def archive_get_for(*, user: Any, pk: int) -> DataArchive:
    """A ready, unexpired archive of `user`; anyone else's (or none) is a 404."""
    archive = archives_of(user=user).filter(pk=pk, status=DataArchive.Status.READY).first()
    if archive is None or not archive.file:
        raise Http404
    return archive


def hubs_led_by(*, user: Any) -> QuerySet[Hub]:
    """The hubs whose retention this person sets (they are a steward or the network lead)."""
    from django.db.models import Q

    return (
        Hub.objects.filter(
            memberships__user=user,
            memberships__status=ApplicationStatus.APPROVED,
        )
        .filter(Q(memberships__is_steward=True) | Q(memberships__is_network_lead=True))
        .distinct()
        .order_by("name")
    )
