"""Notification pages, the account-menu badge, and the API."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.notifications.context_processors import notifications as notifications_processor
from apps.notifications.models import Notification, NotificationPreference
from tests.factories import UserFactory


def note(user, title="Hello", url="/oslo/", read=False, **kwargs):
    return Notification.objects.create(
        recipient=user, title=title, body="Body", url=url, read_at=timezone.now() if read else None, **kwargs
    )


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get("/notifications/").status_code == 302
    assert client.get("/api/v1/me/notifications").status_code == 401


def test_the_list_shows_my_notifications_newest_first_with_unread_highlighted(client, mia, bob, oslo):
    old = note(mia, "Older", read=True)
    new = note(mia, "Newer", hub=oslo)
    note(bob, "Not for mia")
    client.force_login(mia)
    response = client.get("/notifications/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Newer") < html.index("Older")
    assert "Not for mia" not in html
    assert f'class="notification notification--unread" id="notification-{new.pk}"' in html
    assert f'class="notification" id="notification-{old.pk}"' in html
    assert 'data-count="1"' in html  # the badge in the account menu


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, mia):
    n = note(mia, url="/oslo/members/")
    client.force_login(mia)
    response = client.post(f"/notifications/{n.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/oslo/members/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_a_get_follows_the_link_and_changes_nothing(client, mia):
    n = note(mia, url="/oslo/members/")
    client.force_login(mia)
    response = client.get(f"/notifications/{n.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/oslo/members/"
    n.refresh_from_db()
    assert n.read_at is None


def test_the_list_opens_a_notification_with_a_post_form(client, mia):
    n = note(mia, url="/oslo/members/")
    client.force_login(mia)
    html = client.get("/notifications/").content.decode()
    assert f'method="post" action="/notifications/{n.pk}/open/"' in html
    assert f'href="/notifications/{n.pk}/open/"' not in html


def test_a_notification_without_a_link_opens_the_list(client, mia):
    n = note(mia, url="")
    client.force_login(mia)
    assert client.post(f"/notifications/{n.pk}/open/")["Location"] == "/notifications/"


@pytest.mark.parametrize("method", ["get", "post"])
def test_only_the_recipient_can_open_it(client, mia, bob, method):
    n = note(mia)
    client.force_login(bob)
    assert getattr(client, method)(f"/notifications/{n.pk}/open/").status_code == 404
    n.refresh_from_db()
    assert n.read_at is None


def test_mark_all_as_read_is_a_post_and_touches_only_mine(client, mia, bob):
    mine = [note(mia), note(mia)]
    theirs = note(bob)
    client.force_login(mia)
    assert client.get("/notifications/read-all/").status_code == 405
    assert client.post("/notifications/read-all/").status_code == 302
    assert all(Notification.objects.get(pk=n.pk).read_at for n in mine)
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_the_email_setting_is_saved(client, mia):
    client.force_login(mia)
    page = client.get("/notifications/settings/")
    assert page.status_code == 200 and 'value="immediately" id="id_email_0" checked' in page.content.decode()
    assert client.post("/notifications/settings/", {"email": "daily"}).status_code == 302
    assert NotificationPreference.objects.get(user=mia).email == "daily"
    assert client.post("/notifications/settings/", {"email": "hourly"}).status_code == 400
    assert NotificationPreference.objects.get(user=mia).email == "daily"


def test_the_badge_costs_one_query_for_members_and_none_for_visitors(mia, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert notifications_processor(request) == {}
    note(mia)
    note(mia, read=True)
    request.user = mia
    with django_assert_num_queries(1):
        context = notifications_processor(request)
        assert int(str(context["unread_notification_count"])) == 1


def test_the_api_lists_my_notifications(client, mia, bob, oslo):
    note(mia, "Mine", hub=oslo)
    note(mia, "Read", read=True)
    note(bob, "Bob's")
    client.force_login(mia)
    body = client.get("/api/v1/me/notifications").json()
    assert body["count"] == 2
    first = body["items"][0]
    assert set(first) == {"id", "kind", "title", "body", "url", "hub", "created_at", "read"}
    assert {i["title"] for i in body["items"]} == {"Mine", "Read"}
    unread = client.get("/api/v1/me/notifications?unread=true").json()
    assert [i["title"] for i in unread["items"]] == ["Mine"]
    assert unread["items"][0]["hub"] == "oslo" and unread["items"][0]["read"] is False


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/notifications/", "/api/v1/me/notifications"])
def test_the_list_costs_the_same_at_n_and_3n_rows(client, oslo, sodertorn, path):
    user = UserFactory()
    client.force_login(user)

    def grow(n):
        for i in range(n):
            note(user, f"N{i}", hub=oslo if i % 2 else sodertorn)

    grow(4)
    small = _queries(client, path)
    grow(8)
    assert _queries(client, path) == small
