"""Hostile text renders harmless on the pages and in the API."""

import json

import pytest

from apps.participation import services
from tests.participation.conftest import make_comment, make_idea

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = '<script>alert("t")</script>'
HOSTILE_BODY = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))"


def _assert_harmless(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x onerror" not in html and '<img src="x" onerror' not in html
    assert 'href="javascript:' not in html


@pytest.fixture
def hostile(space, mia, vic, stella):
    idea = make_idea(space, mia, title=HOSTILE_TITLE, body=HOSTILE_BODY)
    comment = make_comment(idea, vic, HOSTILE_BODY)
    make_comment(idea, vic, "reply " + HOSTILE_BODY, parent=comment)
    hidden = make_comment(idea, vic, "to hide")
    services.comment_hide(comment=hidden, actor=stella, reason='<script>alert("r")</script>')
    services.report_create(target=idea, reporter=vic, reason=HOSTILE_BODY)
    return idea


def test_pages_render_hostile_text_harmless(client, hostile, stella):
    for url in [
        hostile.get_absolute_url(),
        "/oslo/ideas/i-gronn-gardsplass/",
        "/oslo/ideas/i-gronn-gardsplass/summary/",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        _assert_harmless(response.content.decode())
    html = client.get(hostile.get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in html  # shown as text
    client.force_login(stella)
    for url in [hostile.get_absolute_url(), "/oslo/ideas/moderation/", "/oslo/manage/audit/"]:
        response = client.get(url)
        assert response.status_code == 200
        _assert_harmless(response.content.decode())


def test_api_renders_hostile_text_harmless(client, hostile):
    data = client.get(f"/api/v1/hubs/oslo/ideas/{hostile.pk}").json()
    _assert_harmless(data["body_html"])
    for comment in data["comments"]:
        _assert_harmless(comment["body_html"])
    assert data["body"] == HOSTILE_BODY  # the raw text, escaped by JSON
    listing = client.get("/api/v1/hubs/oslo/spaces/i-gronn-gardsplass/ideas")
    assert listing["Content-Type"].startswith("application/json")
    for item in listing.json()["items"]:
        _assert_harmless(item["body_html"])
    raw = listing.content.decode()
    json.loads(raw)
