"""notify(): in-app notifications in each recipient's language, e-mail as each one chose."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from apps.hubs import services as hub_services
from apps.initiatives.services import notify_followers
from apps.notifications import services
from apps.notifications.models import Notification, NotificationPreference
from apps.notifications.services import notify
from apps.notifications.tasks import send_notification_digests

TEMPLATE = "hubs/email/application_decided.txt"


def tell(users, oslo, **kwargs):
    return notify(users, template=TEMPLATE, context={"hub": oslo, "approved": True, "reason": ""}, **kwargs)


def prefer(user, choice):
    NotificationPreference.objects.update_or_create(user=user, defaults={"email": choice})


def test_it_creates_one_in_app_notification_per_recipient_in_their_language(oslo, mia, bob, after_commit):
    mia.language = "nb"
    mia.save()
    with after_commit():
        tell([mia, bob, mia], oslo, url="/oslo/", kind="membership")
    by_user = {n.recipient: n for n in Notification.objects.all()}
    assert len(by_user) == 2 and Notification.objects.count() == 2
    assert by_user[mia].title == "Velkommen til Pådriv Oslo!"
    assert by_user[bob].title == "Welcome to Pådriv Oslo!"
    assert "You are now a member" in by_user[bob].body
    assert by_user[bob].hub == oslo  # from the context
    assert by_user[bob].kind == "membership" and by_user[bob].url == "/oslo/"
    assert by_user[bob].read_at is None


def test_immediately_is_the_default_and_emails_after_commit(oslo, bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tell([bob], oslo, url="/oslo/members/")
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bob@example.org"] and message.subject == "Welcome to Pådriv Oslo!"
    assert Notification.objects.get().emailed_at is not None


def test_daily_waits_for_the_digest_which_goes_once(oslo, bob, mia, after_commit):
    prefer(bob, "daily")
    with after_commit():
        tell([bob, mia], oslo, url="/oslo/")
        tell([bob], oslo)
    assert [m.to for m in mail.outbox] == [["mia@example.org"]]
    mail.outbox.clear()
    with after_commit():
        assert services.notification_send_digests() == 1
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["bob@example.org"] and digest.subject == "2 new notifications"
    assert digest.body.count("Welcome to Pådriv Oslo!") == 2
    assert "/oslo/" in digest.body
    assert not Notification.objects.filter(recipient=bob, emailed_at__isnull=True).exists()
    # Running it again sends nothing: each notification is e-mailed at most once.
    with after_commit():
        assert services.notification_send_digests() == 0
    assert len(mail.outbox) == 1


def test_the_digest_leaves_out_read_and_old_notifications(oslo, bob, after_commit):
    prefer(bob, "daily")
    tell([bob], oslo)
    Notification.objects.update(read_at=timezone.now())
    tell([bob], oslo)
    Notification.objects.filter(read_at__isnull=True).update(created_at=timezone.now() - timedelta(days=30))
    with after_commit():
        assert services.notification_send_digests() == 0
    assert mail.outbox == []


def test_never_sends_no_email_now_or_later(oslo, bob, after_commit):
    prefer(bob, "never")
    with after_commit():
        tell([bob], oslo)
        services.notification_send_digests()
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=bob).count() == 1


def test_the_digest_command_and_celery_task(oslo, bob, after_commit):
    prefer(bob, "daily")
    tell([bob], oslo)
    out = StringIO()
    with after_commit():
        call_command("send_notification_digests", stdout=out)
    assert "Sent 1 digests." in out.getvalue()
    assert len(mail.outbox) == 1
    assert send_notification_digests.delay().get() == 0


def test_people_without_an_email_address_get_the_in_app_notification_only(oslo, bob, after_commit):
    bob.email = ""
    with after_commit():
        tell([bob], oslo)
    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None


def test_links_off_the_site_are_dropped(oslo, bob):
    for url in ("https://evil.example", "//evil.example", "javascript:alert(1)"):
        tell([bob], oslo, url=url)
    assert set(Notification.objects.values_list("url", flat=True)) == {""}


def test_a_rolled_back_change_tells_nobody(oslo, vic, stella, after_commit):
    from django.core.exceptions import ValidationError

    oslo.accepts_members = False
    oslo.save()
    with after_commit(), pytest.raises(ValidationError):
        hub_services.membership_apply(hub=oslo, user=vic)
    assert not Notification.objects.exists() and mail.outbox == []


def test_hub_services_still_email_and_now_notify_in_app(oslo, stella, nora, vic, after_commit):
    with after_commit():
        hub_services.membership_apply(hub=oslo, user=vic, message="Hi")
    assert sorted(m.to[0] for m in mail.outbox) == ["nora@example.org", "stella@example.org"]
    assert set(Notification.objects.values_list("recipient__email", flat=True)) == {
        "nora@example.org",
        "stella@example.org",
    }
    assert set(Notification.objects.values_list("hub__slug", flat=True)) == {"oslo"}


def test_followers_are_notified_except_those_left_out(idea, fred, walter, stella, after_commit):
    from apps.initiatives.models import Follow

    Follow.objects.create(initiative=idea, user=walter)
    with after_commit():
        notes = notify_followers(
            idea, template=TEMPLATE, context={"approved": True, "reason": ""}, url="", exclude=[walter]
        )
    assert [n.recipient for n in notes] == [fred]
    note = Notification.objects.get()
    assert note.url == idea.get_absolute_url() and note.hub == idea.hub and note.kind == "initiative"
    assert [m.to for m in mail.outbox] == [["fred@example.org"]]


def test_plain_text_stays_plain_in_e_mail_and_is_escaped_once_on_the_page(
    client, oslo, stella, mia, after_commit
):
    """An idea titled with & ' " reaches the steward's inbox as typed, and the list escapes it once."""
    from apps.initiatives.services import initiative_submit

    stella.language = "nb"
    stella.save()
    title = 'Barn & unge\'s "torg"'
    with after_commit():
        initiative_submit(actor=mia, hub=oslo, title=title, summary="Mer <plass> & lek")
    message = mail.outbox[-1]
    assert message.to == ["stella@example.org"]
    assert message.subject == f"Ny idé i Pådriv Oslo: {title}"
    assert title in message.body and "Mer <plass> & lek" in message.body
    assert "&amp;" not in message.body and "&#x27;" not in message.body and "&quot;" not in message.body
    note = Notification.objects.get(recipient=stella)
    assert note.title == f"Ny idé i Pådriv Oslo: {title}"
    client.force_login(stella)
    html = client.get("/notifications/").content.decode()
    assert "Barn &amp; unge&#x27;s &quot;torg&quot;" in html
    # The list shows the short text (the e-mail keeps the body with the summary), escaped once.
    from django.utils.html import escape

    assert note.short and "Mer <plass> & lek" in note.body
    assert "&amp;amp;" not in html and escape(note.short) in html
