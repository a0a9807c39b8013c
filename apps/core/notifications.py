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
