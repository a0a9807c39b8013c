"""Volunteer pages: an initiative's shifts, one shift (sign up, cancel, the team's tools), the
printable day sheet, and the calendars. Views parse the request, call a selector or a service,
and render; a refused write answers 400 with the reason on the page."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.models import User
from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.hubs.models import Hub
from apps.hubs.selectors import hub_get
from apps.initiatives.selectors import initiative_get

from . import ical, selectors, services
from .forms import CancelShiftForm, HoursForm, MessageForm, RoleForm, ShiftForm, TeamHoursForm
from .models import HoursLog, Shift

PER_PAGE = 30


def in_hub_time(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run the view with the hub's time zone active (forms read and templates show local time)."""

    @wraps(view)
    def wrapper(request: HttpRequest, hub_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        hub = hub_get(slug=hub_slug)
        with timezone.override(hub.zone):
            return view(request, hub, *args, **kwargs)

    return wrapper


# An initiative's shifts -------------------------------------------------------------------------


def _initiative_page(
    request: HttpRequest, hub: Hub, initiative: Any, status: int = 200, **forms: Any
) -> HttpResponse:
    can_manage = request.user.has_perm("volunteers.manage_shifts", initiative)
    page = paginate(request, selectors.initiative_shifts(initiative=initiative), per_page=PER_PAGE)
    roles = selectors.initiative_roles(initiative=initiative)
    context: dict[str, Any] = {
        "hub": hub,
        "initiative": initiative,
        "page": page,
        "shifts": list(page.object_list),
        "roles": roles,
        "can_manage": can_manage,
        "now": timezone.now(),
    }
    if can_manage:
        context["role_form"] = forms.get("role_form") or RoleForm()
        context["shift_form"] = forms.get("shift_form") or ShiftForm(
            roles=selectors.role_choices(initiative=initiative)
        )
        context["pending"] = selectors.pending_hours(initiative=initiative)
    return render(request, "volunteers/initiative_shifts.html", context, status=status)


@in_hub_time
def initiative_shifts(request: HttpRequest, hub: Hub, initiative_slug: str) -> HttpResponse:
    return _initiative_page(request, hub, initiative_get(hub=hub, slug=initiative_slug))


@require_POST
@login_required
@in_hub_time
def role_create(request: HttpRequest, hub: Hub, initiative_slug: str) -> HttpResponse:
    initiative = initiative_get(hub=hub, slug=initiative_slug)
    require(request.user, "volunteers.manage_shifts", initiative)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.role_create(initiative=initiative, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The role is added."))
            return redirect("hubs:volunteers:initiative", hub.slug, initiative.slug)
    return _initiative_page(request, hub, initiative, status=400, role_form=form)


@require_POST
@login_required
@in_hub_time
def shift_create(request: HttpRequest, hub: Hub, initiative_slug: str) -> HttpResponse:
    initiative = initiative_get(hub=hub, slug=initiative_slug)
    require(request.user, "volunteers.manage_shifts", initiative)
    form = ShiftForm(request.POST, roles=selectors.role_choices(initiative=initiative))
    if form.is_valid():
        try:
            services.shift_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The shift is added."))
            return redirect("hubs:volunteers:initiative", hub.slug, initiative.slug)
    return _initiative_page(request, hub, initiative, status=400, shift_form=form)


# One shift ------------------------------------------------------------------------------------


def _shift_page(
    request: HttpRequest, hub: Hub, shift: Shift, status: int = 200, **extra: Any
) -> HttpResponse:
    user = request.user
    can_manage = user.has_perm("volunteers.manage_shifts", shift)
    mine = selectors.my_signup(shift=shift, user=user)
    now = timezone.now()
    context: dict[str, Any] = {
        "hub": hub,
        "shift": shift,
        "initiative": shift.initiative,
        "can_manage": can_manage,
        "mine": mine,
        "my_hours": selectors.my_hours(shift=shift, user=user),
        "has_started": shift.starts_at <= now,
        "errors": extra.pop("errors", []),
    }
    if mine is not None and mine.status == "confirmed" and context["has_started"] and not can_manage:
        context["hours_form"] = extra.get("hours_form") or HoursForm()
    if can_manage:
        people = selectors.shift_people(shift=shift)
        context["people"] = people
        context["hours"] = selectors.shift_hours(shift=shift)
        context["message_form"] = extra.get("message_form") or MessageForm()
        context["cancel_form"] = CancelShiftForm()
        if context["has_started"]:
            context["team_hours_form"] = extra.get("team_hours_form") or TeamHoursForm(
                volunteers=[s.user for s in people["confirmed"]]
            )
    context.update(extra)
    return render(request, "volunteers/shift_detail.html", context, status=status)


@in_hub_time
def shift_detail(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    return _shift_page(request, hub, selectors.shift_get(hub=hub, pk=pk))


def _refused(request: HttpRequest, hub: Hub, shift: Shift, error: ValidationError) -> HttpResponse:
    return _shift_page(
        request, hub, selectors.shift_get(hub=hub, pk=shift.pk), status=400, errors=error.messages
    )


@require_POST
@login_required
@in_hub_time
def signup(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    shift = selectors.shift_get(hub=hub, pk=pk)
    try:
        result = services.sign_up(
            shift=shift, user=request.user, waiting_list=request.POST.get("waiting_list") == "1"
        )
    except ValidationError as error:
        return _refused(request, hub, shift, error)
    if result.status == "confirmed":
        messages.success(request, _("You have a place on this shift. Thank you!"))
    else:
        messages.success(request, _("You are on the waiting list. We tell you if a place becomes free."))
    return redirect(shift.get_absolute_url())


@require_POST
@login_required
@in_hub_time
def signup_cancel(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    shift = selectors.shift_get(hub=hub, pk=pk)
    try:
        services.cancel_signup(shift=shift, user=request.user)
    except ValidationError as error:
        return _refused(request, hub, shift, error)
    messages.success(request, _("You are no longer signed up for this shift."))
    return redirect(shift.get_absolute_url())


@require_POST
@login_required
@in_hub_time
def shift_cancel(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    shift = selectors.shift_get(hub=hub, pk=pk)
    form = CancelShiftForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.shift_cancel(shift=shift, actor=request.user, reason=reason)
    except ValidationError as error:
        return _refused(request, hub, shift, error)
    messages.success(request, _("The shift is cancelled and the volunteers are told."))
    return redirect(shift.get_absolute_url())


@require_POST
@login_required
@in_hub_time
def message(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    shift = selectors.shift_get(hub=hub, pk=pk)
    require(request.user, "volunteers.manage_shifts", shift)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            count = services.message_volunteers(shift=shift, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your message is sent to %(count)d volunteers.") % {"count": count})
            return redirect(shift.get_absolute_url())
    return _shift_page(request, hub, shift, status=400, message_form=form)


@require_POST
@login_required
@in_hub_time
def hours_log(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    shift = selectors.shift_get(hub=hub, pk=pk)
    if request.user.has_perm("volunteers.manage_shifts", shift):
        people = selectors.shift_people(shift=shift)
        form: HoursForm = TeamHoursForm(request.POST, volunteers=[s.user for s in people["confirmed"]])
        key = "team_hours_form"
    else:
        form, key = HoursForm(request.POST), "hours_form"
    if form.is_valid():
        volunteer = (
            get_object_or_404(User, pk=form.cleaned_data["volunteer"])
            if key == "team_hours_form"
            else request.user
        )
        try:
            services.hours_log(
                shift=shift,
                actor=request.user,
                volunteer=volunteer,
                hours=form.cleaned_data["hours"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The hours are logged."))
            return redirect(shift.get_absolute_url())
    if key == "hours_form" and selectors.my_signup(shift=shift, user=request.user) is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    return _shift_page(request, hub, shift, status=400, **{key: form, "errors": form.non_field_errors()})


@require_POST
@login_required
@in_hub_time
def hours_confirm(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    log = get_object_or_404(
        HoursLog.objects.select_related("shift__hub", "shift__initiative"), shift__hub=hub, pk=pk
    )
    try:
        services.hours_confirm(log=log, actor=request.user)
    except ValidationError as error:
        return _refused(request, hub, log.shift, error)
    messages.success(request, _("The hours are confirmed and count in the financing plan."))
    back = request.POST.get("next") or ""
    if back == "initiative":
        return redirect("hubs:volunteers:initiative", hub.slug, log.shift.initiative.slug)
    return redirect(log.shift.get_absolute_url())


@in_hub_time
def day_sheet(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    """The printable list for the day: time, place, role, who is coming (phone with consent)."""
    shift = selectors.shift_get(hub=hub, pk=pk)
    require(request.user, "volunteers.manage_shifts", shift)
    return render(
        request,
        "volunteers/day_sheet.html",
        {
            "hub": hub,
            "shift": shift,
            "initiative": shift.initiative,
            "people": selectors.shift_people(shift=shift),
        },
    )


# Calendars ------------------------------------------------------------------------------------


def shift_ics(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    shift = selectors.shift_get(hub=hub_get(slug=hub_slug), pk=pk)
    return ical.calendar_response(
        [shift], name=shift.initiative.title, filename=f"shift-{shift.pk}.ics", download=True
    )


def _my_calendar(hub: Hub, user: Any) -> HttpResponse:
    shifts = [signup.shift for signup in selectors.my_signups(user=user, hub=hub)]
    return ical.calendar_response(
        shifts, name=_("My shifts, %(hub)s") % {"hub": hub.name}, filename="my-shifts.ics"
    )


@login_required
def my_calendar(request: HttpRequest, hub_slug: str) -> HttpResponse:
    return _my_calendar(hub_get(slug=hub_slug), request.user)


def feed_calendar(request: HttpRequest, hub_slug: str, key: str) -> HttpResponse:
    """The personal address for calendar apps (no session): the key is the secret."""
    hub = hub_get(slug=hub_slug)
    if len(key) > 64:
        raise Http404
    return _my_calendar(hub, selectors.feed_user(key=key))


@login_required
@in_hub_time
def my_shifts(request: HttpRequest, hub: Hub) -> HttpResponse:
    if request.method == "POST":
        services.calendar_feed_renew(user=request.user)
        messages.success(request, _("Your calendar has a new address; the old one no longer works."))
        return redirect("hubs:volunteers:mine", hub.slug)
    feed = services.calendar_feed(user=request.user)
    feed_url = request.build_absolute_uri(reverse("hubs:volunteers:feed", args=[hub.slug, feed.key]))
    return render(
        request,
        "volunteers/my_shifts.html",
        {"hub": hub, "signups": selectors.my_signups(user=request.user, hub=hub), "feed_url": feed_url},
    )
