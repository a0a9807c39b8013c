"""Two installations on this machine: Oslo's library is served by a live server (installation
A); Södertörn's steward, on installation B (the in-process test client), follows A's feed over
real HTTP, and the scheduled import (`import_library_feeds`) brings new and updated items
without writing over a local edit. The private-address block is lifted only here."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings

from apps.library import feed, services
from apps.library.models import Entry, Subscription

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def oslo_library(oslo, stella, clock):
    entries = [
        services.entry_create(
            actor=stella,
            hub=oslo,
            kind="template",
            title=f"Mal {n}",
            licence="cc-by-4.0",
            body=f"Innhold {n}",
            publish=True,
        )
        for n in range(3)
    ]
    services.entry_create(actor=stella, hub=oslo, kind="template", title="Hemmelig utkast", licence="cc0-1.0")
    return entries


def test_default_refuses_the_local_installation(live_server, oslo_library, sodertorn, sven, client):
    client.force_login(sven)
    response = client.post("/sodertorn/library/feeds/", {"feed_url": f"{live_server.url}/oslo/library/feed/"})
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["feed_url"][0].code == "private_address"
    assert not Subscription.objects.exists()


@override_settings(LIBRARY_FEED_ALLOW_PRIVATE=True)
def test_two_installations(
    live_server, oslo_library, oslo, stella, sodertorn, sven, client, clock, monkeypatch
):
    monkeypatch.setattr(feed, "PAGE_SIZE", 2)  # two pages over HTTP
    feed_url = f"{live_server.url}/oslo/library/feed/"
    client.force_login(sven)
    response = client.post("/sodertorn/library/feeds/", {"feed_url": feed_url})
    assert response.status_code == 302
    imported = Entry.objects.filter(hub=sodertorn).order_by("title")
    assert [e.title for e in imported] == ["Mal 0", "Mal 1", "Mal 2"]
    assert all(e.origin_url.startswith(f"{live_server.url}/oslo/library/e/") for e in imported)
    assert all(e.licence == "cc-by-4.0" and e.origin_name == "Pådriv Oslo" for e in imported)

    # The same again: nothing changes.
    before = list(Entry.objects.filter(hub=sodertorn).order_by("pk").values())
    call_command("import_library_feeds", stdout=io.StringIO())
    assert list(Entry.objects.filter(hub=sodertorn).order_by("pk").values()) == before

    # Södertörn edits one; Oslo changes two and adds one.
    mine = Entry.objects.get(hub=sodertorn, title="Mal 0")
    services.entry_update(actor=sven, entry=mine, body="Vår version")
    clock.shift(timedelta(hours=1))
    services.entry_update(actor=stella, entry=oslo_library[0], body="Oslo endret 0")
    services.entry_update(actor=stella, entry=oslo_library[1], body="Oslo endret 1")
    services.entry_create(
        actor=stella, hub=oslo, kind="lesson", title="Ny lærdom", licence="cc0-1.0", publish=True
    )
    from apps.library.tasks import import_library_feeds

    assert import_library_feeds() == 3  # one new, one updated, one kept with the local edit
    mine.refresh_from_db()
    assert mine.body == "Vår version" and mine.origin_changed and mine.origin_body == "Oslo endret 0"
    assert Entry.objects.get(hub=sodertorn, title="Mal 1").body == "Oslo endret 1"
    assert Entry.objects.get(hub=sodertorn, title="Ny lærdom").licence == "cc0-1.0"
    assert not Entry.objects.filter(hub=sodertorn, title="Hemmelig utkast").exists()
    page = client.get(mine.get_absolute_url())
    assert f"/sodertorn/library/e/{mine.pk}/origin/" in page.content.decode()  # the notice's button
