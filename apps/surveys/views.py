"""Survey and concept-vote pages, under /<hub>/surveys/. Views parse the request, call a
selector or a service, and render."""

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from apps.core import csv as csv_export
from apps.core.documents import inline_image
from apps.core.forms import add_service_errors
from apps.core.maps import map_tiles
from apps.core.permissions import is_public, require
from apps.hubs.selectors import hub_get
from apps.participation.spaces import space_from_key
from apps.residents import selectors as resident_selectors
from apps.surveys import selectors, services
from apps.surveys.forms import (
    BallotForm,
    ConceptForm,
    QuestionForm,
    SurveyForm,
    VoteForm,
    answers_from_post,
)
from apps.surveys.models import Concept, Question

# Index --------------------------------------------------------------------------------


def index(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    surveys = list(selectors.hub_surveys(hub=hub, user=request.user).order_by("-created_at")[:100])
    votes = list(selectors.hub_votes(hub=hub, user=request.user).order_by("-created_at")[:100])
    return render(
        request,
        "surveys/index.html",
        {
            "hub": hub,
            "surveys": surveys,
            "votes": votes,
            "can_create": request.user.has_perm(
                "surveys.add_survey",
                space_from_key(hub, "hub"),  # type: ignore[arg-type]
            ),
        },
    )


# Surveys: organisers -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    space = space_from_key(hub, space_key)
    require(request.user, "surveys.add_survey", space)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(space=space, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The survey is saved as a draft. Now add its questions."))
            return redirect("hubs:surveys:survey_edit", hub_slug=hub.slug, pk=survey.pk)
    return render(
        request,
        "surveys/survey_form.html",
        {"hub": hub, "space": space, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    survey = selectors.survey_get(hub=hub, pk=pk)
    require(request.user, "surveys.change_survey", survey)
    form = SurveyForm(request.POST if request.POST.get("form") == "survey" else None, instance=survey)
    question_form = QuestionForm(
        request.POST if request.POST.get("form") == "question" else None, prefix="new"
    )
    status = 200
    if request.method == "POST":
        if request.POST.get("form") == "survey" and form.is_valid():
            try:
                services.survey_update(survey=survey, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("hubs:surveys:survey_edit", hub_slug=hub.slug, pk=survey.pk)
        elif request.POST.get("form") == "question" and question_form.is_valid():
            try:
                services.question_add(survey=survey, actor=request.user, **question_form.service_kwargs())
            except ValidationError as exc:
                add_service_errors(question_form, exc)
            else:
                messages.success(request, _("Question added."))
                return redirect("hubs:surveys:survey_edit", hub_slug=hub.slug, pk=survey.pk)
        status = 400
    return render(
        request,
        "surveys/survey_edit.html",
        {
            "hub": hub,
            "survey": survey,
            "space": survey.space,
            "form": form,
            "question_form": question_form,
            "questions": list(survey.questions.all()),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, hub_slug: str, pk: int, question_id: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    survey = selectors.survey_get(hub=hub, pk=pk)
    require(request.user, "surveys.change_survey", survey)
    question = get_object_or_404(Question, survey=survey, pk=question_id)
    question.survey = survey
    form = QuestionForm.for_question(question, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Question saved."))
            return redirect("hubs:surveys:survey_edit", hub_slug=hub.slug, pk=survey.pk)
    return render(
        request,
        "surveys/question_form.html",
        {"hub": hub, "survey": survey, "question": question, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def question_delete(request: HttpRequest, hub_slug: str, pk: int, question_id: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    survey = selectors.survey_get(hub=hub, pk=pk)
    question = get_object_or_404(Question, survey=survey, pk=question_id)
    question.survey = survey
    try:
        services.question_delete(question=question, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Question removed."))
    return redirect("hubs:surveys:survey_edit", hub_slug=hub.slug, pk=survey.pk)


@login_required
@require_POST
def survey_status(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    survey = selectors.survey_get(hub=hub, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.survey_open(survey=survey, actor=request.user)
            messages.success(request, _("The survey is open for answers."))
        elif action == "close":
            services.survey_close(survey=survey, actor=request.user)
            messages.success(request, _("The survey is closed. The results are public."))
        else:
            return HttpResponse(_("Unknown action."), status=400)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("hubs:surveys:survey_edit", hub_slug=hub.slug, pk=survey.pk)
    return redirect("hubs:surveys:survey", hub_slug=hub.slug, pk=survey.pk)


# Surveys: answering ----------------------------------------------------------------------

DEVICE_COOKIE = "alm_device"
DEVICE_SALT = "surveys.device"
DEVICE_MAX_AGE = 365 * 24 * 3600


def _device_id(request: HttpRequest) -> tuple[str, bool]:
    """This browser's random id from its signed device cookie, and whether the cookie is new."""
    device = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT)
    if device and len(device) == 32:
        return device, False
    return uuid.uuid4().hex, True


def _set_device(response: HttpResponse, device: str) -> HttpResponse:
    response.set_signed_cookie(
        DEVICE_COOKIE,
        device,
        salt=DEVICE_SALT,
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG,
    )
    return response


def _group_questions(request: HttpRequest, hub: Any, posted: bool) -> list[Any]:
    """The resident-group questions to ask with an answer (asked once per signed-in person)."""
    questions = resident_selectors.questions_to_ask(person=request.user, hub=hub)
    if posted:
        for question in questions:
            question.answer = request.POST.get(question.field, "")
    return questions


def _answer_fields(
    questions: list[Question], raw: dict[int, Any], errors: dict[str, list[str]]
) -> list[dict]:
    """What the answer page shows for each question: its current value and its errors."""
    fields = []
    for question in questions:
        value = raw.get(question.pk)
        item: dict[str, Any] = {
            "question": question,
            "name": f"q{question.pk}",
            "errors": errors.get(f"q{question.pk}", []),
            "value": value if isinstance(value, str) else "",
        }
        if question.kind in Question.CHOICE_KINDS:
            chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
            ranks = value if question.kind == Question.Kind.RANKING and isinstance(value, list) else []
            item["options"] = [
                {
                    "index": i,
                    "label": label,
                    "checked": str(i) in chosen,
                    "rank": str(ranks[i]) if i < len(ranks) else "",
                }
                for i, label in enumerate(question.options)
            ]
            item["ranks"] = [str(r) for r in range(1, len(question.options) + 1)]
        elif question.kind == Question.Kind.SCALE:
            item["scale"] = [str(v) for v in question.scale_values]
        elif question.kind == Question.Kind.POINT:
            point = value if isinstance(value, dict) else {}
            item["lon"], item["lat"] = point.get("lon", ""), point.get("lat", "")
        fields.append(item)
    return fields


@require_http_methods(["GET", "POST"])
def survey_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    """The answer page (phone-friendly, works without JavaScript)."""
    hub = hub_get(slug=hub_slug)
    survey = selectors.survey_get(hub=hub, pk=pk)
    require(request.user, "surveys.view_survey", survey)
    questions = list(survey.questions.all())
    raw: dict[int, Any] = {}
    errors: dict[str, list[str]] = {}
    form_errors: list[str] = []
    status = 200
    anonymous = not request.user.is_authenticated
    device, new_device = _device_id(request) if anonymous and survey.allow_anonymous else ("", False)
    if request.method == "POST":
        if not request.user.has_perm("surveys.answer_survey", survey):
            return redirect_to_login(request.get_full_path())
        if not request.user.is_authenticated and is_ratelimited(
            request,
            group="surveys.anonymous_answer",
            key="ip",
            rate=settings.SURVEY_ANON_RATE,
            increment=True,
        ):
            return render(
                request,
                "surveys/message.html",
                {
                    "hub": hub,
                    "title": _("Too many answers"),
                    "text": _("Too many answers came from your network just now. Please try again later."),
                },
                status=429,
            )
        raw = answers_from_post(questions, request.POST)
        try:
            services.response_submit(
                survey=survey,
                user=request.user,
                answers=raw,
                groups=request.POST,
                device=device if anonymous and not new_device else None,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                errors = {
                    key: [str(m) for e in value for m in e.messages] for key, value in exc.error_dict.items()
                }
            else:
                form_errors = exc.messages
            status = 400
        else:
            messages.success(request, _("Thank you! Your answers are saved."))
            if request.user.has_perm("surveys.view_survey_results", survey):
                return redirect("hubs:surveys:results", hub_slug=hub.slug, pk=survey.pk)
            return redirect("hubs:surveys:survey", hub_slug=hub.slug, pk=survey.pk)
    already = selectors.has_responded(survey=survey, user=request.user)
    boundary = survey.space.boundary() if any(q.kind == Question.Kind.POINT for q in questions) else None
    page = render(
        request,
        "surveys/survey_detail.html",
        {
            "hub": hub,
            "survey": survey,
            "space": survey.space,
            "fields": _answer_fields(questions, raw, errors),
            "errors": errors,
            "form_errors": form_errors,
            "already": already,
            "can_answer": request.user.has_perm("surveys.answer_survey", survey),
            "can_edit": request.user.has_perm("surveys.change_survey", survey),
            "can_see_results": request.user.has_perm("surveys.view_survey_results", survey),
            "can_enter": request.user.has_perm("surveys.enter_survey_answers", survey),
            "has_map": boundary is not None or any(q.kind == Question.Kind.POINT for q in questions),
            "map_data": {"boundary": boundary, **map_tiles()},
            "group_questions": _group_questions(request, hub, request.method == "POST"),
            "group_errors": errors,
        },
        status=status,
    )
    return _set_device(page, device) if new_device else page


def survey_results(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    survey = selectors.survey_get(hub=hub, pk=pk)
    require(request.user, "surveys.view_survey_results", survey)
    channel = selectors.clean_channel(request.GET.get("channel"))
    results = selectors.survey_results(survey=survey, channel=channel)
    points = [
        {"question": item["id"], "points": item["points"]}
        for item in results["questions"]
        if "points" in item
    ]
    return render(
        request,
        "surveys/survey_results.html",
        {
            "hub": hub,
            "survey": survey,
            "space": survey.space,
            "results": results,
            "charts": selectors.chart_data(results),
            "points": points,
            "map_data": {"boundary": survey.space.boundary(), **map_tiles()},
            "can_export": request.user.has_perm("surveys.export_responses", survey),
            "can_edit": request.user.has_perm("surveys.change_survey", survey),
            "channel": channel,
            "channels": selectors.channel_counts(item=survey),
            "breakdowns": selectors.survey_group_breakdowns(survey=survey, channel=channel),
        },
    )


def _answer_cell(question: Question, answer: Any) -> str:
    if answer is None:
        return ""
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.RANKING):
        labels = [question.options[i] for i in answer.choices if 0 <= i < len(question.options)]
        return " > ".join(labels) if question.kind == Question.Kind.RANKING else "; ".join(labels)
    if question.kind == Question.Kind.SCALE:
        return "" if answer.number is None else str(answer.number)
    if question.kind == Question.Kind.POINT:
        return "" if answer.lon is None else f"{answer.lon:.6f} {answer.lat:.6f}"
    return answer.text


@login_required
def survey_export(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    """One row per response, answers as columns. Names only for moderators (hub leads)."""
    hub = hub_get(slug=hub_slug)
    survey = selectors.survey_get(hub=hub, pk=pk)
    require(request.user, "surveys.export_responses", survey)
    named = request.user.has_perm("surveys.see_respondents", survey)
    questions, responses, answers = selectors.responses_for_export(survey=survey)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{slugify(survey.title) or 'survey'}-{survey.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv_export.writer(response)
    header = [_("Response"), _("Answered at")]
    if named:
        header += [_("Respondent"), _("E-mail")]
    writer.writerow(header + [f"{q.position}. {q.text}" for q in questions])
    for number, item in enumerate(responses, start=1):
        row = [str(number), timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M")]
        if named:
            person = item.respondent
            row += [
                person.name if person else _("(not signed in)"),
                person.email if person else "",
            ]
        row += [_answer_cell(q, answers.get(item.pk, {}).get(q.pk)) for q in questions]
        writer.writerow(row)
    return response


# Concept votes -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def vote_create(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    space = space_from_key(hub, space_key)
    require(request.user, "surveys.add_vote", space)
    form = VoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vote = services.vote_create(space=space, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The vote is saved as a draft. Now add the concepts."))
            return redirect("hubs:surveys:vote_edit", hub_slug=hub.slug, pk=vote.pk)
    return render(
        request,
        "surveys/vote_form.html",
        {"hub": hub, "space": space, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def vote_edit(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    vote = selectors.vote_get(hub=hub, pk=pk)
    require(request.user, "surveys.change_vote", vote)
    which = request.POST.get("form")
    form = VoteForm(request.POST if which == "vote" else None, instance=vote)
    concept_form = ConceptForm(
        request.POST if which == "concept" else None,
        request.FILES if which == "concept" else None,
        prefix="new",
    )
    status = 200
    if request.method == "POST":
        if which == "vote" and form.is_valid():
            try:
                services.vote_update(vote=vote, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("hubs:surveys:vote_edit", hub_slug=hub.slug, pk=vote.pk)
        elif which == "concept" and concept_form.is_valid():
            try:
                services.concept_add(vote=vote, actor=request.user, **concept_form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(concept_form, exc)
            else:
                messages.success(request, _("Concept added."))
                return redirect("hubs:surveys:vote_edit", hub_slug=hub.slug, pk=vote.pk)
        status = 400
    return render(
        request,
        "surveys/vote_edit.html",
        {
            "hub": hub,
            "vote": vote,
            "space": vote.space,
            "form": form,
            "concept_form": concept_form,
            "concepts": list(vote.concepts.all()),
        },
        status=status,
    )


@login_required
@require_POST
def concept_delete(request: HttpRequest, hub_slug: str, pk: int, concept_id: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    vote = selectors.vote_get(hub=hub, pk=pk)
    concept = get_object_or_404(Concept, vote=vote, pk=concept_id)
    concept.vote = vote
    try:
        services.concept_delete(concept=concept, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Concept removed."))
    return redirect("hubs:surveys:vote_edit", hub_slug=hub.slug, pk=vote.pk)


@login_required
@require_POST
def vote_status(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    vote = selectors.vote_get(hub=hub, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.vote_open(vote=vote, actor=request.user)
            messages.success(request, _("The vote is open."))
        elif action == "close":
            services.vote_close(vote=vote, actor=request.user)
            messages.success(request, _("The vote is closed. The results are public."))
        else:
            return HttpResponse(_("Unknown action."), status=400)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("hubs:surveys:vote_edit", hub_slug=hub.slug, pk=vote.pk)
    return redirect("hubs:surveys:vote", hub_slug=hub.slug, pk=vote.pk)


@require_GET
def concept_image(request: HttpRequest, hub_slug: str, pk: int, concept_id: int) -> HttpResponseBase:
    """A concept's image, shown inline to whoever may see the vote (a draft: its organisers)."""
    hub = hub_get(slug=hub_slug)
    vote = selectors.vote_get(hub=hub, pk=pk)
    require(request.user, "surveys.view_vote", vote)
    concept = selectors.concept_with_image_get(vote=vote, pk=concept_id)
    return inline_image(concept.image, public=is_public("surveys.view_vote", vote))


@require_http_methods(["GET", "POST"])
def vote_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    vote = selectors.vote_get(hub=hub, pk=pk)
    require(request.user, "surveys.view_vote", vote)
    form = BallotForm(request.POST or None, vote=vote)
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                ballot = services.ballot_cast(
                    vote=vote,
                    user=request.user,
                    concept=form.cleaned_data["concept"],
                    wants_to_join=form.cleaned_data.get("wants_to_join", False),
                    groups=request.POST,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you for voting!"))
                if ballot.wants_to_join:
                    messages.info(
                        request,
                        _("We have sent you a link by e-mail. Confirm there to join the project group."),
                    )
                return redirect("hubs:surveys:vote", hub_slug=hub.slug, pk=vote.pk)
        status = 400
    return render(
        request,
        "surveys/vote_detail.html",
        {
            "hub": hub,
            "vote": vote,
            "space": vote.space,
            "form": form,
            "concepts": list(vote.concepts.all()),
            "ballot": selectors.ballot_of(vote=vote, user=request.user),
            "can_edit": request.user.has_perm("surveys.change_vote", vote),
            "can_see_results": request.user.has_perm("surveys.view_vote_results", vote),
            "can_enter": request.user.has_perm("surveys.enter_vote_answers", vote),
            "group_questions": _group_questions(request, hub, request.method == "POST")
            if request.user.is_authenticated
            else [],
            "group_errors": form.errors,
        },
        status=status,
    )


def vote_results(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    vote = selectors.vote_get(hub=hub, pk=pk)
    require(request.user, "surveys.view_vote_results", vote)
    channel = selectors.clean_channel(request.GET.get("channel"))
    results = selectors.vote_results(vote=vote, channel=channel)
    chart = {
        "id": vote.pk,
        "labels": [c["title"] for c in results["concepts"]],
        "values": [c["votes"] for c in results["concepts"]],
        "series": _("Votes"),
    }
    return render(
        request,
        "surveys/vote_results.html",
        {
            "hub": hub,
            "vote": vote,
            "space": vote.space,
            "results": results,
            "charts": [chart],
            "can_edit": request.user.has_perm("surveys.change_vote", vote),
            "channel": channel,
            "channels": selectors.channel_counts(item=vote),
            "breakdowns": selectors.vote_group_breakdowns(vote=vote, channel=channel),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vote_join(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    """The page the confirmation e-mail links to: the voter confirms joining the project group."""
    hub = hub_get(slug=hub_slug)
    vote = selectors.vote_get(hub=hub, pk=pk)
    ballot = selectors.ballot_of(vote=vote, user=request.user)
    if request.method == "POST":
        try:
            services.ballot_confirm_join(vote=vote, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("hubs:surveys:vote", hub_slug=hub.slug, pk=vote.pk)
        messages.success(request, _("Welcome to the project group!"))
        if vote.initiative is not None:
            return redirect(vote.initiative.get_absolute_url())
        return redirect("hubs:surveys:vote", hub_slug=hub.slug, pk=vote.pk)
    return render(
        request,
        "surveys/vote_join.html",
        {"hub": hub, "vote": vote, "ballot": ballot, "space": vote.space},
        status=200 if ballot is not None and ballot.wants_to_join else 404,
    )
