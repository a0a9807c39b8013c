"""Nothing that is not public appears for people who may not see it, kind by kind, in the
selector, the pages and the API; and a steward of another hub sees no more than a visitor."""

import pytest

from apps.library import services as library_services
from apps.participation import services as participation_services
from tests.factories import MembershipFactory, UserFactory, consent
from tests.search.conftest import found, make_entry, make_idea


@pytest.fixture
def hidden_idea(oslo, mia, stella):
    idea = make_idea(oslo, mia, "Hemmelig hage", "Ingen skal se dette")
    participation_services.idea_hide(idea=idea, actor=stella, reason="Personangrep")
    return idea


@pytest.fixture
def draft(oslo, mia):
    return make_entry(oslo, mia, "Kladd om hager", publish=False)


def test_a_hidden_idea_is_found_only_by_the_hubs_leads_and_its_author(
    hidden_idea, stella, nora, bob, mia, vic, sven, walter
):
    assert found("hemmelig") == []  # anonymous
    for user in (vic, sven, bob, walter):
        assert found("hemmelig", user=user) == [], user
    for user in (stella, nora, mia):
        assert found("hemmelig", user=user) == [("idea", "Hemmelig hage")], user


def test_showing_the_idea_again_makes_it_public(hidden_idea, stella, vic):
    participation_services.idea_unhide(idea=hidden_idea, actor=stella)
    assert found("hemmelig", user=vic) == [("idea", "Hemmelig hage")]


def test_a_draft_entry_is_found_only_by_leads_and_its_author(
    draft, stella, nora, bob, mia, vic, sven, walter
):
    assert found("kladd") == []
    for user in (vic, sven, bob, walter):
        assert found("kladd", user=user) == [], user
    for user in (stella, nora, mia):
        assert found("kladd", user=user) == [("library", "Kladd om hager")], user


def test_publishing_the_draft_makes_it_public(draft, stella, vic):
    library_services.entry_publish(actor=stella, entry=draft)
    assert found("kladd", user=vic) == [("library", "Kladd om hager")]


def test_a_superuser_finds_everything(hidden_idea, draft):
    root = UserFactory(is_superuser=True, is_staff=True)
    assert len(found("hemmelig", user=root)) == 1
    assert len(found("kladd", user=root)) == 1


def test_a_member_without_consent_is_never_found(oslo, stella, mia, sven):
    for user in (None, stella, mia, sven):
        assert found("Mia", user=user) == [], user
    consent(mia)
    assert found("Mia", user=sven) == [("member", "Mia Member")]


def test_a_steward_of_another_hub_sees_only_public_things_there(oslo, sodertorn, sven, mia, stella):
    idea = make_idea(sodertorn, sven, "Hemlig odling", "Bara för oss")
    participation_services.idea_hide(idea=idea, actor=sven, reason="Test")
    other = MembershipFactory(hub=sodertorn, user=UserFactory()).user
    assert found("hemlig", user=sven) == [("idea", "Hemlig odling")]
    assert found("hemlig", user=stella) == []
    assert found("hemlig", user=other) == []


def test_pages_and_api_keep_the_rules(client, hidden_idea, draft, oslo, stella, sven):
    for path in ("/oslo/search/?q=hemmelig", "/search/?q=hemmelig", "/api/v1/search?q=hemmelig"):
        client.force_login(sven)
        assert "Hemmelig" not in client.get(path).content.decode(), path
        client.force_login(stella)
        assert "Hemmelig" in client.get(path).content.decode(), path
    client.logout()
    assert client.get("/api/v1/search?q=kladd").json() == {"items": [], "count": 0, "more": False}
