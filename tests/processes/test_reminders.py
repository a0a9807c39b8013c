"""Reminders of overdue and soon-due phases: once per day per phase, to the owners, in each
recipient's language."""

import datetime

import pytest
from django.core.management import call_command

from apps.processes import services, tasks
from apps.processes.models import PhaseRun
from tests.processes.conftest import TODAY, phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Send reminders and run what they defer until after commit (the e-mails)."""

    def send(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.process_send_reminders(**kwargs)

    return send


def test_nothing_is_due_on_the_first_day(remind, run, mailoutbox):
    assert remind(today=TODAY) == 0
    assert mailoutbox == []


def test_a_soon_due_phase_reminds_the_owner_once_a_day(remind, run, olga, mailoutbox):
    first = phase(run, 0)
    day = first.due_on - datetime.timedelta(days=2)
    assert remind(today=day) == 1
    assert [m.to for m in mailoutbox] == [[olga.email]]
    assert mailoutbox[0].subject == f"Due soon: {first.texts['name']['en']}"  # in the reader's language
    assert "Landowner contacted" in mailoutbox[0].body  # the open deliverables, in the reader's language
    # Again the same day: nothing.
    assert remind(today=day) == 0
    assert len(mailoutbox) == 1
    first.refresh_from_db()
    assert first.reminded_on == day
    # The next day: once more, now overdue after the due date.
    assert remind(today=first.due_on + datetime.timedelta(days=1)) == 1
    assert mailoutbox[1].subject == f"Overdue: {first.texts['name']['en']}"


def test_closed_and_far_phases_are_left_alone(remind, run, stella, mailoutbox):
    services.phase_close(phase_run=phase(run, 0), actor=stella, reason="Done elsewhere")
    mailoutbox.clear()
    second = phase(run, 1)
    assert remind(today=second.starts_on) == 0
    assert remind(today=second.due_on) == 1


def test_the_reminder_is_in_the_recipients_language(remind, run, olga, mailoutbox):
    olga.language = "nb"
    olga.save()
    first = phase(run, 0)
    remind(today=first.due_on + datetime.timedelta(days=3))
    assert mailoutbox[0].subject == f"Forfalt: {first.name}"
    assert "Fortsatt åpent" in mailoutbox[0].body


def test_establishment_reminders_go_to_the_stewards(remind, library, oslo, stella, nora, mia, mailoutbox):
    run = services.process_start(hub=oslo, template=library["new-hub"], starts_on=TODAY, actor=stella)
    remind(today=phase(run, 0).due_on)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([stella.email, nora.email])


def test_the_command_and_the_task_call_the_same_service(run, mailoutbox, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "process_send_reminders", lambda **kw: calls.append(kw) or 3)
    monkeypatch.setattr(tasks, "process_send_reminders", services.process_send_reminders)
    call_command("send_process_reminders")
    assert tasks.send_process_reminders.delay().get() == 3
    assert len(calls) == 2


def test_changing_the_dates_allows_a_new_reminder(remind, run, olga, mailoutbox):
    first = phase(run, 0)
    remind(today=first.due_on)
    services.phase_set_dates(phase_run=first, actor=olga, starts_on=first.starts_on, due_on=first.due_on)
    assert PhaseRun.objects.get(pk=first.pk).reminded_on is None


@pytest.mark.clock("2025-03-16T23:30:00+01:00")  # 00:30 on 17 March in Helsinki
def test_a_phase_is_overdue_by_the_date_in_its_hubs_time_zone(remind, run, olga, mailoutbox):
    first = phase(run, 0)
    assert first.due_on == datetime.date(2025, 3, 16)
    assert remind() == 1
    assert mailoutbox[0].subject == f"Due soon: {first.texts['name']['en']}"  # due today in Oslo

    run.hub.timezone = "Europe/Helsinki"
    run.hub.save(update_fields=["timezone"])
    PhaseRun.objects.filter(pk=first.pk).update(reminded_on=None)
    assert remind() == 1
    assert mailoutbox[1].subject == f"Overdue: {first.texts['name']['en']}"  # already the 17th in Helsinki
    first.refresh_from_db()
    assert first.reminded_on == datetime.date(2025, 3, 17)
