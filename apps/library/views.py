"""Library pages: search, entries, case studies, courses, feeds followed, and the hub's open
ActivityStreams feed. Views parse the request, call a selector or a service, and render."""

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.hubs.selectors import hub_get
from apps.initiatives.selectors import initiative_get
from apps.library import feed as feed_format
from apps.library import selectors, services
from apps.library.fetch import FeedError
from apps.library.forms import CourseForm, EntryForm, LessonForm, SearchForm, SubscriptionForm
from apps.library.models import Entry

PER_PAGE = 20


def index(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    form = SearchForm(request.GET or None)
    q = kind = ""
    if form.is_valid():
        q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    page = paginate(request, selectors.search(hub=hub, q=q, kind=kind), per_page=PER_PAGE)
    return render(
        request,
        "library/index.html",
        {
            "hub": hub,
            "form": form,
            "q": q,
            "kind": kind,
            "page": page,
            "entries": list(page.object_list),
            "waiting": list(selectors.waiting_entries(hub=hub, user=request.user)[:20]),
            "can_add": request.user.has_perm("library.add_entry", hub),
            "can_feeds": request.user.has_perm("library.manage_feeds", hub),
            "feed_url": request.build_absolute_uri(f"/{hub.slug}/library/feed/"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "library.add_entry", hub)
    form = EntryForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(
                actor=request.user, hub=hub, publish="publish" in request.POST, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved in the library."))
            return redirect(entry.get_absolute_url())
    is_lead = request.user.has_perm("library.publish_entry", hub)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "library/entry_form.html",
        {"hub": hub, "form": form, "is_lead": is_lead, "entry": None},
        status=status,
    )


def entry_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    entry = selectors.entry_get(hub=hub, pk=pk, user=request.user)
    user = request.user
    return render(
        request,
        "library/entry_detail.html",
        {
            "hub": hub,
            "entry": entry,
            "can_change": user.has_perm("library.change_entry", entry),
            "can_publish": not entry.is_case_study
            and not entry.is_published
            and user.has_perm("library.publish_entry", entry),
            "can_approve": entry.is_case_study
            and not entry.is_published
            and user.has_perm("library.approve_case_study", entry),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    entry = selectors.entry_get(hub=hub, pk=pk, user=request.user)
    require(request.user, "library.change_entry", entry)
    initial = {field: getattr(entry, field) for field in services.EDITABLE}
    form = EntryForm(request.POST or None, initial=initial, case_study=entry.is_case_study)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(
                actor=request.user, entry=entry, propose="propose" in request.POST, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(entry.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "library/entry_form.html",
        {
            "hub": hub,
            "form": form,
            "entry": entry,
            "is_lead": request.user.has_perm("library.publish_entry", hub),
        },
        status=status,
    )


def _post_action(request: HttpRequest, hub_slug: str, pk: int, action: Any, done: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    entry = selectors.entry_get(hub=hub, pk=pk, user=request.user)
    try:
        action(actor=request.user, entry=entry)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(
            request, "library/refused.html", {"hub": hub, "entry": entry, "error": error}, status=400
        )
    messages.success(request, done)
    return redirect(entry.get_absolute_url())


@login_required
@require_POST
def entry_publish(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    return _post_action(request, hub_slug, pk, services.entry_publish, _("Published in the library."))


@login_required
@require_POST
def case_study_approve(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    return _post_action(request, hub_slug, pk, services.case_study_approve, _("Approved and published."))


@login_required
@require_POST
def entry_accept_origin(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    return _post_action(
        request, hub_slug, pk, services.entry_accept_origin, _("The origin's version is used now.")
    )


@login_required
@require_POST
def case_study_draft(request: HttpRequest, hub_slug: str, initiative_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    initiative = initiative_get(hub=hub, slug=initiative_slug)
    try:
        entry = services.case_study_draft(actor=request.user, initiative=initiative)
    except ValidationError as error:
        return render(request, "library/refused.html", {"hub": hub, "error": error}, status=400)
    messages.success(
        request, _("A draft case study was made from the initiative's record. Edit it, then approve it.")
    )
    return redirect(f"{entry.get_absolute_url()}edit/")


# The feed ------------------------------------------------------------------------------------


def feed(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """The hub's public entries and case studies as an ActivityStreams 2.0 OrderedCollection;
    `?page=n` is one OrderedCollectionPage."""
    hub = hub_get(slug=hub_slug)
    raw = request.GET.get("page")
    page: int | None = None
    if raw is not None:
        page = int(raw) if raw.isdigit() and 0 < int(raw) < 100000 else 0
    entries = selectors.feed_entries(hub=hub)
    if page == 0:
        body: dict[str, Any] = {"detail": _("There is no such page.")}
        return HttpResponse(json.dumps(body), status=404, content_type=feed_format.CONTENT_TYPE)
    base = request.build_absolute_uri("/").rstrip("/")
    body = feed_format.collection(hub=hub, base=base, feed_path=request.path, entries=entries, page=page)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type=f"{feed_format.CONTENT_TYPE}; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


# Courses ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def course_list(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    can_manage = request.user.has_perm("library.manage_course", hub)
    form = (
        CourseForm(request.POST or None, initial={"language": request.LANGUAGE_CODE}) if can_manage else None
    )
    if request.method == "POST":
        require(request.user, "library.manage_course", hub)
        assert form is not None
        if form.is_valid():
            try:
                course = services.course_create(actor=request.user, hub=hub, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(course.get_absolute_url())
    page = paginate(request, selectors.courses(hub=hub, user=request.user), per_page=PER_PAGE)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "library/course_list.html",
        {"hub": hub, "page": page, "courses": list(page.object_list), "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def course_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    course = selectors.course_get(hub=hub, pk=pk, user=request.user)
    can_manage = request.user.has_perm("library.manage_course", course)
    form = LessonForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(request.user, "library.manage_course", course)
        assert form is not None
        if form.is_valid():
            try:
                services.lesson_add(actor=request.user, course=course, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Lesson added."))
                return redirect(course.get_absolute_url())
    lessons = selectors.lessons(course)
    done, progress = selectors.progress(course=course, user=request.user)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "library/course_detail.html",
        {
            "hub": hub,
            "course": course,
            "lessons": lessons,
            "done": done,
            "progress": progress,
            "done_count": len(done),
            "form": form,
            "can_manage": can_manage,
        },
        status=status,
    )


@login_required
@require_POST
def course_publish(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    course = selectors.course_get(hub=hub, pk=pk, user=request.user)
    try:
        services.course_publish(
            actor=request.user, course=course, published=request.POST.get("published") != "0"
        )
    except ValidationError as error:
        return render(request, "library/refused.html", {"hub": hub, "error": error}, status=400)
    return redirect(course.get_absolute_url())


@require_http_methods(["GET", "POST"])
def lesson_detail(request: HttpRequest, hub_slug: str, pk: int, position: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    course = selectors.course_get(hub=hub, pk=pk, user=request.user)
    lesson = selectors.lesson_get(course=course, position=position)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{settings.LOGIN_URL}?next={request.path}")
        progress = services.lesson_done(actor=request.user, lesson=lesson)
        if progress.finished_at:
            messages.success(request, _("You have finished the course."))
            return redirect(course.get_absolute_url())
        following = course.lessons.filter(position__gt=position).order_by("position").first()
        return redirect(
            f"{course.get_absolute_url()}{following.position}/" if following else course.get_absolute_url()
        )
    lessons = selectors.lessons(course)
    done, _progress = selectors.progress(course=course, user=request.user)
    return render(
        request,
        "library/lesson_detail.html",
        {
            "hub": hub,
            "course": course,
            "lesson": lesson,
            "is_done": lesson.pk in done,
            "previous": next((item for item in reversed(lessons) if item.position < position), None),
            "following": next((item for item in lessons if item.position > position), None),
        },
    )


# Feeds followed --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "library.manage_feeds", hub)
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_add(actor=request.user, hub=hub, feed_url=form.cleaned_data["feed_url"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The hub follows the feed now; its entries were imported."))
            return redirect("hubs:library:subscriptions", hub.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "library/subscriptions.html",
        {"hub": hub, "form": form, "subscriptions": list(selectors.subscriptions(hub=hub))},
        status=status,
    )


@login_required
@require_POST
def subscription_refresh(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "library.manage_feeds", hub)
    subscription = selectors.subscription_get(hub=hub, pk=pk)
    try:
        result = services.subscription_refresh(actor=request.user, subscription=subscription)
    except FeedError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("hubs:library:subscriptions", hub.slug)
    messages.success(
        request,
        _("%(created)s new, %(updated)s updated, %(kept)s kept with your local edit.")
        % {"created": result.created, "updated": result.updated, "kept": result.kept_local},
    )
    return redirect("hubs:library:subscriptions", hub.slug)


@login_required
@require_POST
def subscription_remove(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    require(request.user, "library.manage_feeds", hub)
    services.subscription_remove(actor=request.user, subscription=selectors.subscription_get(hub=hub, pk=pk))
    messages.success(request, _("The hub no longer follows the feed; what was imported stays."))
    return redirect("hubs:library:subscriptions", hub.slug)


__all__ = ["Entry"]
