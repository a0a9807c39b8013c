"""Constant queries as meetings, motions, ballots and voters grow: each page and API list costs
the same at N and 3N rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.governance import services
from apps.governance.models import Candidate
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
)
from tests.governance.conftest import WHEN, make_ballot

pytestmark = pytest.mark.django_db

N = 2


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def grow(oslo, steward, n):
    """n closed meetings, each with n motions (decided) and an open-ballot election voted by n
    members and n partner organisations."""
    for _ in range(n):
        meeting = services.meeting_create(
            hub=oslo, actor=steward, title="Møte", starts_at=WHEN, agenda=["A", "B"]
        )
        services.meeting_advance(meeting=meeting, actor=steward)
        people = [MembershipFactory(hub=oslo, user=UserFactory()).user for _ in range(n)]
        for person in people:
            motion = services.motion_create(meeting=meeting, actor=person, title="Forslag", text="…")
            ballot = make_ballot(meeting, steward, motion=motion)
            services.vote_cast(ballot=ballot, actor=person, choice="yes")
            services.ballot_close(ballot=ballot, actor=steward)
        election = make_ballot(meeting, steward, title="Styre", seats=2, candidates=people)
        candidates = list(Candidate.objects.filter(ballot=election))
        for person in people:
            services.vote_cast(ballot=election, actor=person, candidates=candidates[:2])
            organisation = OrganisationFactory()
            PartnershipFactory(hub=oslo, organisation=organisation)
            rep = RepresentativeFactory(organisation=organisation).user
            services.vote_cast(
                ballot=election, actor=rep, organisation=organisation, candidates=candidates[1:3]
            )
        services.ballot_close(ballot=election, actor=steward)
        services.meeting_advance(meeting=meeting, actor=steward)
    return meeting, election


PAGES = {
    "list": lambda m, e: "/oslo/governance/",
    "manage": lambda m, e: "/oslo/governance/manage/",
    "decisions": lambda m, e: "/oslo/governance/decisions/",
    "meeting": lambda m, e: m.get_absolute_url(),
    "ballot": lambda m, e: e.get_absolute_url(),
    "api_meetings": lambda m, e: "/api/v1/hubs/oslo/meetings",
    "api_meeting": lambda m, e: f"/api/v1/hubs/oslo/meetings/{m.pk}",
    "api_decisions": lambda m, e: "/api/v1/hubs/oslo/decisions",
    "api_ballot": lambda m, e: f"/api/v1/hubs/oslo/ballots/{e.pk}",
}


def test_pages_cost_the_same_as_rows_grow(client, oslo, stella):
    client.force_login(stella)
    latest = grow(oslo, stella, N)
    small = {page: queries(client, path(*latest)) for page, path in PAGES.items()}
    # The latest meeting and election now have 3N rows each; the lists hold 4N meetings.
    latest = grow(oslo, stella, 3 * N)
    large = {page: queries(client, path(*latest)) for page, path in PAGES.items()}
    assert small == large
    assert max(small.values()) < 25, small
