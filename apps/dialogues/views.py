"""Dialogue pages. Views parse the request, call a selector or a service, and render.

A confidential dialogue answers 404 to anyone who is neither a lead nor a party, on every page
(its existence is not revealed); a party who may see it but not do something gets 403."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.dialogues import selectors, services
from apps.dialogues.forms import (
    DialogueForm,
    MeetingForm,
    NextStepForm,
    ParticipantForm,
    PublicationForm,
    ValueForm,
)
from apps.dialogues.models import PUBLIC_PARTS, Dialogue, Participant, Value
from apps.hubs.models import Hub
from apps.hubs.selectors import hub_get


def _confidential(request: HttpRequest, hub_slug: str, pk: int) -> tuple[Hub, Dialogue]:
    """The dialogue for a lead or a party; 404 for anyone else, even when it is published."""
    hub = hub_get(slug=hub_slug)
    dialogue = selectors.dialogue_get(hub=hub, pk=pk, user=request.user)
    if not selectors.can_see_all(request.user, dialogue):
        raise Http404
    return hub, dialogue


def dialogue_list(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    page = paginate(request, selectors.dialogues(hub=hub, user=request.user), per_page=20)
    return render(request, "dialogues/dialogue_list.html", {"hub": hub, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_create(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "dialogues.add_dialogue", hub)
    form = DialogueForm(request.POST or None, hub=hub, initial={"area": request.GET.get("area")})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                dialogue = services.dialogue_create(hub=hub, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The dialogue is saved. It is confidential until you publish parts of it.")
                )
                return redirect(dialogue.get_absolute_url())
        status = 400
    return render(request, "dialogues/dialogue_form.html", {"hub": hub, "form": form}, status=status)


def _detail_context(request: HttpRequest, hub: Hub, dialogue: Dialogue) -> dict[str, Any]:
    full = selectors.can_see_all(request.user, dialogue)
    shown = {key: full or dialogue.is_published(key) for key, _label in PUBLIC_PARTS}
    return {
        "hub": hub,
        "dialogue": dialogue,
        "full": full,
        "shown": shown,
        "participants": list(dialogue.participants.all()),
        "values": list(dialogue.values.all()),
        "meetings": list(dialogue.meetings.all()),
        "next_steps": list(dialogue.next_steps.all()),
        "meeting_form": MeetingForm(prefix="meeting"),
    }


def dialogue_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    """The whole record for the leads and the parties; the published parts for everyone else
    (404 when nothing is published)."""
    hub = hub_get(slug=hub_slug)
    dialogue = selectors.dialogue_get(hub=hub, pk=pk, user=request.user)
    return render(request, "dialogues/dialogue_detail.html", _detail_context(request, hub, dialogue))


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_edit(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub, dialogue = _confidential(request, hub_slug, pk)
    require(request.user, "dialogues.change_dialogue", dialogue)
    fields = ["title", "area", "initiative", "stage", "status", "summary", "conditions", "goals", "solutions"]
    initial = {name: getattr(dialogue, name) for name in [*fields, "private_notes"]}
    form = DialogueForm(request.POST or None, hub=hub, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.dialogue_update(dialogue=dialogue, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The dialogue is updated."))
                return redirect(dialogue.get_absolute_url())
        status = 400
    return render(
        request,
        "dialogues/dialogue_form.html",
        {"hub": hub, "dialogue": dialogue, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def participants(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub, dialogue = _confidential(request, hub_slug, pk)
    require(request.user, "dialogues.manage_participants", dialogue)
    form = ParticipantForm(request.POST or None, hub=hub)
    status = 200
    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove is not None:
            if not remove.isdigit():
                return HttpResponse(_("Choose a party."), status=400)
            participant = get_object_or_404(Participant, dialogue=dialogue, pk=int(remove))
            try:
                services.participant_remove(participant=participant, actor=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                form = ParticipantForm(hub=hub)
                status = 400
            else:
                messages.success(request, _("%(name)s no longer takes part.") % {"name": participant.name})
                return redirect("hubs:dialogues:participants", hub_slug=hub.slug, pk=dialogue.pk)
        elif form.is_valid():
            try:
                participant = services.participant_add(
                    dialogue=dialogue, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("%(name)s takes part now.") % {"name": participant.name})
                return redirect("hubs:dialogues:participants", hub_slug=hub.slug, pk=dialogue.pk)
        else:
            status = 400
    return render(
        request,
        "dialogues/participants.html",
        {"hub": hub, "dialogue": dialogue, "participants": list(dialogue.participants.all()), "form": form},
        status=status,
    )


def _value_participants(request: HttpRequest, dialogue: Dialogue) -> list[Participant]:
    """The parties this person may write values for: all for a lead, their own for a party."""
    everyone = list(dialogue.participants.all())
    if request.user.has_perm("dialogues.manage_participants", dialogue):
        return everyone
    return [p for p in everyone if services.own_party(request.user, p)]


@login_required
@require_http_methods(["GET", "POST"])
def values(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub, dialogue = _confidential(request, hub_slug, pk)
    require(request.user, "dialogues.add_value", dialogue)
    choices = _value_participants(request, dialogue)
    form = ValueForm(request.POST or None, dialogue=dialogue, participants=choices)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.value_add(dialogue=dialogue, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The value is saved."))
                return redirect("hubs:dialogues:values", hub_slug=hub.slug, pk=dialogue.pk)
        status = 400
    return render(
        request,
        "dialogues/values.html",
        {
            "hub": hub,
            "dialogue": dialogue,
            "values": list(dialogue.values.all()),
            "form": form,
            "choices": choices,
        },
        status=status,
    )


@login_required
@require_POST
def value_remove(request: HttpRequest, hub_slug: str, pk: int, value_pk: int) -> HttpResponse:
    hub, dialogue = _confidential(request, hub_slug, pk)
    value = get_object_or_404(Value, dialogue=dialogue, pk=value_pk)
    value.dialogue = dialogue
    services.value_remove(value=value, actor=request.user)
    messages.success(request, _("The value is removed."))
    return redirect("hubs:dialogues:values", hub_slug=hub.slug, pk=dialogue.pk)


@login_required
@require_POST
def meeting_add(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub, dialogue = _confidential(request, hub_slug, pk)
    require(request.user, "dialogues.add_meeting", dialogue)
    form = MeetingForm(request.POST, prefix="meeting")
    if form.is_valid():
        try:
            services.meeting_add(dialogue=dialogue, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect(dialogue.get_absolute_url() + "#meetings")
    context = _detail_context(request, hub, dialogue)
    context["meeting_form"] = form
    return render(request, "dialogues/dialogue_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def next_steps(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub, dialogue = _confidential(request, hub_slug, pk)
    require(request.user, "dialogues.add_next_step", dialogue)
    form = NextStepForm(request.POST or None, assignees=services.assignable_users(dialogue))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.next_step_add(dialogue=dialogue, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The next step is a task now; its assignee is told."))
                return redirect("hubs:dialogues:next_steps", hub_slug=hub.slug, pk=dialogue.pk)
        status = 400
    return render(
        request,
        "dialogues/next_steps.html",
        {"hub": hub, "dialogue": dialogue, "next_steps": list(dialogue.next_steps.all()), "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def publication(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub, dialogue = _confidential(request, hub_slug, pk)
    require(request.user, "dialogues.publish", dialogue)
    form = PublicationForm(request.POST or None, initial={"parts": dialogue.published_parts})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.publication_set(
                    dialogue=dialogue, actor=request.user, parts=form.cleaned_data["parts"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The publication choices are saved."))
                return redirect(dialogue.get_absolute_url())
        status = 400
    return render(
        request, "dialogues/publication.html", {"hub": hub, "dialogue": dialogue, "form": form}, status=status
    )
