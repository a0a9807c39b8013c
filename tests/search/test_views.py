"""The search pages: a box in the hub's navigation, kinds as checkboxes that work without
JavaScript, highlighted results with their kind and link, an empty state, pages; the site-wide
page with a hub filter."""

from tests.search.conftest import make_event, make_initiative


def test_the_hub_navigation_links_to_search(client, oslo):
    page = client.get("/oslo/").content.decode()
    assert 'href="/oslo/search/"' in page


def test_before_a_search_an_invitation(client, oslo):
    response = client.get("/oslo/search/")
    assert response.status_code == 200
    assert "What are you looking for?" in response.content.decode()


def test_results_with_kind_snippet_and_link(client, oslo):
    initiative = make_initiative(
        oslo, "Hage på taket", description="En hage på taket av skolen.", slug="takhage"
    )
    page = client.get("/oslo/search/", {"q": "hage"}).content.decode()
    assert "1 result" in page
    assert f'href="{initiative.get_absolute_url()}"' in page
    assert "<mark>Hage</mark> på taket" in page
    assert "<mark>hage</mark> på taket av skolen" in page
    assert "Initiative" in page


def test_nothing_found(client, oslo):
    page = client.get("/oslo/search/", {"q": "zyxwv"}).content.decode()
    assert "Nothing found" in page and "0 results" in page


def test_kind_checkboxes_filter(client, oslo):
    make_initiative(oslo, "Hagefest", slug="a")
    make_event(oslo, "Hagedag")
    page = client.get("/oslo/search/?q=hage&kind=event").content.decode()
    assert "Hagedag" in page and "Hagefest" not in page
    assert 'value="event" form="search-form"' in page or 'form="search-form"' in page
    page = client.get("/oslo/search/?q=hage&kind=event&kind=initiative").content.decode()
    assert "Hagedag" in page and "Hagefest" in page


def test_an_unknown_kind_is_a_message_not_an_error(client, oslo):
    make_initiative(oslo, "Hagefest", slug="a")
    response = client.get("/oslo/search/?q=hage&kind=bogus")
    assert response.status_code == 200
    assert "Hagefest" in response.content.decode()


def test_pages(client, oslo):
    for i in range(25):
        make_initiative(oslo, f"Hage {i}", slug=f"h{i}")
    first = client.get("/oslo/search/?q=hage").content.decode()
    assert "25 results" in first and 'rel="next"' in first
    second = client.get("/oslo/search/?q=hage&page=2").content.decode()
    assert second.count('class="card stack search-hit"') == 5
    assert client.get("/oslo/search/?q=hage&page=99").status_code == 200


def test_unknown_hub_is_404(client, db):
    assert client.get("/atlantis/search/?q=x").status_code == 404


def test_site_wide_search_with_hub_filter(client, oslo, sodertorn):
    make_initiative(oslo, "Park i Oslo", slug="a")
    make_initiative(sodertorn, "Park i Huddinge", slug="b")
    page = client.get("/search/?q=park").content.decode()
    assert "</mark> i Oslo" in page and "</mark> i Huddinge" in page
    assert "Pådriv Oslo" in page and "Södertörn" in page
    page = client.get("/search/?q=park&hub=sodertorn").content.decode()
    assert "i Huddinge" in page and "i Oslo<" not in page
    response = client.get("/search/?q=park&hub=atlantis")
    assert response.status_code == 200
    assert "</mark> i Oslo" in response.content.decode()


def test_the_form_works_without_javascript(client, oslo):
    """The box and the filters are one GET form: the filters beside it name it (form=…)."""
    make_initiative(oslo, "Hage", slug="h")
    page = client.get("/oslo/search/?q=hage&kind=initiative").content.decode()
    assert 'role="search"' in page and 'id="search-form"' in page and 'method="get"' in page
    assert 'name="q"' in page and 'value="hage"' in page
    assert page.count('type="checkbox" name="kind"') == 7
    assert 'form="search-form"' in page
    assert "checked" in page
