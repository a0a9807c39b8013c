"""The in-app list shows each notification's own short text and one link; the e-mail keeps its
whole body."""

from apps.notifications.models import Notification
from apps.notifications.services import notify
from apps.notifications.text import short_text
from tests.factories import PASSWORD

TEMPLATE = "hubs/email/application_decided.txt"


def test_the_short_text_drops_the_greeting_and_the_addresses(oslo, mia, bob, after_commit, mailoutbox):
    mia.language = "nb"
    mia.save()
    with after_commit():
        notify(
            [mia, bob], template=TEMPLATE, context={"hub": oslo, "approved": True, "reason": ""}, url="/oslo/"
        )
    by_user = {n.recipient: n for n in Notification.objects.all()}
    english = by_user[bob]
    assert english.short.startswith(
        "Your application to Pådriv Oslo has been approved. You are now a member."
    )
    assert "Hello" not in english.short and "http" not in english.short and "\n" not in english.short
    assert not by_user[mia].short.startswith("Hei")  # in her language, greeting dropped too
    assert by_user[mia].short != english.short
    # The e-mail keeps the whole body, greeting and link included.
    body = next(m.body for m in mailoutbox if m.to == ["bob@example.org"])
    assert body.startswith("Hello,") and "http://" in body


def test_a_template_with_its_own_short_text_uses_it(oslo, stella, nora, after_commit):
    from apps.privacy import services

    services.account_delete(user=stella, actor=stella)
    told = Notification.objects.get(recipient=nora)
    assert told.short == (
        "A member of the stewardship team of Pådriv Oslo deleted their account. "
        "Check that the hub's roles are still covered."
    )
    assert told.short != told.body


def test_the_list_shows_the_short_text_and_one_link_not_the_body(client, oslo, bob):
    notify([bob], template=TEMPLATE, context={"hub": oslo, "approved": True, "reason": ""}, url="/oslo/")
    # An older notification, saved before short texts, gets one made from its body.
    old = Notification.objects.create(
        recipient=bob, title="Old", body="Hello,\n\nSomething happened.\n\nhttp://127.0.0.1:8000/oslo/"
    )
    assert old.short_text == "Something happened."
    assert client.login(email=bob.email, password=PASSWORD)
    html = client.get("/notifications/").content.decode()
    assert "You are now a member." in html and "Something happened." in html
    assert "Hello," not in html and "http://127.0.0.1:8000/oslo/" not in html
    notification = Notification.objects.exclude(pk=old.pk).get()
    assert html.count(f'action="/notifications/{notification.pk}/') == 1


def test_short_text_rules():
    assert short_text("Hello,\n\nOne.\nTwo.\n\nThree.") == "One. Two."
    assert short_text("Hei,\n\nhttp://x.example/a\n\nSee https://x.example/b here.") == "See here."
    assert short_text("") == ""
    assert len(short_text("word " * 200)) == 280 and short_text("word " * 200).endswith("…")
