"""Gates, reopened phases and template edits are recorded; the run's owners hear of a reopening."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEntry
from apps.notifications.models import Notification
from apps.processes import services
from tests.processes.conftest import finish_required, phase


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_overriding_the_gate_is_recorded_with_its_reason_and_the_open_work(run, stella):
    first = phase(run, 0)
    open_names = list(first.deliverables.filter(required=True).values_list("name", flat=True))
    services.phase_close(phase_run=first, actor=stella, reason="The municipality owns the land.")
    [entry] = AuditEntry.objects.filter(action="processes.gate_override")
    assert entry.hub == run.hub and entry.actor == stella
    assert entry.reason == "The municipality owns the land." and entry.data == {"open_required": open_names}


def test_an_ordinary_close_is_recorded_as_a_close(run, olga):
    first = phase(run, 0)
    finish_required(first, olga)
    services.phase_close(phase_run=first, actor=olga)
    assert "processes.phase_close" in actions() and "processes.gate_override" not in actions()


def test_a_refused_close_leaves_no_entry(run, olga, stella):
    with pytest.raises(PermissionDenied):
        services.phase_close(phase_run=phase(run, 0), actor=olga)
    with pytest.raises(ValidationError):
        services.phase_close(phase_run=phase(run, 0), actor=stella, reason=" ")
    assert not AuditEntry.objects.filter(action__startswith="processes.phase").exists()
    assert not AuditEntry.objects.filter(action="processes.gate_override").exists()


def test_reopening_a_phase_is_recorded_and_the_owner_is_told(run, stella, olga):
    first = phase(run, 0)
    services.phase_close(phase_run=first, actor=stella, reason="ok")
    services.phase_reopen(phase_run=first, actor=stella)
    assert actions()[-1] == "processes.phase_reopen"
    assert Notification.objects.filter(recipient=olga, title__contains="reopened").exists()


def test_a_refused_reopening_leaves_no_entry(run, olga, stella):
    first = phase(run, 0)
    services.phase_close(phase_run=first, actor=stella, reason="ok")
    with pytest.raises(PermissionDenied):
        services.phase_reopen(phase_run=first, actor=olga)
    assert "processes.phase_reopen" not in actions()


def test_copying_and_editing_a_template_are_recorded(oslo, stella, library):
    copy = services.template_copy(template=library["stedskaping-6-6"], hub=oslo, actor=stella)
    services.template_update(template=copy, actor=stella, name="Vår prosess", description="", language="nb")
    first = copy.phases.order_by("position").first()
    services.activity_template_add(phase=first, actor=stella, role="team", text="Ring naboene", language="nb")
    services.template_item_move(item=first, actor=stella, direction="down")
    entries = list(AuditEntry.objects.filter(hub=oslo).order_by("pk"))
    assert [e.action for e in entries] == ["processes.template_copy"] + ["processes.template_edit"] * 3
    assert [e.data["change"] for e in entries[1:]] == ["template", "activity_add", "phasetemplate_move"]
    assert [e.data["version"] for e in entries[1:]] == [2, 3, 4]


def test_a_refused_template_edit_leaves_no_entry(oslo, stella, library):
    copy = services.template_copy(template=library["stedskaping-6-6"], hub=oslo, actor=stella)
    with pytest.raises(ValidationError):
        services.template_update(template=copy, actor=stella, name=" ", description="", language="nb")
    assert actions() == ["processes.template_copy"]
