"""Every write to notifications: delivering them, reading them, preferences, daily digests.

`notify` is the one way any app tells people anything. Services call it inside their
transaction: the in-app notifications are saved with the change (a rolled-back change tells
nobody) and the e-mails are queued with `transaction.on_commit`, at once or in a daily digest as
each recipient chose.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template import TemplateDoesNotExist, engines
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core.tasks import send_email
from apps.core.text import render_plain
from apps.notifications.models import Notification, NotificationPreference
from apps.notifications.text import SHORT_MAX, short_template_name, short_text

Email = NotificationPreference.Email

# A digest carries what is at most this old: someone who turns digests on after months of
# "never" is not sent the whole backlog.
DIGEST_MAX_AGE = timedelta(days=7)
TITLE_MAX = 300
BODY_MAX = 20000


def _language(user: Any) -> str:
    return getattr(user, "language", None) or settings.LANGUAGE_CODE or "nb"


def safe_local_url(url: str) -> str:
    """A path on this site, or "" (a notification's link never leads off the site)."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith("//") or "\\" in url or len(url) > 500:
        return ""
    return url


def _queue_email(user: Any, subject: str, body: str) -> None:
    message = {"to": [user.email], "subject": subject, "body": body}
    # robust: a failure to hand the e-mail over (a broker down, a header refused) is logged and
    # never turns the change that was just saved into an error page.
    transaction.on_commit(partial(send_email.delay, **message), robust=True)


def _short_template(template: str) -> str | None:
    """The template's own short text (`….short.txt`), if it has one."""
    name = short_template_name(template)
    try:
        engines["text"].get_template(name)
    except TemplateDoesNotExist:
        return None
    return name


def _short(short_template: str | None, context: dict[str, Any], body: str) -> str:
    """The in-app short text: the template's own where it has one, else the first paragraph of
    the body that says something (see apps.notifications.text). Call it in the recipient's
    language."""
    own = render_plain(short_template, context).strip() if short_template else ""
    return short_text(own, limit=SHORT_MAX) if own else short_text(body)


def email_preferences(user_ids: Iterable[int]) -> dict[int, str]:
    """Each user's e-mail choice; people who never chose get `immediately`."""
    ids = list(user_ids)
    chosen = dict(NotificationPreference.objects.filter(user_id__in=ids).values_list("user_id", "email"))
    return {pk: chosen.get(pk, Email.IMMEDIATELY) for pk in ids}


def notify(
    recipients: Iterable[Any],
    *,
    template: str,
    context: dict[str, Any],
    url: str = "",
    hub: Any = None,
    kind: str = "general",
) -> list[Notification]:
    """Tell each recipient, in their language: one in-app notification each, e-mail as each one
    chose. `template`'s first line is the title (and the e-mail's subject), the rest the text;
    `url` is a path on this site the notification links to; `hub` defaults to `context["hub"]`.
    """
    people: dict[int, Any] = {}
    for user in recipients:
        if getattr(user, "pk", None) is not None and getattr(user, "is_active", True):
            people.setdefault(user.pk, user)
    if not people:
        return []
    if hub is None:
        # The hub through the model's own relation: notifications sit below hubs in the app
        # graph and never import them.
        hub_model = Notification._meta.get_field("hub").related_model
        hub = context["hub"] if isinstance(context.get("hub"), hub_model) else None
    url = safe_local_url(url)
    short_template = _short_template(template)
    preferences = email_preferences(people)
    now = timezone.now()
    created: list[Notification] = []
    for user in people.values():
        with translation.override(_language(user)):
            text = render_plain(
                template,
                {**context, "recipient": user, "site_url": settings.SITE_URL, "url": url},
            ).strip()
            title, _sep, body = text.partition("\n")
            title, body = title.strip()[:TITLE_MAX], body.strip()[:BODY_MAX]
            short = _short(short_template, {**context, "recipient": user, "url": url}, body)
        send_now = bool(user.email) and preferences[user.pk] == Email.IMMEDIATELY
        created.append(
            Notification(
                recipient=user,
                hub=hub,
                kind=kind[:40],
                title=title,
                body=body,
                short=short,
                url=url,
                emailed_at=now if send_now else None,
            )
        )
        if send_now:
            link = f"{settings.SITE_URL}{url}" if url else ""
            _queue_email(user, title, f"{body}\n\n{link}".strip() if link and link not in body else body)
    return Notification.objects.bulk_create(created)


def notification_open(*, notification: Notification, actor: Any) -> Notification:
    """The recipient opens a notification: it is read from now on."""
    if notification.recipient_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("You do not have permission to do this."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notification_mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of `user` as read; returns how many."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in first."))
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def preference_set(*, user: Any, email: str) -> NotificationPreference:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in first."))
    if email not in Email.values:
        raise ValidationError({"email": _("Choose one of the options.")}, code="invalid")
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": email}
    )
    return preference


def _digest_candidates(now: datetime) -> list[int]:
    return list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__gte=now - DIGEST_MAX_AGE,
            recipient__notification_preference__email=Email.DAILY,
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def notification_send_digests(*, now: datetime | None = None) -> int:
    """One digest e-mail per person who chose daily e-mail and has unread, unsent notifications.

    Each notification goes out at most once: its rows are locked and stamped `emailed_at` in
    the same transaction that queues the e-mail, so running this twice (or twice at once)
    sends nothing new the second time. Returns how many digests were sent.
    """
    from apps.accounts.models import User

    now = now or timezone.now()
    sent = 0
    for user_id in _digest_candidates(now):
        with transaction.atomic():
            rows = list(
                Notification.objects.select_for_update()
                .filter(
                    recipient_id=user_id,
                    emailed_at__isnull=True,
                    read_at__isnull=True,
                    created_at__gte=now - DIGEST_MAX_AGE,
                )
                .order_by("created_at", "pk")
            )
            if not rows:
                continue
            user = User.objects.get(pk=user_id)
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=now)
            with translation.override(_language(user)):
                text = render_plain(
                    "notifications/email/digest.txt",
                    {"recipient": user, "notifications": rows, "site_url": settings.SITE_URL},
                ).strip()
            subject, _sep, body = text.partition("\n")
            _queue_email(user, subject.strip(), body.strip())
            sent += 1
    return sent
