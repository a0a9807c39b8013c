"""My data: the archive is its owner's alone, holds everything about them, and a big one is
built in the background, told about, downloaded by its owner only, and expires."""

import io
import json
import zipfile
from datetime import timedelta

import pytest

from apps.notifications.models import Notification
from apps.privacy import services
from apps.privacy.models import DataArchive
from tests.factories import PASSWORD

URL = "/me/privacy/"


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def unzip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_anonymous_people_are_sent_to_sign_in(client, db):
    for path in (URL, URL + "delete/", URL + "archives/1/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(URL + "download/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_explains_and_offers_download_and_deletion(client, mia):
    login(client, mia)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Download my data" in html and "Delete my account" in html
    assert client.get("/me/").content.decode().count(URL) == 1


def test_a_small_archive_downloads_at_once_with_everything_and_the_files(client, mia, contributions):
    login(client, mia)
    response = client.post(URL + "download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = unzip(response)
    data = json.loads(archive.read("data.json"))
    assert data["person"]["email"] == "mia@example.org"
    records = data["records"]
    assert [r["title"] for r in records["participation.Idea.author"]["rows"]] == ["Benker i parken"]
    assert [r["body"] for r in records["participation.Comment.author"]["rows"]] == ["Og trær."]
    assert len(records["participation.Support.user"]["rows"]) == 1
    assert [r["comment"] for r in records["mapinput.MapMark.author"]["rows"]] == ["Her trengs lys"]
    assert [r["id"] for r in records["surveys.Response.respondent"]["rows"]] == [contributions.response.pk]
    assert {r["hub_id"] for r in records["hubs.Membership.user"]["rows"]} == {contributions.initiative.hub_id}
    # Only hers: bob's idea on the same page is not in it.
    assert all(r["author_id"] == mia.pk for r in records["participation.Idea.author"]["rows"])
    # The image she uploaded is in the zip, and listed.
    files = [name for name in archive.namelist() if name.startswith("files/")]
    assert len(files) == 1 and files[0].endswith(".png") and files == data["files"]
    assert archive.read(files[0])[:4] == b"\x89PNG"


def test_no_secret_hash_is_written(client, mia):
    from apps.accounts.services import api_token_create

    api_token_create(user=mia, name="Regneark")
    login(client, mia)
    data = json.loads(unzip(client.post(URL + "download/")).read("data.json"))
    token = data["records"]["accounts.ApiToken.user"]["rows"][0]
    assert token["name"] == "Regneark" and "key_hash" not in token
    assert "password" not in data["person"]


def test_the_download_is_a_post(client, mia):
    login(client, mia)
    assert client.get(URL + "download/").status_code == 405


@pytest.fixture
def big(settings):
    settings.PRIVACY_ARCHIVE_INLINE_MAX_ROWS = 1


@pytest.mark.dates
def test_a_big_archive_is_built_in_the_background_told_about_and_only_its_owner_downloads_it(
    client, mia, bob, sven, contributions, big, clock, django_capture_on_commit_callbacks
):
    login(client, mia)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL + "download/", follow=True)
    assert response.status_code == 200
    archive = DataArchive.objects.get(user=mia)
    assert archive.status == DataArchive.Status.READY and archive.size > 0
    notification = Notification.objects.get(recipient=mia, kind="privacy")
    assert notification.url == f"/me/privacy/archives/{archive.pk}/"
    assert f"archives/{archive.pk}/" in client.get(URL).content.decode()

    download = client.get(notification.url)
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert json.loads(unzip(download).read("data.json"))["person"]["id"] == mia.pk

    for other in (bob, sven):  # a member of the same hub, a steward of another
        client.logout()
        login(client, other)
        assert client.get(notification.url).status_code == 404

    # It expires: no download after a week, and the purge removes it and its file.
    client.logout()
    login(client, mia)
    path = archive.file.path
    clock.shift(timedelta(days=8))
    assert client.get(notification.url).status_code == 404
    removed = services.purge_anonymous_metadata()
    assert removed["expired_archives"] == 1
    assert not DataArchive.objects.exists()
    import os

    assert not os.path.exists(path)


def test_asking_twice_while_one_is_being_built_makes_one(mia, contributions, big):
    first = services.archive_request(user=mia, actor=mia)
    second = services.archive_request(user=mia, actor=mia)
    assert first is not None and first.pk == second.pk
    assert DataArchive.objects.filter(user=mia).count() == 1


def test_nobody_asks_for_another_persons_archive(mia, bob):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.archive_request(user=mia, actor=bob)


def test_the_page_costs_the_same_queries_as_archives_and_hubs_grow(client, stella):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tests.factories import HubFactory, MembershipFactory

    def grow(n):
        for _ in range(n):
            DataArchive.objects.create(
                user=stella, status=DataArchive.Status.READY, expires_at=timezone.now() + timedelta(days=3)
            )
            MembershipFactory(hub=HubFactory(), user=stella, is_steward=True)

    def measure():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    login(client, stella)
    grow(2)
    small = measure()
    grow(6)
    assert measure() == small
