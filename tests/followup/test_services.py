"""Follow-up services: meetings, minutes, action points, tasks, reminders."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.followup import services
from apps.followup.models import Meeting, Task
from apps.notifications.models import Notification

OSLO = ZoneInfo("Europe/Oslo")


def at(days=3, hour=10):
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=OSLO)


def schedule(idea, actor, **kwargs):
    kwargs.setdefault("kind", Meeting.Kind.CLARIFICATION)
    kwargs.setdefault("scheduled_at", at())
    return services.meeting_schedule(initiative=idea, actor=actor, **kwargs)


# Meetings -------------------------------------------------------------------------------


@pytest.mark.clock("2026-11-02T09:00:00+01:00")  # so the meeting is on 5 November at 10:00
def test_a_steward_schedules_a_meeting_and_the_participants_are_told_in_their_language(
    idea, stella, mia, walter, after_commit
):
    mia.language = "nb"
    mia.save()
    with after_commit():
        meeting = schedule(idea, stella, participants=[stella, walter], location="Tøyen library")

    assert meeting.duration_minutes == 60
    assert set(meeting.participants.all()) == {stella, mia, walter}  # the owner always takes part
    notes = {n.recipient: n for n in Notification.objects.all()}
    assert set(notes) == {mia, walter}  # not the steward who scheduled it
    assert notes[walter].title.startswith("Clarification meeting on ")
    assert notes[walter].url == f"/oslo/follow-up/meetings/{meeting.pk}/"
    assert notes[walter].kind == "meeting" and notes[walter].hub == idea.hub
    assert "5 November 2026, 10:00" in notes[walter].title and "10:00" in notes[walter].body  # the hub's zone
    assert notes[mia].title == "Avklaringsmøte 5. november 2026 10:00"  # Norwegian formats
    assert "Når: 5. november 2026 10:00–11:00 (Europe/Oslo)" in notes[mia].body
    assert "Tøyen library" in notes[walter].body
    assert sorted(m.to[0] for m in mail.outbox) == ["mia@example.org", "walter@example.org"]


def test_an_end_time_sets_the_duration(idea, stella):
    meeting = schedule(idea, stella, scheduled_at=at(hour=9), ends_at=at(hour=10) + timedelta(minutes=30))
    assert meeting.duration_minutes == 90


def test_it_refuses_a_meeting_that_ends_before_it_starts(idea, stella):
    with pytest.raises(ValidationError) as exc:
        schedule(idea, stella, scheduled_at=at(hour=10), ends_at=at(hour=9))
    assert "ends_at" in exc.value.error_dict
    assert not Meeting.objects.exists()
    assert not Notification.objects.exists()


def test_it_refuses_participants_from_outside(idea, stella, vic):
    with pytest.raises(ValidationError):
        schedule(idea, stella, participants=[vic])
    assert not Meeting.objects.exists()


def test_team_members_may_take_part(idea, stella, tina):
    meeting = schedule(idea, stella, participants=[tina])
    assert tina in meeting.participants.all()


@pytest.mark.parametrize("who", ["mia", "bob", "vic", "sven"])
def test_only_the_hubs_leads_schedule(idea, who, request):
    with pytest.raises(PermissionDenied):
        schedule(idea, request.getfixturevalue(who))


def test_minutes_are_recorded_and_the_participants_told_once(idea, stella, nora, walter, after_commit):
    meeting = schedule(idea, stella, participants=[walter])
    Notification.objects.all().delete()
    with after_commit():
        services.meeting_record_minutes(meeting=meeting, actor=nora, minutes="  We agreed on a plan.  ")
    meeting.refresh_from_db()
    assert meeting.minutes == "We agreed on a plan."
    assert meeting.minutes_recorded_by == nora and meeting.minutes_recorded_at is not None
    assert Notification.objects.filter(kind="minutes").count() == 2  # mia and walter
    services.meeting_record_minutes(meeting=meeting, actor=nora, minutes="Corrected.")
    assert Notification.objects.filter(kind="minutes").count() == 2


def test_minutes_cannot_be_empty_or_written_by_others(idea, stella, mia):
    meeting = schedule(idea, stella)
    with pytest.raises(ValidationError):
        services.meeting_record_minutes(meeting=meeting, actor=stella, minutes="   ")
    with pytest.raises(PermissionDenied):
        services.meeting_record_minutes(meeting=meeting, actor=mia, minutes="Mine")


# Tasks ----------------------------------------------------------------------------------


def test_an_action_point_from_a_meeting_goes_to_its_assignee(idea, stella, walter, after_commit):
    meeting = schedule(idea, stella)
    mail.outbox.clear()
    with after_commit():
        task = services.task_create(
            hub=idea.hub,
            actor=stella,
            meeting=meeting,
            title="Find a carpenter",
            assignee=walter,
            due_on=timezone.localdate() + timedelta(days=7),
        )
    assert task.initiative == idea and task.meeting == meeting and task.status == Task.Status.OPEN
    note = Notification.objects.get(recipient=walter, kind="task")
    assert note.title == "New task: Find a carpenter" and note.url == "/me/tasks/"
    assert [m.to for m in mail.outbox] == [["walter@example.org"]]


def test_the_owner_and_team_create_tasks_for_the_team(idea, mia, tina):
    task = services.task_create(
        hub=idea.hub, actor=mia, initiative=idea, title="Draw the beds", assignee=tina
    )
    assert task.created_by == mia


def test_it_refuses_an_assignee_outside_the_hub_and_team(idea, stella, vic, sven):
    for outsider in (vic, sven):
        with pytest.raises(ValidationError) as exc:
            services.task_create(hub=idea.hub, actor=stella, initiative=idea, title="X", assignee=outsider)
        assert "assignee" in exc.value.error_dict
    assert not Task.objects.exists()


def test_it_refuses_a_due_date_before_the_start(idea, stella, walter):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.task_create(
            hub=idea.hub,
            actor=stella,
            initiative=idea,
            title="X",
            assignee=walter,
            starts_on=today,
            due_on=today - timedelta(days=1),
        )
    assert "due_on" in exc.value.error_dict
    assert not Task.objects.exists()


def test_it_refuses_oversized_titles(idea, stella, walter):
    with pytest.raises(ValidationError):
        services.task_create(hub=idea.hub, actor=stella, initiative=idea, title="x" * 201, assignee=walter)
    assert not Task.objects.exists()


def test_sven_cannot_create_tasks_in_oslo(idea, sven, mia):
    with pytest.raises(PermissionDenied):
        services.task_create(hub=idea.hub, actor=sven, initiative=idea, title="X", assignee=mia)


def test_the_assignee_moves_a_task_along_and_the_creator_hears_when_it_is_done(idea, stella, walter):
    task = services.task_create(hub=idea.hub, actor=stella, initiative=idea, title="Call", assignee=walter)
    services.task_set_status(task=task, actor=walter, status=Task.Status.DOING)
    task = services.task_set_status(task=task, actor=walter, status=Task.Status.DONE)
    assert task.done_at is not None
    assert Notification.objects.filter(recipient=stella, title="Done: Call").exists()
    task = services.task_set_status(task=task, actor=walter, status=Task.Status.OPEN)
    assert task.done_at is None


def test_others_cannot_change_a_tasks_status(idea, stella, walter, bob, mia):
    task = services.task_create(hub=idea.hub, actor=stella, initiative=idea, title="Call", assignee=walter)
    for outsider in (bob,):
        with pytest.raises(PermissionDenied):
            services.task_set_status(task=task, actor=outsider, status=Task.Status.DONE)
    with pytest.raises(ValidationError):
        services.task_set_status(task=task, actor=walter, status="finished")


def test_editing_a_task_tells_a_new_assignee_and_rearms_the_reminder(idea, stella, walter, nora):
    task = services.task_create(hub=idea.hub, actor=stella, initiative=idea, title="Call", assignee=walter)
    Task.objects.filter(pk=task.pk).update(reminded_on=timezone.localdate())
    task = services.task_update(
        task=task, actor=stella, title="Call the city", assignee=nora, due_on=timezone.localdate()
    )
    assert task.reminded_on is None and task.assignee == nora
    assert Notification.objects.filter(recipient=nora, kind="task").exists()


# Reminders ------------------------------------------------------------------------------


def test_reminders_go_once_a_day_for_tasks_due_soon_or_overdue(idea, stella, walter, mia, after_commit):
    today = timezone.localdate()

    def make(title, due, status=Task.Status.OPEN):
        return Task.objects.create(
            hub=idea.hub, title=title, assignee=walter, due_on=due, status=status, created_by=stella
        )

    overdue = make("Overdue", today - timedelta(days=3))
    soon = make("Soon", today + timedelta(days=2))
    make("Later", today + timedelta(days=3))
    make("Done", today - timedelta(days=1), Task.Status.DONE)
    make("Cancelled", today, Task.Status.CANCELLED)
    Task.objects.create(hub=idea.hub, title="No date", assignee=walter)

    with after_commit():
        assert services.task_send_reminders(today=today) == 2
    assert {n.title for n in Notification.objects.filter(kind="task_reminder")} == {
        "Overdue: Overdue",
        "Due soon: Soon",
    }
    assert len(mail.outbox) == 2
    # The same day again: nothing new.
    with after_commit():
        assert services.task_send_reminders(today=today) == 0
    assert len(mail.outbox) == 2
    overdue.refresh_from_db()
    soon.refresh_from_db()
    assert overdue.reminded_on == soon.reminded_on == today
    # The next day: reminded again, and "Later" is now due within two days.
    assert services.task_send_reminders(today=today + timedelta(days=1)) == 3


def test_the_reminder_command_and_celery_task_use_the_same_service(idea, stella, walter):
    from io import StringIO

    from django.core.management import call_command

    from apps.followup.tasks import send_task_reminders

    Task.objects.create(hub=idea.hub, title="T", assignee=walter, due_on=timezone.localdate())
    out = StringIO()
    call_command("send_task_reminders", stdout=out)
    assert "Reminded about 1 tasks." in out.getvalue()
    assert send_task_reminders.delay().get() == 0


@pytest.mark.clock("2026-12-31T23:30:00+01:00")  # already 00:30 on New Year's Day in Helsinki
def test_reminders_count_days_in_each_hubs_own_time_zone(idea, stella, walter, after_commit):
    from tests.factories import HubFactory

    helsinki = HubFactory(slug="helsinki", name="Helsinki", timezone="Europe/Helsinki")
    new_years_eve = datetime(2026, 12, 31).date()
    in_oslo = Task.objects.create(hub=idea.hub, title="Oslo task", assignee=walter, due_on=new_years_eve)
    in_helsinki = Task.objects.create(
        hub=helsinki, title="Helsinki task", assignee=walter, due_on=new_years_eve
    )

    with after_commit():
        assert services.task_send_reminders() == 2
    titles = {n.title for n in Notification.objects.filter(kind="task_reminder")}
    assert titles == {"Due soon: Oslo task", "Overdue: Helsinki task"}
    in_oslo.refresh_from_db()
    in_helsinki.refresh_from_db()
    assert in_oslo.reminded_on == new_years_eve
    assert in_helsinki.reminded_on == datetime(2027, 1, 1).date()
    assert any("This task is due today." in m.body for m in mail.outbox)
