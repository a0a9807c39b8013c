"""The demo: Pådriv Tønsberg mid-establishment – step 1 done with real things, step 2 under way."""

import io

import pytest
from django.core.management import call_command

from apps.establishment import demo
from apps.establishment.models import Invitation
from apps.hubs.models import Hub
from apps.processes import fulfilment
from apps.processes.models import Deliverable, PhaseRun

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_tonsberg_sits_mid_establishment_and_the_seed_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    hub = Hub.objects.get(slug="tonsberg")
    assert hub.stage == "establishing"
    phases = list(PhaseRun.objects.filter(run__hub=hub, run__initiative__isnull=True).order_by("position"))
    assert [p.status for p in phases] == ["closed", "current", "upcoming"]
    run = phases[0].run

    def answer(key):
        return fulfilment.fulfilment_of(run, Deliverable.objects.get(phase_run__run=run, key=key))

    assert answer("meeting-held").done and answer("invitations-sent").done
    assert answer("hub-area").done and answer("startup-partners").done
    assert not answer("shared-vision").done  # one partner has endorsed it, two are needed
    assert Invitation.objects.filter(hub=hub).count() == len(demo.INVITED)
