"""The participation API: a space's ideas, one idea with comments, a space's summary."""

import pytest

from apps.participation import services
from tests.factories import consent
from tests.participation.conftest import make_comment, make_idea

pytestmark = pytest.mark.django_db

BASE = "/api/v1/hubs/oslo"


def test_list_is_paginated_sorted_and_visible_only(client, space, mia, vic, stella):
    a = make_idea(space, mia, title="A")
    b = make_idea(space, mia, title="B")
    hidden = make_idea(space, mia, title="Hidden")
    services.support_add(idea=a, user=vic)
    services.idea_hide(idea=hidden, actor=stella, reason="Spam")
    data = client.get(f"{BASE}/spaces/i-gronn-gardsplass/ideas?sort=supported").json()
    assert data["count"] == 2
    assert [i["title"] for i in data["items"]] == ["A", "B"]
    assert data["items"][0]["support_count"] == 1 and data["items"][0]["space"] == "i-gronn-gardsplass"
    data = client.get(f"{BASE}/spaces/i-gronn-gardsplass/ideas?sort=new&limit=1").json()
    assert [i["id"] for i in data["items"]] == [b.pk] and data["count"] == 2


def test_unknown_space_or_hub_is_404(client, oslo):
    assert client.get(f"{BASE}/spaces/i-nope/ideas").status_code == 404
    assert client.get("/api/v1/hubs/nohub/spaces/hub/ideas").status_code == 404
    assert client.get(f"{BASE}/ideas/999").status_code == 404
    assert client.get(f"{BASE}/spaces/a-nope/summary").status_code == 404


def test_idea_with_comments_hidden_ones_replaced(client, idea, vic, stella):
    top = make_comment(idea, vic, "Visible")
    bad = make_comment(idea, vic, "Nasty", parent=top)
    services.comment_hide(comment=bad, actor=stella, reason="Rude")
    data = client.get(f"{BASE}/ideas/{idea.pk}").json()
    assert data["title"] == idea.title and data["comment_count"] == 1
    assert [(c["body"], c["hidden"], c["hidden_reason"], c["parent"]) for c in data["comments"]] == [
        ("Visible", False, "", None),
        ("", True, "Rude", top.pk),
    ]
    assert "Nasty" not in str(data)


def test_hidden_idea_is_replaced(client, idea, stella):
    services.idea_hide(idea=idea, actor=stella, reason="Personal data")
    data = client.get(f"{BASE}/ideas/{idea.pk}").json()
    assert data["hidden"] and data["hidden_reason"] == "Personal data"
    assert data["body"] == "" and idea.body not in str(data) and data["comments"] == []


def test_idea_of_another_hub_is_404(client, idea, sodertorn):
    assert client.get(f"/api/v1/hubs/sodertorn/ideas/{idea.pk}").status_code == 404


def test_author_named_only_with_public_profile(client, idea, mia):
    assert client.get(f"{BASE}/ideas/{idea.pk}").json()["author"] is None
    consent(mia)
    assert client.get(f"{BASE}/ideas/{idea.pk}").json()["author"] == "Mia Member"


def test_summary(client, space, mia):
    for n, word in enumerate(
        ["trær park", "trær grønt", "park trær", "sykkel vei", "sykkel sti", "vei sykkel"]
    ):
        make_idea(space, mia, title=f"Idé {n}", body=word, category="green" if n < 3 else "mobility")
    data = client.get(f"{BASE}/spaces/i-gronn-gardsplass/summary").json()
    assert data["ideas"] == 6 and data["space"] == "i-gronn-gardsplass"
    assert {c["label"]: c["count"] for c in data["categories"]} == {"green": 3, "mobility": 3}
    assert data["themes"] and sum(t["size"] for t in data["themes"]) == 6
    assert data["places"] == []  # map input counts places; nobody has marked any yet
