"""Lists use a constant number of queries: the same at N and 3N ideas, comments and reports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.participation import services
from apps.participation.models import Comment, Idea
from tests.factories import UserFactory, consent

pytestmark = pytest.mark.django_db


def _fill(space, n: int, reporter) -> Idea:
    people = [consent(UserFactory()) for _ in range(3)]
    idea = None
    for i in range(n):
        idea = services.idea_create(space=space, author=people[i % 3], title=f"Idea {i}", body="Body")
        services.support_add(idea=idea, user=people[(i + 1) % 3])
        parent = None
        for j in range(2):
            parent = services.comment_create(idea=idea, author=people[j % 3], body=f"C{j}", parent=parent)
        services.report_create(target=idea, reporter=reporter, reason="Check")
        services.report_create(target=parent, reporter=reporter, reason="Check")
    assert idea is not None
    return idea


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", [None, "mia", "stella"])
def test_pages_and_api_are_constant(request, client, space, vic, who):
    if who:
        client.force_login(request.getfixturevalue(who))

    def urls(idea: Idea) -> list[str]:
        pages = [
            "/oslo/ideas/i-gronn-gardsplass/",
            "/oslo/ideas/i-gronn-gardsplass/?sort=supported",
            idea.get_absolute_url(),
            "/api/v1/hubs/oslo/spaces/i-gronn-gardsplass/ideas",
            f"/api/v1/hubs/oslo/ideas/{idea.pk}",
            "/api/v1/hubs/oslo/spaces/i-gronn-gardsplass/summary",
            "/oslo/ideas/i-gronn-gardsplass/summary/",
        ]
        return pages + (["/oslo/ideas/moderation/", "/oslo/manage/audit/"] if who == "stella" else [])

    idea = _fill(space, 6, vic)  # N = 6: enough ideas for themes, so both runs cluster
    # Each idea's own comments grow too, for the idea page.
    for k in range(4):
        Comment.objects.create(idea=idea, author=vic, body=f"extra {k}")
    small = [_count(client, url) for url in urls(idea)]
    idea = _fill(space, 12, vic)  # 3N
    for k in range(12):
        Comment.objects.create(idea=idea, author=vic, body=f"extra {k}")
    large = [_count(client, url) for url in urls(idea)]
    assert small == large
