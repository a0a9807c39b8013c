"""Follow-up pages: the stewards' queue, an initiative's follow-up, meetings, tasks, my tasks."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.followup import selectors, services
from apps.followup.forms import MeetingForm, MinutesForm, TaskForm, TaskStatusForm
from apps.followup.models import Meeting, Task
from apps.hubs.models import Hub
from apps.hubs.selectors import hub_get
from apps.initiatives.models import Initiative


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _initiative_url(initiative: Initiative) -> str:
    return reverse("hubs:followup:initiative", args=[initiative.hub.slug, initiative.slug])


@login_required
def queue(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "followup.view_queue", hub)
    return render(
        request,
        "followup/queue.html",
        {
            "hub": hub,
            "queue": selectors.followup_queue(hub=hub),
            "can_schedule": request.user.has_perm("followup.schedule_meeting", hub),
        },
    )


def _initiative_context(
    request: HttpRequest, hub: Hub, initiative: Initiative, **extra: Any
) -> dict[str, Any]:
    user = request.user
    can_add_task = user.has_perm("followup.add_task", initiative)
    people = selectors.assignable_users(hub=hub, initiative=initiative)
    return {
        "hub": hub,
        "initiative": initiative,
        "meetings": selectors.meetings_for(initiative=initiative),
        "tasks": selectors.prime_task_permissions(
            user=user, tasks=list(selectors.tasks_for_initiative(initiative=initiative))
        ),
        "status_choices": Task.Status.choices,
        "matches": selectors.match_suggestions(initiative),
        "can_schedule": user.has_perm("followup.schedule_meeting", initiative),
        "can_add_task": can_add_task,
        "task_form": TaskForm(people=people, initial={"assignee": initiative.owner_id})
        if can_add_task
        else None,
        **extra,
    }


@login_required
def initiative_followup(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=initiative_slug)
    require(request.user, "followup.view_initiative", initiative)
    return render(request, "followup/initiative.html", _initiative_context(request, hub, initiative))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=initiative_slug)
    require(request.user, "followup.schedule_meeting", initiative)
    people = selectors.assignable_users(hub=hub, initiative=initiative)
    kind = request.GET.get("kind", Meeting.Kind.CLARIFICATION)
    initial = {
        "kind": kind if kind in Meeting.Kind.values else Meeting.Kind.CLARIFICATION,
        "participants": [initiative.owner_id, request.user.pk],
    }
    status = 200
    with timezone.override(hub.timezone):
        form = MeetingForm(request.POST or None, people=people, initial=initial)
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                try:
                    meeting = services.meeting_schedule(
                        initiative=initiative,
                        actor=request.user,
                        kind=data["kind"],
                        scheduled_at=data["scheduled_at"],
                        ends_at=data["ends_at"],
                        location=data["location"],
                        participants=list(data["participants"]),
                        agenda=data["agenda"],
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(
                        request, _("The meeting is scheduled and the participants are notified.")
                    )
                    return redirect("hubs:followup:meeting", hub_slug=hub.slug, pk=meeting.pk)
            status = 400
        return render(
            request,
            "followup/meeting_form.html",
            {"hub": hub, "initiative": initiative, "form": form},
            status=status,
        )


def _meeting_page(
    request: HttpRequest,
    hub: Hub,
    meeting: Meeting,
    *,
    minutes_form: MinutesForm | None = None,
    task_form: TaskForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_record = user.has_perm("followup.record_minutes", meeting)
    can_add = user.has_perm("followup.add_action_point", meeting)
    if can_record and minutes_form is None:
        minutes_form = MinutesForm(initial={"minutes": meeting.minutes}, prefix="minutes")
    if can_add and task_form is None:
        people = selectors.assignable_users(hub=hub, initiative=meeting.initiative)
        task_form = TaskForm(people=people, prefix="task", initial={"assignee": meeting.initiative.owner_id})
    return render(
        request,
        "followup/meeting_detail.html",
        {
            "hub": hub,
            "meeting": meeting,
            "initiative": meeting.initiative,
            "action_points": selectors.prime_task_permissions(
                user=user, tasks=list(selectors.action_points(meeting=meeting))
            ),
            "status_choices": Task.Status.choices,
            "matches": selectors.match_suggestions(meeting.initiative) if can_record else None,
            "can_record": can_record,
            "can_add": can_add,
            "minutes_form": minutes_form if can_record else None,
            "task_form": task_form if can_add else None,
        },
        status=status,
    )


@login_required
def meeting_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    meeting = selectors.meeting_get(hub=hub, pk=pk)
    require(request.user, "followup.view_meeting", meeting)
    return _meeting_page(request, hub, meeting)


@login_required
@require_POST
def meeting_minutes(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    meeting = selectors.meeting_get(hub=hub, pk=pk)
    require(request.user, "followup.record_minutes", meeting)
    form = MinutesForm(request.POST, prefix="minutes")
    if form.is_valid():
        try:
            services.meeting_record_minutes(
                meeting=meeting, actor=request.user, minutes=form.cleaned_data["minutes"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("hubs:followup:meeting", hub_slug=hub.slug, pk=meeting.pk)
    return _meeting_page(request, hub, meeting, minutes_form=form, status=400)


@login_required
@require_POST
def meeting_action_point(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    meeting = selectors.meeting_get(hub=hub, pk=pk)
    require(request.user, "followup.add_action_point", meeting)
    people = selectors.assignable_users(hub=hub, initiative=meeting.initiative)
    form = TaskForm(request.POST, people=people, prefix="task")
    if form.is_valid():
        try:
            services.task_create(hub=hub, actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The action point was added."))
            return redirect(f"{meeting.get_absolute_url()}#action-points")
    return _meeting_page(request, hub, meeting, task_form=form, status=400)


@login_required
@require_POST
def task_create(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = selectors.initiative_get(hub=hub, slug=initiative_slug)
    require(request.user, "followup.add_task", initiative)
    people = selectors.assignable_users(hub=hub, initiative=initiative)
    form = TaskForm(request.POST, people=people)
    if form.is_valid():
        try:
            services.task_create(hub=hub, actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The task was added."))
            return redirect(_next_url(request, f"{_initiative_url(initiative)}#tasks"))
    return render(
        request,
        "followup/initiative.html",
        _initiative_context(request, hub, initiative, task_form=form),
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    task = selectors.task_get(hub=hub, pk=pk)
    require(request.user, "followup.change_task", task)
    people = selectors.assignable_users(hub=hub, initiative=task.initiative)
    initial = {
        "title": task.title,
        "assignee": task.assignee_id,
        "starts_on": task.starts_on,
        "due_on": task.due_on,
        "description": task.description,
    }
    form = TaskForm(request.POST or None, people=people, initial=initial)
    status = 200
    default_next = _initiative_url(task.initiative) if task.initiative else reverse("my_tasks:list")
    if request.method == "POST":
        if form.is_valid():
            try:
                services.task_update(task=task, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The task was saved."))
                return redirect(_next_url(request, default_next))
        status = 400
    return render(
        request,
        "followup/task_form.html",
        {"hub": hub, "task": task, "form": form, "next": _next_url(request, default_next)},
        status=status,
    )


@login_required
@require_POST
def task_status(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    task = selectors.task_get(hub=hub, pk=pk)
    require(request.user, "followup.update_task_status", task)
    form = TaskStatusForm(request.POST)
    target = _next_url(request, reverse("my_tasks:list"))
    if not form.is_valid():
        messages.error(request, _("Choose one of the options."))
        return redirect(target)
    try:
        services.task_set_status(task=task, actor=request.user, status=form.cleaned_data["status"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(target)
    messages.success(
        request,
        _("“%(title)s” is now: %(status)s.")
        % {"title": task.title, "status": Task.Status(form.cleaned_data["status"]).label},
    )
    return redirect(target)


STATUS_FILTERS = ["active", *Task.Status.values, "all"]


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "active")
    if status not in STATUS_FILTERS:
        status = "active"
    page = paginate(request, selectors.tasks_for_user(user=request.user, status=status), per_page=50)
    page.object_list = selectors.prime_task_permissions(user=request.user, tasks=list(page.object_list))
    filters = [("active", _("Open")), *Task.Status.choices, ("all", _("All"))]
    return render(
        request,
        "followup/my_tasks.html",
        {"page": page, "status": status, "filters": filters, "status_choices": Task.Status.choices},
    )
