"""Resident group pages under /<hub>/residents/: a steward's settings, and a person's own answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.permissions import require
from apps.hubs.selectors import hub_get
from apps.places.models import AreaLevel
from apps.residents import selectors, services
from apps.residents.models import DemographicQuestion


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {key: [str(m) for e in value for m in e.messages] for key, value in exc.error_dict.items()}
    return {"__all__": list(exc.messages)}


@login_required
@require_http_methods(["GET", "POST"])
def group_settings(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "residents.manage_groups", hub)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            if request.POST.get("form") == "question":
                services.question_add(
                    hub=hub,
                    actor=request.user,
                    text=request.POST.get("text", ""),
                    choices=request.POST.get("choices", "").splitlines(),
                )
                messages.success(request, _("Question added."))
            else:
                level_id = request.POST.get("area_level", "")
                level = AreaLevel.objects.filter(hub=hub, pk=level_id).first() if level_id.isdigit() else None
                services.settings_update(
                    hub=hub,
                    actor=request.user,
                    enabled=bool(request.POST.get("enabled")),
                    ask_age=bool(request.POST.get("ask_age")),
                    ask_area=bool(request.POST.get("ask_area")),
                    area_level=level,
                )
                messages.success(request, _("Changes saved."))
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            return redirect("hubs:residents:settings", hub_slug=hub.slug)
    return render(
        request,
        "residents/settings.html",
        {
            "hub": hub,
            "settings": selectors.group_settings(hub=hub),
            "levels": list(AreaLevel.objects.filter(hub=hub).order_by("depth")),
            "custom": list(
                DemographicQuestion.objects.filter(hub=hub, kind=DemographicQuestion.Kind.CUSTOM, active=True)
            ),
            "errors": errors,
            "posted": request.POST,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def question_retire(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    question = get_object_or_404(DemographicQuestion.objects.select_related("hub"), hub=hub, pk=pk)
    try:
        services.question_retire(question=question, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The question is no longer asked."))
    return redirect("hubs:residents:settings", hub_slug=hub.slug)


@login_required
@require_http_methods(["GET", "POST"])
def my_groups(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """A person's own answers in this hub ("my profile" for the hub): seen and changed only by them."""
    hub = hub_get(slug=hub_slug)
    require(request.user, "residents.answer_groups", hub)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            services.answers_save(person=request.user, hub=hub, raw=request.POST)
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Your answers are saved."))
            return redirect("hubs:residents:me", hub_slug=hub.slug)
    questions = selectors.active_questions(hub=hub)
    answers = selectors.answers_of(person=request.user, hub=hub)
    for question in questions:
        question.answer = request.POST.get(question.field, "") if errors else answers.get(question.id, "")
    return render(
        request,
        "residents/me.html",
        {"hub": hub, "group_questions": questions, "group_errors": errors},
        status=400 if errors else 200,
    )
