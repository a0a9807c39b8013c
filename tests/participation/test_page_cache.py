"""The idea list is cached per audience: an author's hidden idea is not served to anyone else."""

import pytest
from django.test import Client

from apps.participation import services
from apps.participation.spaces import Space


@pytest.fixture
def hidden_idea(oslo, mia, stella):
    idea = services.idea_create(
        space=Space(hub=oslo), author=mia, title="Benker i parken", body="Flere benker"
    )
    return services.idea_hide(idea=idea, actor=stella, reason="Duplicate")


def test_an_authors_hidden_idea_is_not_served_to_others(oslo, mia, vic, stella, hidden_idea):
    author, other, anonymous, steward = Client(), Client(), Client(), Client()
    author.force_login(mia)
    other.force_login(vic)
    steward.force_login(stella)

    assert "Benker i parken" in author.get("/oslo/ideas/hub/").content.decode()
    assert author.get("/oslo/ideas/hub/").context["page"].paginator.count == 1
    for client in (other, anonymous):
        response = client.get("/oslo/ideas/hub/")
        assert response.context["page"].paginator.count == 0
        assert "Benker i parken" not in response.content.decode()
    assert steward.get("/oslo/ideas/hub/").context["page"].paginator.count == 1


def test_a_new_idea_shows_at_once(oslo, mia):
    client = Client()
    assert client.get("/oslo/ideas/hub/").context["page"].paginator.count == 0

    services.idea_create(space=Space(hub=oslo), author=mia, title="Sykkelstativ", body="Ved skolen")

    response = client.get("/oslo/ideas/hub/")
    assert response.context["page"].paginator.count == 1
    assert "Sykkelstativ" in response.content.decode()
