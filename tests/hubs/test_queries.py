"""Constant queries as rows grow: every list page and API list costs the same at N and 3N rows.

Each case grows the rows a page lists, measures the queries of one request, grows them to
three times as many, and measures again. A difference is an N+1 query.
"""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CompetenceFactory,
    HubFactory,
    MembershipFactory,
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
    WorkingGroupFactory,
    WorkingGroupMemberFactory,
    consent,
)

N = 4
SANE_BOUND = 20


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def _competences():
    return [CompetenceFactory(slug="urban-planning"), CompetenceFactory(slug="law")]


# How each page's rows grow. Every row brings along what the page shows about it.


def more_hubs(ctx, n):
    for _ in range(n):
        hub = HubFactory()
        MembershipFactory(hub=hub)
        PartnershipFactory(hub=hub)
        WorkingGroupFactory(hub=hub)


def more_members(ctx, n):
    for _ in range(n):
        user = consent(MembershipFactory(hub=ctx["hub"], is_board=True).user, contact=True)
        user.profile.competences.set(_competences())


def more_home_content(ctx, n):
    for _ in range(n):
        consent(MembershipFactory(hub=ctx["hub"], is_steward=True).user)
        PartnershipFactory(hub=ctx["hub"])
        group = WorkingGroupFactory(hub=ctx["hub"], lead=MembershipFactory(hub=ctx["hub"]).user)
        WorkingGroupMemberFactory(group=group, user=group.lead)


def more_partners(ctx, n):
    for _ in range(n):
        partnership = PartnershipFactory(hub=ctx["hub"])
        RepresentativeFactory(organisation=partnership.organisation)


def more_groups(ctx, n):
    for _ in range(n):
        lead = MembershipFactory(hub=ctx["hub"]).user
        group = WorkingGroupFactory(hub=ctx["hub"], lead=lead)
        WorkingGroupMemberFactory(group=group, user=lead)
        WorkingGroupMemberFactory(group=group)


def more_group_members(ctx, n):
    for _ in range(n):
        user = consent(MembershipFactory(hub=ctx["hub"]).user)
        WorkingGroupMemberFactory(group=ctx["group"], user=user)


def more_applications(ctx, n):
    for _ in range(n):
        user = MembershipFactory(hub=ctx["hub"], status="pending", decided_at=None).user
        user.profile.competences.set(_competences())
        rep = UserFactory()
        organisation = RepresentativeFactory(user=rep).organisation
        PartnershipFactory(hub=ctx["hub"], organisation=organisation, status="pending", applied_by=rep)


def more_approved_members(ctx, n):
    for _ in range(n):
        MembershipFactory(hub=ctx["hub"], is_board=True)


def more_of_my_hubs(ctx, n):
    for _ in range(n):
        MembershipFactory(user=ctx["me"], is_steward=True)
        MembershipFactory(user=ctx["me"], status="pending", decided_at=None)
        RepresentativeFactory(user=ctx["me"])


def more_competences(ctx, n):
    for _ in range(n):
        competence = CompetenceFactory()
        MembershipFactory(hub=ctx["hub"]).user.profile.competences.add(competence)


CASES: list[tuple[str, str | None, Callable]] = [
    ("/", None, more_hubs),
    ("/oslo/", None, more_home_content),
    ("/oslo/", "stella", more_home_content),
    ("/oslo/members/", None, more_members),
    ("/oslo/members/?competence=law", None, more_members),
    ("/oslo/partners/", None, more_partners),
    ("/oslo/groups/", None, more_groups),
    ("/oslo/groups/climate/", "mia", more_group_members),
    ("/oslo/manage/applications/", "stella", more_applications),
    ("/oslo/manage/applications/", "bob", more_applications),
    ("/oslo/manage/roles/", "stella", more_approved_members),
    ("/me/", "me", more_of_my_hubs),
    ("/competences/", "stella", more_competences),
    ("/api/v1/hubs", None, more_hubs),
    ("/api/v1/hubs/oslo/members", None, more_members),
    ("/api/v1/hubs/oslo/partners", None, more_partners),
    ("/api/v1/hubs/oslo/working-groups", None, more_groups),
]


@pytest.mark.parametrize(
    ("path", "who", "grow"), [pytest.param(*case, id=f"{case[0]}-{case[1] or 'anonymous'}") for case in CASES]
)
def test_queries_stay_constant_as_rows_grow(
    request, client, oslo, stella, bob, mia, climate_group, path, who, grow
):
    ctx = {"hub": oslo, "group": climate_group, "me": UserFactory(email="me@example.org")}
    if who == "me":
        client.force_login(ctx["me"])
    elif who:
        client.force_login(request.getfixturevalue(who))

    grow(ctx, N)
    client.get(path)  # warm up: the first request may load things once per process
    at_n = queries(client, path)
    grow(ctx, 2 * N)
    client.get(path)  # the rows gave the hub a new content version: warm its cached parts again
    at_3n = queries(client, path)

    assert at_3n == at_n, f"{path}: {at_n} queries at {N} rows, {at_3n} at {3 * N}: an N+1"
    assert at_n <= SANE_BOUND


def test_the_growth_really_shows_on_the_page(client, oslo):
    # The cases above only prove something if the rows they add are really listed.
    more_members({"hub": oslo}, 3)
    assert client.get("/api/v1/hubs/oslo/members").json()["count"] == 3
    more_groups({"hub": oslo}, 2)
    assert client.get("/api/v1/hubs/oslo/working-groups").json()["count"] == 2
    more_partners({"hub": oslo}, 2)
    assert client.get("/api/v1/hubs/oslo/partners").json()["count"] == 2


def test_the_growth_really_shows_on_the_pages(client, oslo, stella):
    more_members({"hub": oslo}, 3)
    more_applications({"hub": oslo}, 2)
    members = client.get("/oslo/members/").content.decode()
    client.force_login(stella)
    applications = client.get("/oslo/manage/applications/").content.decode()

    assert all(m.user.display_name in members for m in oslo.memberships.filter(is_board=True))
    assert applications.count("/decide/") == 4  # two people and two organisations
