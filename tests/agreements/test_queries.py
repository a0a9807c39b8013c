"""Agreement pages read in a fixed number of queries, however many agreements, versions and
signatures there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.agreements import services
from tests.agreements.conftest import latest, sign

pytestmark = pytest.mark.django_db


def _count(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_list_and_detail_do_not_grow(client, signing, stella, petra, acme, ola, bylab):
    client.force_login(stella)
    pages = ["/oslo/agreements/", f"/oslo/agreements/{signing.pk}/", f"/oslo/agreements/{signing.pk}/print/"]
    first = [_count(client, p) for p in pages]
    for i in range(3):
        services.version_create(agreement=signing, actor=stella, text=f"Versjon {i}")
        sign(signing, petra, acme)
    services.agreement_create(
        hub=signing.hub,
        actor=stella,
        title="B",
        starts_on=signing.starts_on,
        ends_on=signing.ends_on,
        organisations=[acme, bylab],
    )
    assert latest(signing).number == 4
    assert [_count(client, p) for p in pages] == first
