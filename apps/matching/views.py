"""Pages of matchmaking: "Suggested for you", an initiative's needs and suggestions, and the
stewards' introductions. Views parse the request, call a selector or a service, and render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.models import User
from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.hubs.models import Hub
from apps.hubs.selectors import hub_get
from apps.initiatives.models import Initiative
from apps.initiatives.selectors import initiative_get
from apps.matching import selectors, services
from apps.matching.forms import AnswerForm, IntroductionFilterForm, IntroductionForm, NeedForm
from apps.matching.models import Introduction
from apps.organisations.models import Organisation
from apps.organisations.rules import represented_ids

PER_PAGE = 20


@login_required
def mine(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """Suggested for you: initiatives that fit, and introductions waiting for your answer."""
    hub = hub_get(slug=hub_slug)
    return render(request, "matching/mine.html", _mine_context(request, hub))


def _mine_context(request: HttpRequest, hub: Hub, **extra: Any) -> dict[str, Any]:
    can_see = request.user.has_perm("matching.view_my_suggestions", hub)
    suggestions = selectors.suggestions_for_member(hub=hub, user=request.user) if can_see else []
    waiting = selectors.introductions_for(
        hub=hub, user=request.user, represented=represented_ids(request.user)
    )
    return {
        "hub": hub,
        "can_see": can_see,
        "suggestions": suggestions,
        "introductions": list(waiting[:50]),
        **extra,
    }


def _needs_context(request: HttpRequest, hub: Hub, initiative: Initiative, **extra: Any) -> dict[str, Any]:
    can_manage = request.user.has_perm("matching.manage_needs", initiative)
    can_suggest = request.user.has_perm("matching.view_suggestions", initiative)
    can_introduce = request.user.has_perm("matching.introduce", initiative)
    people: list[Any] = []
    organisations: list[Any] = []
    if can_suggest:
        people, organisations = selectors.suggestions_for_initiative(initiative=initiative)
    return {
        "hub": hub,
        "initiative": initiative,
        "needs": selectors.needs(initiative=initiative),
        "can_manage": can_manage,
        "can_suggest": can_suggest,
        "can_introduce": can_introduce,
        "people": people,
        "organisations": organisations,
        "introductions": list(selectors.initiative_introductions(initiative=initiative)[:50])
        if can_suggest
        else [],
        "need_form": extra.pop("need_form", None) or (NeedForm() if can_manage else None),
        **extra,
    }


def needs(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = initiative_get(hub=hub, slug=initiative_slug)
    return render(request, "matching/needs.html", _needs_context(request, hub, initiative))


@login_required
@require_POST
def need_add(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = initiative_get(hub=hub, slug=initiative_slug)
    require(request.user, "matching.manage_needs", initiative)
    form = NeedForm(request.POST)
    if form.is_valid():
        try:
            services.need_add(
                actor=request.user,
                initiative=initiative,
                kind=form.cleaned_data["kind"],
                competence=form.cleaned_data["competence"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The need is on the list."))
            return redirect("hubs:matching:needs", hub_slug=hub.slug, initiative_slug=initiative.slug)
    return render(
        request, "matching/needs.html", _needs_context(request, hub, initiative, need_form=form), status=400
    )


@login_required
@require_POST
def need_remove(request: HttpRequest, hub_slug: str, initiative_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = initiative_get(hub=hub, slug=initiative_slug)
    need = selectors.need_get(initiative=initiative, pk=pk)
    services.need_remove(actor=request.user, need=need)
    messages.success(request, _("The need is off the list."))
    return redirect("hubs:matching:needs", hub_slug=hub.slug, initiative_slug=initiative.slug)


@login_required
@require_POST
def introduce(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = initiative_get(hub=hub, slug=initiative_slug)
    require(request.user, "matching.introduce", initiative)
    form = IntroductionForm(request.POST)
    if form.is_valid():
        user = (
            User.objects.filter(pk=form.cleaned_data["user"]).first() if form.cleaned_data["user"] else None
        )
        organisation = (
            Organisation.objects.filter(pk=form.cleaned_data["organisation"]).first()
            if form.cleaned_data["organisation"]
            else None
        )
        reasons = [r for r in form.cleaned_data["reasons"].split("\n") if r.strip()]
        try:
            services.introduction_create(
                actor=request.user,
                initiative=initiative,
                user=user,
                organisation=organisation,
                note=form.cleaned_data["note"],
                reasons=reasons,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The introduction is sent. Both sides have been told."))
            return redirect("hubs:matching:needs", hub_slug=hub.slug, initiative_slug=initiative.slug)
    return render(
        request,
        "matching/needs.html",
        _needs_context(request, hub, initiative, introduce_form=form),
        status=400,
    )


@login_required
def introductions(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """The stewards' overview of every introduction in the hub."""
    hub = hub_get(slug=hub_slug)
    require(request.user, "matching.view_introductions", hub)
    form = IntroductionFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = paginate(request, selectors.introductions(hub=hub, status=status), per_page=PER_PAGE)
    return render(
        request,
        "matching/introductions.html",
        {"hub": hub, "page": page, "introductions": list(page.object_list), "form": form, "status": status},
    )


@login_required
@require_POST
def introduction_answer(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    introduction: Introduction = selectors.introduction_get(hub=hub, pk=pk)
    require(request.user, "matching.answer_introduction", introduction)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.introduction_answer(
                actor=request.user,
                introduction=introduction,
                accept=form.cleaned_data["decision"] == "accept",
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your answer has been passed on."))
            return redirect("hubs:matching:mine", hub_slug=hub.slug)
    context = _mine_context(request, hub, answer_form=form, answer_for=introduction.pk)
    return render(request, "matching/mine.html", context, status=400)
