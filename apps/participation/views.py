"""Participation pages: ideas and comments in a space, support, reports, moderation, the audit
log and the input summary. Views parse the request, call a selector or a service, and render.

Every POST is rate limited per user (or address) with PARTICIPATION_RATE; over the limit the
answer is the translated 429 page.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from apps.core.forms import add_service_errors
from apps.core.pagination import paginate_keyset
from apps.core.permissions import require
from apps.hubs.selectors import hub_get
from apps.hubs.versions import audience, hub_cached
from apps.participation import selectors, services
from apps.participation.forms import CommentForm, IdeaForm, ModerationForm, ReportForm
from apps.participation.models import Idea, Report
from apps.participation.spaces import Space, space_from_key
from apps.participation.summary import by_group
from apps.participation.summary import summary as build_summary

SORT_LABELS = {
    "new": gettext_lazy("Newest"),
    "supported": gettext_lazy("Most supported"),
    "discussed": gettext_lazy("Most discussed"),
}


def _rate(group: str, request: HttpRequest) -> str:
    return settings.PARTICIPATION_RATE


def rate_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Limit a view's POSTs per user or address; over the limit, a translated 429 page."""

    @ratelimit(group="participation:input", key="user_or_ip", rate=_rate, method="POST", block=False)
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request, "limited", False):
            return render(request, "429.html", status=429)
        return view(request, *args, **kwargs)

    return wrapped


def _space(hub_slug: str, space_key: str) -> Space:
    return space_from_key(hub_get(slug=hub_slug), space_key)


def _sort(request: HttpRequest) -> str:
    sort = request.GET.get("sort", "new")
    return sort if sort in selectors.SORTS else "new"


# Ideas ----------------------------------------------------------------------------------


def _list_context(request: HttpRequest, space: Space, form: IdeaForm | None) -> dict[str, Any]:
    sort = _sort(request)
    ideas = selectors.idea_list(space=space, viewer=request.user, sort=sort)
    can_moderate = request.user.has_perm("participation.moderate", space)  # type: ignore[arg-type]
    # Who sees which ideas: moderators all, an author also their own hidden ones, others the visible.
    viewer = "moderator" if can_moderate else audience(space.hub, request.user)
    page = paginate_keyset(
        request,
        ideas,
        per_page=20,
        count=lambda: hub_cached(space.hub, "count:idea_list", space.key, viewer, compute=ideas.count),
    )
    return {
        "hub": space.hub,
        "space": space,
        "page": page,
        "sort": sort,
        "sorts": [(key, str(label)) for key, label in SORT_LABELS.items()],
        "form": form or IdeaForm(),
        "can_moderate": can_moderate,
        "can_view_moderation": request.user.has_perm("participation.view_moderation", space.hub),
    }


@rate_limited
@require_http_methods(["GET", "POST"])
def idea_list(request: HttpRequest, hub_slug: str, space_key: str = "hub") -> HttpResponse:
    space = _space(hub_slug, space_key)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = IdeaForm(request.POST)
        if form.is_valid():
            try:
                idea = services.idea_create(space=space, author=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you! Your idea is published."))
                return redirect(idea.get_absolute_url())
        return render(
            request, "participation/idea_list.html", _list_context(request, space, form), status=400
        )
    return render(request, "participation/idea_list.html", _list_context(request, space, None))


def _detail_context(request: HttpRequest, space: Space, idea: Idea, **forms: Any) -> dict[str, Any]:
    user = request.user
    can_moderate = user.has_perm("participation.moderate", idea)
    comments = selectors.comment_list(idea=idea)
    for comment in comments:
        comment.idea = idea  # the tree shares the idea already loaded
        comment.show_body = (  # type: ignore[attr-defined]
            not comment.hidden or can_moderate or (user.is_authenticated and comment.author_id == user.pk)
        )
    return {
        "hub": space.hub,
        "space": space,
        "idea": idea,
        "show_idea": not idea.is_hidden or user.has_perm("participation.view_hidden", idea),
        "can_moderate": can_moderate,
        "tree": selectors.comment_tree(idea=idea, comments=comments),
        "reported": selectors.viewer_open_reports(idea=idea, viewer=user),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "report_form": forms.get("report_form") or ReportForm(),
        "moderation_form": forms.get("moderation_form") or ModerationForm(),
        "reply_to": forms.get("reply_to"),
    }


@require_GET
def idea_detail(request: HttpRequest, hub_slug: str, space_key: str, pk: int) -> HttpResponse:
    space = _space(hub_slug, space_key)
    idea = selectors.idea_get(space=space, pk=pk, viewer=request.user)
    return render(request, "participation/idea_detail.html", _detail_context(request, space, idea))


@rate_limited
@login_required
@require_POST
def comment_create(request: HttpRequest, hub_slug: str, space_key: str, pk: int) -> HttpResponse:
    space = _space(hub_slug, space_key)
    idea = selectors.idea_get(space=space, pk=pk, viewer=request.user)
    form = CommentForm(request.POST)
    if form.is_valid():
        parent_id = form.cleaned_data.get("parent")
        parent = selectors.comment_get(idea=idea, pk=parent_id) if parent_id else None
        try:
            comment = services.comment_create(
                idea=idea, author=request.user, body=form.cleaned_data["body"], parent=parent
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(f"{idea.get_absolute_url()}#comment-{comment.pk}")
    context = _detail_context(request, space, idea, comment_form=form, reply_to=request.POST.get("parent"))
    return render(request, "participation/idea_detail.html", context, status=400)


@rate_limited
@login_required
@require_POST
def support(request: HttpRequest, hub_slug: str, space_key: str, pk: int) -> HttpResponse:
    """Support an idea (`action=support`, the default) or withdraw it (`action=withdraw`)."""
    space = _space(hub_slug, space_key)
    idea = selectors.idea_get(space=space, pk=pk, viewer=request.user)
    try:
        if request.POST.get("action") == "withdraw":
            services.support_withdraw(idea=idea, user=request.user)
            messages.success(request, _("You no longer support this idea."))
        else:
            services.support_add(idea=idea, user=request.user)
            messages.success(request, _("Thank you for your support!"))
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    target = request.POST.get("next", "")
    if target.startswith(f"/{space.hub.slug}/ideas/") and "//" not in target:
        return redirect(target)
    return redirect(f"{idea.get_absolute_url()}#support")


@rate_limited
@login_required
@require_POST
def report(request: HttpRequest, hub_slug: str, space_key: str, pk: int) -> HttpResponse:
    space = _space(hub_slug, space_key)
    idea = selectors.idea_get(space=space, pk=pk, viewer=request.user)
    form = ReportForm(request.POST)
    if form.is_valid():
        comment_id = form.cleaned_data.get("comment")
        target = selectors.comment_get(idea=idea, pk=comment_id) if comment_id else idea
        try:
            services.report_create(target=target, reporter=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you. The moderators will look at it."))
            anchor = f"#comment-{comment_id}" if comment_id else ""
            return redirect(f"{idea.get_absolute_url()}{anchor}")
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    context = _detail_context(request, space, idea, report_form=form)
    return render(request, "participation/idea_detail.html", context, status=400)


@rate_limited
@login_required
@require_POST
def moderate(request: HttpRequest, hub_slug: str, space_key: str, pk: int) -> HttpResponse:
    """Hide or show an idea, or one of its comments (`comment=<id>`)."""
    space = _space(hub_slug, space_key)
    idea = selectors.idea_get(space=space, pk=pk, viewer=request.user)
    require(request.user, "participation.moderate", idea)
    form = ModerationForm(request.POST)
    if form.is_valid() and form.cleaned_data["action"] in {"hide", "unhide"}:
        comment_id = form.cleaned_data.get("comment")
        comment = selectors.comment_get(idea=idea, pk=comment_id) if comment_id else None
        reason, hide = form.cleaned_data["reason"], form.cleaned_data["action"] == "hide"
        try:
            if comment is not None:
                if hide:
                    services.comment_hide(comment=comment, actor=request.user, reason=reason)
                else:
                    services.comment_unhide(comment=comment, actor=request.user, reason=reason)
            elif hide:
                services.idea_hide(idea=idea, actor=request.user, reason=reason)
            else:
                services.idea_unhide(idea=idea, actor=request.user, reason=reason)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Hidden. The reason is shown in its place.") if hide else _("Shown again.")
            )
            return redirect(f"{idea.get_absolute_url()}{f'#comment-{comment_id}' if comment_id else ''}")
    messages.error(
        request,
        " ".join(str(e) for errors in form.errors.values() for e in errors) or _("Choose what to do."),
    )
    idea = selectors.idea_get(space=space, pk=pk, viewer=request.user)
    context = _detail_context(request, space, idea, moderation_form=form)
    return render(request, "participation/idea_detail.html", context, status=400)


# Moderation queue and audit log ------------------------------------------------------------


@login_required
@require_GET
def moderation_queue(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "participation.view_moderation", hub)
    return render(
        request,
        "participation/moderation.html",
        {
            "hub": hub,
            "groups": selectors.open_report_groups(hub=hub),
            "can_decide": request.user.has_perm("participation.moderate", hub),
            "can_view_log": request.user.has_perm("hubs.view_audit_log", hub),
        },
    )


@rate_limited
@login_required
@require_POST
def report_decide(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    report = get_object_or_404(
        Report.objects.select_related("idea", "idea__hub", "idea__initiative", "idea__area", "comment"),
        idea__hub=hub,
        pk=pk,
    )
    require(request.user, "participation.decide_report", report)
    form = ModerationForm(request.POST)
    if form.is_valid() and form.cleaned_data["action"] in {"hide", "dismiss"}:
        try:
            if form.cleaned_data["action"] == "hide":
                services.report_hide(report=report, actor=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("Hidden. The reason is shown in its place."))
            else:
                services.report_dismiss(report=report, actor=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("The report was dismissed; the content stays."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("hubs:participation:moderation", hub_slug=hub.slug)
    messages.error(
        request,
        " ".join(str(e) for errors in form.errors.values() for e in errors) or _("Choose what to do."),
    )
    return render(
        request,
        "participation/moderation.html",
        {
            "hub": hub,
            "groups": selectors.open_report_groups(hub=hub),
            "can_decide": request.user.has_perm("participation.moderate", hub),
            "can_view_log": request.user.has_perm("hubs.view_audit_log", hub),
        },
        status=400,
    )


# Summary --------------------------------------------------------------------------------


@require_GET
def summary(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    space = _space(hub_slug, space_key)
    return render(
        request,
        "participation/summary.html",
        {"hub": space.hub, "space": space, "ctx": build_summary(space), "groups": by_group(space)},
    )
