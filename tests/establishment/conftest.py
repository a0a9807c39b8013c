"""Fixtures for establishment: the library loaded and Oslo's own establishment run started by
stella (the Oslo hub being established)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.events.models import Event
from apps.processes import services as process_services
from apps.processes.loader import load_templates
from apps.processes.models import ProcessTemplate

# A small area in the middle of Oslo (lon, lat).
OSLO_AREA = {
    "type": "Polygon",
    "coordinates": [[[10.74, 59.91], [10.76, 59.91], [10.76, 59.92], [10.74, 59.92], [10.74, 59.91]]],
}


@pytest.fixture
def run(oslo, stella):
    load_templates()
    oslo.stage = "establishing"
    oslo.save(update_fields=["stage"])
    template = ProcessTemplate.objects.get(hub__isnull=True, key="new-hub")
    return process_services.process_start(
        template=template, starts_on=timezone.localdate(), actor=stella, hub=oslo
    )


def make_meeting(hub, *, days: int = 10, title: str = "Sonderingsmøte") -> Event:
    starts = timezone.now() + timedelta(days=days)
    return Event.objects.create(
        hub=hub,
        kind=Event.Kind.EXPLORATORY,
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        location="Deichman Bjørvika",
    )


@pytest.fixture
def meeting(oslo):
    return make_meeting(oslo)
