"""The page header (issue 13, points 1 and 2) as HTML: one language control (a POST form to
set_language with a button per language, the current one marked), the hub's tabs in the wide
header and again in the phone menu (the steward's tenth tab only for stewards), and an unread
count that is a number or nothing."""

import re

import pytest

from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def tabs(html: str, nav_class: str) -> list[str]:
    nav = re.search(rf'<nav class="{nav_class}"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, nav_class
    return re.findall(r'<a href="([^"]+)"', nav.group(1))


def test_one_language_form_posts_to_set_language_with_a_button_per_language(client, oslo):
    html = client.get("/oslo/initiatives/?status=idea", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    forms = re.findall(r'<form class="[^"]*language-menu__panel"[^>]*>.*?</form>', html, re.S)
    assert len(forms) == 1
    form = forms[0]
    assert 'action="/i18n/setlang/"' in form and 'method="post"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input name="next" type="hidden" value="/oslo/initiatives/?status=idea">' in form
    buttons = re.findall(
        r'<button type="submit" name="language" value="(\w+)" lang="\w+"([^>]*)>([^<]+)</button>', form
    )
    assert [(code, name) for code, _current, name in buttons] == [
        ("nb", "Norsk bokmål"),
        ("sv", "Svenska"),
        ("en", "English"),
    ]
    assert [code for code, current, _name in buttons if 'aria-current="true"' in current] == ["sv"]
    assert "<select" not in html.split("<main")[0]  # the old dropdown and its button are gone


def test_switching_the_language_comes_back_to_the_same_page(client, oslo):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/oslo/members/"})
    assert response.status_code == 302 and response["Location"] == "/oslo/members/"
    html = client.get("/oslo/members/").content.decode()
    assert '<html lang="en"' in html


def test_a_member_has_ten_tabs_and_a_steward_also_applications_in_both_navs(client, oslo, mia, stella):
    client.force_login(mia)
    html = client.get("/oslo/").content.decode()
    wide, menu = tabs(html, "hub-nav"), tabs(html, "hub-nav hub-nav--menu")
    assert wide == menu and len(wide) == 10
    assert "/oslo/manage/applications/" not in wide

    client.force_login(stella)
    html = client.get("/oslo/").content.decode()
    wide, menu = tabs(html, "hub-nav"), tabs(html, "hub-nav hub-nav--menu")
    assert wide == menu and len(wide) == 11
    assert wide[-1] == "/oslo/manage/applications/"


def test_the_menu_is_labelled_and_holds_the_account_links(client, oslo, mia):
    client.force_login(mia)
    html = client.get("/oslo/").content.decode()
    found = re.search(r'<details class="header-menu site-menu" data-header-menu>(.*?)</details>', html, re.S)
    assert found
    menu = found.group(1)
    assert re.search(r"<summary[^>]*>\s*<svg[^>]*aria-hidden=\"true\"", menu)
    assert "<span>Menu</span>" in menu
    assert "/me/" in menu and "Sign out" in menu


def test_the_unread_count_is_a_number_or_not_there(client, oslo, mia):
    client.force_login(mia)
    html = client.get("/oslo/").content.decode()
    assert "count-badge" not in html
    Notification.objects.create(recipient=mia, title="Hei", url="/oslo/")
    html = client.get("/oslo/").content.decode()
    badges = re.findall(r'<span class="count-badge" data-count="(\d+)" aria-hidden="true">(\d+)</span>', html)
    assert badges == [("1", "1"), ("1", "1")]  # the wide header and the phone menu
