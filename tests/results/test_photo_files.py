"""A report's photos are kept in private storage and come back through the photo's own
address, which asks `results.view_report`: a draft's photos only for the initiative's team and
the hub's leads (403 for everyone else, as for the report), a published report's for anyone."""

import pytest

from apps.results import services
from tests.private_files import assert_not_public, assert_served_inline
from tests.results.conftest import image_file


@pytest.fixture
def draft(oslo, benches, olga):
    return services.report_create(
        hub=oslo, initiative=benches, actor=olga, title="Halvveis", text="Seks benker"
    )


@pytest.fixture
def photo(draft, olga):
    return services.photo_add(report=draft, actor=olga, image=image_file(), alt_text="Seks benker")


def test_a_drafts_photo_is_for_the_team_and_the_hubs_leads(client, photo, tom, stella):
    address = photo.get_absolute_url()
    assert address == f"/oslo/results/p/{photo.report_id}/photos/{photo.pk}/"
    for who in (tom, stella):
        client.force_login(who)
        assert_served_inline(client.get(address), photo.image, public=False)


def test_a_drafts_photo_is_refused_to_everyone_else(client, photo, mia, vic, sven):
    address = photo.get_absolute_url()
    assert client.get(address).status_code == 403  # anonymous
    for who in (mia, vic, sven):
        client.force_login(who)
        assert client.get(address).status_code == 403, who


def test_a_published_reports_photo_is_public(client, photo, draft, olga, sven):
    services.report_publish(report=draft, actor=olga)
    assert_served_inline(client.get(photo.get_absolute_url()), photo.image, public=True)
    client.force_login(sven)
    assert_served_inline(client.get(photo.get_absolute_url()), photo.image, public=True)
    listed = client.get("/api/v1/hubs/oslo/progress-reports").json()["items"]
    assert [p["url"] for p in listed[0]["photos"]] == [photo.get_absolute_url()]


def test_a_photo_is_found_only_under_its_own_hub_and_report(client, photo, draft, olga, stella, oslo):
    client.force_login(stella)
    assert client.get(f"/sodertorn/results/p/{draft.pk}/photos/{photo.pk}/").status_code == 404
    assert client.get(f"/oslo/results/p/{draft.pk}/photos/{photo.pk + 1}/").status_code == 404


def test_the_photo_is_not_reachable_under_media(client, photo, draft, olga):
    services.report_publish(report=draft, actor=olga)
    assert_not_public(client, photo.image)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert photo.get_absolute_url() in page and "/media/" not in page
