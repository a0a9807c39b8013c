"""The open feed (ActivityStreams 2.0) and importing it: shape, content type, paging,
idempotence, local edits kept."""

import json
from datetime import timedelta

import pytest

from apps.library import feed, selectors, services
from apps.library.models import Entry, Subscription

pytestmark = pytest.mark.django_db

AS = "https://www.w3.org/ns/activitystreams"


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/activity+json")
    return json.loads(response.content)


@pytest.fixture
def three(oslo, stella, clock):
    entries = []
    for n in range(3):
        entries.append(
            services.entry_create(
                actor=stella,
                hub=oslo,
                kind="guide",
                title=f"Veileder {n}",
                licence="cc-by-sa-4.0",
                body=f"Tekst **{n}**",
                tags="møter, nabolag",
                publish=True,
            )
        )
        clock.shift(timedelta(minutes=1))
    services.entry_create(actor=stella, hub=oslo, kind="guide", title="Utkast", licence="cc0-1.0")
    return entries


def test_collection_and_pages(client, three, monkeypatch):
    monkeypatch.setattr(feed, "PAGE_SIZE", 2)
    collection = get_json(client, "/oslo/library/feed/")
    assert AS in collection["@context"]
    assert collection["type"] == "OrderedCollection"
    assert collection["totalItems"] == 3
    assert collection["first"].endswith("/oslo/library/feed/?page=1")
    assert collection["last"].endswith("?page=2")
    first = get_json(client, "/oslo/library/feed/?page=1")
    assert first["type"] == "OrderedCollectionPage"
    assert first["partOf"] == collection["id"]
    assert [item["name"] for item in first["orderedItems"]] == ["Veileder 2", "Veileder 1"]
    assert first["next"].endswith("?page=2") and "prev" not in first
    second = get_json(client, "/oslo/library/feed/?page=2")
    assert [item["name"] for item in second["orderedItems"]] == ["Veileder 0"]
    assert "next" not in second and second["prev"].endswith("?page=1")
    item = second["orderedItems"][0]
    assert item["type"] == "Article"
    assert item["id"] == item["url"] and item["id"].startswith("http://testserver/oslo/library/e/")
    assert item["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert item["updated"] and item["published"]
    assert item["source"] == {"content": "Tekst **0**", "mediaType": "text/markdown"}
    assert "<strong>0</strong>" in item["content"]
    assert item["attributedTo"]["name"] == "Pådriv Oslo"
    assert [tag["name"] for tag in item["tag"]] == ["møter", "nabolag"]


@pytest.mark.parametrize("page", ["0", "x", "-1"])
def test_bad_page(client, three, page):
    assert client.get(f"/oslo/library/feed/?page={page}").status_code == 404


def test_empty_page_beyond_the_end(client, three):
    assert get_json(client, "/oslo/library/feed/?page=9")["orderedItems"] == []


def test_feed_leaves_out_imported_entries_and_other_hubs(client, three, sodertorn, sven):
    services.entry_create(
        actor=sven, hub=sodertorn, kind="guide", title="Guide", licence="cc0-1.0", publish=True
    )
    subscription = Subscription.objects.create(
        hub=sodertorn, feed_url="http://example.org/oslo/library/feed/"
    )
    services.import_items(subscription, [feed.item(e, "http://example.org") for e in three])
    page = get_json(client, "/sodertorn/library/feed/?page=1")
    assert [item["name"] for item in page["orderedItems"]] == ["Guide"]


def _items(hub, base="http://oslo.example"):
    return [feed.item(entry, base) for entry in selectors.feed_entries(hub=hub)]


def test_import_twice_changes_nothing(three, oslo, sodertorn):
    subscription = Subscription.objects.create(
        hub=sodertorn, feed_url="http://oslo.example/oslo/library/feed/"
    )
    first = services.import_items(subscription, _items(oslo))
    assert first.created == 3
    before = list(Entry.objects.filter(hub=sodertorn).order_by("pk").values())
    again = services.import_items(subscription, _items(oslo))
    assert (again.created, again.updated, again.kept_local, again.unchanged) == (0, 0, 0, 3)
    assert list(Entry.objects.filter(hub=sodertorn).order_by("pk").values()) == before
    imported = Entry.objects.get(hub=sodertorn, title="Veileder 0")
    assert (
        imported.is_published and imported.licence == "cc-by-sa-4.0" and imported.origin_name == "Pådriv Oslo"
    )
    assert imported.origin_url.startswith("http://oslo.example/oslo/library/e/")


def test_update_at_origin_is_imported(three, oslo, sodertorn, stella, clock):
    subscription = Subscription.objects.create(hub=sodertorn, feed_url="http://oslo.example/f/")
    services.import_items(subscription, _items(oslo))
    clock.shift(timedelta(hours=1))
    services.entry_update(actor=stella, entry=three[0], body="Ny tekst")
    result = services.import_items(subscription, _items(oslo))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Entry.objects.get(hub=sodertorn, title="Veileder 0").body == "Ny tekst"


def test_local_edit_is_never_overwritten(three, oslo, sodertorn, stella, sven, clock):
    subscription = Subscription.objects.create(hub=sodertorn, feed_url="http://oslo.example/f/")
    services.import_items(subscription, _items(oslo))
    copy = Entry.objects.get(hub=sodertorn, title="Veileder 0")
    services.entry_update(actor=sven, entry=copy, body="Vår svenska version")
    copy.refresh_from_db()
    assert copy.locally_edited and not copy.origin_changed
    clock.shift(timedelta(hours=1))
    services.entry_update(actor=stella, entry=three[0], body="Ny tekst fra Oslo")
    result = services.import_items(subscription, _items(oslo))
    assert result.kept_local == 1
    copy.refresh_from_db()
    assert copy.body == "Vår svenska version"
    assert copy.origin_body == "Ny tekst fra Oslo" and copy.origin_changed
    # the same again: nothing changes
    assert services.import_items(subscription, _items(oslo)).changed == 0
    services.entry_accept_origin(actor=sven, entry=copy)
    copy.refresh_from_db()
    assert copy.body == "Ny tekst fra Oslo" and not copy.locally_edited and not copy.origin_changed


def test_items_without_open_licence_or_id_are_skipped(oslo, sodertorn):
    subscription = Subscription.objects.create(hub=sodertorn, feed_url="http://oslo.example/f/")
    base = {"type": "Article", "name": "x", "updated": "2026-06-01T10:00:00Z"}
    result = services.import_items(
        subscription,
        [
            {**base, "id": "http://oslo.example/1", "license": "https://example.org/all-rights-reserved"},
            {**base, "license": "https://creativecommons.org/publicdomain/zero/1.0/"},
            {
                **base,
                "id": "javascript:alert(1)",
                "license": "https://creativecommons.org/publicdomain/zero/1.0/",
            },
            {
                **base,
                "id": "http://oslo.example/2",
                "license": "https://creativecommons.org/publicdomain/zero/1.0/",
                "updated": "yesterday",
            },
            "not an object",
        ],
    )
    assert result.skipped == 5 and not Entry.objects.filter(hub=sodertorn).exists()


def test_odd_values_fall_back(oslo, sodertorn):
    subscription = Subscription.objects.create(hub=sodertorn, feed_url="http://oslo.example/f/")
    services.import_items(
        subscription,
        [
            {
                "type": "Article",
                "id": "http://oslo.example/1",
                "name": "x",
                "updated": "2026-06-01T10:00:00Z",
                "license": {"id": "https://creativecommons.org/publicdomain/zero/1.0/"},
                "inLanguage": {"odd": 1},
                "additionalType": ["x"],
                "tag": "not a list",
                "source": "not a dict",
            }
        ],
    )
    entry = Entry.objects.get(hub=sodertorn)
    assert (entry.language, entry.kind, entry.tags, entry.body, entry.licence) == (
        "en",
        "guide",
        "",
        "",
        "cc0-1.0",
    )


def test_html_is_not_imported_only_markdown(oslo, sodertorn):
    subscription = Subscription.objects.create(hub=sodertorn, feed_url="http://oslo.example/f/")
    services.import_items(
        subscription,
        [
            {
                "type": "Article",
                "id": "http://oslo.example/1",
                "name": "x",
                "updated": "2026-06-01T10:00:00Z",
                "license": "https://creativecommons.org/publicdomain/zero/1.0/",
                "content": "<script>alert(1)</script>",
                "source": {"content": "<script>alert(1)</script> *ok*"},
            }
        ],
    )
    entry = Entry.objects.get(hub=sodertorn)
    from apps.core.markdown import render_markdown

    assert "<script>" not in str(render_markdown(entry.body))
