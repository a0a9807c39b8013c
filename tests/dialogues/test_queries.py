"""Constant queries as rows grow: the list, a dialogue's page and the API at N and 3N rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.dialogues import services
from tests.factories import MembershipFactory, OrganisationFactory, RepresentativeFactory, UserFactory

pytestmark = pytest.mark.django_db

N = 3


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


@pytest.fixture
def grow(oslo, stella, frogner, target_11_7, climate):
    counter = iter(range(1000))

    def grow(dialogue, n):
        for _ in range(n):
            i = next(counter)
            person = MembershipFactory(hub=oslo, user=UserFactory()).user
            organisation = OrganisationFactory(name=f"Org {i}")
            RepresentativeFactory(organisation=organisation, user=UserFactory())
            p1 = services.participant_add(dialogue=dialogue, actor=stella, role="developer", user=person)
            p2 = services.participant_add(
                dialogue=dialogue, actor=stella, role="builder", organisation=organisation
            )
            for participant in (p1, p2):
                services.value_add(
                    dialogue=dialogue,
                    actor=stella,
                    participant=participant,
                    kind="social",
                    description=f"Value {i}",
                    sdg_targets=[target_11_7],
                    hub_goals=[climate],
                )
            services.meeting_add(dialogue=dialogue, actor=stella, held_on="2026-05-04", notes="n")
            services.next_step_add(dialogue=dialogue, actor=stella, title=f"Step {i}", assignee=person)

    return grow


def test_a_dialogue_page_costs_the_same(client, dialogue, stella, grow):
    services.publication_set(
        dialogue=dialogue,
        actor=stella,
        parts=["summary", "values", "organisations", "meetings", "next_steps"],
    )
    client.force_login(stella)
    grow(dialogue, N)
    small_lead = queries(client, dialogue.get_absolute_url())
    small_values = queries(client, f"/oslo/dialogues/{dialogue.pk}/values/")
    client.logout()
    small_public = queries(client, dialogue.get_absolute_url())
    small_api = queries(client, f"/api/v1/hubs/oslo/dialogues/{dialogue.pk}")
    grow(dialogue, 2 * N)
    assert queries(client, dialogue.get_absolute_url()) == small_public
    assert queries(client, f"/api/v1/hubs/oslo/dialogues/{dialogue.pk}") == small_api
    client.force_login(stella)
    assert queries(client, dialogue.get_absolute_url()) == small_lead
    assert queries(client, f"/oslo/dialogues/{dialogue.pk}/values/") == small_values


def test_the_list_and_api_list_cost_the_same(client, oslo, stella, frogner, mia, grow):
    def more(n):
        for i in range(n):
            d = services.dialogue_create(hub=oslo, actor=stella, title=f"D{i}", area=frogner)
            services.publication_set(dialogue=d, actor=stella, parts=["summary", "values", "next_steps"])
            grow(d, 1)

    more(N)
    client.force_login(mia)
    small = queries(client, "/oslo/dialogues/")
    small_api = queries(client, "/api/v1/hubs/oslo/dialogues")
    more(2 * N)
    assert queries(client, "/oslo/dialogues/") == small
    assert queries(client, "/api/v1/hubs/oslo/dialogues") == small_api
