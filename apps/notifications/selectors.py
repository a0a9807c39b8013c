"""Reads for notification pages and the API. Every read is scoped to its recipient."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps.notifications.models import Notification, NotificationPreference


def notifications_for(*, user: Any) -> QuerySet[Notification]:
    """A person's notifications, newest first (one query per page, with the hub joined)."""
    return (
        Notification.objects.filter(recipient_id=user.pk).select_related("hub").order_by("-created_at", "-pk")
    )


def notification_get_for(*, user: Any, pk: int) -> Notification:
    """One of the user's own notifications, or 404: someone else's is as good as missing."""
    return get_object_or_404(Notification, pk=pk, recipient_id=user.pk)


def unread_count(*, user: Any) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def preference_for(*, user: Any) -> str:
    choice = NotificationPreference.objects.filter(user_id=user.pk).values_list("email", flat=True).first()
    return choice or NotificationPreference.Email.IMMEDIATELY
