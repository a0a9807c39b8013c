"""Constant queries as documents grow: the pages and the API cost the same at N and 3N matches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import consent
from tests.search.conftest import make_entry, make_event, make_idea, make_initiative

N = 5


def grow(ctx, n):
    hub, stella, mia = ctx["oslo"], ctx["stella"], ctx["mia"]
    start = ctx.setdefault("made", 0)
    for i in range(start, start + n):
        make_initiative(hub, f"Hage {i}", slug=f"h{i}")
        make_event(hub, f"Hagedag {i}")
        make_idea(hub, mia, f"Hage-idé {i}", "En hage")
        make_entry(hub, stella, f"Hagemetode {i}")
    ctx["made"] = start + n


def count(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "path", ["/oslo/search/?q=hage", "/search/?q=hage", "/api/v1/search?q=hage&limit=100"]
)
@pytest.mark.parametrize("signed_in", [False, True])
def test_constant_queries(client, oslo, stella, mia, path, signed_in):
    consent(mia)
    if signed_in:
        client.force_login(stella)
    ctx = {"oslo": oslo, "stella": stella, "mia": mia}
    grow(ctx, N)
    client.get(path)  # warm caches (content types, session)
    small = count(client, path)
    grow(ctx, 2 * N)
    assert count(client, path) == small
    assert small <= 12
