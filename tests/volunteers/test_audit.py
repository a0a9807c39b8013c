"""Each power-holding action leaves one audit entry, with an action name the log knows."""

from datetime import timedelta

import pytest

from apps.audit.models import ACTION_LABELS, AuditEntry
from apps.volunteers import services

from .conftest import SATURDAY

pytestmark = pytest.mark.django_db


def test_actions_are_registered_and_recorded(shift, olga, mia, clock):
    services.sign_up(shift=shift, user=mia)
    services.message_volunteers(shift=shift, actor=olga, subject="Hei", text="Velkommen")
    clock.move_to(SATURDAY + timedelta(hours=5))
    services.hours_log(shift=shift, actor=mia, volunteer=mia, hours="3")
    services.hours_confirm(log=shift.hours.get(), actor=olga)
    services.shift_cancel(shift=shift, actor=olga, reason="Ferdig")
    # (Confirming hours also updates the financing plan, which leaves funding's own entries.)
    entries = AuditEntry.objects.filter(action__startswith="volunteers.").order_by("pk")
    actions = list(entries.values_list("action", flat=True))
    assert actions == ["volunteers.message", "volunteers.hours_confirm", "volunteers.shift_cancel"]
    for action in actions:
        assert action in ACTION_LABELS
