"""Paper and face-to-face answers (C3): batches, the printable paper version with a code per
sheet, and entering a sheet, for surveys (/<hub>/surveys/<pk>/paper/…) and concept votes
(/<hub>/surveys/votes/<pk>/paper/…). Facilitators only (surveys.enter_*_answers)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.core.permissions import require
from apps.hubs.selectors import hub_get
from apps.residents import selectors as resident_selectors
from apps.surveys import selectors, services
from apps.surveys.forms import answers_from_post
from apps.surveys.models import Channel, ConceptVote, Survey
from apps.surveys.sheets import MAX_SHEETS, sheet_code
from apps.surveys.views import _answer_fields

MAX_PRINT = 500


def _item(hub_slug: str, pk: int, is_vote: bool) -> tuple[Any, Survey | ConceptVote, str]:
    hub = hub_get(slug=hub_slug)
    if is_vote:
        return hub, selectors.vote_get(hub=hub, pk=pk), "surveys.enter_vote_answers"
    return hub, selectors.survey_get(hub=hub, pk=pk), "surveys.enter_survey_answers"


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {key: [str(m) for e in value for m in e.messages] for key, value in exc.error_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def _base(is_vote: bool) -> str:
    return "hubs:surveys:vote_paper" if is_vote else "hubs:surveys:paper"


@login_required
@require_http_methods(["GET", "POST"])
def batches(request: HttpRequest, hub_slug: str, pk: int, is_vote: bool = False) -> HttpResponse:
    """The batches entered so far, and a form to start one."""
    hub, item, perm = _item(hub_slug, pk, is_vote)
    require(request.user, perm, item)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        received = parse_date(request.POST.get("received_on", "") or "")
        expected = request.POST.get("expected_sheets", "").strip() or "0"
        try:
            if received is None:
                raise ValidationError({"received_on": _("Give the date as YYYY-MM-DD.")})
            if not expected.isdigit():
                raise ValidationError({"expected_sheets": _("Give a number from 0 to 10 000.")})
            batch = services.batch_create(
                item=item,
                actor=request.user,
                channel=request.POST.get("channel", ""),
                label=request.POST.get("label", ""),
                received_on=received,
                expected_sheets=int(expected[:6]),
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Batch started. Enter its sheets one by one."))
            return redirect(f"{_base(is_vote)}_enter", hub_slug=hub.slug, pk=item.pk, batch_id=batch.pk)
    return render(
        request,
        "surveys/paper_batches.html",
        {
            "hub": hub,
            "item": item,
            "is_vote": is_vote,
            "batches": selectors.batches_of(item=item),
            "channels": [(k, v) for k, v in Channel.choices if k != Channel.ONLINE],
            "errors": errors,
            "posted": request.POST,
            "today": timezone.localdate().isoformat(),
        },
        status=400 if errors else 200,
    )


@login_required
@require_GET
def print_sheets(request: HttpRequest, hub_slug: str, pk: int, is_vote: bool = False) -> HttpResponse:
    """The printable paper version: one sheet per page, each with its own code."""
    hub, item, perm = _item(hub_slug, pk, is_vote)
    require(request.user, perm, item)

    def number(name: str, default: int) -> int:
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() and len(value) < 6 else default

    start = max(1, min(number("start", 1), MAX_SHEETS))
    count = max(1, min(number("sheets", 10), MAX_PRINT, MAX_SHEETS - start + 1))
    kind = "v" if is_vote else "s"
    codes = [sheet_code(kind, item.pk, n) for n in range(start, start + count)]
    context: dict[str, Any] = {
        "hub": hub,
        "item": item,
        "is_vote": is_vote,
        "codes": codes,
        "start": start,
        "count": count,
        "max_print": MAX_PRINT,
        "group_questions": resident_selectors.active_questions(hub=hub),
    }
    if is_vote:
        context["concepts"] = list(item.concepts.all())  # type: ignore[union-attr]
    else:
        context["questions"] = list(item.questions.all())  # type: ignore[union-attr]
    return render(request, "surveys/paper_print.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def enter(request: HttpRequest, hub_slug: str, pk: int, batch_id: int, is_vote: bool = False) -> HttpResponse:
    """Enter one sheet (or one workshop/interview answer) into a batch."""
    hub, item, perm = _item(hub_slug, pk, is_vote)
    require(request.user, perm, item)
    batch = selectors.batch_get(item=item, pk=batch_id)
    group_questions = resident_selectors.active_questions(hub=hub)
    errors: dict[str, list[str]] = {}
    raw: dict[int, Any] = {}
    questions = [] if is_vote else list(item.questions.all())  # type: ignore[union-attr]
    concepts = list(item.concepts.all()) if is_vote else []  # type: ignore[union-attr]
    if request.method == "POST":
        groups = {q.field: request.POST.get(q.field, "") for q in group_questions}
        try:
            if is_vote:
                concept_id = request.POST.get("concept", "")
                concept = next((c for c in concepts if str(c.pk) == concept_id), None)
                services.ballot_enter(
                    batch=batch,
                    actor=request.user,
                    concept=concept,
                    sheet_code=request.POST.get("sheet_code", ""),
                    groups=groups,
                )
            else:
                raw = answers_from_post(questions, request.POST)
                services.sheet_enter(
                    batch=batch,
                    actor=request.user,
                    answers=raw,
                    sheet_code=request.POST.get("sheet_code", ""),
                    groups=groups,
                )
        except ValidationError as exc:
            errors = _errors(exc)
            for question in group_questions:
                question.answer = request.POST.get(question.field, "")
        else:
            messages.success(request, _("Saved. Enter the next one."))
            return redirect(f"{_base(is_vote)}_enter", hub_slug=hub.slug, pk=item.pk, batch_id=batch.pk)
    entered = batch.ballots.count() if is_vote else batch.responses.count()
    return render(
        request,
        "surveys/paper_enter.html",
        {
            "hub": hub,
            "item": item,
            "is_vote": is_vote,
            "batch": batch,
            "entered": entered,
            "fields": _answer_fields(questions, raw, errors),
            "concepts": concepts,
            "errors": errors,
            "group_questions": group_questions,
            "group_errors": errors,
            "paper": True,
            "posted": request.POST,
        },
        status=400 if errors else 200,
    )
