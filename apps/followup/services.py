"""Every write in the follow-up of ideas: meetings, minutes, action points, tasks, reminders.

Each function checks permission, writes in one transaction, and tells people through
`apps.notifications.services.notify` (in-app at once, e-mail after commit).
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.permissions import require
from apps.followup.models import Meeting, Task
from apps.hubs.models import ApplicationStatus, Hub, Membership, date_in
from apps.initiatives.models import Initiative
from apps.initiatives.selectors import team_user_ids
from apps.notifications.services import notify

REMIND_DAYS_BEFORE = 2
MAX_MEETING_MINUTES = 720


def _approved_member_ids(hub: Hub, user_ids: Iterable[int]) -> set[int]:
    return set(
        Membership.objects.filter(
            hub=hub, user_id__in=list(user_ids), status=ApplicationStatus.APPROVED
        ).values_list("user_id", flat=True)
    )


def _check_people(
    hub: Hub, initiative: Initiative | None, people: list[Any], field: str, message: str
) -> None:
    """Everyone must be an approved member of the hub or on the initiative's team."""
    allowed = _approved_member_ids(hub, [p.pk for p in people])
    if initiative is not None:
        allowed |= team_user_ids(initiative)
    if any(p.pk not in allowed for p in people):
        raise ValidationError({field: message}, code="not_member")


def _check_dates(starts_on: date | None, due_on: date | None) -> None:
    if starts_on and due_on and due_on < starts_on:
        raise ValidationError(
            {"due_on": _("The due date cannot be before the start date.")}, code="date_order"
        )


def my_tasks_url() -> str:
    return reverse("my_tasks:list")


# Meetings ------------------------------------------------------------------------------


@transaction.atomic
def meeting_schedule(
    *,
    initiative: Initiative,
    actor: Any,
    kind: str,
    scheduled_at: datetime,
    ends_at: datetime | None = None,
    duration_minutes: int = 60,
    location: str = "",
    participants: Iterable[Any] = (),
    agenda: str = "",
) -> Meeting:
    """A steward schedules a clarification, advisory or other meeting about an initiative.

    The initiative's owner always takes part. The participants are told the time, in their
    own language and the hub's time zone.
    """
    require(actor, "followup.schedule_meeting", initiative)
    if timezone.is_naive(scheduled_at):
        raise ValidationError({"scheduled_at": _("Give a time with a time zone.")}, code="naive")
    if ends_at is not None:
        if ends_at <= scheduled_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")}, code="date_order")
        duration_minutes = int((ends_at - scheduled_at).total_seconds() // 60)
        if duration_minutes > MAX_MEETING_MINUTES:
            raise ValidationError({"ends_at": _("A meeting can last at most 12 hours.")}, code="too_long")
    people = {p.pk: p for p in participants}
    people.setdefault(initiative.owner_id, initiative.owner)
    hub = initiative.hub
    _check_people(
        hub,
        initiative,
        list(people.values()),
        "participants",
        _("Participants must be members of the hub or on the initiative's team."),
    )
    meeting = Meeting(
        hub=hub,
        initiative=initiative,
        kind=kind,
        scheduled_at=scheduled_at,
        duration_minutes=duration_minutes,
        location=location.strip(),
        agenda=agenda.strip(),
        created_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    meeting.participants.set(list(people.values()))
    notify(
        [p for p in people.values() if p.pk != actor.pk],
        template="followup/email/meeting_scheduled.txt",
        context={"hub": hub, "meeting": meeting, "initiative": initiative, "actor": actor},
        url=meeting.get_absolute_url(),
        hub=hub,
        kind="meeting",
    )
    return meeting


@transaction.atomic
def meeting_record_minutes(*, meeting: Meeting, actor: Any, minutes: str) -> Meeting:
    """Record (or correct) a meeting's minutes; the participants are told."""
    require(actor, "followup.record_minutes", meeting)
    minutes = minutes.strip()
    if not minutes:
        raise ValidationError({"minutes": _("Write the minutes first.")}, code="required")
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    first_time = locked.minutes_recorded_at is None
    locked.minutes = minutes
    locked.minutes_recorded_at = timezone.now()
    locked.minutes_recorded_by = actor
    locked.full_clean()
    locked.save(update_fields=["minutes", "minutes_recorded_at", "minutes_recorded_by"])
    if first_time:
        notify(
            [p for p in locked.participants.all() if p.pk != actor.pk],
            template="followup/email/minutes_recorded.txt",
            context={"hub": locked.hub, "meeting": locked, "initiative": locked.initiative, "actor": actor},
            url=locked.get_absolute_url(),
            hub=locked.hub,
            kind="minutes",
        )
    return locked


# Tasks ---------------------------------------------------------------------------------


@transaction.atomic
def task_create(
    *,
    hub: Hub,
    actor: Any,
    title: str,
    assignee: Any,
    initiative: Initiative | None = None,
    meeting: Meeting | None = None,
    description: str = "",
    starts_on: date | None = None,
    due_on: date | None = None,
) -> Task:
    """Create a task (an action point when it comes from a meeting); the assignee is told."""
    if meeting is not None:
        if meeting.hub_id != hub.pk:
            raise ValidationError(_("The meeting belongs to another hub."), code="wrong_hub")
        initiative = meeting.initiative
        require(actor, "followup.add_action_point", meeting)
    elif initiative is not None:
        require(actor, "followup.add_task", initiative)
    else:
        require(actor, "followup.add_task", hub)
    if initiative is not None and initiative.hub_id != hub.pk:
        raise ValidationError(_("The initiative belongs to another hub."), code="wrong_hub")
    _check_people(
        hub,
        initiative,
        [assignee],
        "assignee",
        _("The assignee must be an approved member of the hub or on the initiative's team."),
    )
    _check_dates(starts_on, due_on)
    task = Task(
        hub=hub,
        initiative=initiative,
        meeting=meeting,
        title=title.strip(),
        description=description.strip(),
        assignee=assignee,
        starts_on=starts_on,
        due_on=due_on,
        created_by=actor,
    )
    task.full_clean()
    task.save()
    if assignee.pk != actor.pk:
        notify(
            [assignee],
            template="followup/email/task_assigned.txt",
            context={"hub": hub, "task": task, "actor": actor},
            url=my_tasks_url(),
            hub=hub,
            kind="task",
        )
    return task


@transaction.atomic
def task_update(
    *,
    task: Task,
    actor: Any,
    title: str,
    assignee: Any,
    description: str = "",
    starts_on: date | None = None,
    due_on: date | None = None,
) -> Task:
    """Edit a task. A new assignee is told; a new due date may be reminded about again."""
    require(actor, "followup.change_task", task)
    locked = Task.objects.select_for_update().get(pk=task.pk)
    if assignee.pk != locked.assignee_id:
        initiative = locked.initiative
        _check_people(
            locked.hub,
            initiative,
            [assignee],
            "assignee",
            _("The assignee must be an approved member of the hub or on the initiative's team."),
        )
    _check_dates(starts_on, due_on)
    reassigned = assignee.pk != locked.assignee_id
    if due_on != locked.due_on:
        locked.reminded_on = None
    locked.title, locked.description = title.strip(), description.strip()
    locked.assignee, locked.starts_on, locked.due_on = assignee, starts_on, due_on
    locked.full_clean()
    locked.save()
    if reassigned and assignee.pk != actor.pk:
        notify(
            [assignee],
            template="followup/email/task_assigned.txt",
            context={"hub": locked.hub, "task": locked, "actor": actor},
            url=my_tasks_url(),
            hub=locked.hub,
            kind="task",
        )
    return locked


@transaction.atomic
def task_set_status(*, task: Task, actor: Any, status: str) -> Task:
    """The assignee (or a creator or steward) moves a task along: to do, in progress, done, cancelled."""
    require(actor, "followup.update_task_status", task)
    if status not in Task.Status.values:
        raise ValidationError({"status": _("Choose one of the options.")}, code="invalid")
    locked = Task.objects.select_for_update().get(pk=task.pk)
    if locked.status == status:
        return locked
    locked.status = status
    locked.done_at = timezone.now() if status == Task.Status.DONE else None
    locked.save(update_fields=["status", "done_at", "updated_at"])
    creator = locked.created_by
    if status == Task.Status.DONE and creator is not None and creator.pk != actor.pk:
        notify(
            [creator],
            template="followup/email/task_done.txt",
            context={"hub": locked.hub, "task": locked, "actor": actor},
            url=(
                reverse("hubs:followup:initiative", args=[locked.hub.slug, locked.initiative.slug])
                if locked.initiative_id is not None and locked.initiative is not None
                else my_tasks_url()
            ),
            hub=locked.hub,
            kind="task",
        )
    return locked


def task_send_reminders(*, today: date | None = None) -> int:
    """Remind assignees of open tasks due within two days or overdue, once per day per task.

    "Today" is the hub's own date; `today` overrides it for every hub.

    `reminded_on` is set in the same transaction that queues the reminder, on a locked row,
    so running this twice (or twice at once) the same day reminds once. Returns how many.
    """
    reminded = 0
    for zone in Hub.objects.order_by().values_list("timezone", flat=True).distinct():
        reminded += _remind_tasks(zone=zone, today=today or date_in(zone))
    return reminded


def _remind_tasks(*, zone: str, today: date) -> int:
    soon = today + timedelta(days=REMIND_DAYS_BEFORE)
    candidates = list(
        Task.objects.filter(status__in=Task.OPEN_STATUSES, due_on__isnull=False, due_on__lte=soon)
        .filter(hub__timezone=zone)
        .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=today))
        .values_list("pk", flat=True)
    )
    reminded = 0
    for pk in candidates:
        with transaction.atomic():
            task = (
                Task.objects.select_for_update(of=("self",))
                .select_related("hub", "assignee", "initiative")
                .filter(pk=pk)
                .first()
            )
            if task is None or not task.is_open or task.due_on is None:
                continue
            if task.reminded_on is not None and task.reminded_on >= today:
                continue
            task.reminded_on = today
            task.save(update_fields=["reminded_on"])
            notify(
                [task.assignee],
                template="followup/email/task_reminder.txt",
                context={
                    "hub": task.hub,
                    "task": task,
                    "overdue": task.due_on < today,
                    "days_left": (task.due_on - today).days,
                },
                url=my_tasks_url(),
                hub=task.hub,
                kind="task_reminder",
            )
            reminded += 1
    return reminded
