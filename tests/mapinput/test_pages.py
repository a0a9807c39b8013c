"""The map page, its list and counts, moderation, settings and categories, the initiative
panel; who may do what (sven, a steward of another hub, has no power here); XSS."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from apps.mapinput import services
from apps.mapinput.models import MapMark, MarkCategory, MarkSettings
from tests.mapinput.conftest import LAT, LON, add_marks

pytestmark = pytest.mark.django_db

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_the_map_page_shows_counts_list_and_a_no_js_form(client, mia, url, mark_settings, categories):
    add_marks(mark_settings, [(LON, LAT)] * 5, categories)
    client.force_login(mia)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Place your mark" in html
    assert 'name="lon"' in html and 'name="lat"' in html  # the no-JavaScript fallback
    assert "5 marks so far" in html
    assert "Safety" in html and "Traffic" in html
    assert 'id="marks-map-data"' in html
    assert html.count('class="marks-list__item') == 5


def test_a_comment_with_html_is_harmless_on_the_page(client, url, mark_settings, categories):
    add_marks(mark_settings, [(LON, LAT)], categories, comment=EVIL)
    html = client.get(url).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_the_map_script_never_puts_user_text_into_innerhtml():
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "allmenning/static/js/marks.js").read_text()
    assert "innerHTML" not in source
    assert "textContent = props.comment" in source


def test_the_latest_marks_are_paginated(client, url, mark_settings, categories):
    add_marks(mark_settings, [(LON, LAT)] * 45, categories)
    first = client.get(url).content.decode()
    assert first.count('class="marks-list__item') == 20
    third = client.get(url, {"page": 3}).content.decode()
    assert third.count('class="marks-list__item') == 5


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["anonymous", "stella"])
def test_the_map_page_makes_the_same_queries_for_n_and_3n(
    client, url, mark_settings, categories, stella, who
):
    if who == "stella":
        client.force_login(stella)
    add_marks(mark_settings, [(LON, LAT)] * 7, categories)
    few = _count(client, url)
    add_marks(mark_settings, [(LON, LAT)] * 14, categories)
    assert _count(client, url) == few


# Permissions ------------------------------------------------------------------------------

PEOPLE = ["stella", "nora", "olga", "bob", "mia", "vic", "sven", "anonymous"]
MANAGERS = {"stella", "nora", "olga"}


def person(request, name):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)


@pytest.mark.parametrize("name", PEOPLE)
def test_who_may_change_settings_and_hide_marks(request, mark_settings, name):
    user = person(request, name)
    expected = name in MANAGERS
    assert user.has_perm("mapinput.change_settings", mark_settings) is expected
    assert user.has_perm("mapinput.hide_mark", mark_settings) is expected


def test_an_initiative_team_member_may_manage_its_map(mark_settings, initiative, vic):
    from apps.initiatives import models as initiative_models

    team_member = getattr(initiative_models, "TeamMember", None)
    if team_member is None:
        pytest.skip("initiatives have no team yet")
    team_member.objects.create(initiative=initiative, user=vic)
    assert vic.has_perm("mapinput.change_settings", mark_settings)


def test_hub_leads_of_another_hub_cannot_manage_a_hub_space(oslo, sven, stella):
    row = MarkSettings(hub=oslo)
    row.save()
    assert stella.has_perm("mapinput.change_settings", row)
    assert not sven.has_perm("mapinput.change_settings", row)


@pytest.mark.parametrize("name", PEOPLE)
def test_who_may_hide_a_mark_through_the_page(client, request, url, mark_settings, categories, name):
    mark = add_marks(mark_settings, [(LON, LAT)], categories)[0]
    user = person(request, name)
    if name != "anonymous":
        client.force_login(user)
    response = client.post(f"{url}{mark.pk}/hide/", {"reason": "Off topic"})
    mark.refresh_from_db()
    if name in MANAGERS:
        assert response.status_code == 302
        assert mark.hidden and mark.hidden_reason == "Off topic"
    else:
        assert response.status_code in (302, 403)
        if name == "anonymous":
            assert "/accounts/login/" in response["Location"]
        assert not mark.hidden


def test_a_hidden_mark_leaves_the_public_list_and_can_be_shown_again(
    client, stella, url, mark_settings, categories
):
    mark = add_marks(mark_settings, [(LON, LAT)], categories, comment="Rude words")[0]
    client.force_login(stella)
    client.post(f"{url}{mark.pk}/hide/", {"reason": "Rude"})
    assert "Rude words" in client.get(url).content.decode()  # stella still sees it, marked hidden
    client.logout()
    assert "Rude words" not in client.get(url).content.decode()
    client.force_login(stella)
    client.post(f"{url}{mark.pk}/show/")
    mark.refresh_from_db()
    assert not mark.hidden and mark.hidden_reason == ""


def test_hiding_needs_a_reason(client, stella, url, mark_settings, categories):
    mark = add_marks(mark_settings, [(LON, LAT)], categories)[0]
    client.force_login(stella)
    client.post(f"{url}{mark.pk}/hide/", {"reason": ""})
    mark.refresh_from_db()
    assert not mark.hidden


def test_hiding_is_recorded_in_the_audit_log_when_there_is_one(stella, mark_settings, categories):
    import importlib.util

    if importlib.util.find_spec("apps.audit") is None:
        pytest.skip("no audit app")
    from apps.audit.models import AuditEntry

    mark = add_marks(mark_settings, [(LON, LAT)], categories)[0]
    services.mark_hide(mark=mark, actor=stella, reason="Spam")
    entry = AuditEntry.objects.get()
    assert entry.action == "mapinput.mark_hide" and entry.reason == "Spam"


def test_a_mark_of_another_space_cannot_be_hidden_through_this_one(client, stella, oslo, url, mark_settings):
    other = MarkSettings(hub=oslo)
    other.save()
    category = MarkCategory.objects.create(settings=other, name="X")
    mark = add_marks(other, [(LON, LAT)], [category])[0]
    client.force_login(stella)
    assert client.post(f"{url}{mark.pk}/hide/", {"reason": "x"}).status_code == 404


# Settings and categories ------------------------------------------------------------------


def test_the_owner_sets_up_a_new_map(client, olga, url, initiative):
    client.force_login(olga)
    assert client.get(f"{url}settings/").status_code == 200
    response = client.post(f"{url}settings/categories/", {"c-name": "Green", "c-colour": "#15803d"})
    assert response.status_code == 302
    response = client.post(
        f"{url}settings/",
        {
            "s-allow_point": "on",
            "s-allow_area": "on",
            "s-anonymous_allowed": "on",
            "s-boundary_required": "on",
        },
    )
    assert response.status_code == 302
    row = MarkSettings.objects.get()
    assert row.allowed_kinds == ["point", "area"] and row.anonymous_allowed
    assert [c.name for c in row.categories.all()] == ["Green"]
    # Now anyone may place a mark, even without signing in.
    client.logout()
    category = row.categories.get()
    response = client.post(url, {"category": category.pk, "kind": "point", "lon": LON, "lat": LAT})
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["mia", "vic", "sven"])
def test_others_cannot_open_or_change_the_settings(client, request, url, mark_settings, name):
    client.force_login(request.getfixturevalue(name))
    assert client.get(f"{url}settings/").status_code == 403
    assert (
        client.post(f"{url}settings/categories/", {"c-name": "Mine", "c-colour": "#000000"}).status_code
        == 403
    )
    assert client.post(f"{url}settings/", {"s-allow_point": "on"}).status_code == 403
    assert not mark_settings.categories.filter(name="Mine").exists()


def test_settings_need_at_least_one_kind(client, olga, url, mark_settings):
    client.force_login(olga)
    response = client.post(f"{url}settings/", {"s-boundary_required": "on"})
    assert response.status_code == 400
    assert "at least one kind" in response.content.decode()


def test_a_category_in_use_is_not_removed(client, olga, url, mark_settings, categories):
    add_marks(mark_settings, [(LON, LAT)], categories[:1])
    client.force_login(olga)
    client.post(f"{url}settings/categories/{categories[0].pk}/delete/")
    client.post(f"{url}settings/categories/{categories[1].pk}/delete/")
    names = set(mark_settings.categories.values_list("name", flat=True))
    assert "Safety" in names and "Green" not in names


def test_a_duplicate_or_bad_category_is_refused(client, olga, url, mark_settings):
    client.force_login(olga)
    assert (
        client.post(f"{url}settings/categories/", {"c-name": "safety", "c-colour": "#000000"}).status_code
        == 400
    )
    assert client.post(f"{url}settings/categories/", {"c-name": "New", "c-colour": "red"}).status_code == 400


# The initiative panel ---------------------------------------------------------------------


def test_the_initiative_panel_counts_visible_marks_and_links_to_the_map(
    rf, initiative, mark_settings, categories
):
    marks = add_marks(mark_settings, [(LON, LAT)] * 3, categories)
    MapMark.objects.filter(pk=marks[0].pk).update(hidden=True)
    html = Template('{% include "mapinput/includes/initiative_panel.html" %}').render(
        Context({"initiative": initiative, "hub": initiative.hub, "request": rf.get("/")})
    )
    assert "2 marks so far" in html
    assert f'href="/oslo/marks/i-{initiative.slug}/"' in html
    assert "Place your mark" in html
