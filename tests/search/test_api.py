"""GET /api/v1/search: ninja pages, the same visibility and filters as the pages, errors in the
one shape."""

from tests.search.conftest import make_event, make_initiative


def test_results_are_a_page(client, oslo, sodertorn):
    make_initiative(oslo, "Park i Oslo", description="Benker og trær", slug="a")
    make_event(oslo, "Parkdag")
    make_initiative(sodertorn, "Park i Huddinge", slug="b")
    body = client.get("/api/v1/search", {"q": "park"}).json()
    assert body["count"] == 3 and len(body["items"]) == 3
    item = next(i for i in body["items"] if "Huddinge" in i["title"])
    assert (
        item["kind"] == "initiative"
        and item["hub"] == "sodertorn"
        and item["url"] == "/sodertorn/initiatives/b/"
    )
    assert "<mark>Park</mark>" in item["title"]
    assert item["public"] is True


def test_filters_and_paging(client, oslo, sodertorn):
    for i in range(5):
        make_initiative(oslo, f"Park {i}", slug=f"p{i}")
    make_event(oslo, "Parkdag")
    make_initiative(sodertorn, "Park i Huddinge", slug="b")
    assert client.get("/api/v1/search?q=park&hub=sodertorn").json()["count"] == 1
    assert client.get("/api/v1/search?q=park&hub=oslo&kind=event").json()["count"] == 1
    assert client.get("/api/v1/search?q=park&kind=event&kind=initiative").json()["count"] == 7
    page = client.get("/api/v1/search?q=park&limit=2&offset=2").json()
    assert page["count"] == 7 and len(page["items"]) == 2


def test_errors(client, oslo):
    unknown_hub = client.get("/api/v1/search?q=park&hub=atlantis")
    assert unknown_hub.status_code == 404 and unknown_hub.json()["detail"]
    unknown_kind = client.get("/api/v1/search?q=park&kind=spaceship")
    assert unknown_kind.status_code == 400 and "spaceship" in unknown_kind.json()["detail"]
    too_long = client.get("/api/v1/search", {"q": "x" * 201})
    assert too_long.status_code == 422
    assert client.get("/api/v1/search?q=park&limit=0").status_code == 422


def test_no_query_no_results(client, oslo):
    make_initiative(oslo, "Park", slug="p")
    assert client.get("/api/v1/search").json() == {"items": [], "count": 0, "more": False}
