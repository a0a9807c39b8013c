"""Random input to the main forms and API parameters (Hypothesis, derandomized and bounded so CI
runs the same examples quickly): never a 5xx, and a refused form writes nothing."""

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.initiatives.models import Initiative
from tests.factories import PASSWORD

FUZZ = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "-0", "1e9", "NaN", "0x10", " 5", "٣", "9" * 40]),
)
text = st.text(max_size=300)
coordinate = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(str), text)


@FUZZ
@given(offset=numbers, limit=numbers, status=text, area=text)
def test_api_list_parameters_never_answer_5xx(client, oslo, offset, limit, status, area):
    response = client.get(
        "/api/v1/hubs/oslo/initiatives", {"offset": offset, "limit": limit, "status": status, "area": area}
    )
    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    response = client.get("/api/v1/hubs", {"offset": offset, "limit": limit})
    assert response.status_code < 500


bboxes = st.one_of(
    st.lists(coordinate, min_size=0, max_size=6).map(",".join),
    st.sampled_from(["10.7,59.9,10.8,59.95", "200,100,-200,-100", "nan,nan,nan,nan", ",,,", "1e400,0,0,0"]),
)


@FUZZ
@given(bbox=bboxes, zoom=numbers, fmt=text, space=text, when=text, q=text, kind=text)
def test_more_api_parameters_never_answer_5xx(client, oslo, bbox, zoom, fmt, space, when, q, kind):
    """Map marks (bbox, zoom, format), events (when, space), search, the library and results."""
    cache.clear()  # anonymous reads are rate-limited: each example starts with none counted
    answers = [
        client.get("/api/v1/hubs/oslo/spaces/hub/marks", {"bbox": bbox, "zoom": zoom, "format": fmt}),
        client.get(f"/api/v1/hubs/oslo/spaces/{space.strip() or 'hub'}/marks".replace("?", "%3F")),
        client.get("/api/v1/hubs/oslo/events", {"when": when, "space": space, "limit": zoom}),
        client.get("/api/v1/hubs/oslo/events.ics", {"space": space}),
        client.get("/api/v1/search", {"q": q, "hub": space, "kind": [kind, kind]}),
        client.get("/api/v1/hubs/oslo/library/entries", {"q": q, "kind": kind}),
        client.get("/api/v1/hubs/oslo/results", {"space": space}),
    ]
    assert [r.status_code for r in answers if r.status_code >= 500] == []


@FUZZ
@given(path_id=numbers)
def test_api_path_ids_never_answer_5xx(client, oslo, path_id):
    if not path_id.strip() or "/" in path_id:
        return
    assert client.get(f"/api/v1/hubs/oslo/ideas/{path_id.strip()}").status_code < 500


@FUZZ
@given(title=text, summary=text, place=text, lon=coordinate, lat=coordinate)
def test_the_initiative_form_never_answers_5xx_nor_writes_half(
    client, oslo, vic, title, summary, place, lon, lat
):
    client.login(email=vic.email, password=PASSWORD)
    before = Initiative.objects.count()
    response = client.post(
        "/oslo/initiatives/new/",
        {"title": title, "summary": summary, "description": "", "place": place, "lon": lon, "lat": lat},
    )
    assert response.status_code < 500
    if response.status_code != 302:
        assert Initiative.objects.count() == before


@pytest.mark.parametrize(
    "value", ["\x00", "a\x00b", "\ud800".encode("utf-8", "surrogatepass").decode("latin-1")]
)
def test_odd_characters_in_a_form_are_not_a_5xx(client, oslo, vic, value):
    client.login(email=vic.email, password=PASSWORD)
    assert client.post("/oslo/initiatives/new/", {"title": value}).status_code < 500
