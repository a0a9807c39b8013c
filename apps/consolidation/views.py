"""Pages of consolidation: the stewards' review queue and their decisions on a pair."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.hubs.selectors import hub_get

from . import selectors, services
from .forms import CollaborationForm, DismissForm, MergeForm
from .models import PairStatus

TABS = [PairStatus.OPEN, PairStatus.DISMISSED, PairStatus.MERGED]


@login_required
def queue(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "consolidation.review_overlaps", hub)
    status = request.GET.get("status", PairStatus.OPEN)
    if status not in TABS:
        status = PairStatus.OPEN
    page = paginate(request, selectors.overlap_queue(hub=hub, status=status), per_page=20)
    return render(
        request,
        "consolidation/queue.html",
        {
            "hub": hub,
            "page": page,
            "status": status,
            "tabs": [(s, PairStatus(s).label) for s in TABS],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pair_detail(request: HttpRequest, hub_slug: str, pair_id: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    pair = selectors.pair_get(hub=hub, pair_id=pair_id)
    require(request.user, "consolidation.review_overlaps", pair)
    dismiss_form, collaboration_form, merge_form = DismissForm(), CollaborationForm(), MergeForm(pair=pair)
    status = 200
    problems: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "dismiss":
                dismiss_form = DismissForm(request.POST)
                if dismiss_form.is_valid():
                    services.pair_dismiss(
                        pair=pair, actor=request.user, reason=dismiss_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("The pair was dismissed; it will not be proposed again."))
                    return redirect("hubs:consolidation:queue", hub.slug)
            elif action == "collaborate":
                collaboration_form = CollaborationForm(request.POST)
                if collaboration_form.is_valid():
                    services.pair_propose_collaboration(
                        pair=pair, actor=request.user, message=collaboration_form.cleaned_data["message"]
                    )
                    messages.success(request, _("Both teams have been told."))
                    return redirect("hubs:consolidation:pair", hub.slug, pair.pk)
            elif action == "merge":
                merge_form = MergeForm(request.POST, pair=pair)
                if merge_form.is_valid():
                    into_id = int(merge_form.cleaned_data["survivor"])
                    into, merged = (
                        (pair.first, pair.second) if into_id == pair.first_id else (pair.second, pair.first)
                    )
                    services.initiative_merge(
                        hub=hub, merged=merged, into=into, actor=request.user, pair=pair
                    )
                    messages.success(
                        request, _("“%(a)s” was merged into “%(b)s”.") % {"a": merged.title, "b": into.title}
                    )
                    return redirect(into.get_absolute_url())
        except ValidationError as error:
            form = {"dismiss": dismiss_form, "collaborate": collaboration_form, "merge": merge_form}.get(
                action or "", dismiss_form
            )
            add_service_errors(form, error)
            problems = error.messages
        status = 400
    return render(
        request,
        "consolidation/pair_detail.html",
        {
            "hub": hub,
            "pair": pair,
            "dismiss_form": dismiss_form,
            "collaboration_form": collaboration_form,
            "merge_form": merge_form,
            "problems": problems,
        },
        status=status,
    )
