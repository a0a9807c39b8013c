"""General meeting pages, under /<hub>/governance/. Views parse the request, call a selector or
a service, and render; times are shown and read in the hub's time zone."""

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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.models import User
from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.governance import selectors, services
from apps.governance.forms import BallotForm, MeetingEditForm, MeetingForm, MotionForm, ReceiptForm, VoteForm
from apps.governance.models import Ballot, Meeting
from apps.hubs.models import Hub
from apps.hubs.rules import is_member
from apps.hubs.selectors import approved_members, hub_get

RECEIPT_SESSION_KEY = "governance.receipts"


def in_hub_time(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run the view with the hub's time zone active (forms read and templates show local time)."""

    @wraps(view)
    def wrapper(request: HttpRequest, hub_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        hub = hub_get(slug=hub_slug)
        with timezone.override(hub.zone):
            return view(request, hub, *args, **kwargs)

    return wrapper


def _agenda_lines(text: str) -> list[str]:
    return [line for line in (text or "").splitlines() if line.strip()]


# Meetings ----------------------------------------------------------------------------------


@in_hub_time
def meeting_list(request: HttpRequest, hub: Hub) -> HttpResponse:
    page = paginate(request, selectors.meetings(hub=hub), per_page=12)
    return render(request, "governance/meeting_list.html", {"hub": hub, "page": page, "manage": False})


@login_required
@in_hub_time
def manage(request: HttpRequest, hub: Hub) -> HttpResponse:
    """The stewards' overview: every meeting with its state and what is left to do."""
    require(request.user, "governance.manage_meetings", hub)
    page = paginate(request, selectors.meetings(hub=hub), per_page=20)
    return render(request, "governance/meeting_list.html", {"hub": hub, "page": page, "manage": True})


@login_required
@require_http_methods(["GET", "POST"])
@in_hub_time
def meeting_create(request: HttpRequest, hub: Hub) -> HttpResponse:
    require(request.user, "governance.manage_meetings", hub)
    form = MeetingForm(request.POST or None, initial={"kind": Meeting.Kind.ANNUAL})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = services.meeting_create(
                    hub=hub,
                    actor=request.user,
                    kind=data["kind"],
                    title=data["title"],
                    starts_at=data["starts_at"],
                    place=data["place"],
                    agenda=_agenda_lines(data["agenda"]),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The meeting is called."))
                return redirect(meeting.get_absolute_url())
        status = 400
    return render(request, "governance/meeting_form.html", {"hub": hub, "form": form}, status=status)


@in_hub_time
def meeting_detail(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(hub=hub, pk=pk)
    return render(request, "governance/meeting_detail.html", {"hub": hub, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
@in_hub_time
def meeting_edit(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(hub=hub, pk=pk)
    require(request.user, "governance.manage_meetings", meeting)
    initial = {
        "kind": meeting.kind,
        "title": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at),
        "place": meeting.place,
        "agenda": "\n".join(i.title for i in meeting.agenda_items.all()),
        "minutes": meeting.minutes,
    }
    form = MeetingEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.meeting_update(
                    meeting=meeting,
                    actor=request.user,
                    kind=data["kind"],
                    title=data["title"],
                    starts_at=data["starts_at"],
                    place=data["place"],
                    agenda=_agenda_lines(data["agenda"]),
                    minutes=data["minutes"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The meeting is saved."))
                return redirect(meeting.get_absolute_url())
        status = 400
    return render(
        request, "governance/meeting_form.html", {"hub": hub, "form": form, "meeting": meeting}, status=status
    )


@login_required
@require_POST
@in_hub_time
def meeting_advance(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(hub=hub, pk=pk)
    require(request.user, "governance.manage_meetings", meeting)
    try:
        services.meeting_advance(meeting=meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        meeting = selectors.meeting_get(hub=hub, pk=pk)
        return render(request, "governance/meeting_detail.html", {"hub": hub, "meeting": meeting}, status=400)
    if meeting.status == Meeting.Status.CLOSED:
        messages.success(request, _("The meeting is closed. Its decisions are in the public decision log."))
    else:
        messages.success(request, _("The meeting is open."))
    return redirect(meeting.get_absolute_url())


# Motions -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@in_hub_time
def motion_create(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(hub=hub, pk=pk)
    require(request.user, "governance.propose_motion", meeting)
    organisations = services.voting_organisations(hub=hub, user=request.user)
    form = MotionForm(
        request.POST or None, organisations=organisations, is_member=is_member(request.user, hub)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            chosen = form.cleaned_data.get("organisation")
            organisation = next((o for o in organisations if o.pk == chosen), None)
            try:
                motion = services.motion_create(
                    meeting=meeting,
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    organisation=organisation,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your motion is submitted to the meeting."))
                return redirect(motion.get_absolute_url())
        status = 400
    return render(
        request, "governance/motion_form.html", {"hub": hub, "meeting": meeting, "form": form}, status=status
    )


@login_required
@require_POST
@in_hub_time
def motion_withdraw(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    motion = selectors.motion_get(hub=hub, pk=pk)
    try:
        services.motion_withdraw(motion=motion, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        meeting = selectors.meeting_get(hub=hub, pk=motion.meeting_id)
        return render(request, "governance/meeting_detail.html", {"hub": hub, "meeting": meeting}, status=400)
    messages.success(request, _("The motion is withdrawn."))
    return redirect(motion.get_absolute_url())


# Ballots -----------------------------------------------------------------------------------


def _members(hub: Hub) -> Any:
    return User.objects.filter(pk__in=approved_members(hub=hub).values("user_id")).order_by("name", "email")


@login_required
@require_http_methods(["GET", "POST"])
@in_hub_time
def ballot_create(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(hub=hub, pk=pk)
    require(request.user, "governance.manage_meetings", meeting)
    initial: dict[str, Any] = {"kind": Ballot.Kind.MOTION, "seats": 1}
    if request.GET.get("motion", "").isdigit():
        initial["motion"] = int(request.GET["motion"])
    form = BallotForm(request.POST or None, meeting=meeting, members=_members(hub), initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                ballot = services.ballot_create(
                    meeting=meeting,
                    actor=request.user,
                    kind=data["kind"],
                    title=data["title"],
                    motion=data["motion"],
                    seats=data["seats"] or 1,
                    secret=data["secret"],
                    candidates=list(data["candidates"]),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The ballot is ready as a draft. Open it when the meeting votes.")
                )
                return redirect(ballot.get_absolute_url())
        status = 400
    return render(
        request, "governance/ballot_form.html", {"hub": hub, "meeting": meeting, "form": form}, status=status
    )


def _ballot_context(
    request: HttpRequest, hub: Hub, ballot: Ballot, form: VoteForm | None = None
) -> dict[str, Any]:
    options = selectors.vote_options(ballot=ballot, user=request.user)
    can_vote = ballot.is_open and any(not o.cast for o in options)
    if can_vote and form is None:
        form = VoteForm(ballot=ballot, options=options)
    receipts: dict[str, str] = (
        request.session.get(RECEIPT_SESSION_KEY, {}) if request.user.is_authenticated else {}
    )
    # A receipt is shown once: it leaves the session as it is shown.
    shown = receipts.pop(str(ballot.pk), None)
    if shown is not None:
        request.session[RECEIPT_SESSION_KEY] = receipts
    return {
        "hub": hub,
        "ballot": ballot,
        "meeting": ballot.meeting,
        "options": options,
        "vote_form": form if can_vote else None,
        "results": selectors.results(ballot),
        "open_votes": selectors.open_votes(ballot)
        if request.user.has_perm("governance.view_open_votes", ballot)
        else [],
        "receipts": shown or [],
    }


@in_hub_time
def ballot_detail(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    ballot = selectors.ballot_get(hub=hub, pk=pk)
    return render(request, "governance/ballot_detail.html", _ballot_context(request, hub, ballot))


@login_required
@require_POST
@in_hub_time
def vote(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
    ballot = selectors.ballot_get(hub=hub, pk=pk)
    require(request.user, "governance.hold_vote", hub)
    options = selectors.vote_options(ballot=ballot, user=request.user)
    form = VoteForm(request.POST, ballot=ballot, options=options)
    if form.is_valid():
        raw = form.cleaned_data["voter"]
        # The form offers only the options the person holds, so `raw` names one of them.
        organisation = next((o.organisation for o in options if o.value == raw), None)
        try:
            cast = services.vote_cast(
                ballot=ballot,
                actor=request.user,
                organisation=organisation,
                choice=form.cleaned_data.get("choice", ""),
                candidates=list(form.cleaned_data.get("candidates") or []),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if cast.receipt:
                receipts = request.session.get(RECEIPT_SESSION_KEY, {})
                receipts.setdefault(str(ballot.pk), []).append(
                    {"code": cast.receipt, "for": organisation.name if organisation else ""}
                )
                request.session[RECEIPT_SESSION_KEY] = receipts
            if organisation is not None:
                messages.success(request, _("The vote of %(name)s is counted.") % {"name": organisation.name})
            else:
                messages.success(request, _("Your vote is counted."))
            return redirect(ballot.get_absolute_url())
    ballot = selectors.ballot_get(hub=hub, pk=pk)
    return render(
        request, "governance/ballot_detail.html", _ballot_context(request, hub, ballot, form), status=400
    )


def _ballot_action(action: Callable[..., Any], done: Any) -> Callable[..., HttpResponse]:
    @login_required
    @require_POST
    @in_hub_time
    def view(request: HttpRequest, hub: Hub, pk: int) -> HttpResponse:
        ballot = selectors.ballot_get(hub=hub, pk=pk)
        require(request.user, "governance.manage_meetings", ballot)
        try:
            action(ballot=ballot, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            ballot = selectors.ballot_get(hub=hub, pk=pk)
            return render(
                request, "governance/ballot_detail.html", _ballot_context(request, hub, ballot), status=400
            )
        messages.success(request, str(done))
        return redirect(ballot.get_absolute_url())

    view.__name__ = action.__name__
    return view


ballot_open = _ballot_action(
    services.ballot_open, gettext_lazy("The ballot is open. Members and partners are told.")
)
ballot_close = _ballot_action(services.ballot_close, gettext_lazy("The ballot is closed and counted."))
ballot_draw = _ballot_action(services.ballot_draw, gettext_lazy("Lots are drawn and the draw is recorded."))


# Public pages ------------------------------------------------------------------------------


@in_hub_time
def receipt_check(request: HttpRequest, hub: Hub) -> HttpResponse:
    """Anyone with a receipt code checks that the secret vote it belongs to was counted."""
    form = ReceiptForm(request.GET or None)
    found: Ballot | None = None
    checked = False
    status = 200
    if request.GET:
        if form.is_valid():
            checked = True
            found = services.receipt_check(hub=hub, code=form.cleaned_data["code"])
        else:
            status = 400
    return render(
        request,
        "governance/receipt_check.html",
        {"hub": hub, "form": form, "found": found, "checked": checked},
        status=status,
    )


@in_hub_time
def decision_log(request: HttpRequest, hub: Hub) -> HttpResponse:
    page = paginate(request, selectors.decisions(hub=hub), per_page=10)
    return render(request, "governance/decision_log.html", {"hub": hub, "page": page})
