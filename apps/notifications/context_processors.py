"""`unread_notification_count` for the account menu: one COUNT for signed-in people, evaluated
only when a template shows it; nothing for anonymous visitors."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        from apps.notifications.selectors import unread_count

        return unread_count(user=user)

    return {"unread_notification_count": SimpleLazyObject(count)}
