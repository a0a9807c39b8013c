"""The guided page and the meeting page take the same number of queries however much there is."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.establishment import services
from apps.hubs.models import ApplicationStatus
from tests.establishment.conftest import OSLO_AREA, make_meeting
from tests.factories import PartnershipFactory


def count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def grow(hub, stella, n):
    for i in range(n):
        PartnershipFactory(hub=hub, status=ApplicationStatus.APPROVED)
        meeting = make_meeting(hub, days=5 + i, title=f"Møte {i}")
        services.invitations_send(
            hub=hub,
            actor=stella,
            event=meeting,
            addresses=f"a{i}@example.org b{i}@example.org",
            language="nb",
        )


def test_constant_queries(client, run, stella):
    client.force_login(stella)
    services.hub_area_save(hub=run.hub, actor=stella, geometry=OSLO_AREA)
    grow(run.hub, stella, 1)
    small = {path: count(client, path) for path in ("/oslo/establishment/", "/oslo/establishment/meeting/")}
    grow(run.hub, stella, 4)
    large = {path: count(client, path) for path in ("/oslo/establishment/", "/oslo/establishment/meeting/")}
    assert large == small
