"""Constant queries as initiatives grow: the list page, the map page, the API list and its
GeoJSON cost the same at N and 3N initiatives (each with tags, images, follows and permits)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.goals.models import GoalTag, SdgGoal
from apps.initiatives import services
from apps.initiatives.models import Initiative
from tests.factories import UserFactory
from tests.initiatives.conftest import png_bytes

pytestmark = pytest.mark.django_db

N = 3


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def grow(hub, n):
    if not SdgGoal.objects.exists():
        from apps.goals.catalogue import load_catalogue

        load_catalogue()
    content_type = ContentType.objects.get_for_model(Initiative)
    for i in range(n):
        owner = UserFactory()
        item = services.initiative_submit(
            hub=hub,
            actor=owner,
            title=f"Idea {i}",
            place={"type": "Point", "coordinates": [10.7 + i / 1000, 59.9]},
        )
        services.image_add(
            initiative=item, actor=owner, image=SimpleUploadedFile("i.png", png_bytes()), alt_text="Alt"
        )
        services.initiative_follow(initiative=item, user=UserFactory())
        services.permit_create(initiative=item, actor=owner, what="Permit")
        services.update_post(initiative=item, actor=owner, title="News", body="Body")
        GoalTag.objects.create(hub=hub, content_type=content_type, object_id=item.pk, sdg_goal_id=11)


PATHS = [
    "/oslo/initiatives/",
    "/oslo/initiatives/?sort=followed&goal=sdg:11",
    "/oslo/initiatives/map/",
    "/api/v1/hubs/oslo/initiatives",
    "/api/v1/hubs/oslo/initiatives?format=geojson",
    "/api/v1/hubs/oslo/initiatives?format=geojson&cluster=12",
]


@pytest.mark.parametrize("path", PATHS)
def test_constant_queries(client, oslo, path):
    grow(oslo, N)
    few = queries(client, path)
    grow(oslo, 2 * N)
    many = queries(client, path)
    assert few == many, (path, few, many)
    assert many < 25


def test_detail_queries_do_not_grow_with_updates_and_team(client, oslo, initiative, olga):
    path = f"/api/v1/hubs/oslo/initiatives/{initiative.slug}"
    services.permit_create(initiative=initiative, actor=olga, what="First permit")  # prefetches start
    few = queries(client, path)
    for _ in range(5):
        services.update_post(initiative=initiative, actor=olga, title="News", body="Body")
        services.team_member_add(initiative=initiative, actor=olga, user=UserFactory())
        services.permit_create(initiative=initiative, actor=olga, what="Permit")
    assert queries(client, path) == few
    page = f"/oslo/initiatives/{initiative.slug}/"
    first = queries(client, page)
    for _ in range(3):
        services.update_post(initiative=initiative, actor=olga, title="News", body="Body")
    assert queries(client, page) == first
