"""Goal pages. Views parse the request, call a selector or a service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.forms import add_service_errors
from apps.core.permissions import require
from apps.goals import selectors, services
from apps.goals.forms import HubGoalForm, LocalTargetForm, TagForm
from apps.hubs.selectors import hub_get


def goal_list(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    return render(
        request,
        "goals/goal_list.html",
        # Lazy: read only when their cached HTML (under the hub's version) is missing.
        {"hub": hub, "goals": selectors.hub_goals(hub=hub), "sdg_goals": selectors.sdg_goals()},
    )


def goal_detail(request: HttpRequest, hub_slug: str, code: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    goal = selectors.hub_goal_get(hub=hub, code=code)
    return render(
        request,
        "goals/goal_detail.html",
        {"hub": hub, "goal": goal, "tagged": selectors.objects_tagged_with(hub=hub, hub_goal=goal)},
    )


def sdg_goal(request: HttpRequest, hub_slug: str, number: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    goal = selectors.sdg_goal_get(number=number)
    local_by_target: dict[int, list] = {}
    for target in selectors.local_targets(hub=hub).filter(sdg_target__goal=goal):
        local_by_target.setdefault(target.sdg_target_id, []).append(target)
    targets = [(target, local_by_target.get(target.pk, [])) for target in goal.targets.all()]
    return render(
        request,
        "goals/sdg_goal.html",
        {
            "hub": hub,
            "sdg": goal,
            "targets": targets,
            "hub_goals": list(selectors.hub_goals_serving(hub=hub, sdg_goal=goal)),
            "tagged": selectors.objects_tagged_with(hub=hub, sdg_goal=goal),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "goals.change_goals", hub)
    form = HubGoalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                goal = services.hub_goal_create(actor=request.user, hub=hub, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The goal was created."))
                return redirect("hubs:goals:detail", hub_slug=hub.slug, code=goal.code)
        status = 400
    return render(request, "goals/goal_form.html", {"hub": hub, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, hub_slug: str, code: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    goal = selectors.hub_goal_get(hub=hub, code=code)
    require(request.user, "goals.change_goals", hub)
    form = HubGoalForm(request.POST or None, initial=HubGoalForm.initial_for(goal))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.hub_goal_update(actor=request.user, goal=goal, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
                goal.code = code  # the page's links keep the saved code
            else:
                messages.success(request, _("The goal was saved."))
                return redirect("hubs:goals:detail", hub_slug=hub.slug, code=goal.code)
        status = 400
    return render(request, "goals/goal_form.html", {"hub": hub, "form": form, "goal": goal}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def local_target_create(request: HttpRequest, hub_slug: str, code: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    goal = selectors.hub_goal_get(hub=hub, code=code)
    require(request.user, "goals.change_goals", hub)
    form = LocalTargetForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.local_target_create(actor=request.user, hub_goal=goal, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The local target was added."))
                return redirect("hubs:goals:detail", hub_slug=hub.slug, code=goal.code)
        status = 400
    return render(
        request, "goals/local_target_form.html", {"hub": hub, "goal": goal, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def local_target_edit(request: HttpRequest, hub_slug: str, code: str, target_code: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    goal = selectors.hub_goal_get(hub=hub, code=code)
    target = selectors.local_target_get(goal=goal, code=target_code)
    require(request.user, "goals.change_goals", hub)
    form = LocalTargetForm(request.POST or None, initial=LocalTargetForm.initial_for(target))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.local_target_update(actor=request.user, target=target, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
                target.code = target_code
            else:
                messages.success(request, _("The local target was saved."))
                return redirect("hubs:goals:detail", hub_slug=hub.slug, code=goal.code)
        status = 400
    return render(
        request,
        "goals/local_target_form.html",
        {"hub": hub, "goal": goal, "target": target, "form": form},
        status=status,
    )


def _safe_next(request: HttpRequest, url: str, fallback: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


@login_required
@require_POST
def tag(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """Tag (action=add) or untag (action=remove) one of the hub's things; back to `next`."""
    hub = hub_get(slug=hub_slug)
    require(request.user, "goals.tag_object", hub)
    form = TagForm(request.POST, hub=hub)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("action") == "remove":
                services.goal_tag_remove(actor=request.user, obj=data["obj"], hub=hub, **data["tag"])
                messages.success(request, _("The tag was removed."))
            else:
                services.goal_tag_add(actor=request.user, obj=data["obj"], hub=hub, **data["tag"])
                messages.success(request, _("The tag was added."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            fallback = data["obj"].get_absolute_url() if hasattr(data["obj"], "get_absolute_url") else ""
            return redirect(_safe_next(request, data.get("next", ""), fallback or f"/{hub.slug}/goals/"))
    back = _safe_next(request, request.POST.get("next", "")[:500], f"/{hub.slug}/goals/")
    return render(request, "goals/tag_error.html", {"hub": hub, "form": form, "back": back}, status=400)
