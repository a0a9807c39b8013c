"""Notifications: in the app and by e-mail, written in each recipient's own language.

Services call `notify()` inside their transaction: the in-app notifications are saved with the
change (a rolled-back change tells nobody) and e-mails go out only after commit, at once or in
a daily digest as each recipient chose (apps.notifications).
"""

from collections.abc import Iterable
from typing import Any


def notify(
    recipients: Iterable[Any],
    *,
    template: str,
    context: dict[str, Any],
    url: str = "",
    hub: Any = None,
    kind: str = "general",
) -> list[Any]:
    """Tell each recipient: `template`'s first line is the title (and e-mail subject), the rest
    the text. `url` is a path on this site the notification links to; `hub` defaults to
    `context["hub"]`. Returns the in-app notifications."""
    from apps.notifications.services import notification_deliver

    return notification_deliver(
        recipients=recipients, template=template, context=context, url=url, hub=hub, kind=kind
    )


def initiative_followers(initiative: Any) -> list[Any]:
    """Everyone who follows `initiative` (apps.initiatives.models.Follow, once it exists)."""
    from apps.initiatives import models as initiative_models

    follow = getattr(initiative_models, "Follow", None)
    if follow is None:
        return []
    from apps.accounts.models import User

    return list(
        User.objects.filter(
            pk__in=follow.objects.filter(initiative_id=initiative.pk).values("user_id"), is_active=True
        )
    )


def notify_followers(
    initiative: Any,
    *,
    template: str,
    context: dict[str, Any],
    url: str = "",
    exclude: Iterable[Any] = (),
    kind: str = "initiative",
) -> list[Any]:
    """Notify everyone who follows `initiative`, except the people in `exclude` (users or ids)."""
    skip = {getattr(person, "pk", person) for person in exclude}
    followers = [user for user in initiative_followers(initiative) if user.pk not in skip]
    return notify(
        followers,
        template=template,
        context={"initiative": initiative, **context},
        url=url or initiative.get_absolute_url(),
        hub=initiative.hub,
        kind=kind,
    )
