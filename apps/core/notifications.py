"""Notifications by e-mail, written in each recipient's own language.

Services call `notify()` after their transaction commits, so that nobody is told about a
change that was rolled back.
"""

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from apps.core.tasks import send_email


def notify(recipients: Iterable[Any], *, template: str, context: dict[str, Any]) -> None:
    """Send `template` (its first line is the subject) to each recipient, in their language."""
    for user in recipients:
        if not user.email:
            continue
        with translation.override(getattr(user, "language", None) or "nb"):
            text = render_to_string(
                template, {**context, "recipient": user, "site_url": settings.SITE_URL}
            ).strip()
        subject, _, body = text.partition("\n")
        message = {"to": [user.email], "subject": subject.strip(), "body": body.strip()}
        transaction.on_commit(partial(send_email.delay, **message))
