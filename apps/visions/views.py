"""Shared vision pages. Views parse the request, call a selector or a service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.models import User
from apps.core.forms import add_service_errors
from apps.core.pagination import paginate
from apps.core.permissions import require
from apps.hubs.selectors import hub_get
from apps.organisations.models import Organisation
from apps.participation.spaces import space_from_key
from apps.visions import selectors, services
from apps.visions.diff import diff_texts
from apps.visions.forms import CoauthorForm, CommentForm, VersionForm, VisionCreateForm, VisionEditForm


def vision_list(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    page = paginate(request, selectors.visions(hub=hub), per_page=12)
    space = space_from_key(hub, "hub")
    return render(
        request, "visions/vision_list.html", {"hub": hub, "page": page, "space": space, "all": True}
    )


def space_list(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    space = space_from_key(hub, space_key)
    page = paginate(request, selectors.visions(hub=hub, space=space), per_page=12)
    return render(
        request, "visions/vision_list.html", {"hub": hub, "page": page, "space": space, "all": False}
    )


@login_required
@require_http_methods(["GET", "POST"])
def vision_create(request: HttpRequest, hub_slug: str, space_key: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    space = space_from_key(hub, space_key)
    require(request.user, "visions.add_vision", space)
    form = VisionCreateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                vision = services.vision_create(space=space, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The vision is saved as version 1."))
                return redirect(vision.get_absolute_url())
        status = 400
    return render(
        request, "visions/vision_form.html", {"hub": hub, "space": space, "form": form}, status=status
    )


def vision_detail(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    vision = selectors.vision_get(hub=hub, pk=pk)
    versions = list(vision.versions.all())
    return render(
        request,
        "visions/vision_detail.html",
        {
            "hub": hub,
            "vision": vision,
            "versions": versions,
            "latest": versions[0] if versions else None,
            "endorsers": selectors.endorsing_organisations(vision),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vision_edit(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    vision = selectors.vision_get(hub=hub, pk=pk)
    require(request.user, "visions.change_vision", vision)
    form = VisionEditForm(request.POST or None, initial={"title": vision.title, "status": vision.status})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.vision_update(vision=vision, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The vision is updated."))
                return redirect(vision.get_absolute_url())
        status = 400
    return render(
        request,
        "visions/vision_edit.html",
        {"hub": hub, "vision": vision, "form": form, "coauthor_form": CoauthorForm(hub=hub, prefix="co")},
        status=status,
    )


@login_required
@require_POST
def coauthors(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    vision = selectors.vision_get(hub=hub, pk=pk)
    require(request.user, "visions.change_vision", vision)
    remove = request.POST.get("remove")
    if remove:
        if not remove.isdigit():
            return HttpResponse(_("Choose a person."), status=400)
        user = get_object_or_404(User, pk=int(remove))
        services.coauthor_remove(vision=vision, actor=request.user, user=user)
        messages.success(request, _("%(name)s is no longer a co-author.") % {"name": user.display_name})
        return redirect("hubs:visions:edit", hub_slug=hub.slug, pk=vision.pk)
    form = CoauthorForm(request.POST, hub=hub, prefix="co")
    if form.is_valid():
        try:
            services.coauthor_add(vision=vision, actor=request.user, user=form.cleaned_data["user"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s is now a co-author.") % {"name": form.cleaned_data["user"].display_name}
            )
            return redirect("hubs:visions:edit", hub_slug=hub.slug, pk=vision.pk)
    edit_form = VisionEditForm(initial={"title": vision.title, "status": vision.status})
    return render(
        request,
        "visions/vision_edit.html",
        {"hub": hub, "vision": vision, "form": edit_form, "coauthor_form": form},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request: HttpRequest, hub_slug: str, pk: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    vision = selectors.vision_get(hub=hub, pk=pk)
    require(request.user, "visions.add_version", vision)
    latest = next(iter(vision.versions.all()), None)
    initial = {"text": latest.text if latest else "", "based_on": latest.number if latest else None}
    form = VersionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                version = services.version_create(
                    vision=vision,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    note=form.cleaned_data["note"],
                    based_on=form.cleaned_data["based_on"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Version %(number)d is saved.") % {"number": version.number})
                return redirect(version.get_absolute_url())
        status = 400
    return render(
        request,
        "visions/version_form.html",
        {"hub": hub, "vision": vision, "latest": latest, "form": form},
        status=status,
    )


def _version_context(request: HttpRequest, hub_slug: str, pk: int, number: int) -> dict:  # type: ignore[type-arg]
    hub = hub_get(slug=hub_slug)
    vision = selectors.vision_get(hub=hub, pk=pk)
    version = selectors.version_get(vision=vision, number=number)
    previous = selectors.previous_version(version)
    return {
        "hub": hub,
        "vision": vision,
        "version": version,
        "previous": previous,
        "latest_number": max((v.number for v in vision.versions.all()), default=0),
        "diff": diff_texts(previous.text, version.text) if previous else None,
        "comment_form": CommentForm(),
        "endorsable": services.endorsable_organisations(version=version, user=request.user),
    }


def version_detail(request: HttpRequest, hub_slug: str, pk: int, number: int) -> HttpResponse:
    return render(request, "visions/version_detail.html", _version_context(request, hub_slug, pk, number))


@login_required
@require_POST
def comment(request: HttpRequest, hub_slug: str, pk: int, number: int) -> HttpResponse:
    context = _version_context(request, hub_slug, pk, number)
    version = context["version"]
    require(request.user, "visions.comment_version", version)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_create(version=version, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your comment is posted."))
            return redirect(version.get_absolute_url() + "#comments")
    context["comment_form"] = form
    return render(request, "visions/version_detail.html", context, status=400)


@login_required
@require_POST
def endorse(request: HttpRequest, hub_slug: str, pk: int, number: int) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    vision = selectors.vision_get(hub=hub, pk=pk)
    version = selectors.version_get(vision=vision, number=number)
    raw = request.POST.get("organisation", "")
    if not raw.isdigit():
        return HttpResponse(_("Choose the organisation you endorse for."), status=400)
    organisation = get_object_or_404(Organisation, pk=int(raw))
    try:
        services.endorse(version=version, actor=request.user, organisation=organisation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        context = _version_context(request, hub_slug, pk, number)
        return render(request, "visions/version_detail.html", context, status=400)
    messages.success(
        request,
        _("%(name)s endorses version %(number)d.") % {"name": organisation.name, "number": version.number},
    )
    return redirect(version.get_absolute_url() + "#endorsements")
