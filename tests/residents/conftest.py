"""Resident groups in Oslo: two areas to live in, and groups switched on by the steward."""

import pytest

from apps.places.models import Area, AreaLevel
from apps.residents import services


@pytest.fixture
def areas(oslo):
    level = AreaLevel.objects.create(hub=oslo, slug="bydel", name="Bydel", depth=1)
    return [
        Area.objects.create(hub=oslo, level=level, code="gamle-oslo", name="Gamle Oslo"),
        Area.objects.create(hub=oslo, level=level, code="grorud", name="Grorud"),
    ]


@pytest.fixture
def groups_on(oslo, stella, areas):
    return services.settings_update(hub=oslo, actor=stella, enabled=True)
