"""Event pages and calendar feeds. Views parse the request, call a selector or a service, and
render. Times are shown and entered in the hub's time zone."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.events import ical, selectors, services
from apps.events.forms import ActionPointForm, EventForm, MinutesForm
from apps.events.models import Event
from apps.hubs.models import Hub
from apps.hubs.selectors import hub_get
from apps.participation.spaces import Space, space_from_key


def in_hub_time(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run the view with the hub's time zone active (forms read and templates show local time)."""

    @wraps(view)
    def wrapper(request: HttpRequest, hub_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        hub = hub_get(slug=hub_slug)
        with timezone.override(hub.zone):
            return view(request, hub, *args, **kwargs)

    return wrapper


def _when(request: HttpRequest) -> str:
    return "past" if request.GET.get("when") == "past" else "upcoming"


def _list(request: HttpRequest, hub: Hub, space: Space | None) -> HttpResponse:
    when = _when(request)
    page = paginate(request, selectors.events(hub=hub, space=space, when=when), per_page=12)
    return render(
        request,
        "events/event_list.html",
        {"hub": hub, "space": space or Space(hub=hub), "all": space is None, "page": page, "when": when},
    )


@in_hub_time
def event_list(request: HttpRequest, hub: Hub) -> HttpResponse:
    return _list(request, hub, None)


@in_hub_time
def space_list(request: HttpRequest, hub: Hub, space_key: str) -> HttpResponse:
    return _list(request, hub, space_from_key(hub, space_key))


@require_GET
def hub_calendar(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    return ical.calendar_response(
        selectors.feed_events(hub=hub), name=hub.name, filename=f"{hub.slug}-events.ics"
    )


@require_GET
def space_calendar(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    space = space_from_key(hub, space_key)
    return ical.calendar_response(
        selectors.feed_events(hub=hub, space=space),
        name=f"{space.title} · {hub.name}" if space.kind != "hub" else hub.name,
        filename=f"{hub.slug}-{space.key}-events.ics",
    )


@require_GET
def event_ics(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    event = selectors.event_get(hub=hub, pk=pk)
    return ical.calendar_response([event], name=event.title, filename=f"event-{event.pk}.ics", download=True)


def _event_form_fields(form: EventForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in services.EDITABLE if name in form.cleaned_data}


@login_required
@require_http_methods(["GET", "POST"])
@in_hub_time
def event_create(request: HttpRequest, hub: Hub, space_key: str) -> HttpResponse:
    space = space_from_key(hub, space_key)
    require(request.user, "events.add_event", space)
    form = EventForm(request.POST or None, initial={"registration_open": True})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event = services.event_create(space=space, actor=request.user, **_event_form_fields(form))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The event is in the calendar."))
                return redirect(event.get_absolute_url())
        status = 400
    return render(
        request,
        "events/event_form.html",
        {"hub": hub, "space": space, "form": form, "event": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@in_hub_time
def event_edit(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    event = selectors.event_get(hub=hub, pk=pk)
    require(request.user, "events.change_event", event)
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.event_update(event=event, actor=request.user, **_event_form_fields(form))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The event is updated."))
                return redirect(event.get_absolute_url())
        status = 400
    return render(
        request,
        "events/event_form.html",
        {"hub": hub, "space": event.space, "form": form, "event": event},
        status=status,
    )


def _detail_context(request: HttpRequest, hub: Hub, pk: int) -> dict[str, Any]:
    event = selectors.event_get(hub=hub, pk=pk)
    can_see = request.user.has_perm("events.view_attendees", event)
    return {
        "hub": hub,
        "event": event,
        "registration": selectors.registration_for(event=event, user=request.user),
        "attendees": list(selectors.attendees(event=event)) if can_see else None,
        "action_points": list(selectors.action_points(event=event)),
        "is_past": event.ends_at < timezone.now(),
        "has_started": event.starts_at <= timezone.now(),
        "places_left": (
            max(event.capacity - event.confirmed_count, 0)  # type: ignore[attr-defined]
            if event.capacity is not None
            else None
        ),
    }


@in_hub_time
def event_detail(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    return render(request, "events/event_detail.html", _detail_context(request, hub, pk))


@login_required
@require_POST
@in_hub_time
def register(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    event = selectors.event_get(hub=hub, pk=pk)
    try:
        registration = services.register(event=event, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render(request, "events/event_detail.html", _detail_context(request, hub, pk), status=400)
    if registration.status == registration.Status.CONFIRMED:
        messages.success(request, _("You are signed up. See you there!"))
    else:
        messages.info(
            request, _("The event is full. You are on the waiting list and will be told if a place frees up.")
        )
    return redirect(event.get_absolute_url())


@login_required
@require_POST
@in_hub_time
def cancel(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    event = selectors.event_get(hub=hub, pk=pk)
    try:
        services.cancel(event=event, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render(request, "events/event_detail.html", _detail_context(request, hub, pk), status=400)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
@in_hub_time
def minutes(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    event = selectors.event_get(hub=hub, pk=pk)
    require(request.user, "events.record_minutes", event)
    form = MinutesForm(request.POST or None, initial={"minutes": event.minutes})
    action_form = ActionPointForm(hub=hub, prefix="action")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.minutes_record(event=event, actor=request.user, minutes=form.cleaned_data["minutes"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The minutes are saved."))
                return redirect("hubs:events:minutes", hub_slug=hub.slug, pk=event.pk)
        status = 400
    return _minutes_page(request, hub, event, form, action_form, status)


def _minutes_page(
    request: HttpRequest, hub: Hub, event: Event, form: MinutesForm, action_form: ActionPointForm, status: int
) -> HttpResponse:
    return render(
        request,
        "events/minutes_form.html",
        {
            "hub": hub,
            "event": event,
            "form": form,
            "action_form": action_form,
            "action_points": list(selectors.action_points(event=event)),
            "has_started": event.starts_at <= timezone.now(),
        },
        status=status,
    )


@login_required
@require_POST
@in_hub_time
def action_point_add(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    event = selectors.event_get(hub=hub, pk=pk)
    require(request.user, "events.record_minutes", event)
    action_form = ActionPointForm(request.POST, hub=hub, prefix="action")
    if action_form.is_valid():
        try:
            services.action_point_add(event=event, actor=request.user, **action_form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(action_form, exc)
        else:
            messages.success(request, _("The action point is added and handed over to follow-up."))
            return redirect("hubs:events:minutes", hub_slug=hub.slug, pk=event.pk)
    form = MinutesForm(initial={"minutes": event.minutes})
    return _minutes_page(request, hub, event, form, action_form, 400)
