import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.participation.spaces import Space
from apps.visions import services
from apps.visions.models import Endorsement
from tests.factories import OrganisationFactory, PartnershipFactory, RepresentativeFactory, UserFactory

pytestmark = pytest.mark.django_db

N = 3


def test_shape(client, vision, stella, petra, acme):
    services.vision_update(vision=vision, actor=stella, status="endorsing")
    services.version_create(vision=vision, actor=stella, text="Second")
    services.endorse(version=vision.versions.get(number=2), actor=petra, organisation=acme)
    body = client.get(f"/api/v1/hubs/oslo/visions/{vision.pk}").json()
    assert body["title"] == "Felles målbilde" and body["status"] == "endorsing" and body["space"] == "hub"
    assert [v["number"] for v in body["versions"]] == [2, 1]
    assert body["versions"][0]["endorsements"] == [acme.slug]
    assert len(body["versions"][0]["sha256"]) == 64
    assert body["endorsements"] == [
        {
            "organisation": "Acme Byutvikling",
            "organisation_slug": acme.slug,
            "representative": "Petra Partner",
            "version": 2,
            "created": body["endorsements"][0]["created"],
        }
    ]
    assert client.get("/api/v1/hubs/oslo/visions/999999").status_code == 404


def _grow(vision, steward, n):
    for _ in range(n):
        version = services.version_create(vision=vision, actor=steward, text=f"Text {UserFactory().pk}")
        organisation = OrganisationFactory()
        PartnershipFactory(hub=vision.hub, organisation=organisation)
        rep = RepresentativeFactory(organisation=organisation).user
        Endorsement.objects.create(version=version, organisation=organisation, representative=rep)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/hubs/oslo/visions/{pk}",
        "/oslo/visions/v/{pk}/",
        "/oslo/visions/",
        "/oslo/visions/v/{pk}/versions/2/",
    ],
)
def test_constant_queries(client, oslo, stella, path):
    vision = services.vision_create(space=Space(hub=oslo), actor=stella, title="V", text="Start")
    services.vision_update(vision=vision, actor=stella, status="endorsing")
    url = path.format(pk=vision.pk)
    _grow(vision, stella, N)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    at_n = count()
    _grow(vision, stella, 2 * N)
    assert count() == at_n
    assert at_n < 20
