"""Deep pages of the big lists: the API's signed `cursor=`, a capped `limit`, and HTML pages that
answer a huge page number with the last page and reach deep pages through keyset links."""

import re

import pytest

from apps.core import pagination
from tests.factories import MembershipFactory, UserFactory, consent


@pytest.fixture
def many_members(oslo):
    for i in range(30):
        consent(MembershipFactory(hub=oslo, user=UserFactory(name=f"Member {i:02}")).user)
    return oslo


def names(body):
    return [item["name"] for item in body["items"]]


def test_the_api_walks_every_member_by_cursor(client, many_members):
    seen, url = [], "/api/v1/hubs/oslo/members?limit=7"
    while True:
        body = client.get(url).json()
        seen += names(body)
        assert body["count"] == 30
        if not body["next_cursor"]:
            break
        url = f"/api/v1/hubs/oslo/members?limit=7&cursor={body['next_cursor']}"

    assert seen == [f"Member {i:02}" for i in range(30)]


def test_the_api_goes_back_with_the_previous_cursor(client, many_members):
    first = client.get("/api/v1/hubs/oslo/members?limit=10").json()
    second = client.get(f"/api/v1/hubs/oslo/members?limit=10&cursor={first['next_cursor']}").json()
    back = client.get(f"/api/v1/hubs/oslo/members?limit=10&cursor={second['previous_cursor']}").json()

    assert names(back) == names(first)
    assert first["previous_cursor"] is None


def test_an_offset_page_also_hands_out_the_next_cursor(client, many_members):
    body = client.get("/api/v1/hubs/oslo/members?limit=10&offset=10").json()
    after = client.get(f"/api/v1/hubs/oslo/members?limit=10&cursor={body['next_cursor']}").json()

    assert names(after) == [f"Member {i:02}" for i in range(20, 30)]


@pytest.mark.parametrize("cursor", ["nonsense", "eyJvIjpbXX0:1abc:deadbeef", "%00"])
def test_a_bad_cursor_answers_400_json(client, many_members, cursor):
    response = client.get(f"/api/v1/hubs/oslo/members?cursor={cursor}")

    assert response.status_code == 400
    assert "cursor is not valid" in response.json()["detail"]


def test_a_cursor_of_another_list_answers_400(client, many_members, sodertorn):
    body = client.get("/api/v1/hubs/oslo/members?limit=5").json()

    response = client.get(f"/api/v1/hubs/sodertorn/members?cursor={body['next_cursor']}")

    assert response.status_code == 400


def test_cursor_and_offset_together_answer_400(client, many_members):
    body = client.get("/api/v1/hubs/oslo/members?limit=5").json()

    response = client.get(f"/api/v1/hubs/oslo/members?offset=5&cursor={body['next_cursor']}")

    assert response.status_code == 400
    assert response.json()["detail"] == "Use either cursor or offset, not both."


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/hubs/oslo/members?limit=1000000",
        "/api/v1/hubs/oslo/spaces/hub/ideas?limit=1000000",
        "/api/v1/hubs/oslo/partners/commitments?limit=1000000",
        "/api/v1/hubs/oslo/initiatives?limit=1000000",
    ],
)
def test_a_huge_limit_answers_422_naming_the_limit(client, oslo, path):
    response = client.get(path)

    assert response.status_code == 422
    assert "limit" in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/hubs/oslo/spaces/hub/ideas?cursor=x",
        "/api/v1/hubs/oslo/partners/commitments?cursor=x",
        "/api/v1/hubs/oslo/initiatives?cursor=x",
    ],
)
def test_every_big_api_list_refuses_a_bad_cursor(client, oslo, path):
    response = client.get(path)

    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


# HTML ------------------------------------------------------------------------------------------


def shown(response):
    return re.findall(r"Member \d\d", response.content.decode())


def test_a_huge_page_number_shows_the_last_page(client, many_members):
    response = client.get("/oslo/members/?page=1000000000")

    assert response.status_code == 200
    assert shown(response)[-1] == "Member 29"
    assert "Member 24" in shown(response)


def test_a_deep_page_in_the_middle_answers_404_and_next_links_reach_it(client, many_members, monkeypatch):
    monkeypatch.setattr(pagination, "MAX_OFFSET_PAGES", 1)
    monkeypatch.setattr(pagination, "PAGE_SIZE", 5)
    from apps.hubs import views

    monkeypatch.setattr(views, "paginate_keyset", _with_page_size(5))

    assert client.get("/oslo/members/?page=3").status_code == 404

    seen, url = [], "/oslo/members/"
    for _ in range(10):
        response = client.get(url)
        assert response.status_code == 200
        seen += [n for n in shown(response) if n not in seen]
        found = re.search(r'href="\?([^"]*cursor=[^"]*)" rel="next"', response.content.decode())
        if not found:
            break
        url = "/oslo/members/?" + found.group(1).replace("&amp;", "&")
    assert seen == [f"Member {i:02}" for i in range(30)]


def _with_page_size(size):
    original = pagination.paginate_keyset

    def paginate_keyset(request, queryset, **kwargs):
        kwargs["per_page"] = size
        return original(request, queryset, **kwargs)

    return paginate_keyset


def test_a_changed_cursor_on_a_page_answers_404(client, many_members):
    assert client.get("/oslo/members/?cursor=forged").status_code == 404


def test_the_member_count_is_shown_from_the_cached_count(client, many_members, django_assert_max_num_queries):
    client.get("/oslo/members/")  # warms the count
    with django_assert_max_num_queries(5):
        response = client.get("/oslo/members/?page=1000000000")

    assert "30 members found" in response.content.decode()
