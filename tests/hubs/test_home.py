"""The hub's front page invites: what is happening now, one first step for each kind of visitor
and a steward's queue with counts; its cost does not grow with what the hub holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.goals.models import HubGoal
from apps.hubs.models import ApplicationStatus, Membership
from apps.initiatives.models import Initiative
from apps.participation.models import Idea, Report
from apps.participation.spaces import Space
from apps.surveys.models import Ballot, Status
from tests.events.conftest import make_event
from tests.factories import MembershipFactory, UserFactory
from tests.surveys.conftest import make_survey, make_vote

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[10.70, 59.90], [10.80, 59.90], [10.80, 59.95], [10.70, 59.95], [10.70, 59.90]]],
}


def _initiative(hub, n: int, **fields) -> Initiative:
    owner = UserFactory()
    return Initiative.objects.create(
        hub=hub, slug=f"initiative-{n}", title=f"Initiative {n}", owner=owner, **fields
    )


@pytest.fixture
def lively(oslo):
    """An Oslo hub with something happening: an open vote and survey, a closed vote, an event
    next week with places left, three initiatives (one with a place)."""
    first = _initiative(oslo, 1, place=SQUARE)
    for n in (2, 3):
        _initiative(oslo, n)
    space = Space(hub=oslo, initiative=first)
    open_vote = make_vote(space, title="Which bench design?")
    make_vote(space, title="An old vote", status=Status.CLOSED)
    make_survey(space, title="What should the yard have?")
    make_event(oslo, title="Building day", capacity=20)
    return {"initiative": first, "vote": open_vote}


def _home(client):
    response = client.get("/oslo/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_sees_what_is_happening_now_and_a_first_step(client, lively):
    page = _home(client)
    assert "Happening now" in page
    assert "Which bench design?" in page and "What should the yard have?" in page
    assert "An old vote" not in page  # closed
    assert "Building day" in page and "20 places left" in page
    assert "Initiative 3" in page and 'id="initiative-map"' in page and "js/initiatives-map.js" in page
    assert "Sign in to join" in page
    assert "Or start right away:" in page and "Share an idea" in page
    assert "For stewards" not in page


def test_a_member_gets_share_an_idea_as_the_main_step_and_sees_what_they_answered(client, lively, mia):
    Ballot.objects.create(vote=lively["vote"], voter=mia, concept=lively["vote"].concepts.first())
    client.force_login(mia)
    page = _home(client)
    hero = page[page.index('class="hero__cta"') : page.index("</section>", page.index('class="hero__cta"'))]
    assert 'data-variant="primary" href="/oslo/ideas/hub/"' in hero
    assert "Start an initiative" in hero and "You are a member" in hero
    assert "You have voted" in page
    assert "Leave the hub" in page  # still there, in the members box, not as a main button
    assert "For stewards" not in page


def test_a_steward_sees_the_queue_with_counts(client, oslo, stella, lively):
    Membership.objects.create(hub=oslo, user=UserFactory(), status=ApplicationStatus.PENDING)
    idea = Idea.objects.create(hub=oslo, author=UserFactory(), title="Trees", body="More trees")
    for _ in range(2):
        Report.objects.create(idea=idea, reporter=UserFactory(), reason="Spam")
    client.force_login(stella)
    page = _home(client)
    assert "For stewards: 3 things wait for you" in page
    assert '<span class="queue-count">1<' in page and '<span class="queue-count">2<' in page


def test_a_steward_of_another_hub_gets_no_queue_here(client, oslo, sodertorn, lively):
    other = MembershipFactory(hub=sodertorn, user=UserFactory(), is_steward=True).user
    client.force_login(other)
    assert "For stewards" not in _home(client)


def test_a_quiet_hub_has_no_happening_now_section(client, oslo):
    page = _home(client)
    assert "Happening now" not in page and "initiatives-map.js" not in page


def test_the_hub_goals_come_below_the_partners(client, oslo):
    HubGoal.objects.create(hub=oslo, code="less-cars", title="Fewer cars by 2030", target_year=2030)
    page = _home(client)
    assert "Fewer cars by 2030" in page and page.index("partners-heading") < page.index("home-goals-heading")


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/oslo/").status_code == 200
    return len(ctx.captured_queries)


def test_the_front_page_costs_the_same_with_more_going_on(client, oslo, stella, lively):
    client.force_login(stella)
    _count_queries(client)
    before = _count_queries(client)
    space = Space(hub=oslo, initiative=lively["initiative"])
    for n in range(4, 12):
        _initiative(oslo, n, place=SQUARE)
        make_vote(space, title=f"Vote {n}")
        make_survey(space, title=f"Survey {n}")
        make_event(oslo, title=f"Event {n}", days=n)
    _count_queries(client)  # the writes gave the hub a new content version: warm its cache again
    assert _count_queries(client) == before
