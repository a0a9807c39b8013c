"""Eight representatives of one organisation endorse the same version at once: one row."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.accounts.models import User
from apps.organisations.models import Organisation
from apps.participation.spaces import Space
from apps.visions import services
from apps.visions.models import Endorsement, VisionVersion
from tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def test_concurrent_duplicate_endorsements_make_one():
    hub = HubFactory(slug="oslo")
    steward = MembershipFactory(hub=hub, is_steward=True).user
    vision = services.vision_create(space=Space(hub=hub), actor=steward, title="Vision", text="Text")
    services.vision_update(vision=vision, actor=steward, status="endorsing")
    version = vision.versions.get()
    organisation = OrganisationFactory()
    PartnershipFactory(hub=hub, organisation=organisation)
    reps = [RepresentativeFactory(organisation=organisation).user for _ in range(THREADS)]

    barrier = threading.Barrier(THREADS, timeout=30)
    outcomes: list = [None] * THREADS

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = services.endorse(
                version=VisionVersion.objects.select_related("vision__hub").get(pk=version.pk),
                actor=User.objects.get(pk=reps[index].pk),
                organisation=Organisation.objects.get(pk=organisation.pk),
            )
        except BaseException as exc:  # noqa: BLE001
            outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)

    wins = [o for o in outcomes if isinstance(o, Endorsement)]
    losses = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(wins) == 1, outcomes
    assert all(type(loss) is ValidationError and loss.code == "duplicate" for loss in losses), losses
    assert Endorsement.objects.filter(version=version, organisation=organisation).count() == 1
